// The one classifier of the transport stage: what a status, a refusal, a lost connection, an
// abort or an oversized answer becomes (a TaskclusterFailure), and beside it, never on it, the
// verdict the retry loop reads: retriable or not, and after how long. No node:* imports here.
import {
  connectionError,
  failure,
  isRetriable,
  restFailure,
  type FailureCode,
  type TaskclusterFailure,
} from '../errors.js';
import type { AttemptRequest, ResponseHeaders } from './types.js';

/** What the retry loop needs to know about a failed attempt. */
export interface Verdict {
  retriable: boolean;
  /** The server's Retry-After, in ms (already capped by maxDelay). */
  retryAfter?: number | undefined;
  /** The answer's Date header (a 401 may come from a clock that is off). */
  serverDate?: string | undefined;
}

const verdicts = new WeakMap<object, Verdict>();

/** Record the verdict for `error` and return the error. */
export function withVerdict<E extends object>(error: E, verdict: Verdict): E {
  verdicts.set(error, verdict);
  return error;
}

/** The verdict recorded for `error`, or the one retry predicate's answer for other errors. */
export function verdictOf(error: unknown): Verdict {
  const known = typeof error === 'object' && error !== null ? verdicts.get(error) : undefined;
  return known ?? { retriable: isRetriable(error) };
}

/** Methods that may be sent again once their body went out (RFC 9110 §9.2.2, minus OPTIONS). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/** Whether a method is idempotent, so safe to re-send after a connection died mid-answer. */
export const isIdempotent = (method: string) => IDEMPOTENT.has(method.toUpperCase());

/** Error bodies kept on errors are read up to this many bytes; the rest is never downloaded. */
export const ERROR_BODY_LIMIT = 64 * 1024;
/** The longest error message taken from a server's answer, in characters. */
export const MESSAGE_LIMIT = 4096;

/** `text` cut to `limit` characters, saying how much was left out. */
export function bounded(text: string, limit = MESSAGE_LIMIT): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}… (${String(text.length - limit)} more characters)`;
}

/** Seconds or an HTTP date from a Retry-After header, in ms, capped by maxDelay; undefined when absent or unreadable. */
export function retryAfterDelay(
  header: string | undefined,
  maxDelay: number,
  now: number = Date.now(),
): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 0), maxDelay);
}

/** One header's value; repeated headers joined as RFC 9110 allows. */
export function headerOf(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Whether a status is worth another attempt: 5xx and 429. */
export const isRetriableStatus = (status: number) => status >= 500 || status === 429;

function parsedBody(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text; // a non-JSON (or cut) error page stays text
  }
}

/** The official client's message for an error response whose body has none. */
export function fallbackMessage(statusCode: number): string {
  if (statusCode === 401) return 'Authentication Error';
  if (statusCode === 500) return 'Internal Server Error';
  if (statusCode >= 300 && statusCode < 400) return 'Unexpected Redirect';
  return 'Unknown Server Error';
}

/**
 * The failure for an error status. `text` is the (bounded) body. A Taskcluster service's body
 * gives the message and code; a storage answer (`storageCode` given) is kept as text only.
 */
export function statusFailure(
  label: string,
  statusCode: number,
  headers: ResponseHeaders,
  text: string | undefined,
  maxDelay: number,
  storageCode?: FailureCode,
): TaskclusterFailure {
  const body = storageCode ? text : parsedBody(text);
  const fields = (!storageCode && body && typeof body === 'object' ? body : {}) as Record<
    string,
    unknown
  >;
  const given = fields['message'];
  // A service's message is the message, as the official client gives it (the call is in
  // `method`); a storage answer says its status after what failed.
  const message = storageCode
    ? `${label}: HTTP ${String(statusCode)}`
    : typeof given === 'string' && given
      ? bounded(given)
      : fallbackMessage(statusCode);
  const retryAfter = retryAfterDelay(headerOf(headers, 'retry-after'), maxDelay);
  const error = restFailure(message, {
    statusCode,
    code: typeof fields['code'] === 'string' ? fields['code'] : (storageCode ?? 'UnknownError'),
    body: typeof body === 'string' ? bounded(body, ERROR_BODY_LIMIT) : body,
    method: label,
  });
  const serverDate = statusCode === 401 ? headerOf(headers, 'date') : undefined;
  return withVerdict(error, { retriable: isRetriableStatus(statusCode), retryAfter, serverDate });
}

// What undici refuses before sending (a header value with a newline, say) is the caller's mistake.
const REFUSED = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
  'ERR_INVALID_ARG_TYPE',
  'ERR_INVALID_CHAR',
  'ERR_INVALID_URL',
  // A MockAgent with net connect disabled refuses an unmocked request: nothing was sent.
  'UND_MOCK_ERR_MOCK_NOT_MATCHED',
]);

/** Whether the request was refused before sending (the caller's mistake, never retried). */
export function isRefused(cause: unknown): boolean {
  return REFUSED.has((cause as { code?: string } | undefined)?.code ?? '');
}

const reasonOf = (cause: unknown) =>
  bounded(cause instanceof Error ? cause.message : String(cause), 1000);

/** The failure for an attempt stopped by the caller's AbortSignal: code Aborted, never retried. */
export function aborted(label: string, reason: unknown): TaskclusterFailure {
  const why = reason instanceof Error && reason.message ? `: ${reasonOf(reason)}` : '';
  return withVerdict(failure(`${label}: aborted${why}`, { code: 'Aborted', method: label }), {
    retriable: false,
  });
}

// Failures of connecting: the request cannot have reached the server, whatever its method.
const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Whether `cause` is a failure to connect. Any later failure counts as "the request was sent":
 * an API call's JSON is written in one go once connected, so the server may have read it.
 */
export function failedToConnect(cause: unknown): boolean {
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && (CONNECT_FAILURES.has(code) || /^(ERR_TLS_|CERT_)/.test(code));
}

/** How far a request got before it failed without an answer. */
export interface Progress {
  /** The whole request, body included, went out. */
  sent: boolean;
}

/**
 * The failure for an attempt that got no (complete) answer. A request whose body was fully
 * sent is retried only when idempotent: the server may have acted on it.
 */
export function noAnswer(
  request: Pick<AttemptRequest, 'label' | 'idempotent'>,
  cause: unknown,
  progress: Progress,
): TaskclusterFailure {
  const message = `${request.label}: ${reasonOf(cause)}`;
  if (isRefused(cause))
    return withVerdict(failure(message, { cause, method: request.label }), { retriable: false });
  const error = connectionError(message, cause, { method: request.label });
  return withVerdict(error, { retriable: !progress.sent || request.idempotent });
}

/** The failure for an answer larger than maxResponseBytes: never retried (it would be as large). */
export function tooLarge(label: string, limit: number, declared?: number): TaskclusterFailure {
  const size = declared === undefined ? 'more than' : `${String(declared)} bytes, more than`;
  return withVerdict(
    failure(`${label}: the answer is ${size} maxResponseBytes (${String(limit)})`, {
      code: 'ResponseTooLarge',
      method: label,
    }),
    { retriable: false },
  );
}

/** The failure for a 2xx answer whose JSON does not parse. */
export function invalidJson(label: string, statusCode: number, cause: unknown): TaskclusterFailure {
  return failure(`${label}: the server answered ${String(statusCode)} with invalid JSON`, {
    statusCode,
    cause,
    method: label,
  });
}
