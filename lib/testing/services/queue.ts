// The queue's tasks: createTask (defaults filled in, idempotent, pending or unscheduled, refused
// in a sealed group), task, status, cancelTask, and listTaskGroup in continuationToken pages.
import type { OperationContext, ServiceOperations } from '../api-handlers.js';
import { isJson, jsonResponse, type Json } from '../responses.js';
import { paginate } from '../pagination.js';
import { optionalField, requireFields } from './payload.js';
import type { StoredTask, TaskDefinition, TaskStatus } from './task-model.js';

export type { StoredTask } from './task-model.js';

/** Highest first: holding a scope for one priority allows creating tasks of any lower one. */
const PRIORITIES = ['highest', 'very-high', 'high', 'medium', 'low', 'very-low', 'lowest'];
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export interface Queue {
  operations: ServiceOperations;
  tasks: Map<string, StoredTask>;
  /** Task groups that take no more tasks (sealTaskGroup). */
  sealed: Set<string>;
}

export interface QueueHooks {
  /** Told of each task that is created pending (the built-in worker listens). */
  onPending?: (taskId: string) => void;
}

type Tasks = Map<string, StoredTask>;

/** The queue's task operations over a fresh in-memory store. */
export function createQueue(hooks: QueueHooks = {}): Queue {
  const tasks: Tasks = new Map();
  const sealed = new Set<string>();
  return {
    tasks,
    sealed,
    operations: {
      createTask: (ctx) => {
        const response = createTask(tasks, sealed, ctx);
        if (tasks.get(ctx.param('taskId'))?.status.state === 'pending')
          hooks.onPending?.(ctx.param('taskId'));
        return response;
      },
      cancelTask: (ctx) => cancelTask(tasks, ctx),
      listTaskGroup: (ctx) => listTaskGroup(tasks, ctx),
      task: (ctx) => jsonResponse(findTask(tasks, ctx).task),
      status: (ctx) => jsonResponse({ status: findTask(tasks, ctx).status }),
    },
  };
}

function findTask(tasks: Tasks, ctx: OperationContext): StoredTask {
  const stored = tasks.get(ctx.param('taskId'));
  if (!stored)
    throw ctx.fail(404, 'ResourceNotFound', `no task with taskId ${ctx.param('taskId')}`);
  return stored;
}

export const groupOf = (tasks: ReadonlyMap<string, StoredTask>, taskGroupId: string) =>
  [...tasks.values()].filter((t) => t.task.taskGroupId === taskGroupId);

function createTask(tasks: Tasks, sealed: Set<string>, ctx: OperationContext): Response {
  const task = taskDefinition(ctx);
  ctx.authorize(createScopeParams(ctx.param('taskId'), task));
  const existing = tasks.get(ctx.param('taskId'));
  if (existing) {
    if (canonical(existing.task) === canonical(task))
      return jsonResponse({ status: existing.status });
    throw ctx.fail(
      409,
      'RequestConflict',
      `task ${ctx.param('taskId')} already exists with another definition`,
    );
  }
  if (sealed.has(task.taskGroupId))
    throw ctx.fail(409, 'RequestConflict', `task group ${task.taskGroupId} is sealed`);
  const sibling = groupOf(tasks, task.taskGroupId)[0];
  if (sibling && sibling.task.schedulerId !== task.schedulerId) {
    throw ctx.fail(
      409,
      'RequestConflict',
      `task group ${task.taskGroupId} belongs to schedulerId ${sibling.task.schedulerId}`,
    );
  }
  const status = initialStatus(ctx.param('taskId'), task, tasks);
  tasks.set(ctx.param('taskId'), { task, status });
  return jsonResponse({ status });
}

function cancelTask(tasks: Tasks, ctx: OperationContext): Response {
  const { task, status } = findTask(tasks, ctx);
  ctx.authorize({
    schedulerId: task.schedulerId,
    taskGroupId: task.taskGroupId,
    projectId: task.projectId,
  });
  cancel(status);
  return jsonResponse({ status });
}

function listTaskGroup(tasks: Tasks, ctx: OperationContext): Response {
  const members = groupOf(tasks, ctx.param('taskGroupId'));
  const [first] = members;
  if (first === undefined)
    throw ctx.fail(404, 'ResourceNotFound', `no task group ${ctx.param('taskGroupId')}`);
  const { items, continuationToken } = paginate(members, ctx.query);
  const expires = members
    .map((m) => m.task.expires)
    .sort()
    .pop();
  const body: Json = {
    taskGroupId: ctx.param('taskGroupId'),
    schedulerId: first.task.schedulerId,
    expires,
    tasks: items,
  };
  if (continuationToken) body['continuationToken'] = continuationToken;
  return jsonResponse(body);
}

function taskDefinition(ctx: OperationContext): TaskDefinition {
  const p = requireFields(ctx, {
    created: 'string',
    deadline: 'string',
    payload: 'object',
    metadata: 'object',
  });
  const [provisionerId, workerType] = taskQueue(ctx, p);
  const optional = <T extends 'string' | 'number' | 'object' | 'strings'>(field: string, type: T) =>
    optionalField(ctx, p, field, type);
  const priority = optional('priority', 'string') ?? 'lowest';
  if (!PRIORITIES.includes(priority))
    throw ctx.fail(400, 'InputValidationError', `unknown priority ${priority}`);
  if (Number.isNaN(Date.parse(p.deadline)) || Number.isNaN(Date.parse(p.created))) {
    throw ctx.fail(400, 'InputValidationError', 'created and deadline must be dates');
  }
  const expires =
    optional('expires', 'string') ?? new Date(Date.parse(p.deadline) + YEAR_MS).toJSON();
  if (Date.parse(expires) < Date.parse(p.deadline))
    throw ctx.fail(400, 'InputValidationError', 'expires is before deadline');
  return {
    provisionerId,
    workerType,
    taskQueueId: `${provisionerId}/${workerType}`,
    schedulerId: optional('schedulerId', 'string') ?? '-',
    projectId: optional('projectId', 'string') ?? 'none',
    taskGroupId: optional('taskGroupId', 'string') ?? ctx.param('taskId'),
    dependencies: optional('dependencies', 'strings') ?? [],
    requires: optional('requires', 'string') ?? 'all-completed',
    routes: optional('routes', 'strings') ?? [],
    priority,
    retries: optional('retries', 'number') ?? 5,
    created: p.created,
    deadline: p.deadline,
    expires,
    scopes: optional('scopes', 'strings') ?? [],
    payload: p.payload,
    metadata: p.metadata,
    tags: optional('tags', 'object') ?? {},
    extra: optional('extra', 'object') ?? {},
  };
}

function taskQueue(ctx: OperationContext, p: Json): [string, string] {
  const queueId = /^([^/]+)\/(.+)$/.exec(String(p['taskQueueId']));
  const fromQueue: [string, string] | undefined =
    typeof p['taskQueueId'] === 'string' && queueId?.[1] !== undefined && queueId[2] !== undefined
      ? [queueId[1], queueId[2]]
      : undefined;
  const fromPair: [string, string] | undefined =
    typeof p['provisionerId'] === 'string' && typeof p['workerType'] === 'string'
      ? [p['provisionerId'], p['workerType']]
      : undefined;
  if (fromQueue && fromPair && fromQueue.join('/') !== fromPair.join('/')) {
    throw ctx.fail(
      400,
      'InputValidationError',
      'taskQueueId disagrees with provisionerId/workerType',
    );
  }
  const pair = fromQueue ?? fromPair;
  if (!pair)
    throw ctx.fail(
      400,
      'InputValidationError',
      'give taskQueueId (or provisionerId and workerType)',
    );
  return pair;
}

function createScopeParams(taskId: string, task: TaskDefinition) {
  return {
    ...task,
    taskId,
    priorities: PRIORITIES.slice(0, PRIORITIES.indexOf(task.priority) + 1),
  };
}

function initialStatus(
  taskId: string,
  task: TaskDefinition,
  tasks: ReadonlyMap<string, StoredTask>,
): TaskStatus {
  // A task waiting for another stays unscheduled until that one completes (task-runs.ts).
  const waits = task.dependencies.some(
    (dep) => dep !== taskId && tasks.get(dep)?.status.state !== 'completed',
  );
  return {
    taskId,
    provisionerId: task.provisionerId,
    workerType: task.workerType,
    taskQueueId: task.taskQueueId,
    schedulerId: task.schedulerId,
    projectId: task.projectId,
    taskGroupId: task.taskGroupId,
    deadline: task.deadline,
    expires: task.expires,
    retriesLeft: task.retries,
    state: waits ? 'unscheduled' : 'pending',
    runs: waits
      ? []
      : [
          {
            runId: 0,
            state: 'pending',
            reasonCreated: 'scheduled',
            scheduled: new Date().toJSON(),
          },
        ],
  };
}

/** Resolve the task's open run (or, unscheduled, a new one) as exception/canceled. */
export function cancel(status: TaskStatus): void {
  const now = new Date().toJSON();
  const last = status.runs[status.runs.length - 1];
  if (status.state === 'unscheduled') {
    status.runs.push({
      runId: 0,
      state: 'exception',
      reasonCreated: 'exception',
      reasonResolved: 'canceled',
      scheduled: now,
      resolved: now,
    });
  } else if (last && (last.state === 'pending' || last.state === 'running')) {
    Object.assign(last, { state: 'exception', reasonResolved: 'canceled', resolved: now });
  } else {
    return;
  }
  status.state = 'exception';
}

/** JSON with object keys sorted, to compare definitions whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key: string, v: unknown) =>
    isJson(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
