// Bundles as users make them, with budgets: a single-file Node bundle (ESM and CJS, the way a
// GitHub Action or a Lambda ships) run from a folder with no node_modules, and the browser
// bundle of createClient with the queue reference, minified and gzipped.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureBuilt } from '../cli/helpers/run-cli.js';
import { bundle, gzipSize, linkedProject } from '../support/bundle.js';

/** The browser bundle budget, minified and gzipped (README, "Budgets"). */
export const BROWSER_BUNDLE_BUDGET = 60 * 1024;

// esbuild's documented banner for ESM bundles that contain CommonJS packages (undici): their
// require() of node: modules needs a real require.
const ESM_REQUIRE_BANNER =
  "import { createRequire as __tcdynRequire } from 'node:module'; const require = __tcdynRequire(import.meta.url);";

const NODE_ENTRY = `
import { createClient, slugId } from 'taskcluster-dynamic';
const queue = createClient('queue', {
  rootUrl: 'https://tc.example.com',
  credentials: { clientId: 'me', accessToken: 'secret' },
});
const events = createClient('queue-events', { rootUrl: 'https://tc.example.com' });
console.log(JSON.stringify({
  methods: Object.keys(queue).length,
  signed: queue.buildSignedUrl(queue.task, 'abc'),
  pattern: events.taskDefined({ taskId: 'abc' }).routingKeyPattern,
  slug: slugId().length,
}));
`;

let project: string;
let elsewhere: string;
beforeAll(async () => {
  await ensureBuilt();
  project = linkedProject();
  elsewhere = mkdtempSync(join(tmpdir(), 'tcdyn-elsewhere-'));
  writeFileSync(join(project, 'node-entry.mjs'), NODE_ENTRY);
  writeFileSync(
    join(project, 'browser-entry.mjs'),
    "import { createClient } from 'taskcluster-dynamic';\nglobalThis.queue = createClient('queue', { rootUrl: location.origin });\n",
  );
}, 300_000);
afterAll(() => {
  for (const dir of [project, elsewhere]) rmSync(dir, { recursive: true, force: true });
});

describe('a single-file Node bundle', () => {
  it.each([
    ['esm', 'bundle.mjs', { banner: { js: ESM_REQUIRE_BANNER } }],
    ['cjs', 'bundle.cjs', {}],
  ] as const)('runs from a folder without node_modules (%s)', async (format, file, extra) => {
    const code = await bundle(project, 'node-entry.mjs', { platform: 'node', format, ...extra });
    writeFileSync(join(elsewhere, file), code);
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [file], {
      cwd: elsewhere,
    });
    expect(stderr).toBe('');
    const out = JSON.parse(stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      pattern: 'primary.abc.*.*.*.*.*.*.*.#',
      slug: 22,
    });
    expect(out['methods']).toBeGreaterThan(40);
    expect(out['signed']).toMatch(/^https:\/\/tc\.example\.com\/api\/queue\/v1\/task\/abc\?bewit=/);
  });
});

describe('the browser bundle', () => {
  it(`of createClient with the queue reference is at most ${String(BROWSER_BUNDLE_BUDGET / 1024)} KB minified and gzipped`, async () => {
    const code = await bundle(project, 'browser-entry.mjs', {
      platform: 'browser',
      format: 'esm',
      minify: true,
    });
    const gzipped = gzipSize(code);
    process.stdout.write(
      `browser bundle: ${(code.length / 1024).toFixed(1)} KB minified, ${(gzipped / 1024).toFixed(1)} KB gzipped\n`,
    );
    expect(new TextDecoder().decode(code)).not.toMatch(/from\s*"node:|require\("node:/);
    expect(gzipped).toBeLessThanOrEqual(BROWSER_BUNDLE_BUDGET);
  });
});
