// Type-level spec of the generated API methods, compiled by `tsc --noEmit` (npm test), never run: each
// `@ts-expect-error` proves a call is rejected (tsc fails if the line compiles), the rest must compile.
import { createClient, type Input, type Output, type QueueClient } from '../../lib/index.js';
import type {
  DemoV1CreateWidgetRequest,
  DemoV1Widget,
  DemoV1WidgetList,
} from './fixtures/demo-types.js';
import { assertType, type Equal, type IsAny } from './expect-type.js';

declare const queue: QueueClient;
const demo = createClient('demo');
const widget: DemoV1CreateWidgetRequest = { name: 'spanner', color: 'red' };

export async function callingConventions() {
  await queue.createTask('taskId', { anything: 'goes without schema types' });
  await queue.createTask({ any: 1 }, { taskId: 'taskId' });
  await queue.createTask({ params: { taskId: 'taskId' }, payload: {} });
  await queue.listTaskGroup('groupId');
  await queue.listTaskGroup('groupId', { limit: 10, continuationToken: 'next' });
  await queue.listTaskGroup('groupId', { query: { limit: 10 }, paginationLimit: 5 });
  await queue.listTaskGroup({ params: { taskGroupId: 'groupId' }, query: { limit: 10 } });
  await queue.task(42);
  await queue.ping();
  await demo.createWidget('w1', widget);
  await demo.createWidget(widget, { widgetId: 'w1' });
  await demo.createWidget({ params: { widgetId: 'w1' }, payload: widget });
  await demo.searchWidgets({ text: 'spanner' }, { limit: 5 });
  await demo.searchWidgets({ payload: { text: 'spanner' }, query: { limit: 5 } });
}

export async function rejectedCalls() {
  // @ts-expect-error wrong argument count: createTask(taskId, payload)
  await queue.createTask('taskId');
  // @ts-expect-error wrong argument count: task(taskId)
  await queue.task('taskId', 'extra');
  // @ts-expect-error no payload for a method without input
  await queue.task({ params: { taskId: 't' }, payload: {} });
  // @ts-expect-error a wrong query key
  await queue.listTaskGroup('groupId', { limt: 10 });
  // @ts-expect-error a wrong query key in the named form
  await queue.listTaskGroup({ params: { taskGroupId: 'g' }, query: { limt: 10 } });
  // @ts-expect-error a query for a method without one
  await queue.task('taskId', { limit: 1 });
  // @ts-expect-error a URL parameter must be a string or number
  await queue.task(true);
  // @ts-expect-error form 2 takes exactly the URL params
  await queue.createTask({}, { taskId: 't', extra: 1 });
  // @ts-expect-error the named form needs every URL param
  await queue.createTask({ params: {}, payload: {} });
  // @ts-expect-error a payload missing a required field (color)
  await demo.createWidget('w1', { name: 'spanner' });
  // @ts-expect-error a payload field of the wrong type
  await demo.createWidget('w1', { name: 'spanner', color: 'purple' });
  // @ts-expect-error a payload field the schema does not allow
  await demo.searchWidgets({ text: 'x', txet: 'y' });
  // @ts-expect-error paginationLimit needs a method with a limit query
  await demo.widget({ params: { widgetId: 'w' }, paginationLimit: 5 });
}

export async function responses() {
  assertType<Equal<Awaited<ReturnType<typeof demo.widget>>, DemoV1Widget>>(true);
  const created = await demo.createWidget('w1', widget);
  assertType<Equal<typeof created.state, 'new' | 'ready'>>(true);
  // The response has no such field.
  assertType<Equal<'colour' extends keyof typeof created ? true : false, false>>(true);
  assertType<Equal<Input<'demo', 'createWidget'>, DemoV1CreateWidgetRequest>>(true);
  assertType<Equal<Output<'demo', 'listShelf'>, DemoV1WidgetList>>(true);
  // Without generated schema types: any JSON object in, anything out.
  assertType<Equal<Input<'queue', 'createTask'>, object>>(true);
  assertType<IsAny<Awaited<ReturnType<typeof queue.task>>>>(true);
}

export async function pagination() {
  const handled = demo.listShelf('top', {
    paginationHandler: (page) => page.widgets.length,
    paginationLimit: 2,
  });
  assertType<Equal<typeof handled, Promise<void>>>(true);
  await handled;
  await demo.listShelf({
    params: { shelf: 'top' },
    paginationHandler: (page) => page.continuationToken,
  });
  for await (const page of demo.listShelf.pages('top', { limit: 5 })) {
    assertType<Equal<typeof page, DemoV1WidgetList>>(true);
  }
  for await (const page of queue.listTaskGroup.pages('groupId'))
    assertType<IsAny<typeof page>>(true);
  assertType<Equal<typeof demo.widget.pages, undefined>>(true);
  // @ts-expect-error a paginationHandler takes a page of this method's responses
  await demo.listShelf('top', { paginationHandler: (page: { other: string }) => page.other });
}
