// Type-level assertions for the *.typecheck.ts specs, which `tsc --noEmit` (npm test) compiles and never runs.

/** `true` exactly when A and B are the same type (not merely assignable either way). */
// The usual exact-equality test: each T stays unresolved, so the two conditional types are
// compared as written rather than by assignability.
export type Equal<A, B> =
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T is the unresolved probe described above
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** `true` exactly when T is `any` (nothing else extends the impossible `1 & T` from `0`). */
export type IsAny<T> = 0 extends 1 & T ? true : false;

/** Compiles only when `value` is `true`: `assertType<Equal<A, B>>(true)`. */
export function assertType<T extends true>(value: T): T {
  return value;
}
