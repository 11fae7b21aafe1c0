// A deployment's own references: <rootUrl>/references/manifest.json, then every listed
// document, fetched at most once per process and rootUrl (concurrent callers share one fetch).
import type { Reference } from './types.js';
import { indexReferences, manifestEntryPath } from './directory.js';
import { fetchDeploymentJson, type DeploymentFetchOptions } from './deployment.js';
import { failure } from '../errors.js';

const fetches = new Map<string, Promise<Map<string, Reference>>>();

export type FetchSettings = DeploymentFetchOptions;

async function fetchAll(rootUrl: string, settings: FetchSettings): Promise<Map<string, Reference>> {
  const manifest = (await fetchDeploymentJson(rootUrl, '/references/manifest.json', settings)) as {
    references?: string[];
  };
  if (!Array.isArray(manifest?.references))
    throw failure(`${rootUrl}/references/manifest.json has no references list`);
  const paths = manifest.references
    .filter((entry) => !/\/(logs|metrics)\.json$/.test(entry))
    .map((entry) => `/references/${manifestEntryPath(entry)}`);
  return indexReferences(
    await Promise.all(paths.map((path) => fetchDeploymentJson(rootUrl, path, settings))),
  );
}

/** Every API and exchanges reference of a deployment, keyed by client name. */
export function remoteReferences(
  rootUrl: string,
  settings: FetchSettings,
): Promise<Map<string, Reference>> {
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
