// Type-level spec of ExchangeMethod, compiled by `tsc --noEmit` (npm test), never run: routing-key
// objects are keyed by the exchange's routing-key names.
import { createClient, type ExchangeBinding, type Message } from '../../lib/index.js';
import type { DemoV1WidgetMessage } from './fixtures/demo-types.js';
import { assertType, type Equal } from './expect-type.js';

const queueEvents = createClient('queue-events');
const demoEvents = createClient('demo-events');

export function bindings() {
  const binding = queueEvents.taskCompleted({
    taskId: 'abc',
    runId: 0,
    workerGroup: null,
    reserved: undefined,
  });
  assertType<Equal<typeof binding, ExchangeBinding>>(true);
  queueEvents.taskDefined();
  queueEvents.taskPending('primary.abc.#');
  demoEvents.widgetCreated({ widgetId: 'w1', reserved: 'a.b' });
  const entry = queueEvents['entry'];
  assertType<Equal<typeof queueEvents.taskCompleted.entry.exchange, string>>(true);
}

export function rejectedBindings() {
  // @ts-expect-error a misspelt routing key
  queueEvents.taskCompleted({ tsakId: 'abc' });
  // @ts-expect-error a routing key of another exchange
  demoEvents.widgetCreated({ taskId: 'abc' });
  // @ts-expect-error a routing-key value must be a string or number
  queueEvents.taskCompleted({ taskId: true });
  // @ts-expect-error exchanges take one argument
  queueEvents.taskCompleted({}, {});
  // @ts-expect-error an events client builds no URLs
  queueEvents.buildUrl('taskCompleted');
}

export function messages() {
  assertType<Equal<Message<'demo-events', 'widgetCreated'>, DemoV1WidgetMessage>>(true);
  const message: Message<'demo-events', 'widgetCreated'> = {
    version: 1,
    widget: { widgetId: 'w', name: 'n', color: 'blue', state: 'new', created: 'now' },
  };
  assertType<Equal<typeof message.version, 1>>(true);
  // Without generated schema types, messages are unknown.
  assertType<Equal<Message<'queue-events', 'taskCompleted'>, unknown>>(true);
}
