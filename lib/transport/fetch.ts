// The browser transport: one attempt on the platform's fetch, with the contract of ./undici.ts
// (the browser build, scripts/build-package.mjs, swaps this module in for it). Browsers have no
// dispatcher (the option is ignored), decode Content-Encoding themselves and keep redirects to
// themselves: a 3xx that an API call answers with is opaque to a page.
import { failure } from '../errors.js';
import {
  aborted,
  ERROR_BODY_LIMIT,
  failedToConnect,
  headerOf,
  invalidJson,
  noAnswer,
  statusFailure,
  tooLarge,
} from './classify.js';
import { MAX_TIMER_MS } from './deadline.js';
import type {
  AttemptLimits,
  AttemptRequest,
  JsonAnswer,
  RequestBody,
  ResponseHeaders,
  StreamAnswer,
} from './types.js';

/** A fetch stream answer: the body is a web ReadableStream. */
export type FetchStreamAnswer = StreamAnswer<ReadableStream<Uint8Array>>;

const isJson = (contentType: unknown) =>
  typeof contentType === 'string' && /[/+]json\b/i.test(contentType);

/** The attempt's deadline and the caller's signal as one AbortSignal, and which of them fired. */
function deadlineOf(timeout: number, caller: AbortSignal | undefined) {
  const controller = new AbortController();
  const state = { byCaller: false };
  const timer =
    timeout < MAX_TIMER_MS
      ? setTimeout(() => {
          controller.abort(
            new DOMException(`the attempt took longer than ${String(timeout)} ms`, 'TimeoutError'),
          );
        }, timeout)
      : undefined;
  const onCallerAbort = () => {
    state.byCaller = true;
    controller.abort(caller?.reason);
  };
  if (caller?.aborted) onCallerAbort();
  else caller?.addEventListener('abort', onCallerAbort, { once: true });
  const clear = () => {
    clearTimeout(timer);
    caller?.removeEventListener('abort', onCallerAbort);
  };
  return { signal: controller.signal, state, clear };
}

function headersOf(headers: Headers): ResponseHeaders {
  const out: ResponseHeaders = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

/** fetch takes strings and bytes; an async iterable (uploads) is gathered first. */
async function bodyOf(body: RequestBody | undefined): Promise<string | Uint8Array | undefined> {
  if (body === undefined || typeof body === 'string' || body instanceof Uint8Array) return body;
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}

/** At most `limit` bytes of the body as text; `overflow` says what reading past it means. */
async function readText(res: Response, limit: number, overflow?: () => Error): Promise<string> {
  if (!res.body) return '';
  const reader: ReadableStreamDefaultReader<Uint8Array> = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      if (overflow) throw overflow();
      chunks.push(value.subarray(0, value.length - (size - limit)));
      break;
    }
    chunks.push(value);
  }
  const decoder = new TextDecoder();
  return chunks.map((c) => decoder.decode(c, { stream: true })).join('') + decoder.decode();
}

async function send(request: AttemptRequest, init: RequestInit): Promise<Response> {
  try {
    return await fetch(request.url, {
      ...init,
      method: request.method,
      headers: request.headers,
      body: ((await bodyOf(request.body)) ?? null) as Exclude<RequestInit['body'], undefined>,
    });
  } catch (cause) {
    // Browsers do not say whether the request went out: unless the cause shows a refused
    // connection (Node's fetch does), it counts as sent, so only idempotent calls are re-sent.
    const reason: unknown = init.signal?.aborted ? init.signal.reason : cause;
    throw noAnswer(request, reason, {
      sent: !failedToConnect((cause as { cause?: unknown }).cause),
    });
  }
}

/** Send `request` and resolve with its parsed answer (2xx, 3xx); error statuses reject. */
export async function json(request: AttemptRequest, limits: AttemptLimits): Promise<JsonAnswer> {
  const deadline = deadlineOf(limits.timeout, limits.signal);
  try {
    return await exchange(request, limits, deadline.signal);
  } catch (error) {
    if (deadline.state.byCaller) throw aborted(request.label, limits.signal?.reason);
    throw error;
  } finally {
    deadline.clear();
  }
}

async function exchange(
  request: AttemptRequest,
  limits: AttemptLimits,
  signal: AbortSignal,
): Promise<JsonAnswer> {
  const res = await send(request, { signal, redirect: 'manual' });
  if (res.type === 'opaqueredirect')
    throw failure(`${request.label}: the server redirected, and a browser hides where to`, {
      code: 'RedirectHidden',
      method: request.label,
    });
  const statusCode = res.status;
  const headers = headersOf(res.headers);
  if (statusCode >= 400) {
    const text = await readText(res, ERROR_BODY_LIMIT).catch(() => undefined);
    throw statusFailure(request.label, statusCode, headers, text, limits.maxDelay);
  }
  const limit = limits.maxResponseBytes;
  const declared = Number(headerOf(headers, 'content-length'));
  if (declared > limit) {
    await res.body?.cancel();
    throw tooLarge(request.label, limit, declared);
  }
  let text: string;
  try {
    text = await readText(res, limit, () => tooLarge(request.label, limit));
  } catch (cause) {
    if ((cause as { code?: string }).code === 'ResponseTooLarge') throw cause;
    throw noAnswer(request, signal.aborted ? signal.reason : cause, { sent: true });
  }
  const value = isJson(headers['content-type'])
    ? parse(text, statusCode, request.label)
    : undefined;
  if (statusCode >= 300)
    return { statusCode, headers, value: value ?? { url: headers['location'] } };
  return { statusCode, headers, value };
}

function parse(text: string, statusCode: number, label: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw invalidJson(label, statusCode, cause);
  }
}

/**
 * Send a data request and resolve once the answer's headers are in, whatever the status. The
 * deadline covers the headers only (fetch has no per-chunk timer); redirects are followed by
 * the browser when `maxRedirects` allows any.
 */
export async function stream(
  request: AttemptRequest,
  limits: AttemptLimits,
): Promise<FetchStreamAnswer> {
  const deadline = deadlineOf(limits.timeout, limits.signal);
  const redirect = (request.maxRedirects ?? 0) > 0 ? 'follow' : 'manual';
  let res: Response;
  try {
    res = await send(request, { signal: deadline.signal, redirect });
  } catch (error) {
    if (deadline.state.byCaller) throw aborted(request.label, limits.signal?.reason);
    throw error;
  } finally {
    deadline.clear();
  }
  const body =
    res.body ??
    new ReadableStream<Uint8Array>({
      start: (c) => {
        c.close();
      },
    });
  return {
    statusCode: res.status,
    headers: headersOf(res.headers),
    body,
    cancel: () => void body.cancel().catch(() => undefined),
  };
}
