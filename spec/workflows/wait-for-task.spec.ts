import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { TaskclusterFailure, waitForTask, type TaskStatus } from '../../lib/index.js';
import { rejectionOf } from '../helpers/answers.js';
import { startDeployment, type Deployment } from './helpers.js';

let d: Deployment;
beforeEach(async () => {
  d = await startDeployment({ runTime: 20 });
});
afterEach(() => d.sandbox.close());

const statusCalls = () => d.sandbox.requests.filter((r) => r.method === 'status');

describe('waitForTask', () => {
  it('resolves with the status once the task has resolved, reporting each status seen', async () => {
    const taskId = await d.task({ command: 'false', exitCode: 1 });
    const seen: string[] = [];
    const status = await waitForTask(d.queue, taskId, {
      pollInterval: 2,
      onStatus: (s) => seen.push(s.state),
    });
    expect(status).toMatchObject({ taskId, state: 'failed' });
    expect(seen[seen.length - 1]).toBe('failed');
    expect(seen.length).toBe(statusCalls().length);
  });

  it('waits for the states that until names', async () => {
    const taskId = await d.task({ command: 'true', runTime: 2000 });
    const status: TaskStatus = await waitForTask(d.queue, taskId, {
      until: 'running',
      pollInterval: 2,
    });
    expect(status.state).toBe('running');
  });

  it('fails at once, after one request, for a task the queue does not know', async () => {
    const err = await rejectionOf(
      waitForTask(d.queue, 'fN1SbArXTPSVFNUvaOlinQ', { pollInterval: 1 }),
      TaskclusterFailure,
    );
    expect(err.statusCode).toBe(404);
    expect(statusCalls()).toHaveLength(1);
  });

  it('rejects with WaitTimeout after the timeout', async () => {
    const taskId = await d.task({ command: 'true', runTime: 5000 });
    const err = await rejectionOf(
      waitForTask(d.queue, taskId, { timeout: 40, pollInterval: 5 }),
      TaskclusterFailure,
    );
    expect(err).toMatchObject({ name: 'TaskclusterFailure', code: 'WaitTimeout' });
  });

  it('rejects with Aborted when the signal aborts, with no request left in flight', async () => {
    const taskId = await d.task({ command: 'true', runTime: 5000 });
    d.sandbox.fault('queue.status', { delay: 2000, times: 100 });
    const controller = new AbortController();
    const waiting = waitForTask(d.queue, taskId, { signal: controller.signal, pollInterval: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    controller.abort();
    const err = await rejectionOf(waiting, TaskclusterFailure);
    expect(err.code).toBe('Aborted');
    // The delayed status call was cut short, not waited for.
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('backs off between polls', async () => {
    const taskId = await d.task({ command: 'true', runTime: 5000 });
    await rejectionOf(
      waitForTask(d.queue, taskId, { timeout: 300, pollInterval: 20, maxInterval: 1000 }),
      TaskclusterFailure,
    );
    // 20, 30, 45, 67, 101 ms: at most six polls fit in 300 ms, against fifteen without backoff.
    expect(statusCalls().length).toBeLessThanOrEqual(6);
    expect(statusCalls().length).toBeGreaterThanOrEqual(2);
  });

  // Options as an untyped caller would pass them: `object`, not WaitForTaskOptions.
  it.each<[string, string, object, string]>([
    ['an empty taskId', '', {}, 'taskId must be a non-empty string'],
    ['an unknown state', 'abc', { until: 'done' }, "until must be 'resolved'"],
    ['a negative timeout', 'abc', { timeout: -1 }, 'timeout must be a number >= 0'],
  ])('refuses %s before sending anything', async (_what, taskId, options, message) => {
    const err = await rejectionOf(waitForTask(d.queue, taskId, options), TaskclusterFailure);
    expect(err.message).toContain(message);
    expect(d.sandbox.requests).toHaveLength(0);
  });
});
