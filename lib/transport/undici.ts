// The Node transport: one attempt on undici. `json` reads a bounded answer and parses it;
// `stream` opens a data transfer's body (redirects followed, Content-Encoding decoded).
import type { Readable, Transform } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { failure, TaskclusterFailure } from '../errors.js';
import { request as undiciRequest, type Dispatcher } from 'undici';
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
import { Deadline } from './deadline.js';
import { decodersFor } from './decoders.js';
import { dispatcherFor, transferDispatcher } from './dispatcher.js';
import type { AttemptLimits, AttemptRequest, JsonAnswer, StreamAnswer } from './types.js';

/** A Node stream answer: the raw body and the decoders that undo its Content-Encoding. */
export interface NodeStreamAnswer extends StreamAnswer<Dispatcher.ResponseData['body']> {
  decoders: Transform[];
}

const REDIRECTS = new Set([300, 301, 302, 303, 307, 308]);

const isJson = (contentType: unknown) =>
  typeof contentType === 'string' && /[/+]json\b/i.test(contentType);

// undici wants integer timeouts; 0 turns one off (a timeout past a timer's range is no limit).
const undiciTimeout = (ms: number) => (ms >= 2 ** 31 - 1 ? 0 : Math.ceil(ms));

/** Read at most `limit` bytes of `body`, then drop the rest (and its connection). */
async function readUpTo(body: Readable, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= limit) break; // leaving the loop destroys the body
    }
  } catch {
    /* an error body that breaks off is kept as far as it came */
  }
  return Buffer.concat(chunks).toString('utf8', 0, Math.min(size, limit));
}

/** The whole body as text, failing past `limit` bytes without reading further. */
async function readAll(
  res: Dispatcher.ResponseData,
  request: AttemptRequest,
  limit: number,
): Promise<string> {
  const declared = Number(headerOf(res.headers, 'content-length'));
  if (declared > limit) {
    res.body.destroy();
    throw tooLarge(request.label, limit, declared);
  }
  // A declared length is enforced by undici's parser; the fast path reads it in one go.
  if (Number.isFinite(declared)) return res.body.text();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge(request.label, limit); // leaving the loop destroys the body
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parse(text: string, statusCode: number, label: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw invalidJson(label, statusCode, cause);
  }
}

/** Send `request` and resolve with its parsed answer (2xx, 3xx); error statuses reject. */
export async function json(request: AttemptRequest, limits: AttemptLimits): Promise<JsonAnswer> {
  const deadline = new Deadline(limits.timeout, limits.signal);
  try {
    const answer = await exchange(request, limits, deadline);
    // undici hands the socket back to its pool one turn after the body ends; waiting for that
    // turn here means the caller's next request finds it free instead of opening another.
    await nextTurn();
    return answer;
  } catch (error) {
    if (deadline.abortedByCaller) throw aborted(request.label, limits.signal?.reason);
    throw error;
  } finally {
    deadline.clear();
  }
}

async function exchange(
  request: AttemptRequest,
  limits: AttemptLimits,
  deadline: Deadline,
): Promise<JsonAnswer> {
  const route = {
    dispatcher: dispatcherFor(limits.dispatcher as Dispatcher | undefined),
    signal: deadline as unknown as AbortSignal,
  };
  // undici honours the signal only once a connection is up; the deadline also covers getting one.
  const res = await new Promise<Dispatcher.ResponseData>((resolve, reject) => {
    deadline.onExpire = (reason) => {
      reject(noAnswer(request, reason, { sent: true }));
    };
    send(request, route).then(resolve, reject);
  });
  const { statusCode } = res;
  const headers = res.headers;
  if (statusCode >= 400) {
    const text = await readUpTo(res.body, ERROR_BODY_LIMIT);
    throw statusFailure(request.label, statusCode, headers, text, limits.maxDelay);
  }
  let text: string;
  try {
    text = await readAll(res, request, limits.maxResponseBytes);
  } catch (cause) {
    if ((cause as { code?: string }).code === 'ResponseTooLarge') throw cause;
    throw noAnswer(request, cause, { sent: true });
  }
  const value = isJson(headers['content-type'])
    ? parse(text, statusCode, request.label)
    : undefined;
  // A redirect is an answer for API calls (getArtifact's 303): its Location is the value.
  if (statusCode >= 300)
    return { statusCode, headers, value: value ?? { url: headers['location'] } };
  return { statusCode, headers, value };
}

type Route = Pick<Dispatcher.RequestOptions, 'signal' | 'headersTimeout' | 'bodyTimeout'> & {
  dispatcher: Dispatcher;
  maxRedirections?: number;
  throwOnMaxRedirect?: boolean;
};

/** One undici request; a failure before the answer's headers is classified here. */
async function send(request: AttemptRequest, route: Route): Promise<Dispatcher.ResponseData> {
  try {
    return await undiciRequest(request.url, {
      ...route,
      method: request.method,
      headers: request.headers,
      // undici streams any async iterable with backpressure; its types only name Readable.
      body: (request.body ?? null) as Exclude<Dispatcher.RequestOptions['body'], undefined>,
    });
  } catch (cause) {
    // Ours already (a data source that failed while the body was sent): it keeps its verdict.
    if (cause instanceof TaskclusterFailure) throw cause;
    throw noAnswer(request, cause, { sent: !failedToConnect(cause) });
  }
}

/**
 * Send a data request and resolve once its final answer's headers are in (redirects followed
 * when `maxRedirects` says so), whatever the status: what a status means is the caller's call.
 */
export async function stream(
  request: AttemptRequest,
  limits: AttemptLimits,
): Promise<NodeStreamAnswer> {
  const given = limits.dispatcher as Dispatcher | undefined;
  const hops = request.maxRedirects ?? 0;
  const timeout = undiciTimeout(limits.timeout);
  if (limits.signal?.aborted) throw aborted(request.label, limits.signal.reason);
  let res: Dispatcher.ResponseData;
  try {
    res = await send(request, {
      dispatcher: hops > 0 ? transferDispatcher(given) : dispatcherFor(given),
      ...(hops > 0 ? { maxRedirections: hops } : {}),
      // undici's own timers: headers (refreshed while a body is sent) and each body chunk.
      headersTimeout: timeout,
      bodyTimeout: timeout,
      ...(limits.signal ? { signal: limits.signal } : {}),
    });
  } catch (error) {
    if (limits.signal?.aborted) throw aborted(request.label, limits.signal.reason);
    throw error;
  }
  const headers = res.headers;
  if (hops > 0 && REDIRECTS.has(res.statusCode) && headers['location']) {
    res.body.destroy();
    throw failure(`${request.label}: more than ${String(hops)} redirects`, {
      code: 'TooManyRedirects',
    });
  }
  const ok = res.statusCode >= 200 && res.statusCode < 300;
  let decoders: Transform[] = [];
  try {
    if (ok) decoders = decodersFor(request.label, headerOf(headers, 'content-encoding'));
  } catch (error) {
    res.body.destroy();
    throw error;
  }
  return {
    statusCode: res.statusCode,
    headers,
    body: res.body,
    decoders,
    cancel: () => res.body.destroy(),
  };
}

/** Read at most ERROR_BODY_LIMIT bytes of an error answer's body as text (the rest is dropped). */
export const readErrorBody = (body: Readable) => readUpTo(body, ERROR_BODY_LIMIT);
