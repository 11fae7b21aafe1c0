// The TaskclusterFailure tree, the factories that are the only way errors are made, the one
// retry predicate, and redact(), which every message passes through before it exists.

import type { FailureCode, TaskclusterFailureCode } from './failure-codes.js';

export {
  FAILURE_CODES,
  isFailureCode,
  type FailureCode,
  type ForeignCode,
  type TaskclusterFailureCode,
} from './failure-codes.js';

const BRAND = Symbol.for('taskcluster-dynamic.error-kinds');

/** Registered secrets (access tokens) that redact() removes wherever they appear; the most recent first to go. */
const KNOWN_SECRETS = new Set<string>();
// Bounded: a long-running process that makes clients with fresh temporary credentials must not grow it forever.
const MAX_KNOWN_SECRETS = 256;

/** Remember a secret so that no error message or log line can ever show it. */
export function registerSecret(secret: string | undefined): void {
  if (typeof secret !== 'string' || secret.length < 4) return;
  KNOWN_SECRETS.delete(secret);
  KNOWN_SECRETS.add(secret);
  const [oldest] = KNOWN_SECRETS;
  if (KNOWN_SECRETS.size > MAX_KNOWN_SECRETS && oldest !== undefined) KNOWN_SECRETS.delete(oldest);
  longestFirst = undefined;
}

// Longest first, so that a secret which another one starts with cannot leave that one's tail visible.
let longestFirst: string[] | undefined;

/** Forget every registered secret (tests only). */
export function resetSecrets(): void {
  KNOWN_SECRETS.clear();
  longestFirst = undefined;
}

const REDACTIONS: ReadonlyArray<[RegExp, string]> = [
  // Quotes may be escaped (JSON inside JSON) or single (util.inspect); the header ends at its last quoted value.
  [/Hawk\s+id=\\?"(?:[^\r\n"\\]|\\?"\s*,\s*\w+=\\?")*\\?"?/gi, 'Hawk [redacted]'],
  [/([?&]bewit=)[^&#\s"']*/gi, '$1[redacted]'],
  [/(\\?["']?access_?token\\?["']?\s*[:=]\s*\\?["']?)[^"'\\,\s}]+/gi, '$1[redacted]'],
  // A MAC echoed without its header (a proxy's log line, say): labelled, or bare, a sha256 MAC
  // is 43 base64 characters and one '='.
  [/(\bmac\\?["']?\s*[:=]\s*\\?["']?)[A-Za-z0-9+/_-]{16,}={0,2}/gi, '$1[redacted]'],
  [/(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=_-])/g, '[redacted]'],
];

/** Remove Hawk headers, bewits, access-token fields and registered secrets from text. */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of REDACTIONS) out = out.replace(pattern, replacement);
  longestFirst ??= [...KNOWN_SECRETS].sort((a, b) => b.length - a.length);
  for (const secret of longestFirst)
    if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  return out;
}

// Error bodies come from servers: one nested thousands of levels deep must not exhaust the stack.
const MAX_BODY_DEPTH = 32;

/**
 * Redact every string inside a JSON-like value (used for error bodies). Deeper than 32 levels
 * a value is replaced by a note; keys are copied as own data properties, so a `__proto__` key
 * stays a key and never becomes the copy's prototype.
 */
export function redactValue<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redact(value) as T;
  if (!value || typeof value !== 'object') return value;
  if (depth >= MAX_BODY_DEPTH) return '[nested too deep]' as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactValue(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const copy = /access_?token/i.test(k) ? '[redacted]' : redactValue(v, depth + 1);
    Object.defineProperty(out, k, {
      value: copy,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out as T;
}

function isBranded(value: unknown, kind: string): boolean {
  const kinds = (value as { [BRAND]?: unknown } | null)?.[BRAND];
  return Array.isArray(kinds) && kinds.includes(kind);
}

/**
 * The fields an error may be made with: closed, so that nothing internal (a retry hint, say)
 * can reach users' errors; what the retry loop needs travels beside the error (see
 * transport/classify.ts). Undefined fields are skipped, so they may be passed as undefined.
 */
export interface FailureDetails {
  /** Only codes the library produces; a service's or undici's code comes through restFailure or connectionError. */
  code?: FailureCode | undefined;
  statusCode?: number | undefined;
  body?: unknown;
  method?: string | undefined;
  cause?: unknown;
  /** MissingSecrets: the required keys not found. */
  missing?: readonly string[] | undefined;
  /** ArtifactError: the reason the task gave for its error artifact. */
  reason?: string | undefined;
  /** HashMismatch: the hash algorithm that did not match. */
  algorithm?: string | undefined;
}

/** The details of an HTTP error response: its code may be the service's own. */
export interface RestFailureDetails extends Omit<FailureDetails, 'code'> {
  code?: TaskclusterFailureCode | undefined;
  statusCode: number;
}

/** What the classes are made with: any code, since restFailure and connectionError pass foreign ones. */
type MadeWith = Omit<FailureDetails, 'code'> & { code?: TaskclusterFailureCode | undefined };

// Only these are copied onto an error, whatever a caller passes from untyped code.
const FIELDS = ['code', 'statusCode', 'body', 'method', 'missing', 'reason', 'algorithm'] as const;

/** Base of every error this package throws. `instanceof` works across copies of the package. */
export class TaskclusterFailure extends Error {
  static readonly kind: string = 'TaskclusterFailure';
  /**
   * A FailureCode when the library made the error; a service's own code on a
   * TaskclusterRestFailure; an undici or OS code on a TaskclusterConnectionError.
   */
  declare code?: TaskclusterFailureCode;
  declare statusCode?: number;
  declare body?: unknown;
  declare method?: string;
  /** Set on MissingSecrets only. */
  declare missing?: readonly string[];
  /** Set on ArtifactError only, when the task gave one. */
  declare reason?: string;
  /** Set on HashMismatch only. */
  declare algorithm?: string;

  constructor(message: string, details: MadeWith = {}) {
    const { cause, ...fields } = details;
    super(redact(message), cause === undefined ? undefined : { cause: redactCause(cause) });
    const kinds: string[] = [];
    for (
      let c = new.target as unknown as { kind?: string } | null;
      c?.kind;
      c = Object.getPrototypeOf(c) as { kind?: string } | null
    )
      kinds.push(c.kind);
    Object.defineProperty(this, BRAND, { value: kinds });
    Object.defineProperty(this, 'name', {
      value: kinds[0],
      enumerable: false,
      configurable: true,
      writable: true,
    });
    for (const key of FIELDS) {
      const value = fields[key];
      if (value !== undefined)
        (this as Record<string, unknown>)[key] = key === 'body' ? redactValue(value) : value;
    }
    if (this.stack) this.stack = redact(this.stack);
  }

  /**
   * `instanceof` by brand, not by prototype: an error from another copy of the library (a second
   * install, a bundle) still counts as this class's.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isBranded(value, (this as unknown as { kind: string }).kind);
  }
}

/** An HTTP error response from a service. */
export class TaskclusterRestFailure extends TaskclusterFailure {
  static override readonly kind: string = 'TaskclusterRestFailure';
}

/** A 401 or 403 response. */
export class TaskclusterAuthFailure extends TaskclusterRestFailure {
  static override readonly kind: string = 'TaskclusterAuthFailure';
}

/** No response: network failure, or a timeout (code ECONNABORTED). */
export class TaskclusterConnectionError extends TaskclusterFailure {
  static override readonly kind: string = 'TaskclusterConnectionError';
}

function redactCause(cause: unknown): unknown {
  if (cause instanceof Error) {
    const copy = new Error(redact(cause.message));
    copy.name = cause.name;
    const code = (cause as { code?: unknown }).code;
    if (code !== undefined) (copy as { code?: unknown }).code = code;
    if (cause.stack) copy.stack = redact(cause.stack);
    return copy;
  }
  return typeof cause === 'string' ? redact(cause) : cause;
}

/** A usage error or any failure that is not an HTTP response. */
export function failure(message: string, details?: FailureDetails): TaskclusterFailure {
  return new TaskclusterFailure(message, details);
}

/** An error for an HTTP error response; 401/403 give a TaskclusterAuthFailure. */
export function restFailure(message: string, details: RestFailureDetails): TaskclusterRestFailure {
  const Kind =
    details.statusCode === 401 || details.statusCode === 403
      ? TaskclusterAuthFailure
      : TaskclusterRestFailure;
  return new Kind(message, details);
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
  'ABORT_ERR',
]);

/** An error for a request that got no response; timeouts get code ECONNABORTED. */
export function connectionError(
  message: string,
  cause: unknown,
  details: FailureDetails = {},
): TaskclusterConnectionError {
  const causeCode = (cause as { code?: string } | undefined)?.code;
  const isTimeout =
    (causeCode !== undefined && TIMEOUT_CODES.has(causeCode)) ||
    (cause as Partial<Error> | null | undefined)?.name === 'TimeoutError';
  return new TaskclusterConnectionError(message, {
    ...details,
    code: isTimeout ? 'ECONNABORTED' : (causeCode ?? 'ECONNRESET'),
    cause,
  });
}

/** The one retry predicate: connection errors, 5xx and 429. */
export function isRetriable(error: unknown): boolean {
  if (error instanceof TaskclusterConnectionError) return true;
  if (error instanceof TaskclusterRestFailure) {
    const status = error.statusCode ?? 0;
    return status >= 500 || status === 429;
  }
  return false;
}

/** A waiter (waitForTask, waitForTaskGroup) that ran out of time: code `WaitTimeout`. */
export function waitTimeout(message: string): TaskclusterFailure {
  return failure(message, { code: 'WaitTimeout' });
}

/** Work stopped because its AbortSignal aborted: code `Aborted`, the signal's reason as cause. */
export function aborted(message: string, cause?: unknown): TaskclusterFailure {
  return failure(message, { code: 'Aborted', ...(cause === undefined ? {} : { cause }) });
}
