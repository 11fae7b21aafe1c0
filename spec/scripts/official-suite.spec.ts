// scripts/official-suite: the harness that runs the official client's test suite on our default
// export, run here on a small suite of our own written in the upstream layout (test files that
// import `../src/index.js` and `nock`), as a real process.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureBuilt, ROOT, cleanEnv } from '../cli/helpers/run-cli.js';
import { stringAt } from '../helpers/answers.js';

const SUITE = `
import taskcluster from '../src/index.js';
import parseTime from '../src/parsetime.js';
import nock from 'nock';
import assert from 'assert';

const reference = {
  name: 'probe',
  entries: [{ type: 'function', name: 'thing', method: 'get', route: '/thing/<id>', args: ['id'], query: ['q'] }],
};

suite('harness', function () {
  teardown(function () {
    assert(nock.isDone());
    nock.cleanAll();
  });

  test('serves a nock interceptor to a client of the default export', async function () {
    nock('https://tc.example.com/api/probe').get('/v1/thing/a%2Fb?q=1').reply(200, { ok: true });
    const Probe = taskcluster.createClient(reference);
    const client = new Probe({ rootUrl: 'https://tc.example.com', retries: 0 });
    assert.deepEqual(await client.thing('a/b', { q: 1 }), { ok: true });
  });

  test('hands a reply function the request headers', async function () {
    nock('https://tc.example.com').get('/api/probe/v1/thing/x').reply(function () {
      return [200, { trace: this.req.headers['x-taskcluster-trace-id'] }];
    });
    const client = new (taskcluster.createClient(reference))({ rootUrl: 'https://tc.example.com', traceId: 't9' });
    assert.equal((await client.thing('x')).trace, 't9');
  });

  test('reaches nothing unmocked', async function () {
    const client = new (taskcluster.createClient(reference))({ rootUrl: 'https://tc.example.com', retries: 0 });
    await client.thing('unmocked');
  });

  test('names the sandbox in TASKCLUSTER_ROOT_URL, with root credentials', async function () {
    const auth = new taskcluster.Auth(taskcluster.fromEnvVars());
    assert.deepEqual((await auth.currentScopes()).scopes, ['*']);
    assert.equal(parseTime('2 days').days, 2);
  });
});
`;

let dir: string;
beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'official-suite-'));
  await mkdir(join(dir, 'test'));
  await writeFile(join(dir, 'test', 'probe_test.js'), SUITE);
  await writeFile(join(dir, 'package.json'), '{"type": "module"}');
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('npm run compat:official', () => {
  it('runs an upstream-layout suite on the default export, nock served by a global MockAgent', async () => {
    const run = promisify(execFile)(
      process.execPath,
      [join(ROOT, 'scripts', 'official-suite', 'run.mjs'), join(dir, 'test')],
      { cwd: ROOT, env: cleanEnv() },
    );
    // Resolves, or rejects with an error carrying, what the suite printed.
    const stdout = stringAt(await run.catch((error: unknown) => error), 'stdout');
    expect(stdout).toContain('3 passed, 1 failed');
    expect(stdout).toMatch(/✗ harness reaches nothing unmocked\n\s+.*not allowed/);
  }, 60_000);
});
