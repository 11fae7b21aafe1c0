// One API method as a function: parse the arguments, then (fake or real) build the URL and run
// sign → send → classify inside the retry loop, or walk the pages.
import { INSPECT } from '../utils/inspect.js';
import { parseArguments, serializePayload, type ParsedCall } from './arguments.js';
import { apiPath } from './urls.js';
import { requestOriginOf, signerFor, type ClientContext } from './context.js';
import type { FunctionDescriptor } from './descriptors.js';
import { hawkHeader, nonce } from '../auth/hawk.js';
import { json, type AttemptLimits } from '../transport/attempt.js';
import { bounded, isIdempotent, verdictOf } from '../transport/classify.js';
import { withClockSkew } from '../auth/clock-skew.js';
import { withRetry } from '../transport/retry.js';
import { debugLine } from '../debug.js';
import { callFake } from './fake.js';

export interface ApiMethod {
  (...args: unknown[]): Promise<unknown>;
  readonly entry: FunctionDescriptor['entry'];
  /** The official client's name for `entry`. */
  readonly entryReference: FunctionDescriptor['entry'];
  pages?: (...args: unknown[]) => AsyncGenerator<unknown, void, undefined>;
}

/** The attempt limits of one call: the client's, with the call's own signal and timeout on top. */
function limitsOf(o: ClientContext['options'], call: ParsedCall): AttemptLimits {
  return {
    dispatcher: o.dispatcher,
    timeout: call.timeout ?? o.timeout,
    maxResponseBytes: o.maxResponseBytes,
    maxDelay: o.maxDelay,
    signal: call.signal ?? o.signal,
  };
}

/** Send one call (with retries) and resolve with the parsed answer. */
export async function request(
  ctx: ClientContext,
  d: FunctionDescriptor,
  call: ParsedCall,
): Promise<unknown> {
  const origin = requestOriginOf(ctx, d.serviceName, d.label);
  const path = apiPath(d, call);
  const resource = origin.basePath + path;
  const url = origin.rootUrl + path;
  const o = ctx.options;
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (call.payload !== undefined) {
    body = serializePayload(d, call.payload);
    headers['content-type'] = 'application/json';
  }
  if (o.traceId) headers['x-taskcluster-trace-id'] = o.traceId;
  const signer = await signerFor(ctx);
  const limits = limitsOf(o, call);
  const idempotent = o.retryNonIdempotent || isIdempotent(d.httpMethod);
  return withRetry(
    o,
    async ({ attempt }) => {
      // Every attempt is signed afresh: a retried request must not replay a nonce.
      const sent = signer
        ? {
            ...headers,
            authorization: hawkHeader(
              signer,
              d.httpMethod,
              origin,
              resource,
              Math.floor((Date.now() + o.localTimeOffset) / 1000),
              nonce(),
            ),
          }
        : headers;
      const started = o.debug ? performance.now() : 0;
      try {
        const { statusCode, value } = await json(
          { method: d.httpMethod, url, headers: sent, body, label: d.label, idempotent },
          limits,
        );
        if (o.debug)
          debugLine(
            `${d.label} ${d.httpMethod} ${url} attempt ${String(attempt)}: ${String(statusCode)} in ${(performance.now() - started).toFixed(1)} ms`,
          );
        return value;
      } catch (error) {
        if (o.debug)
          debugLine(
            `${d.label} ${d.httpMethod} ${url} attempt ${String(attempt)} failed: ${bounded((error as Error).message, 500)}`,
          );
        const { serverDate } = verdictOf(error);
        throw serverDate ? withClockSkew(error, serverDate, Date.now() + o.localTimeOffset) : error;
      }
    },
    { signal: limits.signal, label: d.label },
  );
}

/** One answer: from the deployment, or from the fake implementation (recorded) with the `fake` option. */
function answer(
  ctx: ClientContext,
  d: FunctionDescriptor,
  call: ParsedCall,
  args: unknown[],
): Promise<unknown> {
  return ctx.options.fake ? callFake(ctx, d, call, args) : request(ctx, d, call);
}

/** Every page of a paginated call, following continuationToken; a fake sees each page as a positional call. */
export async function* iteratePages(
  ctx: ClientContext,
  d: FunctionDescriptor,
  call: ParsedCall,
  args: unknown[],
) {
  const query = { ...call.query };
  let pageArgs = args;
  for (;;) {
    const pageCall = Object.keys(query).length ? { ...call, query: { ...query } } : call;
    const page = (await answer(ctx, d, pageCall, pageArgs)) as
      | { continuationToken?: string }
      | undefined;
    yield page;
    if (!page?.continuationToken) return;
    query['continuationToken'] = page.continuationToken;
    pageArgs = [
      ...d.params.map((p) => call.params[p]),
      ...(d.hasInput ? [call.payload] : []),
      { ...query },
    ];
  }
}

async function invoke(ctx: ClientContext, d: FunctionDescriptor, args: unknown[]) {
  const call = parseArguments(d, args);
  if (!call.paginationHandler) return answer(ctx, d, call, args);
  for await (const page of iteratePages(ctx, d, call, args)) await call.paginationHandler(page);
  return undefined;
}

/** The function a client exposes for one API entry. */
export function apiMethod(ctx: ClientContext, d: FunctionDescriptor): ApiMethod {
  const fn = { [d.name]: (...args: unknown[]) => invoke(ctx, d, args) }[d.name] as ApiMethod &
    Record<PropertyKey, unknown>;
  Object.defineProperty(fn, 'entry', { value: d.entry, enumerable: true });
  Object.defineProperty(fn, 'entryReference', { value: d.entry });
  Object.defineProperty(fn, 'descriptor', { value: d });
  if (d.paginated) {
    Object.defineProperty(fn, 'pages', {
      value: async function* pages(...args: unknown[]) {
        yield* iteratePages(ctx, d, parseArguments(d, args), args);
      },
    });
  }
  Object.defineProperty(fn, INSPECT, {
    value: () =>
      `[Function: ${d.name}] ${d.signature}${d.entry.title ? ` — ${d.entry.title}` : ''}`,
  });
  return fn;
}
