// One JSON document of a deployment (its references manifest, a reference, a schema), fetched
// the way API calls are sent: the one retry loop, the shared dispatcher, the library's errors.
import { failure } from '../errors.js';
import { resolveOptions, type ClientOptions } from '../options.js';
import { defaultDispatcher } from '../transport/dispatcher.js';
import { withRetry } from '../transport/retry.js';
import { send } from '../transport/send.js';

/** The client options that govern a deployment fetch. */
export type DeploymentFetchOptions = Pick<
  ClientOptions,
  | 'maxRetries'
  | 'retries'
  | 'delayFactor'
  | 'randomizationFactor'
  | 'maxDelay'
  | 'timeout'
  | 'dispatcher'
  | 'random'
>;

const FN = 'fetchDeploymentJson';

function checkedUrl(rootUrl: unknown, path: unknown): string {
  if (typeof rootUrl !== 'string' || !/^https?:\/\/[^/]/i.test(rootUrl)) {
    throw failure(`${FN}: rootUrl must be an http(s) URL, got ${JSON.stringify(rootUrl)}`);
  }
  if (typeof path !== 'string' || !/^\/[^/]/.test(path)) {
    throw failure(
      `${FN}: path must start with a single /, such as /references/manifest.json, got ${JSON.stringify(path)}`,
    );
  }
  return `${rootUrl.replace(/\/+$/, '')}${path}`;
}

/**
 * GET the JSON document at `path` below the deployment's `rootUrl` and resolve with it parsed.
 * Connection failures, 5xx and 429 are retried like API calls; other statuses reject with a
 * TaskclusterRestFailure (TaskclusterAuthFailure for 401/403) carrying the response body.
 *
 * @example const manifest = await fetchDeploymentJson(rootUrl, '/references/manifest.json')
 */
export async function fetchDeploymentJson(
  rootUrl: string,
  path: string,
  options: DeploymentFetchOptions = {},
): Promise<unknown> {
  const url = checkedUrl(rootUrl, path);
  const {
    maxRetries,
    retries,
    delayFactor,
    randomizationFactor,
    maxDelay,
    timeout,
    dispatcher,
    random,
  } = options;
  // Only the retry and transport options are taken, and no environment: a fetch needs no credentials.
  const resolved = resolveOptions(
    {
      maxRetries,
      retries,
      delayFactor,
      randomizationFactor,
      maxDelay,
      timeout,
      dispatcher,
      random,
    },
    {},
  );
  const settings = { ...resolved, dispatcher: resolved.dispatcher ?? defaultDispatcher() };
  const label = `GET ${url}`;
  const { statusCode, value } = await withRetry(settings, () =>
    send({ method: 'GET', url, headers: { accept: 'application/json' }, label }, settings),
  );
  if (statusCode >= 300 || value === undefined) {
    throw failure(`${label}: expected a JSON document, got HTTP ${statusCode} without one`, {
      statusCode,
      code: 'InvalidResponse',
      method: label,
    });
  }
  return value;
}
