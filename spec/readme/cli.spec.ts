// The README's `tcdyn` examples (Exploring, Calling, URLs, Utilities), run as written with the
// built binary; https://tc.example.com is the sandbox from lib/testing, or the Hawk server where
// the README shows an answer the sandbox cannot give (a completed task, hooks).
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '../../lib/index.js';
import { startSandbox, type Sandbox } from '../../lib/testing/index.js';
import { bundledReference } from '../../lib/references/bundled.js';
import type { ApiReference } from '../../lib/references/types.js';
import { CLIENTS, json, startHawkServer, type HawkServer } from '../helpers/hawk-server.js';
import { deploymentReply } from '../cli/helpers/deployment.js';
import { tempDir } from '../cli/helpers/run-cli.js';
import { runTcdyn } from '../cli/helpers/run-tcdyn.js';
import { at, listAt, numberAt, parseJson, recordAt, stringAt } from '../helpers/answers.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const TASK = 'fN1SbArXTPSVFNUvaOlinQ';
const NICE =
  /^[A-Za-f][A-Za-z0-9_-]{7}[Q-T][A-Za-z0-9_-][CGKOSWaeimquy26-][A-Za-z0-9_-]{10}[AQgw]$/;
const CI = {
  clientId: 'project/ci',
  accessToken: 'project-ci-token-0123456789abcdef',
  scopes: ['queue:get-task:*', 'queue:status:*', 'auth:create-client:robot'],
};

let sandbox: Sandbox;
let server: HawkServer;
let cwd: string;
let env: Record<string, string>;
beforeEach(async () => {
  [sandbox, server] = await Promise.all([startSandbox({ clients: [CI] }), startHawkServer()]);
  cwd = tempDir();
  env = {
    TASKCLUSTER_ROOT_URL: sandbox.rootUrl,
    TASKCLUSTER_CLIENT_ID: sandbox.rootCredentials.clientId,
    TASKCLUSTER_ACCESS_TOKEN: sandbox.rootCredentials.accessToken,
  };
});
afterEach(() => Promise.all([sandbox.close(), server.close()]));

const tcdyn = (args: string[], extra: Record<string, string> = {}, input?: string) =>
  runTcdyn(args, { cwd, env: { ...env, ...extra }, input });
const atHawkServer = () => ({
  TASKCLUSTER_ROOT_URL: server.rootUrl,
  TASKCLUSTER_CLIENT_ID: 'tester',
  TASKCLUSTER_ACCESS_TOKEN: CLIENTS['tester'],
});

describe('README: tcdyn, Exploring', () => {
  it('lists the bundled snapshot with no network, and what a deployment serves with --remote', async () => {
    server.script(deploymentReply(server.rootUrl));
    const bundled = await tcdyn(['services'], atHawkServer());
    const lines = bundled.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'auth                   api        Auth Service',
      'auth-events            exchanges  Auth Pulse Exchanges',
    ]);
    const queue = lines.indexOf('queue                  api        Queue Service');
    expect(lines[queue + 1]).toBe('queue-events           exchanges  Queue AMQP Exchanges');
    expect(server.requests).toHaveLength(0);

    const remote = await tcdyn(['services', '--remote', '--root-url', server.rootUrl]);
    expect(remote.stdout).toMatch(
      /^widgets +api +Widgets Service\nwidgets-events +exchanges +Widget Exchanges\n$/,
    );
  });

  it('prints every method with its signature and title, a method page, and an exchange page', async () => {
    const all = await tcdyn(['help', 'queue']);
    for (const entry of (bundledReference('queue') as ApiReference).entries) {
      expect(all.stdout).toMatch(
        new RegExp(
          `^  queue\\.${entry.name}\\([^\\n]*\\) +${(entry.title ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`,
          'm',
        ),
      );
    }
    const page = await tcdyn(['help', 'queue', 'createTask']);
    expect(
      page.stdout.startsWith(`queue.createTask(taskId, payload) — Create New Task
  PUT /api/queue/v1/task/<taskId>
  stability: stable
  query:     (none)
  input:     /schemas/queue/v1/create-task-request.json#
  output:    /schemas/queue/v1/task-status-response.json#
  scopes:
    all of:
      for each scope in scopes: <scope>
`),
    ).toBe(true);
    const exchange = await tcdyn(['help', 'queue-events', 'taskCompleted']);
    expect(exchange.stdout).toContain(
      '  exchange: exchange/taskcluster-queue/v1/task-completed\n  message:  /schemas/queue/v1/task-completed-message.json#\n  routing key:\n',
    );
  });
});

describe('README: tcdyn, Calling', () => {
  it('prints a status as indented JSON on a terminal', async () => {
    server.script(json(200, { status: { state: 'completed' } }));
    const { code, stdout } = await tcdyn(['call', 'queue', 'status', TASK], {
      ...atHawkServer(),
      TCDYN_FORCE_TTY: '1',
    });
    expect({ code, stdout }).toEqual({
      code: 0,
      stdout: '{\n  "status": {\n    "state": "completed"\n  }\n}\n',
    });
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      url: `/api/queue/v1/task/${TASK}/status`,
      clientId: 'tester',
    });
  });

  it('creates a task from a file under a new slug, lists its group on one line, and exits 1 for a missing task', async () => {
    const now = Date.now();
    writeFileSync(
      join(cwd, 'task.json'),
      JSON.stringify({
        taskQueueId: 'proj/ci',
        taskGroupId: TASK,
        created: new Date(now).toJSON(),
        deadline: new Date(now + 3_600_000).toJSON(),
        payload: {},
        metadata: {
          name: 'hello',
          description: 'hi',
          owner: 'me@example.com',
          source: 'https://example.com',
        },
      }),
    );
    const slug = (await tcdyn(['slugid'])).stdout.trim();
    const created = await tcdyn(['call', 'queue', 'createTask', slug, '--payload', 'task.json']);
    expect(created.code).toBe(0);
    expect(parseJson(created.stdout)).toMatchObject({ status: { taskId: slug, state: 'pending' } });

    const listed = await tcdyn(['call', 'queue', 'listTaskGroup', TASK, '--query', 'limit=10']);
    expect(listed.stdout.split('\n')).toHaveLength(2);
    expect(listAt(parseJson(listed.stdout), 'tasks').map((t) => at(t, 'status', 'taskId'))).toEqual(
      [slug],
    );

    const missing = await tcdyn(['call', 'queue', 'task', TASK]);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(Object.keys(recordAt(parseJson(missing.stderr)))).toEqual([
      'code',
      'message',
      'requestInfo',
    ]);
    expect(missing.stderr).toMatch(
      /^\{"code":"ResourceNotFound","message":".+","requestInfo":\{.+\}\}\n$/,
    );
  });

  it('sends a payload from stdin and from the argument', async () => {
    await tcdyn(
      ['call', 'hooks', 'triggerHook', 'group', 'hook', '--payload', '-'],
      atHawkServer(),
      '{"from": "stdin"}\n',
    );
    await tcdyn(
      ['call', 'hooks', 'triggerHook', 'group', 'hook', '--payload', '{"from": "argument"}'],
      atHawkServer(),
    );
    expect(server.requests.map((r) => [r.method, r.url, r.clientId, parseJson(r.body)])).toEqual([
      ['POST', '/api/hooks/v1/hooks/group/hook/trigger', 'tester', { from: 'stdin' }],
      ['POST', '/api/hooks/v1/hooks/group/hook/trigger', 'tester', { from: 'argument' }],
    ]);
  });
});

describe('README: tcdyn, URLs and patterns', () => {
  it('prints a URL without calling it, a signed URL that works alone, and a routing-key pattern', async () => {
    const url = await tcdyn(['url', 'queue', 'listTaskGroup', 'g/1', '--query', 'limit=5'], {
      TASKCLUSTER_ROOT_URL: server.rootUrl,
    });
    expect(url.stdout).toBe(`${server.rootUrl}/api/queue/v1/task-group/g%2F1/list?limit=5\n`);
    expect(server.requests).toHaveLength(0);

    const expires = new Date(Date.now() + 3_600_000).toJSON();
    await createClient('secrets', {
      rootUrl: sandbox.rootUrl,
      credentials: sandbox.rootCredentials,
    }).set('my/secret', { secret: { a: 1 }, expires });
    const signed = (
      await tcdyn(['signed-url', 'secrets', 'get', 'my/secret', '--expiration', '60'])
    ).stdout.trim();
    const res = await fetch(signed);
    expect([res.status, await res.json()]).toEqual([200, { secret: { a: 1 }, expires }]);
    expect(sandbox.requests.at(-1)).toMatchObject({
      method: 'get',
      clientId: sandbox.rootCredentials.clientId,
    });

    const pattern = await tcdyn([
      'pattern',
      'queue-events',
      'taskCompleted',
      '--taskId',
      'abc',
      '--runId=0',
    ]);
    expect(pattern.stdout).toBe(
      '{"exchange":"exchange/taskcluster-queue/v1/task-completed","routingKeyPattern":"primary.abc.0.*.*.*.*.*.*.#"}\n',
    );
  });
});

describe('README: tcdyn, Utilities', () => {
  it('prints slugs, stable slugs and dates', async () => {
    const slugs = (await tcdyn(['slugid', '-n', '3'])).stdout.trim().split('\n');
    expect(new Set(slugs).size).toBe(3);
    for (const slug of slugs) expect(slug).toMatch(NICE);
    const [build, test, again] = (
      await tcdyn(['slugid', '--stable', 'build', 'test', 'build'])
    ).stdout
      .trim()
      .split('\n');
    expect([again, test === build]).toEqual([build, false]);
    expect(
      (await tcdyn(['from-now', '2 days 3 hours', '--from', '2024-05-01T12:00:00Z'])).stdout,
    ).toBe('2024-05-03T15:00:00.000Z\n');
    const before = Date.now();
    const yesterday = Date.parse((await tcdyn(['from-now', '-1', 'day'])).stdout.trim());
    expect(yesterday).toBeGreaterThanOrEqual(before - 86_400_000);
    expect(yesterday).toBeLessThanOrEqual(Date.now() - 86_400_000);
  });

  it('calls with the credentials a command prints', async () => {
    const section = README.slice(README.indexOf('### Credentials from a command'));
    const line = /^\$ tcdyn (call auth currentScopes) --credentials-command '([^']+)'$/m.exec(
      section,
    );
    const { clientId, accessToken } = sandbox.rootCredentials;
    writeFileSync(join(cwd, 'ci-credentials.json'), JSON.stringify({ clientId, accessToken }));
    const { code, stdout, stderr } = await tcdyn(
      [...stringAt(line, 1).split(' '), '--credentials-command', stringAt(line, 2)],
      { TASKCLUSTER_CLIENT_ID: '', TASKCLUSTER_ACCESS_TOKEN: '' },
    );
    expect([code, stderr]).toEqual([0, '']);
    expect(parseJson(stdout)).toEqual({ scopes: ['*'] });
    expect(sandbox.requests.map((r) => r.clientId)).toEqual([clientId]);
  });

  it('prints export lines of temporary credentials limited to the given scopes, and named ones as JSON', async () => {
    const issuer = { TASKCLUSTER_CLIENT_ID: CI.clientId, TASKCLUSTER_ACCESS_TOKEN: CI.accessToken };
    const printed = await tcdyn(
      ['temp-creds', '--expiry', '1h', '--scopes', 'queue:get-task:*'],
      issuer,
    );
    expect(printed.stdout).not.toContain(CI.accessToken);
    const exported = Object.fromEntries(
      printed.stdout
        .trim()
        .split('\n')
        .map((line): [string, string] => {
          const match = /^export (\w+)='([^']*)'$/.exec(line);
          return [stringAt(match, 1), stringAt(match, 2)];
        }),
    );
    await createClient('queue', {
      rootUrl: sandbox.rootUrl,
      credentials: sandbox.rootCredentials,
    }).createTask(TASK, {
      taskQueueId: 'proj/ci',
      created: new Date().toJSON(),
      deadline: new Date(Date.now() + 3_600_000).toJSON(),
      payload: {},
      metadata: {
        name: 'n',
        description: 'd',
        owner: 'me@example.com',
        source: 'https://example.com',
      },
    });
    expect((await tcdyn(['call', 'queue', 'task', TASK], exported)).code).toBe(0);
    expect(
      parseJson((await tcdyn(['call', 'queue', 'status', TASK], exported)).stderr),
    ).toMatchObject({ code: 'InsufficientScopes' });

    const before = Date.now();
    const named = await tcdyn(
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
      issuer,
    );
    const credentials = parseJson(named.stdout);
    const certificate = parseJson(stringAt(credentials, 'certificate'));
    expect([
      at(credentials, 'clientId'),
      at(certificate, 'issuer'),
      at(certificate, 'scopes'),
    ]).toEqual(['robot', CI.clientId, ['queue:a']]);
    expect(numberAt(certificate, 'start')).toBeGreaterThanOrEqual(before - 5 * 60_000);
    expect(numberAt(certificate, 'expiry') - numberAt(certificate, 'start')).toBe(
      2 * 3_600_000 + 5 * 60_000,
    );
  });

  it('prints whether held scopes satisfy the required ones', async () => {
    expect(
      (
        await tcdyn([
          'scopes-match',
          '--scope',
          'queue:*',
          '--require',
          'queue:create-task:low/w,queue:scheduler-id:-',
        ])
      ).stdout,
    ).toBe('true\n');
    expect(
      (await tcdyn(['scopes-match', '["assume:repo:*"]', '[["assume:repo:a"], ["admin"]]'])).stdout,
    ).toBe('true\n');
  });
});
