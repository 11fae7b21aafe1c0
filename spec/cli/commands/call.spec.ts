import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENTS, json, type HawkServer } from '../../helpers/hawk-server.js';
import { deploymentReply } from '../helpers/deployment.js';
import { startCliServer } from '../helpers/cli-server.js';
import { tempDir } from '../helpers/run-cli.js';
import { runTcdyn } from '../helpers/run-tcdyn.js';
import { nth } from '../../helpers/nth.js';

const TASK_ID = 'fN1SbArXTPSVFNUvaOlinQ';
let server: HawkServer;
let env: Record<string, string>;
beforeEach(async () => {
  ({ server, env } = await startCliServer());
});
afterEach(() => server.close());

describe('callCommand', () => {
  it('calls a method with URL params and query, signed with the credentials of the environment', async () => {
    server.script(json(200, { tasks: [{ taskId: TASK_ID }] }));
    const { code, stdout, stderr } = await runTcdyn(
      ['call', 'queue', 'listTaskGroup', TASK_ID, '--query', 'limit=10'],
      { env },
    );
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(`{"tasks":[{"taskId":"${TASK_ID}"}]}\n`);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      url: `/api/queue/v1/task-group/${TASK_ID}/list?limit=10`,
      clientId: 'tester',
    });
    expect(nth(server.requests, 0).authError).toBeUndefined();
  });

  it('prints indented JSON on a terminal', async () => {
    server.script(json(200, { status: { state: 'completed' } }));
    const { stdout } = await runTcdyn(['call', 'queue', 'status', TASK_ID], {
      env: { ...env, TCDYN_FORCE_TTY: '1' },
    });
    expect(stdout).toBe('{\n  "status": {\n    "state": "completed"\n  }\n}\n');
  });

  it.each([
    [
      'a file',
      (dir: string) => {
        writeFileSync(join(dir, 'p.json'), '{"from": "file"}');
        return [join(dir, 'p.json')];
      },
      undefined,
      { from: 'file' },
    ],
    ['stdin', () => ['-'], '{"from": "stdin"}', { from: 'stdin' }],
    ['inline JSON', () => ['{"from": "argument"}'], undefined, { from: 'argument' }],
  ])('sends a payload from %s', async (_what, payloadArgs, input, expected) => {
    server.script(json(200, { ok: true }));
    const args = [
      'call',
      'hooks',
      'triggerHook',
      'group',
      'hook',
      '--payload',
      ...payloadArgs(tempDir()),
    ];
    const { code } = await runTcdyn(args, { env, input });
    expect(code).toBe(0);
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      url: '/api/hooks/v1/hooks/group/hook/trigger',
      clientId: 'tester',
    });
    expect(JSON.parse(nth(server.requests, 0).body)).toEqual(expected);
  });

  it("exits 1 with the service's error body as JSON on stderr for an API error", async () => {
    const body = {
      code: 'ResourceNotFound',
      message: 'no such task',
      requestInfo: {
        method: 'task',
        params: { taskId: TASK_ID },
        payload: {},
        time: '2026-01-01T00:00:00.000Z',
      },
    };
    server.script(json(404, body));
    const { code, stdout, stderr } = await runTcdyn(['call', 'queue', 'task', TASK_ID], { env });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(JSON.parse(stderr)).toEqual(body);
  });

  it('exits 1 with statusCode, code and message when the error body is not a JSON object', async () => {
    server.script((_req, res) => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('Bad Request');
    });
    const { code, stderr } = await runTcdyn(['call', 'queue', 'task', TASK_ID], { env });
    expect(code).toBe(1);
    expect(JSON.parse(stderr)).toEqual({
      statusCode: 400,
      code: 'UnknownError',
      message: 'queue.task: Unknown Server Error',
    });
  });

  it('never prints the access token when an error body repeats it', async () => {
    server.script(
      json(400, {
        code: 'InputError',
        message: `rejected ${CLIENTS['tester']}`,
        requestInfo: { payload: { accessToken: 'another-secret-value' } },
      }),
    );
    const { code, stderr } = await runTcdyn(['call', 'queue', 'task', TASK_ID], { env });
    expect(code).toBe(1);
    expect(JSON.parse(stderr)).toEqual({
      code: 'InputError',
      message: 'rejected [redacted]',
      requestInfo: { payload: { accessToken: '[redacted]' } },
    });
    expect(stderr).not.toContain(CLIENTS['tester']);
    expect(stderr).not.toContain('another-secret-value');
  });

  it('never shows the access token when the service refuses the credentials', async () => {
    const wrong = 'a-wrong-but-secret-access-token-999';
    const { code, stdout, stderr } = await runTcdyn(['call', 'queue', 'task', TASK_ID], {
      env: { ...env, TASKCLUSTER_ACCESS_TOKEN: wrong },
    });
    expect(code).toBe(1);
    expect(JSON.parse(stderr)).toMatchObject({ code: 'AuthenticationFailed' });
    expect(stdout + stderr).not.toContain(wrong);
    expect(stdout + stderr).not.toContain('Hawk id=');
  });

  it.each([
    [['queue', 'task'], 'queue.task(taskId): expected <taskId>, got 0 parameters'],
    [['queue', 'task', 'a', 'b'], 'expected <taskId>, got 2 parameters'],
    [
      ['queue', 'listTaskGroup', TASK_ID, '--query', 'limt=1'],
      'has no query parameter "limt"; it takes one of continuationToken, limit',
    ],
    [['queue', 'listTaskGroup', TASK_ID, '--query', 'limit'], '--query expects key=value'],
    [['queue', 'createTask', TASK_ID], 'queue.createTask(taskId, payload) needs a payload'],
    [
      ['queue', 'createTask', TASK_ID, '--payload', '{"not json'],
      'the --payload value is not valid JSON',
    ],
    [
      ['queue', 'createTask', TASK_ID, '--payload', '/nonexistent.json'],
      'cannot read the payload file /nonexistent.json: ENOENT',
    ],
    [['queue', 'task', TASK_ID, '--payload', '{}'], 'queue.task takes no payload'],
    [
      ['queue', 'createTsk', TASK_ID, '--references', 'bundled'],
      'unknown method queue.createTsk. Did you mean createTask?',
    ],
    [
      ['queue-events', 'taskCompleted'],
      "is an exchange; use 'tcdyn pattern queue-events taskCompleted'",
    ],
    [['queue'], 'expected <service> <method>'],
  ])('exits 2 without sending anything for %j', async (args, message) => {
    const { code, stdout, stderr } = await runTcdyn(['call', ...args], { env });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(server.requests).toHaveLength(0);
  });

  it("exits 2 for a method in neither the bundle nor the deployment's references, calling nothing", async () => {
    server.script(deploymentReply(server.rootUrl));
    const { code, stderr } = await runTcdyn(['call', 'queue', 'createTsk', TASK_ID], { env });
    expect(code).toBe(2);
    expect(stderr).toContain('unknown method queue.createTsk. Did you mean createTask?');
    expect(server.requests.map((r) => r.url)).toContain('/references/manifest.json');
    expect(server.requests.filter((r) => r.url.startsWith('/api/'))).toHaveLength(0);
  });

  it('exits 2 without a root URL', async () => {
    const { code, stderr } = await runTcdyn(['call', 'queue', 'ping']);
    expect(code).toBe(2);
    expect(stderr).toContain('no root URL: pass --root-url URL or set TASKCLUSTER_ROOT_URL');
  });

  it("calls a service the bundle lacks through the deployment's references", async () => {
    server.script(deploymentReply(server.rootUrl, json(200, { widgetId: 'w1' })));
    const { code, stdout } = await runTcdyn(
      ['call', 'widgets', 'getWidget', 'w1', '--query', 'detail=full'],
      { env },
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ widgetId: 'w1' });
    const call = server.requests.find((r) => r.url.startsWith('/api/'));
    expect(call).toMatchObject({
      method: 'GET',
      url: '/api/widgets/v1/widget/w1?detail=full',
      clientId: 'tester',
    });
  });

  it('prints nothing for an empty response', async () => {
    server.script((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end();
    });
    const { code, stdout } = await runTcdyn(['call', 'queue', 'ping'], { env });
    expect(code).toBe(0);
    expect(stdout).toBe('');
  });
});
