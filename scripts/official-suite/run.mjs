#!/usr/bin/env node
// Runs the official taskcluster-client test suite (its `clients/client/test/` folder, never
// committed here) against our default export: mocha's TDD interface as upstream runs it, the
// tests' nock interceptors served by a global undici MockAgent (nock.mjs), and a sandbox
// deployment standing in for the live deployment some tests call.
//
//   npm run compat:official -- <path-to-upstream-test-dir> [--grep <pattern>] [--list-failures]
import { register } from 'node:module';
import { readdirSync } from 'node:fs';
import { resolve as resolvePath, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--grep');
if (!dir) {
  console.error('usage: npm run compat:official -- <upstream clients/client/test dir> [--grep re]');
  process.exit(2);
}
const grep = args.includes('--grep') ? args[args.indexOf('--grep') + 1] : undefined;
const testDir = pathToFileURL(resolvePath(dir) + '/').href;
register('./loader.mjs', import.meta.url, {
  data: { testDir, repoUrl: new URL('../../package.json', import.meta.url).href },
});

const { default: nock } = await import('./nock.mjs'); // installs the global MockAgent first
const { startDeployment } = await import('./deployment.mjs');
const { default: Mocha } = await import('mocha');

const deployment = await startDeployment();
process.env.TASKCLUSTER_ROOT_URL = deployment.rootUrl;
process.env.TASKCLUSTER_CLIENT_ID = deployment.credentials.clientId;
process.env.TASKCLUSTER_ACCESS_TOKEN = deployment.credentials.accessToken;

const mocha = new Mocha({ ui: 'tdd', timeout: 10_000, reporter: 'dot', ...(grep ? { grep } : {}) });
for (const file of readdirSync(resolvePath(dir))
  .filter((f) => f.endsWith('_test.js'))
  .sort())
  mocha.addFile(join(resolvePath(dir), file));
// The run's environment names the sandbox before every test, as a CI job's exported variables
// would: one upstream test deletes TASKCLUSTER_ROOT_URL and the next falls back to a live
// deployment when it is missing, and this run has no network.
mocha.rootHooks({
  beforeEach() {
    process.env.TASKCLUSTER_ROOT_URL ??= deployment.rootUrl;
  },
});
await mocha.loadFilesAsync();

const failed = [];
const counts = { passed: 0, failed: 0, pending: 0 };
const runner = mocha.run(async () => {
  await deployment.close();
  console.log(
    `\nofficial suite on taskcluster-dynamic: ${counts.passed} passed, ${counts.failed} failed, ${counts.pending} pending`,
  );
  for (const { title, message } of failed) console.log(`  ✗ ${title}\n      ${message}`);
  void nock;
  process.exit(counts.failed ? 1 : 0);
});
runner.on('pass', () => counts.passed++);
runner.on('pending', () => counts.pending++);
runner.on('fail', (test, err) => {
  counts.failed++;
  failed.push({ title: test.fullTitle(), message: String(err?.message ?? err).split('\n')[0] });
});
