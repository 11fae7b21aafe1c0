// The sandbox's built-in worker (Node only): it claims each task that becomes pending on its
// task queues, writes a live log while the task "runs" for a while, then leaves the backing
// log and resolves as the payload says: {command, exitCode?, exception?, runTime?, log?}.
import type { Json } from '../responses.js';
import type { Artifacts } from './queue-artifacts.js';
import { claim, resolve, type RunDeps } from './queue-runs.js';
import type { LiveLogs } from './live-log.js';

/** How the sandbox's built-in worker runs tasks: run time and the task queues it serves. */
export interface WorkerOptions {
  /** How long each task runs, in ms (default 200); a task's `payload.runTime` overrides it. */
  runTime?: number;
  /** The task queues served (default: every one). */
  taskQueueIds?: string[];
}

export interface WorkerDeps {
  runs: RunDeps;
  artifacts: Artifacts;
  logs: LiveLogs;
}

export interface Worker {
  /** A task became pending: run it if it is on one of the worker's queues. */
  onPending(taskId: string): void;
  close(): void;
}

export const WORKER = { workerGroup: 'sandbox', workerId: 'built-in-worker' };
const LIVE_LOG = 'public/logs/live.log';
const BACKING_LOG = 'public/logs/live_backing.log';

const commandOf = (payload: Json) =>
  Array.isArray(payload['command']) ? payload['command'].join(' ') : String(payload['command']);

/** What the task's log says, first while it runs and then as it ends. */
function logLines(taskId: string, runId: number, payload: Json) {
  const start = [
    `[sandbox] task ${taskId} run ${String(runId)} claimed by ${WORKER.workerGroup}/${WORKER.workerId}`,
    ...(payload['command'] === undefined ? [] : [`$ ${commandOf(payload)}`]),
    ...(Array.isArray(payload['log']) ? payload['log'].map(String) : []),
  ];
  const exitCode = Number(payload['exitCode'] ?? 0);
  const end =
    typeof payload['exception'] === 'string'
      ? `[sandbox] exception: ${payload['exception']}`
      : `[sandbox] exit code ${String(exitCode)}`;
  return { start: start.map((l) => `${l}\n`).join(''), end: `${end}\n` };
}

function outcome(payload: Json): ['completed' | 'failed' | 'exception', string] {
  if (typeof payload['exception'] === 'string') return ['exception', payload['exception']];
  return Number(payload['exitCode'] ?? 0) === 0 ? ['completed', 'completed'] : ['failed', 'failed'];
}

/** A worker over the queue's runs; close() stops its timers and ends its live logs. */
export function createWorker(deps: WorkerDeps, options: WorkerOptions = {}): Worker {
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, act: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      act();
    }, ms);
    timers.add(timer);
  };
  const serves = (taskId: string) => {
    const queueId = deps.runs.tasks.get(taskId)?.task.taskQueueId;
    return !options.taskQueueIds || options.taskQueueIds.includes(queueId ?? '');
  };
  const run = (taskId: string) => {
    const claimed = claim(deps.runs, taskId, WORKER.workerGroup, WORKER.workerId);
    if (!claimed) return;
    const { runId } = claimed;
    const { payload } = claimed.task;
    const key = `${taskId}/${String(runId)}`;
    const url = deps.logs.open(key);
    deps.artifacts.seed({ taskId, runId, name: LIVE_LOG, storageType: 'reference', url });
    const lines = logLines(taskId, runId, payload);
    deps.logs.write(key, lines.start);
    const runTime = Number(payload['runTime'] ?? options.runTime ?? 200);
    later(runTime, () => {
      finish(deps, taskId, runId, lines.end, outcome(payload));
    });
  };
  return {
    onPending: (taskId) => {
      if (serves(taskId))
        later(0, () => {
          run(taskId);
        });
    },
    close: () => {
      timers.forEach(clearTimeout);
      timers.clear();
      deps.logs.closeAll();
    },
  };
}

/** End the log, keep it as the backing log (live.log then serves it too), resolve the run. */
function finish(
  deps: WorkerDeps,
  taskId: string,
  runId: number,
  lastLine: string,
  [state, reason]: ReturnType<typeof outcome>,
): void {
  const key = `${taskId}/${String(runId)}`;
  deps.logs.write(key, lastLine);
  const content = deps.logs.close(key);
  for (const name of [BACKING_LOG, LIVE_LOG])
    deps.artifacts.seed({ taskId, runId, name, content, contentType: 'text/plain; charset=utf-8' });
  resolve(deps.runs, taskId, runId, state, reason);
}
