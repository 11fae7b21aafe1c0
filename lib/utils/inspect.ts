// The hook util.inspect looks for, named through the global symbol registry so that modules
// which run in browsers too need not import node:util (Node passes its inspect as the third argument).

/** `util.inspect.custom`, without importing node:util. */
export const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** What Node's util.inspect hands a custom inspect method as its third argument. */
export type Show = (value: unknown, options?: object) => string;
