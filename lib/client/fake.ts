// The `fake` option: validated calls are recorded and answered by user implementations; no HTTP.
import { failure } from '../errors.js';
import type { ParsedCall } from './arguments.js';
import type { ClientContext } from './context.js';
import type { FunctionDescriptor } from './descriptors.js';

/** Record one call in ctx.fakeCalls and answer it with the user's implementation. */
export async function callFake(
  ctx: ClientContext,
  d: FunctionDescriptor,
  call: ParsedCall,
  args: unknown[],
): Promise<unknown> {
  const record: Record<string, unknown> = structuredClone(call.params);
  if (call.payload !== undefined) record['payload'] = structuredClone(call.payload);
  if (call.query !== undefined) record['query'] = structuredClone(call.query);
  ctx.fakeCalls ??= {};
  (ctx.fakeCalls[d.name] ??= []).push(record);
  const impl = ctx.options.fake?.[d.name];
  if (typeof impl !== 'function')
    throw failure(`${d.label}: no fake implementation was given for ${d.name}`, {
      method: d.label,
    });
  // async and awaited: a missing or throwing implementation rejects the call, as a request would.
  return await impl(...args);
}
