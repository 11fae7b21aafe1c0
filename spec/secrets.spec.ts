// No accessToken, Authorization header or bewit in any error, debug line or inspection,
// even when a server echoes the request's secrets back in its error body.
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { inspect } from 'node:util';
import {
  startHawkServer,
  json,
  CLIENTS,
  type HawkServer,
  type Reply,
} from './helpers/hawk-server.js';
import { createClient, TaskclusterFailure } from '../lib/index.js';
import { nth } from './helpers/nth.js';
import { defined, methodOf, rejectionOf } from './helpers/answers.js';

const credentials = { clientId: 'tester', accessToken: CLIENTS['tester'] };
let server: HawkServer;
let stderr: string[];
const realWrite = process.stderr.write.bind(process.stderr);

beforeEach(async () => {
  server = await startHawkServer();
  stderr = [];
  process.env['DEBUG_TASKCLUSTER_CLIENT'] = '1';
  process.stderr.write = (chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  };
});

afterEach(async () => {
  process.stderr.write = realWrite;
  delete process.env['DEBUG_TASKCLUSTER_CLIENT'];
  await server.close();
});

const echo =
  (status: number): Reply =>
  (req, res) =>
    json(status, {
      code: 'Echo',
      message: `you sent ${String(req.headers['authorization'])} for ${req.url} with accessToken ${CLIENTS['tester']}`,
      requestInfo: { headers: req.headers, accessToken: CLIENTS['tester'] },
    })(req, res);

function assertClean(text: string) {
  expect(text).not.toContain(CLIENTS['tester']);
  expect(text).not.toMatch(/Hawk id="[^"]*", ts=/);
  expect(text).not.toMatch(/bewit=(?!\[redacted\])/);
}

describe('secrets', () => {
  it('never appear in errors, their inspection or debug lines of failing calls', async () => {
    const q = createClient('queue', {
      rootUrl: server.rootUrl,
      credentials,
      references: 'bundled',
      delayFactor: 1,
      maxRetries: 1,
    });
    const signed = q.buildSignedUrl(q.task, 'abc');
    server.script(echo(500), echo(400), echo(401), (_r, res) => {
      defined(res.socket, 'the socket of the answer').destroy();
    });
    const errors = [
      await rejectionOf(q.task('abc'), TaskclusterFailure),
      await rejectionOf(q.status('abc'), TaskclusterFailure),
      await rejectionOf(q.createTask('x', { bewitUrl: signed }), TaskclusterFailure),
      await rejectionOf(q.ping(), TaskclusterFailure),
    ];
    expect(errors.every((e) => e instanceof Error)).toBe(true);
    for (const error of errors) {
      assertClean(error.message);
      assertClean(inspect(error, { depth: 10, showHidden: true }));
      assertClean(JSON.stringify(error.body ?? null));
    }
    expect(stderr.length).toBeGreaterThan(3);
    for (const line of stderr) assertClean(line);
    assertClean(inspect(q, { depth: 10, showHidden: true }));
  });

  it('never appear in a failing call with a malformed certificate', async () => {
    const q = createClient('queue', {
      rootUrl: server.rootUrl,
      references: 'bundled',
      credentials: { ...credentials, certificate: `{"broken": "${CLIENTS['tester']}` },
    });
    const error = await rejectionOf(q.ping(), TaskclusterFailure);
    expect(error.message).toMatch(/certificate is not valid JSON/);
    assertClean(inspect(error, { depth: 10, showHidden: true }));
    expect(server.requests).toHaveLength(0);
  });
});

describe('secrets in object transfers', () => {
  it('never appear in the errors and debug lines of failed uploads and downloads', async () => {
    const { startObjectDeployment, UPLOADER } = await import('./objects/sandbox-deployment.js');
    const { uploadFromBuf, downloadToBuf } = await import('../lib/index.js');
    const { sandbox, objectService } = await startObjectDeployment({}, { maxRetries: 1 });
    try {
      const token = UPLOADER.accessToken;
      const expires = new Date(Date.now() + 3600_000);
      await uploadFromBuf({
        projectId: 'p',
        name: 'obj',
        contentType: 'text/plain',
        expires,
        objectService,
        data: Buffer.alloc(20_000, 1),
      });
      sandbox.fault('_blob.get', { tamper: true });
      const tampered = await rejectionOf(
        downloadToBuf({ name: 'obj', objectService }),
        TaskclusterFailure,
      );
      sandbox.fault('_blob.get', { status: 500, times: 2 });
      const failing = await rejectionOf(
        downloadToBuf({ name: 'obj', objectService }),
        TaskclusterFailure,
      );
      const wrongKey = await rejectionOf(
        downloadToBuf({
          name: 'obj',
          objectService: objectService.use({
            credentials: { clientId: 'uploader', accessToken: `${token}-wrong` },
          }),
        }),
        TaskclusterFailure,
      );
      for (const error of [tampered, failing, wrongKey]) {
        expect(error).toBeInstanceOf(Error);
        for (const text of [error.message, inspect(error, { depth: 10, showHidden: true })]) {
          assertClean(text);
          expect(text).not.toContain(token);
        }
      }
      for (const line of stderr) expect(line).not.toContain(token);
    } finally {
      await sandbox.close();
    }
  });
});

describe('secrets on the command line', () => {
  it('never appear in what tcdyn prints for failing calls, debug lines included', async () => {
    const { ensureBuilt, runCli } = await import('./cli/helpers/run-cli.js');
    await ensureBuilt();
    server.script(echo(500), echo(500), echo(401));
    const env = {
      TASKCLUSTER_ROOT_URL: server.rootUrl,
      TASKCLUSTER_CLIENT_ID: 'tester',
      TASKCLUSTER_ACCESS_TOKEN: CLIENTS['tester'],
      DEBUG_TASKCLUSTER_CLIENT: '1',
    };
    const failed = await runCli(['call', 'queue', 'task', 'abc'], { env });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('Echo');
    for (const text of [failed.stdout, failed.stderr]) assertClean(text);
    expect(server.requests.length).toBeGreaterThan(1);
  }, 60_000);
});

describe('secrets in inspected options', () => {
  it("never appear when a client's options or a TaskclusterConfig are inspected", async () => {
    const { clientOptions, TaskclusterConfig } = await import('../lib/index.js');
    const q = createClient('queue', {
      rootUrl: server.rootUrl,
      credentials,
      references: 'bundled',
    });
    const shown = inspect(clientOptions(q), { depth: 10 });
    expect(shown).toContain("clientId: 'tester'");
    expect(shown).not.toContain(CLIENTS['tester']);
    const config = new TaskclusterConfig(server.rootUrl, {}).auth({
      clientId: 'tester',
      accessToken: CLIENTS['tester'],
    });
    expect(inspect(config, { depth: 10 })).not.toContain(CLIENTS['tester']);
    expect(inspect(config.options, { depth: 10 })).not.toContain(CLIENTS['tester']);
    await expect(methodOf(config.getService('queue'), 'ping')()).resolves.toEqual({ ok: true });
    expect(nth(server.requests, 0).clientId).toBe('tester');
  });
});

describe('secrets of a sandbox', () => {
  it('never appear when the sandbox handle is inspected, yet its root credentials work', async () => {
    const { startSandbox } = await import('../lib/testing/index.js');
    const sandbox = await startSandbox();
    try {
      expect(inspect(sandbox, { depth: 10 })).not.toContain(sandbox.rootCredentials.accessToken);
      const auth = createClient('auth', {
        rootUrl: sandbox.rootUrl,
        credentials: sandbox.rootCredentials,
        references: 'bundled',
      });
      await expect(auth.currentScopes()).resolves.toEqual({ scopes: ['*'] });
    } finally {
      await sandbox.close();
    }
  });
});
