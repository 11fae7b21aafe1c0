// The README's "Types" example, verbatim inside readmeTypes(), compiled by `tsc --noEmit` (npm test),
// never run; the assertions after it check what its comments claim.
import { createClient, type ExchangeBinding, type QueueClient } from '../../lib/index.js';
import { assertType, type Equal } from '../types/expect-type.js';

declare const taskId: string;
declare const taskGroupId: string;
declare const task: { metadata: { name: string } };
declare function save(page: unknown): void;

export async function readmeTypes() {
  const queue = createClient('queue'); // QueueClient ('Queue' works too)
  await queue.createTask(taskId, task); // form 1
  await queue.createTask(task, { taskId }); // form 2
  await queue.createTask({ params: { taskId }, payload: task }); // form 3
  await queue.listTaskGroup(taskGroupId, { limit: 10 }); // form 1 with a query
  await queue.listTaskGroup(taskGroupId, {
    query: { limit: 10 },
    paginationHandler: (page) => {
      save(page);
    },
  }); // form 4: Promise<void>
  for await (const page of queue.listTaskGroup.pages(taskGroupId)) save(page); // paginated methods only

  createClient('queue-events').taskCompleted({ taskId }); // routing-key names of that exchange

  assertType<Equal<typeof queue, QueueClient>>(true);
  assertType<Equal<ReturnType<typeof createClient<'Queue'>>, QueueClient>>(true);
  const form4 = queue.listTaskGroup(taskGroupId, {
    query: { limit: 10 },
    paginationHandler: (page) => {
      save(page);
    },
  });
  assertType<Equal<typeof form4, Promise<void>>>(true);
  assertType<Equal<typeof queue.task.pages, undefined>>(true);
  assertType<
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the declared page type is `any` until `tcdyn types` runs; this asserts exactly that
    Equal<ReturnType<typeof queue.listTaskGroup.pages>, AsyncGenerator<any, void, undefined>>
  >(true);
  assertType<
    Equal<
      ReturnType<ReturnType<typeof createClient<'queue-events'>>['taskCompleted']>,
      ExchangeBinding
    >
  >(true);
  // @ts-expect-error a name that is not a routing key of taskCompleted
  createClient('queue-events').taskCompleted({ taskGroup: 'g' });
}
