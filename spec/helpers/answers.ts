// Typed reads of what specs get back untyped (JSON a command prints, a body, a rejection): each
// read checks what it assumes and fails the test naming the path, where an `any` would let a
// typo or a missing member pass on as `undefined`.

import { inspect } from 'node:util';

type Key = string | number;

/** `value`, checked not to be undefined or null; `what` names it in the failure. */
export function defined<T>(value: T | undefined | null, what = 'a value'): T {
  if (value === undefined || value === null)
    throw new Error(`expected ${what}, found ${String(value)}`);
  return value;
}

/** `JSON.parse(text)` as `unknown`, to be read with `at()` and the checks below. */
export function parseJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  return value;
}

/**
 * The value at `path` under `value`; throws when a step is not an object (or function) holding
 * that key. A Proxy's answer counts as held even when it reports no such key.
 */
export function at(value: unknown, ...path: Key[]): unknown {
  let current = value;
  for (const [index, key] of path.entries()) {
    const next: unknown = isHolder(current) ? Reflect.get(current, key) : undefined;
    if (next === undefined && !(isHolder(current) && key in current)) {
      const where = path.slice(0, index + 1).join('.');
      throw new Error(`expected a member at ${where}, found ${describe(current)}`);
    }
    current = next;
  }
  return current;
}

function isHolder(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/** `at(value, ...path)`, checked to be a string. */
export function stringAt(value: unknown, ...path: Key[]): string {
  const found = at(value, ...path);
  if (typeof found !== 'string') throw new Error(`expected a string, found ${describe(found)}`);
  return found;
}

/** `at(value, ...path)`, checked to be a number. */
export function numberAt(value: unknown, ...path: Key[]): number {
  const found = at(value, ...path);
  if (typeof found !== 'number') throw new Error(`expected a number, found ${describe(found)}`);
  return found;
}

/** `at(value, ...path)`, checked to be an array. */
export function listAt(value: unknown, ...path: Key[]): readonly unknown[] {
  const found = at(value, ...path);
  if (!Array.isArray(found)) throw new Error(`expected an array, found ${describe(found)}`);
  const list: readonly unknown[] = found;
  return list;
}

/** `at(value, ...path)`, checked to be an object that is not an array (a JSON object). */
export function recordAt(value: unknown, ...path: Key[]): Readonly<Record<string, unknown>> {
  const found = at(value, ...path);
  if (typeof found !== 'object' || found === null || Array.isArray(found))
    throw new Error(`expected an object, found ${describe(found)}`);
  return { ...found };
}

/**
 * `target[name]` as a function of unknown arguments and result, called on `target`; throws when
 * it is not a function. For the methods a dynamic client answers loosely typed (as `any`).
 */
export function methodOf(target: object, name: string): (...args: unknown[]) => unknown {
  const method: unknown = Reflect.get(target, name);
  if (typeof method !== 'function')
    throw new Error(`expected a method ${name}, found ${describe(method)}`);
  return (...args) => {
    const result: unknown = Reflect.apply(method, target, args);
    return result;
  };
}

type Class<T> = abstract new (...args: never[]) => T;

/**
 * What `promise` rejects with, checked to be an instance of `type`; fails the test when the
 * promise resolves instead, or rejects with anything else.
 */
export async function rejectionOf<T>(promise: PromiseLike<unknown>, type: Class<T>): Promise<T> {
  try {
    await promise;
  } catch (reason: unknown) {
    if (reason instanceof type) return reason;
    throw new Error(`expected a rejection with a ${type.name}, got ${describe(reason)}`);
  }
  throw new Error(`expected a rejection with a ${type.name}, the promise resolved`);
}

function describe(value: unknown): string {
  return inspect(value, { depth: 2, breakLength: Infinity });
}
