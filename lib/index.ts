// The public surface: named exports are the native API; the default export is the drop-in
// namespace for code written against the official taskcluster-client.
import { namespace } from './namespace.js';
import { NAMESPACE_MEMBERS } from './namespace-members.js';
import * as objects from './objects/index.js';
import { useDocumentCache } from './references/documents.js';
import { environmentCache } from './references/cache.js';

// Node's entry point installs the on-disk reference cache; a browser entry leaves it out
// (cache.ts is the only reference module that needs node:fs).
useDocumentCache(() => environmentCache());

export * from './universal.js';
export * from './objects/index.js';
export * from './workflows/index.js';
export type { ServiceDiscoveryScheme } from './client/service-discovery.js';
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
