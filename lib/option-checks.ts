// The checks of single client options, each failing with one clear TaskclusterFailure that
// names the option, before any request.
import { failure } from './errors.js';
import type { ClientOptions } from './options.js';

export function checkNumber(name: string, value: unknown, min: number, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    const range =
      max === Infinity ? `>= ${String(min)}` : `between ${String(min)} and ${String(max)}`;
    throw failure(`option ${name} must be a number ${range}, got ${String(value)}`);
  }
  return value;
}

export function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw failure(`option ${name} must be true or false`);
  return value;
}

// Options the official client refuses (with these messages): code written for it learns the same way.
const REFUSED_OPTIONS: ReadonlyArray<[string, string]> = [
  ['baseUrl', 'baseUrl has been deprecated!'],
  ['exchangePrefix', 'exchangePrefix has been deprecated!'],
  ['stats', 'monitoring client calls is no longer supported'],
  ['monitor', 'monitoring client calls is no longer supported'],
];

export function checkRefused(given: ClientOptions): void {
  for (const [name, message] of REFUSED_OPTIONS)
    if ((given as Record<string, unknown>)[name]) throw failure(message, { code: 'InvalidOption' });
}

export function checkSignal(value: unknown): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (!isAbortSignal(value)) throw failure('option signal must be an AbortSignal');
  return value;
}

/** Duck-typed: AbortSignals from another realm or polyfill pass too. */
export function isAbortSignal(value: unknown): value is AbortSignal {
  return (
    typeof value === 'object' &&
    value !== null &&
    'aborted' in value &&
    typeof value.aborted === 'boolean' &&
    'addEventListener' in value &&
    typeof value.addEventListener === 'function'
  );
}

// Caught here, a wrong value is one clear failure; later it would be a TypeError on every call
// (references) or a connection error retried five times (a dispatcher without dispatch()).
export function checkReferencesAndDispatcher(given: ClientOptions): void {
  const { references, dispatcher } = given as { references?: unknown; dispatcher?: unknown };
  if (references != null && typeof references !== 'string' && !isObject(references)) {
    throw failure(
      `option references must be 'bundled', 'remote', 'auto', a folder, a URL or reference documents, got ${typeof references}`,
    );
  }
  const dispatches =
    typeof dispatcher === 'object' &&
    dispatcher !== null &&
    'dispatch' in dispatcher &&
    typeof dispatcher.dispatch === 'function';
  if (dispatcher !== undefined && !dispatches) {
    throw failure('option dispatcher must be an undici Dispatcher (an object with dispatch())');
  }
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((s) => typeof s === 'string');
}
