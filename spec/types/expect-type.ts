// Type-level assertions for the *.typecheck.ts specs, which `tsc --noEmit` (npm test) compiles and never runs.

/** `true` exactly when A and B are the same type (not merely assignable either way). */
export type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when `value` is `true`: `assertType<Equal<A, B>>(true)`. */
export function assertType<T extends true>(value: T): T {
  return value;
}
