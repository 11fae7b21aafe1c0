// The members the drop-in namespace shares between the Node and browser entries: everything of
// the official client's index that runs in both (the Node entry adds object transfers).
import { createClient, clientOptions } from './client/create-client.js';
import { optionsFromEnvironment, DEFAULTS } from './options.js';
import {
  TaskclusterFailure,
  TaskclusterRestFailure,
  TaskclusterAuthFailure,
  TaskclusterConnectionError,
} from './errors.js';
import { slugId, stableSlugId } from './utils/slug-id.js';
import { fromNow, fromNowJSON } from './utils/from-now.js';
import { scopeMatch, scopesMatch } from './auth/scopes.js';
import { createTemporaryCredentials } from './auth/temporary-credentials.js';
import { credentialInformation } from './auth/credential-information.js';
import { TaskclusterConfig } from './helpers/taskcluster-config.js';
import { loadSecrets } from './helpers/load-secrets.js';
import { setServiceDiscoveryScheme } from './client/service-discovery.js';
import { config, agents } from './compat/official.js';
import { makeRequest } from './compat/make-request.js';

/** The namespace members both entries share. */
export const NAMESPACE_MEMBERS = {
  /** {@inheritDoc createClient} */
  createClient,
  /** {@inheritDoc clientOptions} */
  clientOptions,
  /** {@inheritDoc optionsFromEnvironment} */
  optionsFromEnvironment,
  DEFAULTS,
  TaskclusterFailure,
  TaskclusterRestFailure,
  TaskclusterAuthFailure,
  TaskclusterConnectionError,
  /** {@inheritDoc slugId} */
  slugId,
  /** {@inheritDoc slugId} */
  slugid: slugId,
  /** {@inheritDoc stableSlugId} */
  stableSlugId,
  /** {@inheritDoc fromNow} */
  fromNow,
  /** {@inheritDoc fromNowJSON} */
  fromNowJSON,
  /** {@inheritDoc scopeMatch} */
  scopeMatch,
  scopesMatch,
  /** {@inheritDoc createTemporaryCredentials} */
  createTemporaryCredentials,
  /** {@inheritDoc credentialInformation} */
  credentialInformation,
  TaskclusterConfig,
  /** {@inheritDoc loadSecrets} */
  loadSecrets,
  // The rest of the official client's index: service discovery, config(), agents, makeRequest.
  /** {@inheritDoc setServiceDiscoveryScheme} */
  setServiceDiscoveryScheme,
  /** The official client's config(): defaults for every client made through the default export from now on. */
  config,
  agents,
  /** Send one request as `client` would (signed, traced, within its timeout); an error status rejects. */
  makeRequest,
};
