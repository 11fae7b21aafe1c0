// The browser's stand-in for ./dispatcher.ts (package.json `browser` maps it here): a browser
// manages its own connections, so there is no dispatcher to close.

/** Nothing to close in a browser. */
export async function resetDefaultDispatcher(): Promise<void> {}
