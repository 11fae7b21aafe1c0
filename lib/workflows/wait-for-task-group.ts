// waitForTaskGroup: poll a task group, counting its tasks' states page by page, until none is
// unscheduled, pending or running.
import { failure } from '../errors.js';
import { checkPollOptions, poll, type PollOptions } from './poll.js';
import { asQueue, OPEN_STATES, withSignal, type QueueArg, type TaskState } from './queue.js';

/** How many tasks of the group are in each state. */
export type TaskGroupCounts = Record<TaskState, number>;

/** The counts of a task group by state, as {@link waitForTaskGroup} reports them. */
export interface TaskGroupProgress {
  taskGroupId: string;
  counts: TaskGroupCounts;
}

/** How {@link waitForTaskGroup} waits: a progress callback, page size, timeout and signal. */
export interface WaitForTaskGroupOptions extends PollOptions {
  /** Called with the counts of each poll, the last one included. */
  onProgress?: (progress: TaskGroupProgress) => void;
  /** Tasks per listTaskGroup page (default: the service's). */
  pageSize?: number;
}

const emptyCounts = (): TaskGroupCounts => ({
  unscheduled: 0,
  pending: 0,
  running: 0,
  completed: 0,
  failed: 0,
  exception: 0,
});

/** One pass over the group's pages; only the counts are kept, never the tasks. */
export async function countTaskGroup(
  queue: QueueArg,
  taskGroupId: string,
  pageSize?: number,
): Promise<TaskGroupCounts> {
  const counts = emptyCounts();
  let continuationToken: string | undefined;
  do {
    const page = await asQueue(queue).listTaskGroup(taskGroupId, {
      ...(continuationToken ? { continuationToken } : {}),
      ...(pageSize ? { limit: pageSize } : {}),
    });
    for (const { status } of page.tasks) counts[status.state] += 1;
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return counts;
}

/**
 * Resolve with `{taskGroupId, counts}` once no task of the group is unscheduled, pending or
 * running. Rejects with code `WaitTimeout` after `timeout` ms and `Aborted` when `signal`
 * aborts; an unknown group (404) fails at once.
 */
export async function waitForTaskGroup(
  queue: QueueArg,
  taskGroupId: string,
  options: WaitForTaskGroupOptions = {},
): Promise<TaskGroupProgress> {
  if (typeof taskGroupId !== 'string' || taskGroupId === '')
    throw failure(
      `waitForTaskGroup: taskGroupId must be a non-empty string, got ${JSON.stringify(taskGroupId)}`,
    );
  checkPollOptions('waitForTaskGroup', options);
  return poll(`waitForTaskGroup ${taskGroupId}`, options, async (signal) => {
    const counts = await countTaskGroup(withSignal(queue, signal), taskGroupId, options.pageSize);
    const progress = { taskGroupId, counts };
    options.onProgress?.(progress);
    return OPEN_STATES.some((state) => counts[state] > 0) ? undefined : progress;
  });
}
