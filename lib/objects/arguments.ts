// The named-object arguments of the object and artifact functions: the official client's
// names mapped to ours, unknown keys refused, every value checked before any request.
import type { Readable, Writable } from 'node:stream';
import { failure } from '../errors.js';
import type { RetryOverrides } from './settings.js';
import type { ProgressListener } from './progress.js';
import { isValidDate } from '../utils/from-now.js';
import { isAbortSignal } from '../option-checks.js';

/** What a reader factory may return: a Readable, an (async) iterable of chunks, or one Buffer. */
export type ReaderSource =
  | Readable
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>
  | Uint8Array;
/** Returns a fresh source of the object's bytes on every call (once per attempt). */
export type ReaderFactory = () => ReaderSource | Promise<ReaderSource>;
/** Returns a fresh destination for the object's bytes on every call (once per attempt). */
export type WriterFactory = () => Writable | Promise<Writable>;

/** A service client: one of ours, or anything with the same methods. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- public type: accepts the official client and hand-made fakes; calls go through typed views
export type ServiceClient = Record<string, any>;

/** The object service's methods the transfers call: a typed view of a {@link ServiceClient}. */
export interface ObjectCalls {
  startDownload(name: string, payload: Record<string, unknown>): Promise<unknown>;
  createUpload(name: string, payload: Record<string, unknown>): Promise<unknown>;
  finishUpload(name: string, payload: Record<string, unknown>): Promise<unknown>;
}

type Raw = Record<string, unknown>;

const RETRY_KEYS = ['maxRetries', 'delayFactor', 'randomizationFactor', 'maxDelay'] as const;
// Accepted by every transfer beside the retry keys.
const CONTROL_KEYS = ['signal', 'timeout', 'onProgress'] as const;
const COMMON_KEYS: readonly string[] = [...RETRY_KEYS, ...CONTROL_KEYS];

const describe = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'string'
        ? JSON.stringify(value)
        : typeof value;

/** Rename the official client's keys, refuse unknown ones, and return a fresh object. */
export function namedArguments(
  fn: string,
  args: unknown,
  accepted: readonly string[],
  aliases: Readonly<Record<string, string>>,
): Raw {
  if (!args || typeof args !== 'object' || Array.isArray(args)) {
    throw failure(`${fn}: expected one object of named arguments, got ${describe(args)}`);
  }
  const out: Raw = {};
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined) continue;
    const canonical = aliases[key] ?? key;
    if (!accepted.includes(canonical) && !COMMON_KEYS.includes(canonical)) {
      throw failure(
        `${fn}: unknown argument '${key}'; expected some of ${[...accepted, ...COMMON_KEYS].join(', ')}`,
      );
    }
    if (canonical in out)
      throw failure(`${fn}: '${key}' and '${canonical}' name the same argument; give one`);
    out[canonical] = value;
  }
  return out;
}

/** A required non-empty string. */
export function text(fn: string, args: Raw, key: string): string {
  const value = args[key];
  if (typeof value !== 'string' || value.length === 0) {
    throw failure(`${fn}: ${key} must be a non-empty string, got ${describe(value)}`);
  }
  return value;
}

/** An optional non-empty string. */
export function optionalText(fn: string, args: Raw, key: string): string | undefined {
  return args[key] === undefined ? undefined : text(fn, args, key);
}

/** An optional whole number >= 0 (a byte count, a run id, a retry count). */
export function count(fn: string, args: Raw, key: string): number | undefined {
  const value = args[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw failure(`${fn}: ${key} must be a whole number >= 0, got ${describe(value)}`);
  }
  return value;
}

/** The per-call retry overrides. */
export function retryOverrides(fn: string, args: Raw): RetryOverrides {
  const out: RetryOverrides = {};
  for (const key of RETRY_KEYS) {
    const value = args[key];
    if (value === undefined) continue;
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < 0 ||
      (key === 'maxRetries' && !Number.isInteger(value))
    ) {
      throw failure(`${fn}: ${key} must be a number >= 0, got ${describe(value)}`);
    }
    out[key] = value;
  }
  return { ...out, ...controls(fn, args) };
}

/** The per-call signal, timeout and progress listener of a transfer. */
function controls(
  fn: string,
  args: Raw,
): Pick<RetryOverrides, 'signal' | 'timeout' | 'onProgress'> {
  const out: Pick<RetryOverrides, 'signal' | 'timeout' | 'onProgress'> = {};
  const { signal, timeout, onProgress } = args;
  if (onProgress !== undefined) {
    if (typeof onProgress !== 'function')
      throw failure(`${fn}: onProgress must be a function, got ${describe(onProgress)}`);
    out.onProgress = onProgress as ProgressListener;
  }
  if (signal !== undefined) {
    if (!isAbortSignal(signal))
      throw failure(`${fn}: signal must be an AbortSignal, got ${describe(signal)}`);
    out.signal = signal;
  }
  if (timeout !== undefined) {
    if (typeof timeout !== 'number' || !(timeout >= 1))
      throw failure(
        `${fn}: timeout must be a number of milliseconds >= 1, got ${describe(timeout)}`,
      );
    out.timeout = timeout;
  }
  return out;
}

/** A service client with the given methods. */
export function service(
  fn: string,
  args: Raw,
  key: string,
  methods: readonly string[],
): ServiceClient {
  const value = args[key];
  const ok =
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    methods.every((m) => typeof (value as ServiceClient)[m] === 'function');
  if (!ok)
    throw failure(
      `${fn}: ${key} must be a client with ${methods.join(', ')}, got ${describe(value)}`,
    );
  return value;
}

interface Factories {
  readerFactory: ReaderFactory;
  writerFactory: WriterFactory;
}

/** A factory function. */
export function factory<K extends keyof Factories>(fn: string, args: Raw, key: K): Factories[K] {
  const value = args[key];
  if (typeof value !== 'function')
    throw failure(`${fn}: ${key} must be a function, got ${describe(value)}`);
  return value as Factories[K];
}

/** An expiry as the object service wants it: an ISO date string. */
export function isoDate(fn: string, args: Raw, key: string): string {
  const value = args[key];
  const ms = isValidDate(value)
    ? value.getTime()
    : typeof value === 'string'
      ? Date.parse(value)
      : NaN;
  if (!Number.isFinite(ms))
    throw failure(`${fn}: ${key} must be a Date or a date string, got ${describe(value)}`);
  return new Date(ms).toISOString();
}

/** The one key of `choices` that is present; exactly one must be. */
export function oneOf(fn: string, args: Raw, choices: readonly string[]): string {
  const present = choices.filter((key) => args[key] !== undefined);
  const [only] = present;
  if (present.length !== 1 || only === undefined) {
    throw failure(
      `${fn}: give exactly one of ${choices.join(', ')}, got ${present.length ? present.join(' and ') : 'none'}`,
    );
  }
  return only;
}
