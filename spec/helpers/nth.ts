// Typed, checked element access for specs under noUncheckedIndexedAccess: a missing element
// fails the test where it is read, instead of passing `toBeUndefined()` by accident.

/** `list[index]`; throws when the list has no such element. */
export function nth<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined)
    throw new Error(
      `expected an element at index ${String(index)}, the list has ${String(list.length)}`,
    );
  return item;
}

/** `record[key]` (own, inherited or answered by a Proxy); throws when it is undefined. */
export function member<T>(record: Readonly<Record<string, T>>, key: string): T {
  const value = record[key];
  if (value === undefined) throw new Error(`expected a member ${key}`);
  return value;
}

/** The first element of `list` that `matches`; throws naming `what` when none does. */
export function found<T>(list: readonly T[], matches: (item: T) => boolean, what: string): T {
  const item = list.find(matches);
  if (item === undefined) throw new Error(`expected ${what} in the list`);
  return item;
}
