// The public surface in browsers (package.json `exports` condition `browser`): everything of
// ./index.ts that runs without Node. Left out, Node-only: object and artifact transfers (files,
// streams, undici; uploadArtifact too), the on-disk reference cache, the CLI and
// taskcluster-dynamic/testing.
import { namespace } from './namespace.js';
import { NAMESPACE_MEMBERS } from './namespace-members.js';

export * from './universal.js';
export { waitForTask } from './workflows/wait-for-task.js';
export { waitForTaskGroup, countTaskGroup } from './workflows/wait-for-task-group.js';
export { followLog } from './workflows/follow-log.js';
export type * from './index.js';

const tc = namespace({ ...NAMESPACE_MEMBERS });

export default tc;
