// waitForTask: poll a task's status until its state is one the caller waits for.
import { failure } from '../errors.js';
import { checkPollOptions, poll, type PollOptions } from './poll.js';
import {
  RESOLVED_STATES,
  withSignal,
  type QueueArg,
  type TaskState,
  type TaskStatus,
} from './queue.js';

/** How {@link waitForTask} waits: the states to wait for, a status callback, timeout and signal. */
export interface WaitForTaskOptions extends PollOptions {
  /** `'resolved'` (default: completed, failed or exception), one state, or a list of states. */
  until?: 'resolved' | TaskState | readonly TaskState[];
  /** Called with each status seen, the last one included. */
  onStatus?: (status: TaskStatus) => void;
}

const STATES: readonly string[] = ['unscheduled', 'pending', 'running', ...RESOLVED_STATES];

function statesOf(until: WaitForTaskOptions['until'] = 'resolved'): ReadonlySet<string> {
  const states =
    until === 'resolved' ? RESOLVED_STATES : typeof until === 'string' ? [until] : until;
  if (
    !Array.isArray(states) ||
    states.length === 0 ||
    !states.every((s: unknown) => typeof s === 'string' && STATES.includes(s))
  )
    throw failure(
      `waitForTask: until must be 'resolved' or states among ${STATES.join(', ')}, got ${JSON.stringify(until)}`,
    );
  return new Set(states);
}

/**
 * Resolve with the task's status (what `queue.status(taskId)` has under `status`) once its state
 * is one of `until`. A 404 for an unknown task fails at once; transient errors are retried by
 * the client. Rejects with code `WaitTimeout` after `timeout` ms and `Aborted` when `signal`
 * aborts, with no request left in flight.
 *
 * @example
 * const status = await waitForTask(queue, taskId, { timeout: 3_600_000 });
 * if (status.state !== 'completed') process.exitCode = 1;
 */
export async function waitForTask(
  queue: QueueArg,
  taskId: string,
  options: WaitForTaskOptions = {},
): Promise<TaskStatus> {
  if (typeof taskId !== 'string' || taskId === '')
    throw failure(`waitForTask: taskId must be a non-empty string, got ${JSON.stringify(taskId)}`);
  checkPollOptions('waitForTask', options);
  const states = statesOf(options.until);
  return poll(`waitForTask ${taskId}`, options, async (signal) => {
    const { status } = await withSignal(queue, signal).status(taskId);
    options.onStatus?.(status);
    return states.has(status.state) ? status : undefined;
  });
}
