import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { json, startHawkServer, type HawkServer } from '../../helpers/hawk-server.js';
import { runTcdyn } from '../helpers/run-tcdyn.js';
import { nth } from '../../helpers/nth.js';
import { at, numberAt, parseJson, stringAt } from '../../helpers/answers.js';

const ISSUER_TOKEN = 'issuer-permanent-secret-token-0123456789';
const ISSUER = { TASKCLUSTER_CLIENT_ID: 'issuer', TASKCLUSTER_ACCESS_TOKEN: ISSUER_TOKEN };

let server: HawkServer;
beforeEach(async () => {
  // An auth service that knows the issuer: certificates are checked as the real service does.
  server = await startHawkServer({
    clients: {
      issuer: { accessToken: ISSUER_TOKEN, scopes: ['queue:*', 'auth:create-client:robot'] },
    },
  });
  server.script(json(200, { ok: true }));
});
afterEach(() => server.close());

/** Turn `export NAME='value'` lines back into an environment. */
function exported(stdout: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of stdout.trim().split('\n')) {
    const [, name, quoted] = /^export (\w+)=('.*')$/.exec(line) ?? [];
    if (name === undefined || quoted === undefined) throw new Error(`not an export line: ${line}`);
    env[name] = quoted.slice(1, -1).replace(/'\\''/g, "'");
  }
  return env;
}

describe('tempCredsCommand', () => {
  it('prints export lines whose credentials the auth service accepts, with only the given scopes', async () => {
    const { code, stdout } = await runTcdyn(
      ['temp-creds', '--expiry', '1 hour', '--scopes', 'queue:get-task:*', "queue:it's"],
      { env: ISSUER },
    );
    expect(code).toBe(0);
    expect(stdout).not.toContain(ISSUER_TOKEN);
    const env = exported(stdout);
    expect(Object.keys(env)).toEqual([
      'TASKCLUSTER_CLIENT_ID',
      'TASKCLUSTER_ACCESS_TOKEN',
      'TASKCLUSTER_CERTIFICATE',
    ]);
    expect(env['TASKCLUSTER_CLIENT_ID']).toBe('issuer');
    expect(JSON.parse(env['TASKCLUSTER_CERTIFICATE'] ?? 'null')).toMatchObject({
      version: 1,
      scopes: ['queue:get-task:*', "queue:it's"],
    });
    const call = await runTcdyn(['call', 'queue', 'ping'], {
      env: { ...env, TASKCLUSTER_ROOT_URL: server.rootUrl },
    });
    expect(call.code).toBe(0);
    expect(server.requests[0]).toMatchObject({
      clientId: 'issuer',
      issuer: 'issuer',
      scopes: ['queue:get-task:*', "queue:it's"],
    });
    expect(nth(server.requests, 0).authError).toBeUndefined();
  });

  it('prints named credentials as JSON with --json', async () => {
    const { code, stdout } = await runTcdyn(
      [
        'temp-creds',
        '--expiry',
        '2h',
        '--start=-5min',
        '--scopes',
        'queue:a',
        '--name',
        'robot',
        '--json',
      ],
      { env: ISSUER },
    );
    expect(code).toBe(0);
    const credentials = parseJson(stdout);
    expect(at(credentials, 'clientId')).toBe('robot');
    const certificate = parseJson(stringAt(credentials, 'certificate'));
    expect(certificate).toMatchObject({ issuer: 'issuer', scopes: ['queue:a'] });
    expect(numberAt(certificate, 'expiry') - numberAt(certificate, 'start')).toBe(
      2 * 3_600_000 + 5 * 60_000,
    );
    const call = await runTcdyn(['call', 'queue', 'ping', '--root-url', server.rootUrl], {
      env: {
        TASKCLUSTER_ROOT_URL: server.rootUrl,
        TASKCLUSTER_CLIENT_ID: stringAt(credentials, 'clientId'),
        TASKCLUSTER_ACCESS_TOKEN: stringAt(credentials, 'accessToken'),
        TASKCLUSTER_CERTIFICATE: stringAt(credentials, 'certificate'),
      },
    });
    expect(call.code).toBe(0);
    expect(server.requests[0]).toMatchObject({ clientId: 'robot', issuer: 'issuer' });
  });

  it.each([
    [['--scopes', 'a'], ISSUER, '--expiry OFFSET is required'],
    [['--expiry', '1h', 'a'], ISSUER, 'scopes follow --scopes'],
    [['--expiry', '32 days', '--scopes', 'a'], ISSUER, '31 days'],
    [['--expiry', 'later', '--scopes', 'a'], ISSUER, '"later" is not a time offset'],
    [
      ['--expiry', '1h', '--scopes', 'a'],
      {},
      'set TASKCLUSTER_CLIENT_ID and TASKCLUSTER_ACCESS_TOKEN',
    ],
    [['--expiry', '1h', '--scopes', 'a', '--name', 'issuer'], ISSUER, 'issuer'],
    [['--expiry', '1h', '--start', '-5min', '--scopes', 'a'], ISSUER, "use '--start=-XYZ'"],
  ])('exits 2 for %j, never showing the issuer token', async (args, env, message) => {
    const { code, stdout, stderr } = await runTcdyn(['temp-creds', ...args], { env });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).not.toContain(ISSUER_TOKEN);
  });
});
