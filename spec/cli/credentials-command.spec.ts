import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandProvider, parseCredentials } from '../../lib/cli/credentials-command.js';
import { createClient, createTemporaryCredentials } from '../../lib/index.js';
import { startSandbox, type Sandbox } from '../../lib/testing/index.js';
import { tempDir } from './helpers/run-cli.js';
import { memoryIo, runTcdyn } from './helpers/run-tcdyn.js';

const TOKEN = 'command-secret-token-0123456789abcdef';
const alice = { clientId: 'alice', accessToken: TOKEN, scopes: ['auth:current-scopes'] };

let sandbox: Sandbox;
let dir: string;
let before = 0;
/** The requests the sandbox saw in this test. */
const sent = () => sandbox.requests.slice(before);
beforeAll(async () => {
  sandbox = await startSandbox({ clients: [alice] });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  dir = tempDir();
  before = sandbox.requests.length;
});

/** A command that counts its runs in `runs` and prints `output`. */
function command(output: string): string {
  writeFileSync(join(dir, 'out'), output);
  return `echo run >> runs; cat out`;
}
const runs = () => {
  try {
    return readFileSync(join(dir, 'runs'), 'utf8').split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
};
const aliceJson = JSON.stringify({ clientId: 'alice', accessToken: TOKEN });

describe('commandProvider', () => {
  it('signs calls with what the command prints, verified by the service', async () => {
    const { code, stdout, stderr } = await runTcdyn(
      ['call', 'auth', 'currentScopes', '--credentials-command', command(aliceJson)],
      { env: { TASKCLUSTER_ROOT_URL: sandbox.rootUrl }, cwd: dir },
    );
    expect([code, stderr]).toEqual([0, '']);
    expect(JSON.parse(stdout)).toEqual({ scopes: expect.arrayContaining(alice.scopes) });
    expect(sent().map((r) => [r.method, r.clientId, r.status])).toEqual([
      ['currentScopes', 'alice', 200],
    ]);
    expect(runs()).toBe(1);
  });

  it('takes TASKCLUSTER_CREDENTIALS_COMMAND over the environment credentials, with a certificate', async () => {
    const temp = createTemporaryCredentials({
      credentials: { clientId: 'alice', accessToken: TOKEN },
      expiry: new Date(Date.now() + 3_600_000),
      scopes: ['auth:current-scopes'],
    });
    const { code, stdout } = await runTcdyn(['call', 'auth', 'currentScopes'], {
      env: {
        TASKCLUSTER_ROOT_URL: sandbox.rootUrl,
        TASKCLUSTER_CLIENT_ID: 'nobody',
        TASKCLUSTER_ACCESS_TOKEN: 'not-a-token',
        TASKCLUSTER_CREDENTIALS_COMMAND: command(JSON.stringify(temp)),
      },
      cwd: dir,
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ scopes: expect.arrayContaining(['auth:current-scopes']) });
    expect(sent().map((r) => [r.clientId, r.status])).toEqual([['alice', 200]]);
  });

  it('runs the command once for concurrent calls and keeps its answer until it expires', async () => {
    const { io } = memoryIo({ cwd: dir });
    const expires = new Date(Date.now() + 3_600_000).toISOString();
    const provider = commandProvider(io, command(JSON.stringify({ ...alice, expires })));
    expect(commandProvider(io, `echo run >> runs; cat out`)).toBe(provider);
    const auth = createClient('auth', { rootUrl: sandbox.rootUrl, credentials: provider });
    await Promise.all(Array.from({ length: 5 }, () => auth.currentScopes()));
    await auth.currentScopes();
    expect(runs()).toBe(1);
    expect(sent().filter((r) => r.clientId === 'alice')).toHaveLength(6);
  });

  it('prints a signed URL with the command’s credentials', async () => {
    const { code, stdout } = await runTcdyn(
      ['signed-url', 'auth', 'currentScopes', '--credentials-command', command(aliceJson)],
      { env: { TASKCLUSTER_ROOT_URL: sandbox.rootUrl }, cwd: dir },
    );
    expect(code).toBe(0);
    expect(sent()).toEqual([]);
    const answer = await fetch(stdout.trim());
    expect(answer.status).toBe(200);
    expect(sent()[0]?.clientId).toBe('alice');
  });

  it.each([
    ['exits with an error', () => 'echo oops >&2; exit 3', 'exited with status 3'],
    ['prints no JSON', () => command(aliceJson.slice(0, -2)), 'printed no JSON'],
    ['prints an array', () => command('[]'), 'printed JSON that is not an object'],
    ['prints no accessToken', () => command('{"clientId": "alice"}'), 'accessToken is missing'],
    [
      'prints a number as token',
      () => command('{"clientId": "a", "accessToken": 5}'),
      'must be a non-empty string',
    ],
  ])('fails clearly, sending nothing, when the command %s', async (_, given, message) => {
    const { code, stdout, stderr } = await runTcdyn(
      ['call', 'auth', 'currentScopes', '--credentials-command', given()],
      { env: { TASKCLUSTER_ROOT_URL: sandbox.rootUrl }, cwd: dir },
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).toContain('CredentialsProviderFailed');
    expect(stderr).not.toContain(TOKEN.slice(0, 20));
    expect(sent()).toEqual([]);
  });
});

describe('parseCredentials', () => {
  it('keeps the credential fields, a certificate object as its JSON, and nothing else', () => {
    const cert = { version: 1, expiry: 5 };
    expect(
      parseCredentials('c', JSON.stringify({ ...alice, certificate: cert, expires: 7, extra: 1 })),
    ).toEqual({
      clientId: 'alice',
      accessToken: TOKEN,
      certificate: JSON.stringify(cert),
      expires: 7,
    });
  });

  it('refuses an expires that is not a date or a time', () => {
    expect(() => parseCredentials('c', JSON.stringify({ ...alice, expires: true }))).toThrow(
      'printed an expires that is neither a date string nor a time in ms',
    );
  });
});
