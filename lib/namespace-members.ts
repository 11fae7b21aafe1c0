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
  createClient,
  clientOptions,
  optionsFromEnvironment,
  DEFAULTS,
  TaskclusterFailure,
  TaskclusterRestFailure,
  TaskclusterAuthFailure,
  TaskclusterConnectionError,
  slugId,
  slugid: slugId,
  stableSlugId,
  fromNow,
  fromNowJSON,
  scopeMatch,
  scopesMatch,
  createTemporaryCredentials,
  credentialInformation,
  TaskclusterConfig,
  loadSecrets,
  // The rest of the official client's index: service discovery, config(), agents, makeRequest.
  setServiceDiscoveryScheme,
  config,
  agents,
  makeRequest,
};
