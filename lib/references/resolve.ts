// Which reference document serves a client name, for each `references` source: synchronously
// where it is at hand (bundled, a folder, an object), else from the deployment.
import type { ReferencesSource, ResolvedOptions } from '../options.js';
import { missingRootUrl } from '../options.js';
import type { Reference } from './types.js';
import { bundledNames, bundledReference } from './bundled.js';
import { directoryReferences, indexReferences } from './directory.js';
import { remoteReferences } from './remote.js';

export interface SyncResolution {
  reference: Reference | undefined;
  /** True when the deployment must not be consulted for what this source lacks. */
  definitive: boolean;
}

function objectReferences(source: object): Map<string, Reference> {
  if (Array.isArray(source)) return indexReferences(source);
  if ('entries' in source) return indexReferences([source]);
  return indexReferences(Object.values(source));
}

/** The reference available without network for `name`, and whether that answer is final. */
export function syncReference(name: string, source: ReferencesSource): SyncResolution {
  if (source === 'bundled') return { reference: bundledReference(name), definitive: true };
  if (source === 'auto') return { reference: bundledReference(name), definitive: false };
  if (source === 'remote') return { reference: undefined, definitive: false };
  if (typeof source === 'string')
    return { reference: directoryReferences(source).get(name), definitive: true };
  return { reference: objectReferences(source).get(name), definitive: true };
}

/** Client names that this source knows without network (for suggestions). */
export function localNames(source: ReferencesSource): string[] {
  if (source === 'bundled' || source === 'auto') return bundledNames();
  if (source === 'remote') return [];
  if (typeof source === 'string') return [...directoryReferences(source).keys()];
  return [...objectReferences(source).keys()];
}

/** Every reference the deployment of `options.rootUrl` serves. */
export function deploymentReferences(
  options: ResolvedOptions,
  what: string,
): Promise<Map<string, Reference>> {
  if (!options.rootUrl) return Promise.reject(missingRootUrl(what));
  return remoteReferences(options.rootUrl, options);
}
