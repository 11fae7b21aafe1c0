// The text of a thrown value, whatever was thrown: code may throw strings or plain objects.

/** The thrown value's message (an Error's, or any object's that has one), else the value as text. */
export function messageOf(thrown: unknown): string {
  const message = (thrown as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? message : String(thrown);
}
