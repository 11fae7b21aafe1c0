// Pure state transitions of a stored task's runs (Node only, sandbox): claim, resolve, rerun,
// retry after an intermittent exception, and scheduling of tasks whose dependencies completed.
import type { StoredTask, TaskRun, TaskStatus } from './task-model.js';

export const RESOLVED: ReadonlySet<string> = new Set(['completed', 'failed', 'exception']);
// Exceptions that the real queue retries while the task has retries left.
const RETRIED = new Set(['worker-shutdown', 'intermittent-task']);
const TAKEN_MS = 20 * 60 * 1000;

export const lastRun = (status: TaskStatus): TaskRun | undefined =>
  status.runs[status.runs.length - 1];

/** Add a pending run (`reasonCreated`: scheduled, retry, rerun) and make the task pending. */
export function addPendingRun(status: TaskStatus, reasonCreated: string): number {
  const { runs } = status;
  runs.push({
    runId: runs.length,
    state: 'pending',
    reasonCreated,
    scheduled: new Date().toJSON(),
  });
  status.state = 'pending';
  return runs.length - 1;
}

/** Claim the pending last run for a worker; undefined when there is none to claim. */
export function claimRun(stored: StoredTask, workerGroup: string, workerId: string) {
  const run = lastRun(stored.status);
  if (run?.state !== 'pending') return undefined;
  const takenUntil = new Date(Date.now() + TAKEN_MS).toJSON();
  Object.assign(run, { state: 'running', started: new Date().toJSON(), workerGroup, workerId });
  run.takenUntil = takenUntil;
  stored.status.state = 'running';
  return { runId: run.runId, takenUntil };
}

/**
 * Resolve run `runId` if it is the running last run. An exception of a retried kind with
 * retries left gets a new pending run; the answer says whether a run was added.
 */
export function resolveRun(
  stored: StoredTask,
  runId: number,
  state: 'completed' | 'failed' | 'exception',
  reasonResolved: string,
): { ok: boolean; retried: boolean } {
  const run = lastRun(stored.status);
  if (run?.runId !== runId || run.state !== 'running') return { ok: false, retried: false };
  Object.assign(run, { state, reasonResolved, resolved: new Date().toJSON() });
  delete run.takenUntil;
  stored.status.state = state;
  if (state === 'exception' && RETRIED.has(reasonResolved) && stored.status.retriesLeft > 0) {
    stored.status.retriesLeft -= 1;
    addPendingRun(stored.status, 'retry');
    return { ok: true, retried: true };
  }
  return { ok: true, retried: false };
}

/** Unscheduled tasks whose dependencies now allow them to run become pending; their ids. */
export function scheduleDependents(tasks: ReadonlyMap<string, StoredTask>): string[] {
  const scheduled: string[] = [];
  for (const [taskId, stored] of tasks) {
    if (stored.status.state !== 'unscheduled' || stored.status.runs.length) continue;
    const deps = stored.task.dependencies.filter((d) => d !== taskId);
    const states = deps.map((d) => tasks.get(d)?.status.state);
    const ready =
      stored.task.requires === 'all-resolved'
        ? states.every((s) => s !== undefined && RESOLVED.has(s))
        : states.every((s) => s === 'completed');
    if (!ready) continue;
    addPendingRun(stored.status, 'scheduled');
    scheduled.push(taskId);
  }
  return scheduled;
}
