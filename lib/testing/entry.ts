// Node-only. taskcluster-dynamic/testing as the package exports it: the sandbox (./index.ts),
// loaded once its optional peer dependencies are known to be there, so that a missing one
// fails with one line naming the install command instead of a resolution error.
import { assertPeers } from './peers.js';

await assertPeers('taskcluster-dynamic/testing');
const sandbox = await import('./index.js');

/** Start a sandbox deployment on 127.0.0.1 (see README, "The sandbox"). */
export const startSandbox = sandbox.startSandbox;
export type * from './index.js';
