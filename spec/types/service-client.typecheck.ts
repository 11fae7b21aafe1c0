// Type-level spec of the typed clients, compiled by `tsc --noEmit` (npm test), never run: which
// names give typed clients, the loose fallbacks, and the reserved members.
import {
  createClient,
  type Client,
  type LooseApiMethod,
  type LooseExchangeMethod,
  type PurgeCacheClient,
  type QueueClient,
  type QueueEventsClient,
  type ServiceClients,
} from '../../lib/index.js';
import { assertType, type Equal, type IsAny } from './expect-type.js';

declare const someName: string;

export function serviceNames() {
  assertType<Equal<ReturnType<typeof createClient<'queue'>>, QueueClient>>(true);
  const byClassName = createClient('Queue', { rootUrl: 'https://tc.example.com' });
  assertType<Equal<typeof byClassName, QueueClient>>(true);
  assertType<Equal<ServiceClients['purge-cache'], PurgeCacheClient>>(true);
  assertType<Equal<ServiceClients['QueueEvents'], QueueEventsClient>>(true);
  // An unknown service name, or a name known only at run time: the loose client.
  const later = createClient('web-server');
  assertType<Equal<typeof later, Client>>(true);
  assertType<Equal<typeof createClient extends (name: string) => infer C ? C : never, Client>>(
    true,
  );
  const dynamic = createClient(someName);
  assertType<Equal<typeof dynamic, Client>>(true);
}

export async function looseMembers() {
  const queue = createClient('queue');
  // A method the deployment added after this package was built stays callable.
  // Under noUncheckedIndexedAccess (as this project compiles) an index signature may be absent.
  assertType<Equal<typeof queue.shinyNewMethod, LooseApiMethod | undefined>>(true);
  await queue['shinyNewMethod']?.('a', { b: 1 }, { c: 2 });
  // `.pages` exists only where the deployment's method takes a continuationToken.
  for await (const page of queue['shinyNewMethod']?.pages?.('a') ?? [])
    assertType<IsAny<typeof page>>(true);
  const events = createClient('queue-events');
  assertType<Equal<typeof events.shinyNewExchange, LooseExchangeMethod | undefined>>(true);
  events['shinyNewExchange']?.({ anyKey: 'x' });
}

export async function reservedMembers() {
  const queue = createClient('queue');
  const other = queue.use({ maxRetries: 0 });
  assertType<Equal<typeof other, QueueClient>>(true);
  queue.use();
  const reference = await queue.ready();
  assertType<Equal<typeof reference.serviceName, string>>(true);
  const calls = queue.fakeCalls['task']?.length;
  // A client is never a thenable: `await client` is the client.
  assertType<Equal<typeof queue.then, undefined>>(true);
  // @ts-expect-error use() takes client options
  queue.use({ maxRetries: 'many' });
}

export function urls() {
  const queue = createClient('queue');
  queue.buildUrl('task', 'taskId');
  queue.buildUrl('listTaskGroup', 'groupId', { limit: 5 });
  queue.buildUrl(queue.task, 'taskId');
  queue.buildUrl('shinyNewMethod', 'anything', 1);
  queue.buildSignedUrl('getLatestArtifact', 'taskId', 'public/log.txt');
  queue.buildSignedUrl('getLatestArtifact', 'taskId', 'public/log.txt', { expiration: 60 });
  queue.buildSignedUrl('listTaskGroup', 'groupId', {}, { expiration: 60 });
  // @ts-expect-error buildUrl takes the method's URL params
  queue.buildUrl('task');
  // @ts-expect-error buildUrl takes no payload
  queue.buildUrl('createTask', 'taskId', { payload: 1 });
  // @ts-expect-error a wrong query key
  queue.buildUrl('listTaskGroup', 'groupId', { limt: 5 });
  // @ts-expect-error expiration is a number of seconds
  queue.buildSignedUrl('task', 'taskId', { expiration: '1 hour' });
}
