import { afterEach, describe, expect, it } from '@jest/globals';
import { createClient, slugId } from '../../../lib/index.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../lib/testing/index.js';
import { rejection, taskDefinition } from '../sandbox-helpers.js';
import { at, listAt, stringAt } from '../../helpers/answers.js';

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
afterEach(async () => {
  await sandbox.close();
});

const settle = async (taskId: string) => {
  for (let i = 0; i < 200; i++) {
    const status = at(await queue.status(taskId), 'status');
    if (['completed', 'failed', 'exception'].includes(stringAt(status, 'state'))) return status;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`${taskId} never resolved`);
};

const text = async (url: string) => (await fetch(url)).text();

/** The next chunk of a byte stream as text, or undefined at its end. */
async function nextText(reader: ReadableStreamDefaultReader<unknown>): Promise<string | undefined> {
  const { done, value }: { done: boolean; value?: unknown } = await reader.read();
  if (done) return undefined;
  if (!(value instanceof Uint8Array)) throw new Error('expected the stream to give bytes');
  return Buffer.from(value).toString();
}

describe('createWorker (the built-in worker)', () => {
  it('runs a task, logs it and resolves it as completed', async () => {
    await start({ worker: { runTime: 10 } });
    const taskId = slugId();
    await queue.createTask(taskId, taskDefinition({ payload: { command: ['make', 'test'] } }));
    const status = await settle(taskId);
    expect(at(status, 'state')).toBe('completed');
    expect(at(status, 'runs', 0)).toMatchObject({
      state: 'completed',
      workerGroup: 'sandbox',
      workerId: 'built-in-worker',
    });
    const url = stringAt(await queue.artifact(taskId, 0, 'public/logs/live_backing.log'), 'url');
    const log = await text(url);
    expect(log).toContain('$ make test\n');
    expect(log).toMatch(/exit code 0\n$/);
  });

  it('fails a task whose payload says exitCode 1, and runs it again on rerunTask', async () => {
    await start({ worker: { runTime: 5 } });
    const taskId = slugId();
    await queue.createTask(taskId, taskDefinition({ payload: { command: 'false', exitCode: 1 } }));
    expect(at(await settle(taskId), 'state')).toBe('failed');
    const rerun: unknown = await queue.rerunTask(taskId);
    expect(at(rerun, 'status', 'runs', 1)).toMatchObject({
      reasonCreated: 'rerun',
      state: 'pending',
    });
    const again = await settle(taskId);
    expect(listAt(again, 'runs').map((r) => at(r, 'state'))).toEqual(['failed', 'failed']);
  });

  it('streams the live log while the task runs', async () => {
    await start({ worker: { runTime: 1000 } });
    const taskId = slugId();
    await queue.createTask(taskId, taskDefinition({ payload: { command: 'sleep 1' } }));
    let live: unknown;
    for (let i = 0; i < 100 && live === undefined; i++) {
      live = await queue.artifact(taskId, 0, 'public/logs/live.log').catch(() => undefined);
      if (live === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const response = await fetch(stringAt(live, 'url'));
    if (!response.body) throw new Error('the live log answered without a body');
    const reader: ReadableStreamDefaultReader<unknown> = response.body.getReader();
    expect(await nextText(reader)).toContain('$ sleep 1');
    expect(at(await queue.status(taskId), 'status', 'state')).toBe('running');
    let rest = '';
    for (let chunk = await nextText(reader); chunk !== undefined; chunk = await nextText(reader))
      rest += chunk;
    expect(rest).toBe('[sandbox] exit code 0\n');
  });

  it('leaves tasks of other queues to claimWork', async () => {
    await start({ worker: { runTime: 5, taskQueueIds: ['proj/built-in'] } });
    const taskId = slugId();
    await queue.createTask(taskId, taskDefinition({ taskQueueId: 'proj/mine' }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(at(await queue.status(taskId), 'status', 'state')).toBe('pending');
    const tasks = at(
      await queue.claimWork('proj/mine', { workerGroup: 'g', workerId: 'w', tasks: 4 }),
      'tasks',
    );
    expect(tasks).toHaveLength(1);
    expect(at(tasks, 0)).toMatchObject({
      runId: 0,
      workerGroup: 'g',
      task: { taskQueueId: 'proj/mine' },
    });
    expect(typeof at(tasks, 0, 'credentials', 'accessToken')).toBe('string');
  });
});

describe('the queue without the built-in worker', () => {
  it('resolves runs reported by a worker that claimed them, and retries an intermittent exception', async () => {
    await start({});
    const taskId = slugId();
    await queue.createTask(taskId, taskDefinition({ retries: 1 }));
    await queue.claimWork('proj/ci-worker', { workerGroup: 'g', workerId: 'w', tasks: 1 });
    const after: unknown = await queue.reportException(taskId, 0, { reason: 'worker-shutdown' });
    expect(listAt(after, 'status', 'runs').map((r) => at(r, 'state'))).toEqual([
      'exception',
      'pending',
    ]);
    await queue.claimWork('proj/ci-worker', { workerGroup: 'g', workerId: 'w', tasks: 1 });
    expect(at(await queue.reportCompleted(taskId, 1), 'status', 'state')).toBe('completed');
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
    expect(at(await queue.status(second), 'status', 'state')).toBe('unscheduled');
    await queue.createTask(first, taskDefinition({ taskGroupId: first }));
    expect(at(await settle(second), 'state')).toBe('completed');
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
    const cancelled: unknown = await queue.cancelTaskGroup(group);
    expect(cancelled).toMatchObject({ cancelledCount: 1, taskIds: [taskId] });
    expect(at(await queue.status(taskId), 'status', 'state')).toBe('exception');
  });
});
