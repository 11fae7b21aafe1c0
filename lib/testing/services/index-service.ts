// The index service: insertTask (a higher rank already indexed wins), findTask, and paged
// listNamespaces / listTasks over the dotted namespaces the indexed tasks imply.
import type { ServiceOperations } from '../api-handlers.js';
import { jsonResponse } from '../responses.js';
import { paginate } from '../pagination.js';
import { isPast, requireFields } from './payload.js';

interface IndexedTask {
  namespace: string;
  taskId: string;
  rank: number;
  data: Record<string, unknown>;
  expires: string;
}

const parentOf = (namespace: string) => namespace.split('.').slice(0, -1).join('.');

/** The index service's operations over a fresh in-memory index. */
export function indexOperations(): ServiceOperations {
  const tasks = new Map<string, IndexedTask>();
  const live = () =>
    [...tasks.values()]
      .filter((t) => !isPast(t.expires))
      .sort((a, b) => a.namespace.localeCompare(b.namespace));

  return {
    insertTask: (ctx) => {
      const p = requireFields(ctx, {
        taskId: 'string',
        rank: 'number',
        data: 'object',
        expires: 'string',
      });
      const namespace = ctx.param('namespace');
      const existing = tasks.get(namespace);
      if (!existing || isPast(existing.expires) || existing.rank <= p['rank']) {
        tasks.set(namespace, {
          namespace,
          taskId: p['taskId'],
          rank: p['rank'],
          data: structuredClone(p['data']),
          expires: p['expires'],
        });
      }
      return jsonResponse(tasks.get(namespace));
    },
    findTask: (ctx) => {
      const task = tasks.get(ctx.param('indexPath'));
      if (!task || isPast(task.expires))
        throw ctx.fail(404, 'ResourceNotFound', `no task indexed at ${ctx.param('indexPath')}`);
      return jsonResponse(task);
    },
    listTasks: (ctx) => {
      const below = live().filter((t) => parentOf(t.namespace) === ctx.param('namespace'));
      const { items, continuationToken } = paginate(below, ctx.query);
      return jsonResponse(
        continuationToken ? { tasks: items, continuationToken } : { tasks: items },
      );
    },
    listNamespaces: (ctx) => {
      const { items, continuationToken } = paginate(
        childNamespaces(live(), ctx.param('namespace')),
        ctx.query,
      );
      return jsonResponse(
        continuationToken ? { namespaces: items, continuationToken } : { namespaces: items },
      );
    },
  };
}

function childNamespaces(tasks: readonly IndexedTask[], parent: string) {
  const depth = parent === '' ? 0 : parent.split('.').length;
  const children = new Map<string, string>();
  for (const task of tasks) {
    const parts = task.namespace.split('.');
    // A task named `c` in `a.b` implies the namespaces `a` and `a.b`, not `a.b.c`.
    if (parts.length < depth + 2 || (parent !== '' && !task.namespace.startsWith(`${parent}.`)))
      continue;
    const child = parts.slice(0, depth + 1).join('.');
    const expires = children.get(child);
    if (!expires || Date.parse(expires) < Date.parse(task.expires))
      children.set(child, task.expires);
  }
  return [...children.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([namespace, expires]) => ({
      namespace,
      name: namespace.split('.').pop() ?? namespace,
      expires,
    }));
}
