import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  slugId,
  TaskclusterFailure,
  waitForTaskGroup,
  type TaskGroupProgress,
} from '../../lib/index.js';
import { recordAt, rejectionOf } from '../helpers/answers.js';
import { startDeployment, type Deployment } from './helpers.js';

let d: Deployment;
beforeEach(async () => {
  d = await startDeployment({ runTime: 10 });
});
afterEach(() => d.sandbox.close());

describe('waitForTaskGroup', () => {
  it('resolves with the counts of each state once no task is open, paging through the group', async () => {
    const group = slugId();
    await d.task({ command: 'true' }, { taskGroupId: group });
    await d.task({ command: 'true' }, { taskGroupId: group });
    await d.task({ command: 'false', exitCode: 1 }, { taskGroupId: group });
    const seen: TaskGroupProgress[] = [];
    const result = await waitForTaskGroup(d.queue, group, {
      pollInterval: 2,
      pageSize: 2,
      onProgress: (p) => seen.push(p),
    });
    expect(result).toEqual({
      taskGroupId: group,
      counts: { unscheduled: 0, pending: 0, running: 0, completed: 2, failed: 1, exception: 0 },
    });
    expect(seen[seen.length - 1]).toEqual(result);
    const lists = d.sandbox.requests.filter((r) => r.method === 'listTaskGroup');
    // Two pages (two tasks, then one) on every poll.
    expect(lists.length).toBe(seen.length * 2);
    expect(lists[1]?.path).toContain('continuationToken=');
  });

  it('waits for tasks that are unscheduled behind a dependency', async () => {
    const group = slugId();
    const first = slugId();
    await d.task({ command: 'true' }, { taskGroupId: group, dependencies: [first] });
    await d.queue.createTask(first, {
      ...recordAt(await d.queue.task(await d.task({ command: 'true' }, { taskGroupId: group }))),
      created: new Date().toJSON(),
    });
    const result = await waitForTaskGroup(d.queue, group, { pollInterval: 2 });
    expect(result.counts.completed).toBe(3);
  });

  it('fails at once for a group the queue does not know', async () => {
    const err = await rejectionOf(
      waitForTaskGroup(d.queue, slugId(), { pollInterval: 1 }),
      TaskclusterFailure,
    );
    expect(err.statusCode).toBe(404);
  });

  it('rejects with WaitTimeout while tasks are still running', async () => {
    const group = slugId();
    await d.task({ command: 'true', runTime: 5000 }, { taskGroupId: group });
    const err = await rejectionOf(
      waitForTaskGroup(d.queue, group, { timeout: 30, pollInterval: 5 }),
      TaskclusterFailure,
    );
    expect(err.code).toBe('WaitTimeout');
  });

  it('refuses an empty group id before sending anything', async () => {
    const err = await rejectionOf(waitForTaskGroup(d.queue, ''), TaskclusterFailure);
    expect(err.message).toContain('taskGroupId must be a non-empty string');
    expect(d.sandbox.requests).toHaveLength(0);
  });
});
