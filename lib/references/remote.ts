// A deployment's own references: <rootUrl>/references/manifest.json, then every listed
// document, fetched at most once per process and rootUrl (concurrent callers share one fetch).
import type { Reference } from './types.js';
import { indexReferences, manifestEntryPath } from './directory.js';
import { send, type SendSettings } from '../transport/send.js';
import { withRetry, type RetryPolicy } from '../transport/retry.js';
import { failure } from '../errors.js';

const fetches = new Map<string, Promise<Map<string, Reference>>>();

export type FetchSettings = SendSettings & RetryPolicy;

async function getJson(url: string, settings: FetchSettings): Promise<unknown> {
  const { value } = await withRetry(settings, () =>
    send({ method: 'GET', url, headers: { accept: 'application/json' }, label: `GET ${url}` }, settings));
  return value;
}

async function fetchAll(rootUrl: string, settings: FetchSettings): Promise<Map<string, Reference>> {
  const manifest = await getJson(`${rootUrl}/references/manifest.json`, settings) as { references?: string[] };
  if (!Array.isArray(manifest?.references)) throw failure(`${rootUrl}/references/manifest.json has no references list`);
  const urls = manifest.references
    .filter((entry) => !/\/(logs|metrics)\.json$/.test(entry))
    .map((entry) => `${rootUrl}/references/${manifestEntryPath(entry)}`);
  return indexReferences(await Promise.all(urls.map((url) => getJson(url, settings))));
}

/** Every API and exchanges reference of a deployment, keyed by client name. */
export function remoteReferences(rootUrl: string, settings: FetchSettings): Promise<Map<string, Reference>> {
  let pending = fetches.get(rootUrl);
  if (!pending) {
    pending = fetchAll(rootUrl, settings);
    fetches.set(rootUrl, pending);
    // A failed fetch is forgotten so that a later call can try again.
    pending.catch(() => fetches.delete(rootUrl));
  }
  return pending;
}

/** Forget every fetched deployment (tests). */
export function resetRemoteReferences(): void {
  fetches.clear();
}
