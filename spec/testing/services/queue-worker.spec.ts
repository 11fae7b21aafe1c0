import { afterEach, describe, expect, it } from '@jest/globals';
import { createClient, slugId } from '../../../lib/index.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../lib/testing/index.js';
import { rejection, taskDefinition } from '../sandbox-helpers.js';

let sandbox: Sandbox;
const queueOf = (sandbox: Sandbox) =>
  createClient('queue', {
    rootUrl: sandbox.rootUrl,
    credentials: sandbox.rootCredentials,
    references: 'bundled',
    maxRetries: 0,
  });
let queue: ReturnType<typeof queueOf>;
const start = async (options: SandboxOptions) => {
  sandbox = await startSandbox(options);
  queue = queueOf(sandbox);
};
afterEach(() => sandbox.close());

const settle = async (taskId: string) => {
  for (let i = 0; i < 200; i++) {
    const { status } = await queue.status(taskId);
    if (['completed', 'failed', 'exception'].includes(status.state)) return status;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`${taskId} never resolved`);
};

const text = async (url: string) => (await fetch(url)).text();

describe('createWorker (the built-in worker)', () => {
  it('runs a task, logs it and resolves it as completed', async () => {
    await start({ worker: { runTime: 10 } });
    const taskId = slugId();
    await queue.createTask(taskId, taskDefinition({ payload: { command: ['make', 'test'] } }));
    const status = await settle(taskId);
    expect(status.state).toBe('completed');
    expect(status.runs[0]).toMatchObject({
      state: 'completed',
      workerGroup: 'sandbox',
      workerId: 'built-in-worker',
    });
    const { url } = await queue.artifact(taskId, 0, 'public/logs/live_backing.log');
    const log = await text(url);
    expect(log).toContain('$ make test\n');
    expect(log).toMatch(/exit code 0\n$/);
  });

  it('fails a task whose payload says exitCode 1, and runs it again on rerunTask', async () => {
    await start({ worker: { runTime: 5 } });
    const taskId = slugId();
    await queue.createTask(taskId, taskDefinition({ payload: { command: 'false', exitCode: 1 } }));
    expect((await settle(taskId)).state).toBe('failed');
    const rerun = await queue.rerunTask(taskId);
    expect(rerun.status.runs[1]).toMatchObject({ reasonCreated: 'rerun', state: 'pending' });
    const again = await settle(taskId);
    expect(again.runs.map((r: { state: string }) => r.state)).toEqual(['failed', 'failed']);
  });

  it('streams the live log while the task runs', async () => {
    await start({ worker: { runTime: 1000 } });
    const taskId = slugId();
    await queue.createTask(taskId, taskDefinition({ payload: { command: 'sleep 1' } }));
    let live: { url: string } | undefined;
    for (let i = 0; i < 100 && !live; i++) {
      live = await queue.artifact(taskId, 0, 'public/logs/live.log').catch(() => undefined);
      if (!live) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const response = await fetch(live!.url);
    const reader = response.body!.getReader();
    const first = Buffer.from((await reader.read()).value!).toString();
    expect(first).toContain('$ sleep 1');
    expect((await queue.status(taskId)).status.state).toBe('running');
    let rest = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += Buffer.from(value).toString();
    }
    expect(rest).toBe('[sandbox] exit code 0\n');
  });

  it('leaves tasks of other queues to claimWork', async () => {
    await start({ worker: { runTime: 5, taskQueueIds: ['proj/built-in'] } });
    const taskId = slugId();
    await queue.createTask(taskId, taskDefinition({ taskQueueId: 'proj/mine' }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((await queue.status(taskId)).status.state).toBe('pending');
    const { tasks } = await queue.claimWork('proj/mine', {
      workerGroup: 'g',
      workerId: 'w',
      tasks: 4,
    });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      runId: 0,
      workerGroup: 'g',
      task: { taskQueueId: 'proj/mine' },
    });
    expect(typeof tasks[0].credentials.accessToken).toBe('string');
  });
});

describe('the queue without the built-in worker', () => {
  it('resolves runs reported by a worker that claimed them, and retries an intermittent exception', async () => {
    await start({});
    const taskId = slugId();
    await queue.createTask(taskId, taskDefinition({ retries: 1 }));
    await queue.claimWork('proj/ci-worker', { workerGroup: 'g', workerId: 'w', tasks: 1 });
    const after = await queue.reportException(taskId, 0, { reason: 'worker-shutdown' });
    expect(after.status.runs.map((r: { state: string }) => r.state)).toEqual([
      'exception',
      'pending',
    ]);
    await queue.claimWork('proj/ci-worker', { workerGroup: 'g', workerId: 'w', tasks: 1 });
    expect((await queue.reportCompleted(taskId, 1)).status.state).toBe('completed');
  });

  it('refuses a report for a run that is not running', async () => {
    await start({});
    const taskId = slugId();
    await queue.createTask(taskId, taskDefinition());
    const err = await rejection(queue.reportFailed(taskId, 0));
    expect(err.statusCode).toBe(409);
  });

  it('schedules a dependent task once its dependency completes', async () => {
    await start({ worker: { runTime: 5 } });
    const first = slugId();
    const second = slugId();
    await queue.createTask(second, taskDefinition({ dependencies: [first], taskGroupId: first }));
    expect((await queue.status(second)).status.state).toBe('unscheduled');
    await queue.createTask(first, taskDefinition({ taskGroupId: first }));
    expect((await settle(second)).state).toBe('completed');
  });

  it('seals a group against new tasks and cancels what is open in it', async () => {
    await start({});
    const group = slugId();
    const taskId = slugId();
    await queue.createTask(taskId, taskDefinition({ taskGroupId: group }));
    await queue.sealTaskGroup(group);
    const refused = await rejection(
      queue.createTask(slugId(), taskDefinition({ taskGroupId: group })),
    );
    expect(refused.statusCode).toBe(409);
    const cancelled = await queue.cancelTaskGroup(group);
    expect(cancelled).toMatchObject({ cancelledCount: 1, taskIds: [taskId] });
    expect((await queue.status(taskId)).status.state).toBe('exception');
  });
});
