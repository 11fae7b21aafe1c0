/**
 * `String(value)` for a value that came from JSON or a JavaScript caller, shown the way the
 * error messages and coercions have always shown it.
 */
export function asText(value: unknown): string {
  return String(value);
}
