// followLog: the bytes of a task's public/logs/live.log as they are written, until the task
// resolves (its live log then ends, and the backing log holds the same bytes).
import { aborted, failure } from '../errors.js';
import { asQueue, RESOLVED_STATES, withSignal, type QueueArg } from './queue.js';
import { waitForTask } from './wait-for-task.js';

/** How {@link followLog} follows a live log: which run, how often to look, and a signal. */
export interface FollowLogOptions {
  /** The run to follow (default: the run that is running, or the last one). */
  runId?: number;
  signal?: AbortSignal;
  /** How often to look whether the task has started, in ms (default 2000). */
  pollInterval?: number;
}

const LIVE_LOG = 'public/logs/live.log';

async function logUrl(queue: QueueArg, taskId: string, options: FollowLogOptions) {
  const pollInterval = options.pollInterval ?? 2000;
  const status = await waitForTask(queue, taskId, {
    until: ['running', ...RESOLVED_STATES],
    pollInterval,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const runId = options.runId ?? status.runs.length - 1;
  const scoped = options.signal ? withSignal(queue, options.signal) : asQueue(queue);
  const artifact = await scoped.artifact(taskId, runId, LIVE_LOG);
  const url = (artifact as { url?: unknown } | null | undefined)?.url;
  if (typeof url !== 'string')
    throw failure(`followLog: ${LIVE_LOG} of ${taskId} run ${String(runId)} has no URL to read`);
  return url;
}

/**
 * The bytes of `public/logs/live.log` of a task, as an async iterable, while the task runs;
 * it ends when the task resolves. Waits for the task to start first. Breaking out of the loop
 * or aborting `signal` (code `Aborted`) closes the connection.
 *
 * @example
 * for await (const chunk of followLog(queue, taskId)) process.stdout.write(chunk);
 */
export async function* followLog(
  queue: QueueArg,
  taskId: string,
  options: FollowLogOptions = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  if (typeof taskId !== 'string' || taskId === '')
    throw failure(`followLog: taskId must be a non-empty string, got ${JSON.stringify(taskId)}`);
  if (options.runId !== undefined && !(Number.isInteger(options.runId) && options.runId >= 0))
    throw failure(`followLog: runId must be a whole number, got ${String(options.runId)}`);
  const url = await logUrl(queue, taskId, options);
  const response = await fetch(url, options.signal ? { signal: options.signal } : {}).catch(
    (cause: unknown) => {
      if (options.signal?.aborted) throw aborted(`followLog ${taskId}: aborted`, cause);
      throw failure(`followLog ${taskId}: cannot read ${LIVE_LOG}`, { cause });
    },
  );
  if (!response.ok || !response.body)
    throw failure(`followLog ${taskId}: ${LIVE_LOG} answered ${String(response.status)}`, {
      statusCode: response.status,
    });
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read().catch((cause: unknown) => {
        if (options.signal?.aborted) throw aborted(`followLog ${taskId}: aborted`, cause);
        throw failure(`followLog ${taskId}: the live log broke off`, { cause });
      });
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
