import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { runTcdyn } from '../helpers/run-tcdyn.js';
import { startDeployment, type Deployment } from '../../workflows/helpers.js';
import { at, listAt, parseJson, stringAt } from '../../helpers/answers.js';

let d: Deployment;
let env: Record<string, string>;
beforeEach(async () => {
  d = await startDeployment({ runTime: 10 });
  env = {
    TASKCLUSTER_ROOT_URL: d.sandbox.rootUrl,
    TASKCLUSTER_CLIENT_ID: d.sandbox.rootCredentials.clientId,
    TASKCLUSTER_ACCESS_TOKEN: d.sandbox.rootCredentials.accessToken,
  };
});
afterEach(() => d.sandbox.close());

const tcdyn = (args: string[], extra: Record<string, string> = {}, input?: string) =>
  runTcdyn(args, { env: { ...env, ...extra }, ...(input === undefined ? {} : { input }) });
const TTY = { TCDYN_FORCE_TTY: '1' };

describe('taskCommand', () => {
  it('waits for a task, exiting 0 when it completed and 1 when it failed', async () => {
    const passed = await d.task({ command: 'true' });
    const failed = await d.task({ command: 'false', exitCode: 1 });
    const ok = await tcdyn(['task', 'wait', passed, '--poll-interval', '2']);
    expect([ok.code, at(parseJson(ok.stdout), 'state')]).toEqual([0, 'completed']);
    const bad = await tcdyn(['task', 'wait', failed, '--poll-interval', '2']);
    expect([bad.code, at(parseJson(bad.stdout), 'state')]).toEqual([1, 'failed']);
  });

  it('prints the status as text on a terminal and as JSON with --json', async () => {
    const taskId = await d.task({ command: 'false', exitCode: 1 });
    await tcdyn(['task', 'wait', taskId, '--poll-interval', '2']);
    const text = await tcdyn(['task', 'status', taskId], TTY);
    expect(text.stdout).toBe(`${taskId}  failed       [run 0 failed]\n`);
    const json = await tcdyn(['task', 'status', taskId, '--json'], TTY);
    expect(JSON.parse(json.stdout)).toMatchObject({ taskId, state: 'failed' });
  });

  it('prints the definition, the artifacts and the log of a resolved task', async () => {
    const taskId = await d.task({ command: 'make all' });
    await tcdyn(['task', 'wait', taskId, '--poll-interval', '2']);
    expect(at(parseJson((await tcdyn(['task', 'def', taskId])).stdout), 'payload')).toEqual({
      command: 'make all',
    });
    const artifacts = listAt(parseJson((await tcdyn(['task', 'artifacts', taskId])).stdout));
    expect(artifacts.map((a) => stringAt(a, 'name')).sort()).toEqual([
      'public/logs/live.log',
      'public/logs/live_backing.log',
    ]);
    const log = await tcdyn(['task', 'log', taskId]);
    expect(log.stdout).toMatch(/\$ make all\n\[sandbox\] exit code 0\n$/);
  });

  it('follows the log of a running task to its end', async () => {
    const taskId = await d.task({ command: 'slow', runTime: 150 });
    const log = await tcdyn(['task', 'log', '--follow', taskId, '--poll-interval', '2']);
    expect(log.code).toBe(0);
    expect(log.stdout).toMatch(/\$ slow\n\[sandbox\] exit code 0\n$/);
  });

  it('refuses the log of a running task without --follow', async () => {
    const taskId = await d.task({ command: 'slow', runTime: 5000 });
    const log = await tcdyn(['task', 'log', taskId]);
    expect(log.code).toBe(2);
    expect(log.stderr).toContain('use --follow');
  });

  it('cancels, reruns and retriggers', async () => {
    const taskId = await d.task({ command: 'slow', runTime: 5000 });
    const cancelled = await tcdyn(['task', 'cancel', taskId]);
    expect(JSON.parse(cancelled.stdout)).toMatchObject({ state: 'exception' });
    const rerun = await tcdyn(['task', 'rerun', taskId]);
    expect(listAt(parseJson(rerun.stdout), 'runs')).toHaveLength(2);
    const copy = stringAt(parseJson((await tcdyn(['task', 'retrigger', taskId])).stdout), 'taskId');
    expect(copy).not.toBe(taskId);
    await expect(d.queue.task(copy)).resolves.toMatchObject({
      payload: { command: 'slow', runTime: 5000 },
    });
  });

  it.each([
    [['task', 'status'], 'expected <status|'],
    [['task', 'frob', 'abc'], 'unknown task subcommand "frob"'],
    [['task', 'wait', 'abc', '--poll-interval', 'soon'], '--poll-interval must be a whole number'],
  ])('exits 2 for %j, sending nothing', async (args, message) => {
    const { code, stderr } = await tcdyn(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(d.sandbox.requests).toHaveLength(0);
  });

  it('exits 1 with the error body for an unknown task', async () => {
    const { code, stderr } = await tcdyn(['task', 'status', 'fN1SbArXTPSVFNUvaOlinQ']);
    expect(code).toBe(1);
    expect(JSON.parse(stderr)).toMatchObject({ code: 'ResourceNotFound' });
  });
});
