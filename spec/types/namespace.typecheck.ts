// Type-level spec of the default export, compiled by `tsc --noEmit` (npm test), never run.
import tc from '../../lib/index.js';
import type { QueueClient, QueueEventsClient } from '../../lib/index.js';
import { assertType, type Equal, type IsAny } from './expect-type.js';

export async function namespaceClasses() {
  const queue = new tc.Queue({ rootUrl: 'https://tc.example.com' });
  assertType<Equal<typeof queue, QueueClient>>(true);
  const events = new tc.QueueEvents();
  assertType<Equal<typeof events, QueueEventsClient>>(true);
  events.taskCompleted({ taskId: 'abc' });
  // @ts-expect-error a misspelt routing key through the namespace class
  events.taskCompleted({ taskid: 'abc' });
  // @ts-expect-error wrong argument count through the namespace class
  await queue.createTask('taskId');
  // Any other PascalCase name is loosely typed: whatever is built and called on it compiles.
  assertType<IsAny<(typeof tc)['SomethingNew']>>(true);
  tc.slugid().toUpperCase();
  tc.fromNow('1 day').getTime();
}
