// The text of a thrown value, whatever was thrown: code may throw strings or plain objects.

/** An Error's message, or the thrown value itself as text. */
export function messageOf(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}
