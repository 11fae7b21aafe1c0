// One API method as a function: parse the arguments, then (fake or real) build the URL and run
// sign → send → classify inside the retry loop, or walk the pages.
import { inspect } from 'node:util';
import { parseArguments, type ParsedCall } from './arguments.js';
import { apiPath } from './urls.js';
import { originOf, signerOf, type ClientContext } from './context.js';
import type { CompiledReference, FunctionDescriptor } from './descriptors.js';
import { hawkHeader, nonce } from '../auth/hawk.js';
import { send } from '../transport/send.js';
import { withRetry } from '../transport/retry.js';
import { defaultDispatcher } from '../transport/dispatcher.js';
import { debugLine } from '../debug.js';
import { callFake } from './fake.js';

export interface ApiMethod {
  (...args: unknown[]): Promise<any>;
  readonly entry: FunctionDescriptor['entry'];
  /** The official client's name for `entry`. */
  readonly entryReference: FunctionDescriptor['entry'];
  pages?: (...args: unknown[]) => AsyncGenerator<any, void, undefined>;
}

/** Send one call (with retries) and resolve with the parsed answer. */
export async function request(ctx: ClientContext, ref: CompiledReference, d: FunctionDescriptor, call: ParsedCall): Promise<unknown> {
  const origin = originOf(ctx, d.label);
  const path = apiPath(ref.serviceName, ref.apiVersion, d, call);
  const resource = origin.basePath + path;
  const url = origin.rootUrl + path;
  const o = ctx.options;
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (call.payload !== undefined) {
    body = JSON.stringify(call.payload);
    headers['content-type'] = 'application/json';
  }
  if (o.traceId) headers['x-taskcluster-trace-id'] = o.traceId;
  const signer = signerOf(ctx);
  const settings = { dispatcher: o.dispatcher ?? defaultDispatcher(), timeout: o.timeout, maxDelay: o.maxDelay };
  return withRetry(o, async ({ attempt }) => {
    // Every attempt is signed afresh: a retried request must not replay a nonce.
    const sent = signer
      ? { ...headers, authorization: hawkHeader(signer, d.httpMethod, origin, resource, Math.floor(Date.now() / 1000), nonce()) }
      : headers;
    const started = o.debug ? performance.now() : 0;
    try {
      const { statusCode, value } = await send({ method: d.httpMethod, url, headers: sent, body, label: d.label }, settings);
      if (o.debug) debugLine(`${d.label} ${d.httpMethod} ${url} attempt ${attempt}: ${statusCode} in ${(performance.now() - started).toFixed(1)} ms`);
      return value;
    } catch (error) {
      if (o.debug) debugLine(`${d.label} ${d.httpMethod} ${url} attempt ${attempt} failed: ${(error as Error).message}`);
      throw error;
    }
  });
}

/** Every page of a paginated call, following continuationToken. */
export async function* iteratePages(ctx: ClientContext, ref: CompiledReference, d: FunctionDescriptor, call: ParsedCall) {
  const query = { ...call.query };
  for (;;) {
    const page = await request(ctx, ref, d, { ...call, query }) as { continuationToken?: string } | undefined;
    yield page;
    if (!page?.continuationToken) return;
    query.continuationToken = page.continuationToken;
  }
}

async function invoke(ctx: ClientContext, ref: CompiledReference, d: FunctionDescriptor, args: unknown[]) {
  const call = parseArguments(d, args);
  if (ctx.options.fake) return callFake(ctx, d, call, args);
  if (!call.paginationHandler) return request(ctx, ref, d, call);
  for await (const page of iteratePages(ctx, ref, d, call)) await call.paginationHandler(page);
  return undefined;
}

/** The function a client exposes for one API entry. */
export function apiMethod(ctx: ClientContext, ref: CompiledReference, d: FunctionDescriptor): ApiMethod {
  const fn = { [d.name]: (...args: unknown[]) => invoke(ctx, ref, d, args) }[d.name] as ApiMethod & Record<PropertyKey, unknown>;
  Object.defineProperty(fn, 'entry', { value: d.entry, enumerable: true });
  Object.defineProperty(fn, 'entryReference', { value: d.entry });
  Object.defineProperty(fn, 'descriptor', { value: d });
  if (d.paginated) {
    Object.defineProperty(fn, 'pages', {
      value: async function* pages(...args: unknown[]) {
        const call = parseArguments(d, args);
        yield* iteratePages(ctx, ref, d, call);
      },
    });
  }
  Object.defineProperty(fn, inspect.custom, {
    value: () => `[Function: ${d.name}] ${d.signature}${d.entry.title ? ` — ${d.entry.title}` : ''}`,
  });
  return fn;
}
