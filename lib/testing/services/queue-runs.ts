// The queue's worker-facing and group operations (Node only, sandbox): claimWork, claimTask,
// reportCompleted/Failed/Exception, rerunTask, and getTaskGroup, sealTaskGroup, cancelTaskGroup.
import type { OperationContext, ServiceOperations } from '../api-handlers.js';
import { issueCredentials, type Issuer } from '../certificate.js';
import { jsonResponse, type Json } from '../responses.js';
import { requireFields } from './payload.js';
import { cancel, groupOf } from './queue.js';
import type { StoredTask, TaskDefinition } from './task-model.js';
import { addPendingRun, claimRun, RESOLVED, resolveRun, scheduleDependents } from './task-runs.js';

export interface RunDeps {
  tasks: Map<string, StoredTask>;
  /** Task groups that take no more tasks. */
  sealed: Set<string>;
  /** Told of every task that becomes pending (the built-in worker listens). */
  onPending: (taskId: string) => void;
  issuer: () => Issuer;
}

const HOUR_MS = 60 * 60 * 1000;

/** Credentials a claimed run works with: its own resolve and artifact scopes plus the task's. */
function runCredentials(deps: RunDeps, taskId: string, runId: number, task: TaskDefinition) {
  const scopes = ['create-artifact', 'resolve-task', 'reclaim-task'].map(
    (verb) => `queue:${verb}:${taskId}/${String(runId)}`,
  );
  const now = Date.now();
  return issueCredentials(deps.issuer(), [...scopes, ...task.scopes], now, now + HOUR_MS);
}

/** Claim the pending last run of `taskId` for a worker; the claim structure or undefined. */
export function claim(deps: RunDeps, taskId: string, workerGroup: string, workerId: string) {
  const stored = deps.tasks.get(taskId);
  const claimed = stored && claimRun(stored, workerGroup, workerId);
  if (!stored || !claimed) return undefined;
  return {
    status: stored.status,
    runId: claimed.runId,
    workerGroup,
    workerId,
    takenUntil: claimed.takenUntil,
    task: stored.task,
    credentials: runCredentials(deps, taskId, claimed.runId, stored.task),
  };
}

/** Resolve a run and tell the worker of what it made pending (a retry, dependent tasks). */
export function resolve(
  deps: RunDeps,
  taskId: string,
  runId: number,
  state: 'completed' | 'failed' | 'exception',
  reason: string,
): boolean {
  const stored = deps.tasks.get(taskId);
  if (!stored) return false;
  const { ok, retried } = resolveRun(stored, runId, state, reason);
  if (retried) deps.onPending(taskId);
  if (ok) for (const id of scheduleDependents(deps.tasks)) deps.onPending(id);
  return ok;
}

function findRun(deps: RunDeps, ctx: OperationContext): StoredTask {
  const stored = deps.tasks.get(ctx.param('taskId'));
  if (!stored) throw ctx.fail(404, 'ResourceNotFound', `no task ${ctx.param('taskId')}`);
  if (!stored.status.runs[Number(ctx.param('runId'))])
    throw ctx.fail(404, 'ResourceNotFound', `task ${ctx.param('taskId')} has no such run`);
  return stored;
}

function report(deps: RunDeps, state: 'completed' | 'failed' | 'exception') {
  return (ctx: OperationContext) => {
    const stored = findRun(deps, ctx);
    const reason = state === 'exception' ? requireFields(ctx, { reason: 'string' }).reason : state;
    const run = stored.status.runs[Number(ctx.param('runId'))];
    if (run?.state === state) return jsonResponse({ status: stored.status });
    if (!resolve(deps, ctx.param('taskId'), Number(ctx.param('runId')), state, reason))
      throw ctx.fail(409, 'RequestConflict', `run ${ctx.param('runId')} is not running`);
    return jsonResponse({ status: stored.status });
  };
}

function claimWork(deps: RunDeps, ctx: OperationContext): Response {
  const p = requireFields(ctx, { workerGroup: 'string', workerId: 'string', tasks: 'number' });
  ctx.authorize({ workerGroup: p.workerGroup, workerId: p.workerId });
  const claims = [];
  for (const [taskId, stored] of deps.tasks) {
    if (claims.length >= p.tasks) break;
    if (stored.task.taskQueueId !== ctx.param('taskQueueId')) continue;
    const claimed = claim(deps, taskId, p.workerGroup, p.workerId);
    if (claimed) claims.push(claimed);
  }
  return jsonResponse({ tasks: claims });
}

function claimTask(deps: RunDeps, ctx: OperationContext): Response {
  const stored = findRun(deps, ctx);
  const p = requireFields(ctx, { workerGroup: 'string', workerId: 'string' });
  ctx.authorize({ ...stored.task, workerGroup: p.workerGroup, workerId: p.workerId });
  const claimed = claim(deps, ctx.param('taskId'), p.workerGroup, p.workerId);
  if (!claimed || claimed.runId !== Number(ctx.param('runId')))
    throw ctx.fail(409, 'RequestConflict', `run ${ctx.param('runId')} is not pending`);
  return jsonResponse(claimed);
}

function rerunTask(deps: RunDeps, ctx: OperationContext): Response {
  const stored = deps.tasks.get(ctx.param('taskId'));
  if (!stored) throw ctx.fail(404, 'ResourceNotFound', `no task ${ctx.param('taskId')}`);
  ctx.authorize({ ...stored.task, taskId: ctx.param('taskId') });
  // Like the real queue: a task that has not resolved is left as it is.
  if (RESOLVED.has(stored.status.state)) {
    addPendingRun(stored.status, 'rerun');
    deps.onPending(ctx.param('taskId'));
  }
  return jsonResponse({ status: stored.status });
}

/** A group's tasks, the first apart: a group exists only while it has one. */
type Group = [StoredTask, ...StoredTask[]];

function members(deps: RunDeps, ctx: OperationContext): Group {
  const [first, ...rest] = groupOf(deps.tasks, ctx.param('taskGroupId'));
  if (!first) throw ctx.fail(404, 'ResourceNotFound', `no task group ${ctx.param('taskGroupId')}`);
  return [first, ...rest];
}

function groupBody(deps: RunDeps, group: Group, taskGroupId: string): Json {
  const expires = group.map((m) => m.task.expires).sort();
  return {
    taskGroupId,
    schedulerId: group[0].task.schedulerId,
    expires: expires[expires.length - 1],
    ...(deps.sealed.has(taskGroupId) ? { sealed: new Date().toJSON() } : {}),
  };
}

function groupOperation(deps: RunDeps, act: 'get' | 'seal' | 'cancel') {
  return (ctx: OperationContext) => {
    const group = members(deps, ctx);
    const taskGroupId = ctx.param('taskGroupId');
    if (act === 'get') return jsonResponse(groupBody(deps, group, taskGroupId));
    ctx.authorize({ schedulerId: group[0].task.schedulerId });
    if (act === 'seal') {
      deps.sealed.add(taskGroupId);
      return jsonResponse(groupBody(deps, group, taskGroupId));
    }
    const open = group.filter((m) => !RESOLVED.has(m.status.state));
    for (const m of open) cancel(m.status);
    return jsonResponse({
      taskGroupId,
      taskGroupSize: group.length,
      cancelledCount: open.length,
      taskIds: open.map((m) => m.status.taskId),
    });
  };
}

/** The operations over the queue's tasks that workers and group owners use. */
export function runOperations(deps: RunDeps): ServiceOperations {
  return {
    claimWork: (ctx) => claimWork(deps, ctx),
    claimTask: (ctx) => claimTask(deps, ctx),
    reportCompleted: report(deps, 'completed'),
    reportFailed: report(deps, 'failed'),
    reportException: report(deps, 'exception'),
    rerunTask: (ctx) => rerunTask(deps, ctx),
    getTaskGroup: groupOperation(deps, 'get'),
    sealTaskGroup: groupOperation(deps, 'seal'),
    cancelTaskGroup: groupOperation(deps, 'cancel'),
  };
}
