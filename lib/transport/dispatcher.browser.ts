// The browser's stand-in for ./dispatcher.ts (the browser build swaps it in): a browser
// manages its own connections, so there is no dispatcher to close.

/** Nothing to close in a browser. */
export async function resetDefaultDispatcher(): Promise<void> {}
