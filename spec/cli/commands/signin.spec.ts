import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { run } from '../../../lib/cli/run.js';
import { createTemporaryCredentials } from '../../../lib/index.js';
import { startSandbox, type Sandbox } from '../../../lib/testing/index.js';
import { memoryIo, runTcdyn } from '../helpers/run-tcdyn.js';

const ROOT_URL = 'https://tc.example.com';
const TOKEN = 'signin-secret-token-0123456789abcdef';

/** Start `tcdyn signin ...args` in-process; resolves once it has printed the page's URL. */
async function startSignin(args: string[]) {
  const stdin = new PassThrough();
  stdin.end();
  const { io, stdout, stderr } = memoryIo({ env: { TASKCLUSTER_ROOT_URL: ROOT_URL } }, stdin);
  const code = run(['signin', ...args], io);
  const text = await stderr.until('Waiting');
  const page = new URL(/https:\S+/.exec(text)?.[0] ?? '');
  const callback = page.searchParams.get('callback_url') ?? '';
  return { code, stdout, stderr, page, callback };
}

describe('signinCommand', () => {
  it('prints the client-creation URL and, after the callback, export lines', async () => {
    const flow = await startSignin(['--scope', 'queue:*', '--scope', "it's", '--name', 'me']);
    expect(flow.page.origin + flow.page.pathname).toBe(`${ROOT_URL}/auth/clients/create`);
    expect(flow.page.searchParams.getAll('scope')).toEqual(['queue:*', "it's"]);
    expect(flow.page.searchParams.get('name')).toBe('me');
    expect(flow.page.searchParams.get('expires')).toBe('1d');
    expect(flow.page.searchParams.get('description')).toMatch(/tcdyn/);
    expect(flow.callback).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    // A browser landing without credentials (or on another path) does not end the flow.
    expect((await fetch(`${flow.callback}?clientId=me`)).status).toBe(400);
    expect((await fetch(new URL('/favicon.ico', flow.callback))).status).toBe(404);
    const done = await fetch(`${flow.callback}?clientId=me&accessToken=${TOKEN}`);
    expect(done.status).toBe(200);
    expect(await done.text()).toMatch(/Signed in/);

    expect(await flow.code).toBe(0);
    expect(flow.stdout.bytes().toString()).toBe(
      [
        "export TASKCLUSTER_CLIENT_ID='me'",
        `export TASKCLUSTER_ACCESS_TOKEN='${TOKEN}'`,
        `export TASKCLUSTER_ROOT_URL='${ROOT_URL}'`,
        '',
      ].join('\n'),
    );
    expect(flow.stderr.bytes().toString()).not.toContain(TOKEN);
    // The server is gone once the credentials arrived.
    await expect(fetch(flow.callback)).rejects.toThrow();
  });

  it('asks for scope * and 1d by default, and a given expiry as is', async () => {
    const flow = await startSignin(['--expires', '2h', '--timeout', '0.2']);
    expect(flow.page.searchParams.getAll('scope')).toEqual(['*']);
    expect(flow.page.searchParams.get('expires')).toBe('2h');
    expect(await flow.code).toBe(1);
  });

  it('exits 1 after --timeout with no callback, and closes the server', async () => {
    const flow = await startSignin(['--timeout', '0.1']);
    expect(await flow.code).toBe(1);
    expect(flow.stderr.bytes().toString()).toMatch(/SigninTimeout/);
    expect(flow.stdout.bytes().length).toBe(0);
    await expect(fetch(flow.callback)).rejects.toThrow();
  });

  it('refuses a bad --timeout and arguments with exit 2, before listening', async () => {
    const env = { TASKCLUSTER_ROOT_URL: ROOT_URL };
    const bad = await runTcdyn(['signin', '--timeout', 'soon'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--timeout must be a positive number/);
    expect(bad.stderr).not.toMatch(/127\.0\.0\.1/);
    expect((await runTcdyn(['signin', 'extra'], { env })).code).toBe(2);
    expect((await runTcdyn(['signin'], {})).stderr).toMatch(/no root URL/);
  });
});

describe('checkCredentials (signin --check)', () => {
  let sandbox: Sandbox;
  const client = {
    clientId: 'alice',
    accessToken: TOKEN,
    scopes: ['queue:get-task:*', 'auth:current-scopes', 'auth:get-client:alice'],
  };
  beforeAll(async () => {
    sandbox = await startSandbox({ clients: [client] });
  });
  afterAll(() => sandbox.close());
  const envOf = (extra: Record<string, string>) => ({
    TASKCLUSTER_ROOT_URL: sandbox.rootUrl,
    ...extra,
  });

  it('reports a permanent client: clientId, scopes from currentScopes, expires from auth.client', async () => {
    const { code, stdout, stderr } = await runTcdyn(['signin', '--check', '--json'], {
      env: envOf({ TASKCLUSTER_CLIENT_ID: 'alice', TASKCLUSTER_ACCESS_TOKEN: TOKEN }),
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    // The auth service's expanded scopes (the sandbox adds the anonymous role's), not a local copy.
    expect(report).toMatchObject({ clientId: 'alice', type: 'permanent' });
    expect(report['scopes']).toEqual(expect.arrayContaining(client.scopes));
    expect(Number.isNaN(Date.parse(String(report['expires'])))).toBe(false);
    expect(stdout).not.toContain(TOKEN);
  });

  it("reports temporary credentials with the certificate's scopes and expiry", async () => {
    const expiry = new Date(Date.now() + 3_600_000);
    const temp = createTemporaryCredentials({
      credentials: { clientId: 'alice', accessToken: TOKEN },
      expiry,
      scopes: ['queue:get-task:abc', 'auth:current-scopes'],
    });
    const { code, stdout } = await runTcdyn(['signin', '--check', '--json'], {
      env: envOf({
        TASKCLUSTER_CLIENT_ID: temp.clientId,
        TASKCLUSTER_ACCESS_TOKEN: temp.accessToken,
        TASKCLUSTER_CERTIFICATE: temp.certificate,
      }),
    });
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ clientId: 'alice', type: 'temporary' });
    expect(report['expires']).toBe(expiry.toISOString());
    expect(report['scopes']).toEqual(expect.arrayContaining(['queue:get-task:abc']));
    expect(report['scopes']).not.toContain('auth:get-client:alice');
  });

  it('exits 1 when the auth service refuses the credentials, without printing the token', async () => {
    const wrong = 'wrong-token-0123456789abcdefghijkl';
    const { code, stdout, stderr } = await runTcdyn(['signin', '--check'], {
      env: envOf({ TASKCLUSTER_CLIENT_ID: 'alice', TASKCLUSTER_ACCESS_TOKEN: wrong }),
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/401|Authentication/i);
    expect(stderr).not.toContain(wrong);
  });

  it('exits 2 when there are no credentials, before any request', async () => {
    const before = sandbox.requests.length;
    const { code, stderr } = await runTcdyn(['signin', '--check'], { env: envOf({}) });
    expect(code).toBe(2);
    expect(stderr).toMatch(/no credentials/);
    expect(sandbox.requests.length).toBe(before);
  });
});
