// The public surface: named exports are the native API; the default export is the drop-in
// namespace for code written against the official taskcluster-client.
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
import * as objects from './objects/index.js';
import { credentialInformation } from './auth/credential-information.js';
import { TaskclusterConfig } from './helpers/taskcluster-config.js';
import { loadSecrets } from './helpers/load-secrets.js';
import { setServiceDiscoveryScheme } from './client/service-discovery.js';
import { useDocumentCache } from './references/documents.js';
import { environmentCache } from './references/cache.js';

// Node's entry point installs the on-disk reference cache; a browser entry leaves it out
// (cache.ts is the only reference module that needs node:fs).
useDocumentCache(() => environmentCache());

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
export * from './objects/index.js';
export * from './workflows/index.js';
export { credentialInformation, TaskclusterConfig, loadSecrets, setServiceDiscoveryScheme };
export {
  FAILURE_CODES,
  isFailureCode,
  type FailureCode,
  type ForeignCode,
  type TaskclusterFailureCode,
  type FailureDetails,
} from './errors.js';
export type { ServiceDiscoveryScheme } from './client/service-discovery.js';
export { fetchDeploymentJson, type DeploymentFetchOptions } from './references/deployment.js';
export { cacheDirectory, CACHE_MAX_AGE_MS, NO_CACHE_VARIABLE } from './references/cache.js';
export type {
  MethodDescription,
  FunctionDescription,
  ExchangeDescription,
} from './client/describe.js';
export type {
  CredentialInformation,
  CredentialInformationOptions,
} from './auth/credential-information.js';
export type { TaskclusterAuthOptions, CredentialsSource } from './helpers/taskcluster-config.js';
export type { LoadSecretsOptions, SecretsService, SecretValues } from './helpers/load-secrets.js';
export type { Client } from './client/create-client.js';
export type { ClientOptions, Credentials, ResolvedOptions, ReferencesSource } from './options.js';
export type {
  Reference,
  ApiReference,
  ExchangesReference,
  FunctionEntry,
  ExchangeEntry,
} from './references/types.js';
export type { ExchangeBinding } from './exchanges/routing-key.js';
export type * from './types/index.js';
export type {
  TemporaryCredentials,
  TemporaryCredentialsOptions,
} from './auth/temporary-credentials.js';

/** The drop-in namespace for code written against the official taskcluster-client: its classes and helpers. */
const tc = namespace({ ...NAMESPACE_MEMBERS, ...objects });

export default tc;
