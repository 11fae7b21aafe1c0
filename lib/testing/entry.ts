// Node-only. taskcluster-dynamic/testing as the package exports it: the sandbox (./index.ts),
// loaded once its optional peer dependencies are known to be there, so that a missing one
// fails with one line naming the install command instead of a resolution error.
import { assertPeers } from './peers.js';

await assertPeers('taskcluster-dynamic/testing');
const sandbox = await import('./index.js');

/** Start a sandbox deployment on 127.0.0.1 (see README, "The sandbox"). */
export const startSandbox = sandbox.startSandbox;
/** The sandbox's services as msw request handlers for a rootUrl (see README, "Testing code that uses the client"). */
export const sandboxHandlers = sandbox.sandboxHandlers;
const msw = await import('./msw-dispatcher.js');
/** An undici dispatcher answered by msw request handlers. */
export const mswDispatcher = msw.mswDispatcher;
export type { MswDispatcherOptions, UnhandledRequestPolicy } from './msw-dispatcher.js';
export type * from './index.js';
