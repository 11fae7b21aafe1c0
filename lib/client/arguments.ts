// The four calling conventions of the contract, as one pure function: arguments in, a
// validated call (params, payload, query, pagination) out, or a failure before any request.
import { failure } from '../errors.js';
import type { FunctionDescriptor } from './descriptors.js';

export type QueryValue = string | number | boolean;

export interface ParsedCall {
  params: Record<string, string | number>;
  payload?: unknown;
  // Optional fields may hold undefined: they are read from the caller's arguments as given.
  query?: Record<string, QueryValue | QueryValue[]> | undefined;
  paginationHandler?: ((page: unknown) => unknown) | undefined;
  paginationLimit?: number;
  /** Aborts this call at once, attempts and retry waits alike (code Aborted). */
  signal?: AbortSignal;
  /** This call's attempt deadline in ms, instead of the client's `timeout`. */
  timeout?: number;
}

const CONTROL_KEYS = ['paginationHandler', 'paginationLimit', 'signal', 'timeout'];
const NAMED_KEYS = new Set(['params', 'payload', 'query', ...CONTROL_KEYS]);
const TRAILING_KEYS = new Set(['query', ...CONTROL_KEYS]);

/** A non-null, non-array object. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const keysWithin = (value: Record<string, unknown>, allowed: Set<string>) =>
  Object.keys(value).length > 0 && Object.keys(value).every((k) => allowed.has(k));

function bad(d: FunctionDescriptor, detail: string) {
  return failure(`${d.signature}: ${detail}`, { code: 'InvalidArguments', method: d.label });
}

/** Form 3: a lone, non-empty object of named keys, when it cannot be a payload or query. */
function isNamedForm(d: FunctionDescriptor, args: unknown[]): boolean {
  if (args.length !== 1 || !isPlainObject(args[0]) || !keysWithin(args[0], NAMED_KEYS))
    return false;
  const a = args[0];
  return (
    d.params.length > 0 || 'payload' in a || 'query' in a || CONTROL_KEYS.some((key) => key in a)
  );
}

/** Form 2: payload first, then an object of the URL params. */
function isPayloadFirst(d: FunctionDescriptor, args: unknown[]): boolean {
  return (
    d.hasInput &&
    d.params.length > 0 &&
    args.length === 2 &&
    typeof args[0] === 'object' &&
    args[0] !== null &&
    isPlainObject(args[1])
  );
}

function countError(d: FunctionDescriptor, got: number, min: number, max: number) {
  const expected = min === max ? String(min) : `${String(min)} or ${String(max)}`;
  return bad(
    d,
    `expected ${expected} argument${min === 1 && max === 1 ? '' : 's'}, got ${String(got)}`,
  );
}

function fromNamed(d: FunctionDescriptor, named: Record<string, unknown>): ParsedCall {
  const params = named['params'] ?? {};
  if (!isPlainObject(params)) throw bad(d, 'params must be an object of URL parameters');
  for (const key of Object.keys(params))
    if (!d.params.includes(key)) throw bad(d, `unknown URL parameter ${key}`);
  for (const key of d.params)
    if (!Object.hasOwn(params, key)) throw bad(d, `missing URL parameter ${key}`);
  if (!d.hasInput && named['payload'] !== undefined) throw bad(d, 'this method takes no payload');
  if (d.hasInput && !('payload' in named)) throw bad(d, 'missing payload');
  return {
    ...pagination(named),
    params: params as ParsedCall['params'],
    payload: named['payload'],
    query: named['query'] as ParsedCall['query'],
  };
}

function fromPayloadFirst(d: FunctionDescriptor, args: unknown[]): ParsedCall {
  const given = args[1] as Record<string, unknown>;
  const keys = Object.keys(given);
  if (keys.length !== d.params.length || !d.params.every((p) => keys.includes(p))) {
    throw bad(
      d,
      `after a payload, expected an object of exactly the URL parameters {${d.params.join(', ')}}, got {${keys.join(', ')}}`,
    );
  }
  return { params: given as ParsedCall['params'], payload: args[0] };
}

function fromPositional(d: FunctionDescriptor, args: unknown[]): ParsedCall {
  const min = d.params.length + (d.hasInput ? 1 : 0);
  const max = min + (d.query.size > 0 ? 1 : 0);
  if (args.length < min || args.length > max) throw countError(d, args.length, min, max);
  const params: Record<string, unknown> = {};
  d.params.forEach((name, i) => {
    params[name] = args[i];
  });
  const call: ParsedCall = { params: params as ParsedCall['params'] };
  if (d.hasInput) call.payload = args[d.params.length];
  const last = args[min];
  if (last === undefined) return call;
  if (!d.hasInput && d.params.length > 0 && isPlainObject(last) && 'params' in last) {
    throw bad(
      d,
      `URL parameters given twice: positionally and in params {${Object.keys((last['params'] as object | null | undefined) ?? {}).join(', ')}}`,
    );
  }
  // Form 4 is only read after positional params of a method without input: a payload is never guessed.
  if (!d.hasInput && isPlainObject(last) && keysWithin(last, TRAILING_KEYS)) {
    return { ...call, ...pagination(last), query: last['query'] as ParsedCall['query'] };
  }
  call.query = last as ParsedCall['query'];
  return call;
}

function pagination(
  named: Record<string, unknown>,
): Pick<ParsedCall, 'paginationHandler' | 'paginationLimit' | 'signal' | 'timeout'> {
  const out: Pick<ParsedCall, 'paginationHandler' | 'paginationLimit' | 'signal' | 'timeout'> = {};
  if (named['signal'] !== undefined) out.signal = named['signal'] as AbortSignal;
  if (named['timeout'] !== undefined) out.timeout = named['timeout'] as number;
  if (named['paginationHandler'] !== undefined)
    out.paginationHandler = named['paginationHandler'] as ParsedCall['paginationHandler'];
  if (named['paginationLimit'] !== undefined)
    out.paginationLimit = named['paginationLimit'] as number;
  return out;
}

// A lone surrogate has no UTF-8 form: encodeURIComponent would throw a URIError.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function validateParams(d: FunctionDescriptor, params: Record<string, unknown>) {
  for (const name of d.params) {
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    // An empty string is a real value: index.listNamespaces('') lists the root namespace.
    const ok = typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
    if (!ok) {
      const got = Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;
      throw bad(d, `URL parameter ${name} must be a string or a number, got ${got}`);
    }
    // URLs resolve `.` and `..` segments (encoded or not): task('..') would request /api/queue/v1/.
    if (value === '.' || value === '..')
      throw bad(d, `URL parameter ${name} cannot be '${value}': URLs resolve it as a path step`);
    if (typeof value === 'string' && LONE_SURROGATE.test(value))
      throw bad(d, `URL parameter ${name} holds a lone UTF-16 surrogate, which no URL can carry`);
  }
}

/**
 * The payload as JSON text; a BigInt, a cycle or a throwing toJSON is the caller's mistake,
 * reported before anything is sent.
 */
export function serializePayload(d: FunctionDescriptor, payload: unknown): string {
  // JSON.stringify answers undefined for a function or a lone undefined, whatever its type says.
  let text: unknown;
  try {
    text = JSON.stringify(payload);
  } catch (cause) {
    throw failure(
      `${d.signature}: the payload cannot be sent as JSON: ${(cause as Error).message}`,
      {
        code: 'InvalidArguments',
        method: d.label,
        cause,
      },
    );
  }
  if (typeof text !== 'string') throw bad(d, 'payload must be JSON data');
  return text;
}

const isQueryValue = (v: unknown) =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

function validateQuery(d: FunctionDescriptor, query: unknown) {
  if (query === undefined) return;
  if (d.query.size === 0) throw bad(d, 'this method takes no query');
  if (!isPlainObject(query)) throw bad(d, 'query must be an object');
  for (const [key, value] of Object.entries(query)) {
    if (!d.query.has(key))
      throw bad(d, `unknown query key "${key}" (expected one of: ${[...d.query].join(', ')})`);
    const values = Array.isArray(value) ? value : [value];
    if (value !== undefined && !values.every(isQueryValue))
      throw bad(d, `query value ${key} must be a string, number or boolean`);
    if (values.some((v) => typeof v === 'string' && LONE_SURROGATE.test(v)))
      throw bad(d, `query value ${key} holds a lone UTF-16 surrogate, which no URL can carry`);
  }
}

function validatePagination(d: FunctionDescriptor, call: ParsedCall) {
  if (call.paginationHandler !== undefined && typeof call.paginationHandler !== 'function') {
    throw bad(d, 'paginationHandler must be a function');
  }
  if (call.paginationLimit !== undefined) {
    if (!Number.isInteger(call.paginationLimit) || call.paginationLimit < 1)
      throw bad(d, 'paginationLimit must be a positive integer');
    if (!d.query.has('limit'))
      throw bad(d, 'paginationLimit needs a method that takes a limit query');
  }
}

function validateControl(d: FunctionDescriptor, call: ParsedCall) {
  const signal = call.signal as Partial<AbortSignal> | null | undefined;
  if (
    signal !== undefined &&
    (typeof signal?.aborted !== 'boolean' || typeof signal.addEventListener !== 'function')
  )
    throw bad(d, 'signal must be an AbortSignal');
  const timeout = call.timeout;
  if (timeout !== undefined && !(typeof timeout === 'number' && timeout >= 1))
    throw bad(d, 'timeout must be a number of milliseconds >= 1');
}

/** Read a call's arguments by the contract's conventions and validate them; throws before any request. */
export function parseArguments(d: FunctionDescriptor, args: unknown[]): ParsedCall {
  const call = isNamedForm(d, args)
    ? fromNamed(d, args[0] as Record<string, unknown>)
    : isPayloadFirst(d, args)
      ? fromPayloadFirst(d, args)
      : fromPositional(d, args);
  validateParams(d, call.params);
  if (d.hasInput && call.payload === undefined) throw bad(d, 'missing payload');
  if (typeof call.payload === 'function' || typeof call.payload === 'symbol')
    throw bad(d, 'payload must be JSON data');
  validateQuery(d, call.query);
  validatePagination(d, call);
  validateControl(d, call);
  if (call.paginationLimit !== undefined)
    call.query = { ...call.query, limit: call.paginationLimit };
  return call;
}
