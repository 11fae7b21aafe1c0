import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { slugId } from '../../../lib/index.js';
import { runTcdyn } from '../helpers/run-tcdyn.js';
import { startDeployment, type Deployment } from '../../workflows/helpers.js';
import { at, parseJson } from '../../helpers/answers.js';

let d: Deployment;
let env: Record<string, string>;
let group: string;
beforeEach(async () => {
  d = await startDeployment({ runTime: 10 });
  env = {
    TASKCLUSTER_ROOT_URL: d.sandbox.rootUrl,
    TASKCLUSTER_CLIENT_ID: d.sandbox.rootCredentials.clientId,
    TASKCLUSTER_ACCESS_TOKEN: d.sandbox.rootCredentials.accessToken,
  };
  group = slugId();
});
afterEach(() => d.sandbox.close());

const tcdyn = (args: string[], extra: Record<string, string> = {}, input?: string) =>
  runTcdyn(args, { env: { ...env, ...extra }, ...(input === undefined ? {} : { input }) });
const TTY = { TCDYN_FORCE_TTY: '1' };
const inGroup = (payload: object) => d.task(payload, { taskGroupId: group });

describe('groupCommand', () => {
  it('waits for the group and exits 1 when a task failed, printing the counts', async () => {
    await inGroup({ command: 'true' });
    await inGroup({ command: 'false', exitCode: 1 });
    const { code, stdout } = await tcdyn(['group', 'wait', group, '--poll-interval', '2'], TTY);
    expect(code).toBe(1);
    expect(stdout).toBe(`${group}: 1 completed, 1 failed\n`);
  });

  it('counts the tasks by state, as JSON when piped', async () => {
    await inGroup({ command: 'true', runTime: 5000 });
    const { stdout } = await tcdyn(['group', 'status', group]);
    expect(at(parseJson(stdout), 'counts')).toMatchObject({ running: 1, completed: 0 });
  });

  it('lists the tasks in one JSON line each, filtered by state', async () => {
    const passed = await inGroup({ command: 'true' });
    const failed = await inGroup({ command: 'false', exitCode: 1 });
    await tcdyn(['group', 'wait', group, '--poll-interval', '2']);
    const all = await tcdyn(['group', 'list', group]);
    expect(all.stdout.trim().split('\n')).toHaveLength(2);
    const only = await tcdyn(['group', 'list', group, '--state', 'failed']);
    expect(only.stdout).toBe(
      `${JSON.stringify({ taskId: failed, state: 'failed', name: 'sandbox test' })}\n`,
    );
    expect(only.stdout).not.toContain(passed);
  });

  it('seals, then cancels, after a yes on a terminal', async () => {
    const open = await inGroup({ command: 'slow', runTime: 5000 });
    const { code, stdout, stderr } = await tcdyn(['group', 'cancel', group], TTY, 'y\n');
    expect(code).toBe(0);
    expect(stderr).toContain(`Seal task group ${group} and cancel its open tasks? [y/N]`);
    expect(stdout).toBe(`${group}: sealed; 1 of 1 tasks cancelled\n`);
    await expect(d.queue.status(open)).resolves.toMatchObject({ status: { state: 'exception' } });
    const methods = d.sandbox.requests.map((r) => r.method);
    expect(methods.indexOf('sealTaskGroup')).toBeLessThan(methods.indexOf('cancelTaskGroup'));
  });

  it('does nothing when the answer is not yes', async () => {
    await inGroup({ command: 'slow', runTime: 5000 });
    const before = d.sandbox.requests.length;
    const { code, stderr } = await tcdyn(['group', 'cancel', group], TTY, 'n\n');
    expect(code).toBe(1);
    expect(stderr).toContain('nothing done');
    expect(d.sandbox.requests.length).toBe(before);
  });

  it('does not ask with --yes', async () => {
    await inGroup({ command: 'slow', runTime: 5000 });
    const { code, stderr } = await tcdyn(['group', 'cancel', '--yes', group], TTY);
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });

  it('exits 2 for an unknown state, sending nothing', async () => {
    const { code, stderr } = await tcdyn(['group', 'list', group, '--state', 'done']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown state done');
    expect(d.sandbox.requests).toHaveLength(0);
  });
});
