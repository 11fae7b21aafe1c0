// Option bags under `exactOptionalPropertyTypes`: an absent key and a key set to `undefined`
// differ, and libraries (undici, msw) want the key absent. This drops the undefined ones.

/** `record` without its keys whose value is `undefined`. */
export function definedOnly<T extends object>(
  record: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Partial<Record<keyof T, unknown>> = {};
  for (const key of Object.keys(record) as (keyof T)[]) {
    if (record[key] !== undefined) out[key] = record[key];
  }
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}
