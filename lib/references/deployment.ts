// One JSON document of a deployment (its references manifest, a reference, a schema), fetched
// the way API calls are sent: the one retry loop, the shared dispatcher, the library's errors.
import { failure, TaskclusterConnectionError } from '../errors.js';
import { resolveOptions, type ClientOptions } from '../options.js';
import { json } from '../transport/attempt.js';
import type { Verdict } from '../transport/classify.js';
import { withRetry } from '../transport/retry.js';

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
  | 'maxResponseBytes'
  | 'signal'
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

function settingsOf(options: DeploymentFetchOptions) {
  const {
    maxRetries,
    retries,
    delayFactor,
    randomizationFactor,
    maxDelay,
    timeout,
    dispatcher,
    random,
    maxResponseBytes,
    signal,
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
      maxResponseBytes,
      signal,
    },
    {},
  );
  return resolved;
}

/** What a conditional fetch sends back to the deployment: the validators of the copy held. */
export interface Validators {
  etag?: string | undefined;
  lastModified?: string | undefined;
}

/** A document fetched afresh (with its validators), or `notModified` when the copy held is current. */
export type DocumentAnswer =
  | { notModified: true }
  | { notModified: false; value: unknown; etag?: string; lastModified?: string };

// Fail fast: a deployment that cannot be connected to is not tried again (auto mode has the bundle).
const unlessUnreachable = (error: unknown, verdict: Verdict) =>
  verdict.retriable && !(error instanceof TaskclusterConnectionError);

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * GET a document of the deployment, conditionally when `held` has validators (If-None-Match,
 * If-Modified-Since). With `failFast`, a failed connection is not retried.
 */
export async function fetchDeploymentDocument(
  rootUrl: string,
  path: string,
  options: DeploymentFetchOptions = {},
  held: Validators = {},
  failFast = false,
): Promise<DocumentAnswer> {
  const url = checkedUrl(rootUrl, path);
  const settings = settingsOf(options);
  const label = `GET ${url}`;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (held.etag) headers['if-none-match'] = held.etag;
  if (held.lastModified) headers['if-modified-since'] = held.lastModified;
  const request = { method: 'GET', url, headers, label, idempotent: true };
  const answer = await withRetry(settings, () => json(request, settings), {
    signal: settings.signal,
    label,
    ...(failFast ? { retriable: unlessUnreachable } : {}),
  });
  if (answer.statusCode === 304 && (held.etag || held.lastModified)) return { notModified: true };
  if (answer.statusCode >= 300 || answer.value === undefined) {
    throw failure(
      `${label}: expected a JSON document, got HTTP ${String(answer.statusCode)} without one`,
      {
        statusCode: answer.statusCode,
        code: 'InvalidResponse',
        method: label,
      },
    );
  }
  const etag = header(answer.headers['etag']);
  const lastModified = header(answer.headers['last-modified']);
  return {
    notModified: false,
    value: answer.value,
    ...(etag ? { etag } : {}),
    ...(lastModified ? { lastModified } : {}),
  };
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
  const answer = await fetchDeploymentDocument(rootUrl, path, options);
  return answer.notModified ? undefined : answer.value;
}
