// The public surface in browsers (package.json `exports` condition `browser`): everything of
// ./index.ts that runs without Node. Left out, Node-only: object and artifact transfers (files,
// streams, undici; uploadArtifact too), the on-disk reference cache, the CLI and
// taskcluster-dynamic/testing.
import { createClient, clientOptions } from './client/create-client.js';
import { optionsFromEnvironment, DEFAULTS } from './options.js';
import {
  TaskclusterFailure,
  TaskclusterRestFailure,
  TaskclusterAuthFailure,
  TaskclusterConnectionError,
} from './errors.js';
import { namespace, fromEnvVars, clientClass } from './namespace.js';
import { NAMESPACE_MEMBERS } from './namespace-members.js';
import { slugId, stableSlugId } from './utils/slug-id.js';
import { fromNow, fromNowJSON, parseTimeOffset } from './utils/from-now.js';
import { scopeMatch, scopesMatch } from './auth/scopes.js';
import { createTemporaryCredentials } from './auth/temporary-credentials.js';
import { credentialInformation } from './auth/credential-information.js';
import { TaskclusterConfig } from './helpers/taskcluster-config.js';
import { loadSecrets } from './helpers/load-secrets.js';
import { setServiceDiscoveryScheme } from './client/service-discovery.js';

export { createClient, clientOptions, optionsFromEnvironment, DEFAULTS, fromEnvVars, clientClass };
export {
  TaskclusterFailure,
  TaskclusterRestFailure,
  TaskclusterAuthFailure,
  TaskclusterConnectionError,
};
export {
  slugId,
  stableSlugId,
  fromNow,
  fromNowJSON,
  parseTimeOffset,
  scopeMatch,
  scopesMatch,
  createTemporaryCredentials,
};
export { credentialInformation, TaskclusterConfig, loadSecrets, setServiceDiscoveryScheme };
export {
  FAILURE_CODES,
  isFailureCode,
  type FailureCode,
  type ForeignCode,
  type TaskclusterFailureCode,
  type FailureDetails,
} from './errors.js';
export { fetchDeploymentJson, type DeploymentFetchOptions } from './references/deployment.js';
export { waitForTask } from './workflows/wait-for-task.js';
export { waitForTaskGroup, countTaskGroup } from './workflows/wait-for-task-group.js';
export { followLog } from './workflows/follow-log.js';
export type * from './index.js';

const tc = namespace({ ...NAMESPACE_MEMBERS });

export default tc;
