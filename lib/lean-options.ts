// Resolved options as clients hold them: own properties only for the values that differ from a
// client given no options, the rest read through one shared frozen prototype. A program may hold
// thousands of clients (one per request with use()), and most options are rarely set: a
// 24-field object costs ~216 bytes a client, four own fields ~56 (bench/requests, heap part).
import { INSPECT, type Show } from './utils/inspect.js';

/**
 * The shared prototype: the values of a client given no options, frozen. util.inspect shows a
 * lean object with every field, inherited ones included, so that it reads as one flat object.
 */
export function optionsPrototype<T extends object>(values: T): Readonly<T> {
  const keys = Object.keys(values);
  return Object.freeze(
    Object.defineProperty({ ...values }, INSPECT, {
      value(this: Record<string, unknown>, _depth: number, options: object, show?: Show) {
        const flat = Object.fromEntries(keys.map((key) => [key, this[key]]));
        return show ? show(flat, options) : flat;
      },
    }),
  );
}

/** A frozen object over `prototype` holding as its own only the values that differ from it. */
export function leanCopy<T extends object>(values: Readonly<T>, prototype: Readonly<T>): T {
  const inherited: Readonly<Record<string, unknown>> = prototype;
  const entries: Readonly<Record<string, unknown>> = values;
  const own: PropertyDescriptorMap = {};
  for (const [key, value] of Object.entries(entries)) {
    if (!Object.is(value, inherited[key])) own[key] = { value, enumerable: true };
  }
  // Object.create is typed `any`; every key of T is either own here or on the prototype.
  return Object.freeze(Object.create(prototype, own) as T);
}
