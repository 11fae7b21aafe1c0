// The named exports that run anywhere JavaScript runs, shared by the Node entry (index.ts) and
// the browser entry (browser.ts), so the two cannot drift apart. Each entry adds its own.
export { createClient, clientOptions } from './client/create-client.js';
export { optionsFromEnvironment, DEFAULTS } from './options.js';
export {
  TaskclusterFailure,
  TaskclusterRestFailure,
  TaskclusterAuthFailure,
  TaskclusterConnectionError,
  FAILURE_CODES,
  isFailureCode,
  type FailureCode,
  type ForeignCode,
  type TaskclusterFailureCode,
  type FailureDetails,
} from './errors.js';
export { fromEnvVars, clientClass } from './namespace.js';
export { slugId, stableSlugId } from './utils/slug-id.js';
export { fromNow, fromNowJSON, parseTimeOffset } from './utils/from-now.js';
export { scopeMatch, scopesMatch } from './auth/scopes.js';
export { createTemporaryCredentials } from './auth/temporary-credentials.js';
export { credentialInformation } from './auth/credential-information.js';
export { TaskclusterConfig } from './helpers/taskcluster-config.js';
export { loadSecrets } from './helpers/load-secrets.js';
export { setServiceDiscoveryScheme } from './client/service-discovery.js';
export { fetchDeploymentJson, type DeploymentFetchOptions } from './references/deployment.js';
