// One HTTP attempt on undici: send, then classify the response into a value or a
// TaskclusterFailure. Retrying is withRetry's job; signing happens before each call.
import { request, type Dispatcher } from 'undici';
import { connectionError, failure, restFailure } from '../errors.js';
import { retryAfterDelay } from './retry.js';

export interface Attempt {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** What the error messages name, e.g. `queue.createTask`. */
  label: string;
}

export interface SendSettings {
  dispatcher: Dispatcher;
  timeout: number;
  maxDelay: number;
}

export interface Answer {
  statusCode: number;
  value: unknown;
  /** The response headers (reference fetches read ETag and Last-Modified). */
  headers: Dispatcher.ResponseData['headers'];
}

const isJson = (contentType: unknown) =>
  typeof contentType === 'string' && /[/+]json\b/i.test(contentType);

function parseJson(text: string, statusCode: number, label: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw failure(`${label}: the server answered ${statusCode} with invalid JSON`, {
      statusCode,
      cause,
      method: label,
    });
  }
}

/** The official client's message for an error response whose body has none. */
export function fallbackMessage(statusCode: number): string {
  if (statusCode === 401) return 'Authentication Error';
  if (statusCode === 500) return 'Internal Server Error';
  if (statusCode >= 300 && statusCode < 400) return 'Unexpected Redirect';
  return 'Unknown Server Error';
}

function errorFor(
  attempt: Attempt,
  statusCode: number,
  text: string,
  headers: Dispatcher.ResponseData['headers'],
  maxDelay: number,
) {
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* a non-JSON error page stays text */
  }
  const fields = (body && typeof body === 'object' ? body : {}) as {
    code?: unknown;
    message?: unknown;
  };
  const retryAfter = retryAfterDelay(headers['retry-after'] as string | undefined, maxDelay);
  // The message is the service's own (or the official client's fallback); which call failed is in `method`.
  const message =
    typeof fields.message === 'string' && fields.message
      ? fields.message
      : fallbackMessage(statusCode);
  return restFailure(message, {
    statusCode,
    code: typeof fields.code === 'string' ? fields.code : 'UnknownError',
    body,
    method: attempt.label,
    retryAfter,
  });
}

/**
 * The deadline of one attempt, in the EventEmitter shape undici accepts as a `signal`: it bounds
 * connect, headers and body together for one timer, where an AbortSignal per request costs an
 * EventTarget and, with AbortSignal.timeout, lives on until it fires.
 */
class Deadline {
  aborted = false;
  reason: Error | undefined;
  private listener: (() => void) | undefined;
  /** Rejects the pending request when the deadline passes before undici has taken the abort (TLS handshake, connect). */
  onExpire: ((reason: Error) => void) | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(ms: number) {
    this.timer = setTimeout(() => this.fire(ms), ms);
  }

  on(_event: 'abort', listener: () => void): this {
    this.listener = listener;
    return this;
  }
  once(event: 'abort', listener: () => void): this {
    return this.on(event, listener);
  }
  removeListener(): this {
    this.listener = undefined;
    return this;
  }
  clear(): void {
    clearTimeout(this.timer);
  }

  private fire(ms: number): void {
    this.aborted = true;
    this.reason = new DOMException(`the attempt took longer than ${ms} ms`, 'TimeoutError');
    this.listener?.();
    this.onExpire?.(this.reason);
  }
}

// What undici refuses before sending (a header value with a newline, say) is the caller's mistake: never retried.
const REFUSED = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
  'ERR_INVALID_ARG_TYPE',
  'ERR_INVALID_CHAR',
  'ERR_INVALID_URL',
]);

/** Whether undici refused a request before sending it (the caller's mistake, never retried). */
export function isRefused(cause: unknown): boolean {
  return REFUSED.has((cause as { code?: string } | undefined)?.code ?? '');
}

function unsent(attempt: Attempt, cause: unknown) {
  const message = `${attempt.label}: ${(cause as Error).message}`;
  if (isRefused(cause)) return failure(message, { cause, method: attempt.label });
  return connectionError(message, cause, { method: attempt.label });
}

/** Send one attempt and resolve with the parsed answer, or reject with a classified failure. */
export async function send(attempt: Attempt, settings: SendSettings): Promise<Answer> {
  const deadline = new Deadline(settings.timeout);
  try {
    return await exchange(attempt, settings, deadline);
  } finally {
    deadline.clear();
  }
}

async function exchange(
  attempt: Attempt,
  settings: SendSettings,
  deadline: Deadline,
): Promise<Answer> {
  let res: Dispatcher.ResponseData;
  try {
    // undici honours the signal only once a connection is up; the deadline also covers getting one.
    res = await new Promise<Dispatcher.ResponseData>((resolve, reject) => {
      deadline.onExpire = reject;
      request(attempt.url, {
        method: attempt.method as Dispatcher.HttpMethod,
        headers: attempt.headers,
        body: attempt.body,
        dispatcher: settings.dispatcher,
        signal: deadline as unknown as AbortSignal,
      }).then(resolve, reject);
    });
  } catch (cause) {
    throw unsent(attempt, cause);
  }
  const { statusCode, headers } = res;
  let text: string;
  try {
    text = await res.body.text();
  } catch (cause) {
    throw connectionError(`${attempt.label}: ${(cause as Error).message}`, cause, {
      method: attempt.label,
    });
  }
  if (statusCode >= 400) throw errorFor(attempt, statusCode, text, headers, settings.maxDelay);
  const json = isJson(headers['content-type']);
  if (statusCode >= 300) {
    const value = json ? parseJson(text, statusCode, attempt.label) : undefined;
    return { statusCode, value: value ?? { url: headers['location'] }, headers };
  }
  const value = json ? parseJson(text, statusCode, attempt.label) : undefined;
  return { statusCode, value, headers };
}
