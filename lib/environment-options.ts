// Client options from the TASKCLUSTER_* environment variables, read as the official clients
// read them. options.ts re-exports both functions; resolution applies them under given options.
import type { ClientOptions, Credentials } from './options.js';
import { processEnv } from './utils/environment.js';

/** The process environment, or a stand-in for it. */
export type Env = Record<string, string | undefined>;

/**
 * What the TASKCLUSTER_* variables set, as the official client's `fromEnvVars()` reads them
 * (never TASKCLUSTER_PROXY_URL): credentials with whatever parts are set.
 */
export function environmentOptions(env: Env = processEnv()): ClientOptions {
  const options: ClientOptions = {};
  if (env['TASKCLUSTER_ROOT_URL']) options.rootUrl = env['TASKCLUSTER_ROOT_URL'];
  const credentials: Credentials = {};
  if (env['TASKCLUSTER_CLIENT_ID']) credentials.clientId = env['TASKCLUSTER_CLIENT_ID'];
  if (env['TASKCLUSTER_ACCESS_TOKEN']) credentials.accessToken = env['TASKCLUSTER_ACCESS_TOKEN'];
  if (env['TASKCLUSTER_CERTIFICATE']) credentials.certificate = env['TASKCLUSTER_CERTIFICATE'];
  if (Object.keys(credentials).length > 0) options.credentials = credentials;
  return options;
}

/** A root URL without its trailing slashes. */
export const stripSlash = (url: string) => url.replace(/\/+$/, '');

/** Client options from TASKCLUSTER_* variables (never TASKCLUSTER_PROXY_URL); the root URL without a trailing slash. */
export function optionsFromEnvironment(env: Env = processEnv()): ClientOptions {
  const { credentials, ...options } = environmentOptions(env);
  if (options.rootUrl) options.rootUrl = stripSlash(options.rootUrl);
  // Only a usable pair: a clientId (or certificate) alone in the environment signs nothing.
  const usable = credentials && typeof credentials === 'object' && credentials.clientId;
  return usable && credentials.accessToken ? { ...options, credentials } : options;
}
