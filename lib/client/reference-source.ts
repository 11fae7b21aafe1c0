// Where a client's reference comes from, as one discriminated state: a local source (the
// bundle, a folder, reference objects), `auto` (the bundle, with or without the deployment's
// reference), or `remote` (the deployment's reference once known). A pure verdict says what
// serves a method name; one async step asks the deployment.
import type { ReferencesSource, ResolvedOptions } from '../options.js';
import { missingRootUrl } from '../options.js';
import type { Reference } from '../references/types.js';
import { bundledNames, bundledReference } from '../references/bundled.js';
import { directoryReferences, indexReferences } from '../references/directory.js';
import {
  findDocument,
  knownDocument,
  settledDocument,
  type Found,
  type Lookup,
} from '../references/documents.js';
import { compileReference, type CompiledReference } from './descriptors.js';

/** The deployment's answer for this client: its reference, or the names it serves instead. */
export type Deployment =
  | { readonly reference: CompiledReference; readonly fromCache: boolean }
  | { readonly absent: readonly string[]; readonly fromCache: boolean };

export type ReferenceSource =
  | {
      readonly kind: 'bundled' | 'folder' | 'object';
      readonly local: CompiledReference | undefined;
    }
  | {
      readonly kind: 'auto';
      readonly local: CompiledReference | undefined;
      /** Undefined without a rootUrl: then the bundle is all there is. */
      readonly lookup: Lookup | undefined;
      readonly deployment: Deployment | undefined;
    }
  | {
      readonly kind: 'remote';
      readonly lookup: Lookup | undefined;
      readonly deployment: Deployment | undefined;
    };

/** What serves a method name right now. */
export type Verdict =
  | { readonly kind: 'found'; readonly reference: CompiledReference }
  /** The deployment must be asked first (`revalidate`: even though its reference is cached). */
  | { readonly kind: 'ask'; readonly revalidate: boolean }
  /** The bundle has it, the deployment's reference does not. */
  | { readonly kind: 'not-offered' }
  | { readonly kind: 'unknown-method'; readonly known: readonly string[] }
  | { readonly kind: 'unknown-service'; readonly known: readonly string[] };

function objectReferences(source: object): Map<string, Reference> {
  if (Array.isArray(source)) return indexReferences(source);
  if ('entries' in source) return indexReferences([source]);
  return indexReferences(Object.values(source));
}

function localReference(name: string, source: ReferencesSource): Reference | undefined {
  if (source === 'bundled' || source === 'auto') return bundledReference(name);
  if (typeof source === 'string') return directoryReferences(source).get(name);
  return objectReferences(source).get(name);
}

/** Client names a source knows without network (for suggestions). */
export function localNames(source: ReferencesSource): string[] {
  if (source === 'bundled' || source === 'auto') return bundledNames();
  if (source === 'remote') return [];
  if (typeof source === 'string') return [...directoryReferences(source).keys()];
  return [...objectReferences(source).keys()];
}

type LocalSource = Extract<ReferenceSource, { kind: 'bundled' | 'folder' | 'object' }>;

/** Whether the source never consults the deployment. */
export const isLocal = (source: ReferenceSource): source is LocalSource =>
  source.kind === 'bundled' || source.kind === 'folder' || source.kind === 'object';

const compiled = (reference: Reference | undefined) =>
  reference ? compileReference(reference) : undefined;

function deploymentOf(found: Found | undefined): Deployment | undefined {
  if (!found) return undefined;
  if ('absent' in found) return found;
  return { reference: compileReference(found.reference), fromCache: found.fromCache };
}

function lookupOf(name: string, options: ResolvedOptions, failFast: boolean): Lookup | undefined {
  if (!options.rootUrl) return undefined;
  const cache = options.referencesCache;
  return { rootUrl: options.rootUrl, name, settings: options, cache, failFast };
}

/** The state a new client starts in: no network; a deployment reference found earlier or fresh in the cache counts. */
export function initialSource(name: string, options: ResolvedOptions): ReferenceSource {
  const { references } = options;
  if (references === 'auto' || references === 'remote') {
    const lookup = lookupOf(name, options, references === 'auto');
    const deployment = deploymentOf(lookup && knownDocument(lookup));
    if (references === 'remote') return { kind: 'remote', lookup, deployment };
    return { kind: 'auto', local: compiled(bundledReference(name)), lookup, deployment };
  }
  const kind =
    references === 'bundled' ? 'bundled' : typeof references === 'string' ? 'folder' : 'object';
  return { kind, local: compiled(localReference(name, references)) };
}

/** The same source for a client with other options (`use()`): its deployment requests use them. */
export function withOptions(source: ReferenceSource, options: ResolvedOptions): ReferenceSource {
  if (isLocal(source) || !source.lookup) return source;
  const lookup = lookupOf(source.lookup.name, options, source.kind === 'auto');
  return { ...source, lookup };
}

/** The same source, with what another client of this process has learnt from the deployment since. */
export function refreshed(source: ReferenceSource): ReferenceSource {
  if (isLocal(source)) return source;
  if (source.deployment || !source.lookup) return source;
  const deployment = deploymentOf(settledDocument(source.lookup));
  return deployment ? { ...source, deployment } : source;
}

/** The reference the client's methods come from now, if one is loaded. */
export function currentReference(source: ReferenceSource): CompiledReference | undefined {
  if (isLocal(source)) return source.local;
  if (source.deployment)
    return 'reference' in source.deployment ? source.deployment.reference : undefined;
  return source.kind === 'auto' ? source.local : undefined;
}

/** Whether the deployment still has to be asked before the reference is final (what ready() waits for). */
export function needsDeployment(source: ReferenceSource): boolean {
  if (isLocal(source)) return false;
  return !source.deployment && (source.kind === 'remote' || source.lookup !== undefined);
}

function deploymentVerdict(
  deployment: Deployment,
  bundled: CompiledReference | undefined,
  key: string,
  settled: boolean,
): Verdict {
  if ('reference' in deployment && deployment.reference.methods.has(key))
    return { kind: 'found', reference: deployment.reference };
  // A cached reference may predate the name: ask the deployment once before refusing it.
  if (deployment.fromCache && !settled) return { kind: 'ask', revalidate: true };
  if (bundled?.methods.has(key)) return { kind: 'not-offered' };
  return 'reference' in deployment
    ? { kind: 'unknown-method', known: deployment.reference.names }
    : { kind: 'unknown-service', known: deployment.absent };
}

/**
 * What serves `key`. `settled`: the deployment has just been asked (or could not be reached),
 * so the answer must be final.
 */
export function verdict(source: ReferenceSource, key: string, settled = false): Verdict {
  if (isLocal(source)) {
    if (source.local?.methods.has(key)) return { kind: 'found', reference: source.local };
    return source.local
      ? { kind: 'unknown-method', known: source.local.names }
      : { kind: 'unknown-service', known: [] };
  }
  const local = source.kind === 'auto' ? source.local : undefined;
  if (source.deployment) {
    // remote: the bundle is read only to tell a removed method from a misspelt one.
    const bundled = local ?? (source.lookup && compiled(bundledReference(source.lookup.name)));
    return deploymentVerdict(source.deployment, bundled, key, settled);
  }
  if (local?.methods.has(key)) return { kind: 'found', reference: local };
  if (source.lookup && !settled) return { kind: 'ask', revalidate: false };
  return local
    ? { kind: 'unknown-method', known: local.names }
    : { kind: 'unknown-service', known: [] };
}

/** Why there is no reference at all: the deployment lacks a bundled service, or none knows it. */
export function serviceVerdict(source: ReferenceSource): Verdict {
  if (isLocal(source) || !source.deployment || !('absent' in source.deployment))
    return { kind: 'unknown-service', known: [] };
  const bundled =
    source.kind === 'auto' ? source.local : source.lookup && bundledReference(source.lookup.name);
  return bundled
    ? { kind: 'not-offered' }
    : { kind: 'unknown-service', known: source.deployment.absent };
}

/**
 * Ask the deployment for this client's reference. In auto mode an unreachable deployment leaves
 * the source as it was (the bundle serves); in remote mode the failure is the caller's.
 */
export async function askDeployment(
  source: ReferenceSource,
  what: string,
  revalidate = false,
): Promise<ReferenceSource> {
  if (isLocal(source)) return source;
  if (!source.lookup) {
    if (source.kind === 'auto') return source;
    throw missingRootUrl(what);
  }
  try {
    return { ...source, deployment: deploymentOf(await findDocument(source.lookup, revalidate)) };
  } catch (error) {
    if (source.kind === 'auto' && source.local) return source;
    throw error;
  }
}
