// A deployment's reference documents, one client name at a time: the document at its usual
// path (<service>/v1/api.json or exchanges.json) first, the manifest only when that path has
// none; each read through the on-disk cache when one is installed (Node), revalidated with
// ETag / Last-Modified once stale; found once per process and rootUrl (callers share a fetch).
import type { Reference } from './types.js';
import { manifestEntryPath } from './directory.js';
import { referenceClientName } from './names.js';
import {
  fetchDeploymentDocument,
  type DeploymentFetchOptions,
  type Validators,
} from './deployment.js';
import { failure, TaskclusterRestFailure } from '../errors.js';

/** A document as a cache holds it. */
export interface CachedDocument extends Validators {
  document: unknown;
  /** Young enough to be used without asking the deployment. */
  fresh: boolean;
}

/** Where fetched documents are kept between processes (lib/references/cache.ts on Node). */
export interface DocumentCache {
  read(rootUrl: string, path: string, now?: number): CachedDocument | undefined;
  write(rootUrl: string, path: string, entry: Omit<CachedDocument, 'fresh'>): void;
  /** Mark a document revalidated (the deployment answered 304). */
  touch(rootUrl: string, path: string): void;
}

let cacheOf: (() => DocumentCache | undefined) | undefined;

/** Install the cache (its factory is asked on every lookup, so the environment of that moment counts). */
export function useDocumentCache(factory: (() => DocumentCache | undefined) | undefined): void {
  cacheOf = factory;
}

/** What the deployment says about a client name: its reference, or the names it serves instead. */
export type Found =
  | { readonly reference: Reference; readonly fromCache: boolean }
  | { readonly absent: readonly string[]; readonly fromCache: boolean };

export interface Lookup {
  readonly rootUrl: string;
  readonly name: string;
  readonly settings: DeploymentFetchOptions;
  /** False with the `referencesCache: false` option. */
  readonly cache: boolean;
  /** Do not retry a failed connection (auto mode: the bundle serves instead). */
  readonly failFast: boolean;
}

export const MANIFEST = '/references/manifest.json';
const settled = new Map<string, Found>();
const pending = new Map<string, Promise<Found>>();
const diskChecked = new Set<string>();
const keyOf = (rootUrl: string, name: string) => `${rootUrl}\n${name}`;

/** `/references/queue/v1/api.json` for `queue`, `.../exchanges.json` for `queue-events`. */
export function usualPath(name: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) return undefined;
  const events = /^(.+)-events$/.exec(name)?.[1];
  return events !== undefined
    ? `/references/${events}/v1/exchanges.json`
    : `/references/${name}/v1/api.json`;
}

/** The client name a document path serves (`queue/v1/exchanges.json` → `queue-events`). */
function nameOfPath(path: string): string | undefined {
  const match = /(?:^|\/)([^/]+)\/[^/]+\/(api|exchanges)\.json$/.exec(path);
  if (!match?.[1]) return undefined;
  return match[2] === 'exchanges' ? `${match[1]}-events` : match[1];
}

function isReferenceFor(doc: unknown, name: string): doc is Reference {
  const ref = doc as Reference | undefined;
  return (
    typeof ref?.serviceName === 'string' &&
    Array.isArray(ref.entries) &&
    referenceClientName(ref) === name
  );
}

interface Trip {
  lookup: Lookup;
  revalidate: boolean;
  /** Whether the deployment was asked (a fresh cache answers without it). */
  asked: boolean;
}

/** One document: fresh from the cache, revalidated, or fetched; undefined for a 404 (or a failure, with `strict`). */
async function documentAt(trip: Trip, path: string, strict = false): Promise<unknown> {
  const { rootUrl, settings, failFast } = trip.lookup;
  const store = trip.lookup.cache ? cacheOf?.() : undefined;
  const held = store?.read(rootUrl, path);
  if (held?.fresh && !trip.revalidate) return held.document;
  trip.asked = true;
  const validators = { etag: held?.etag, lastModified: held?.lastModified };
  try {
    const answer = await fetchDeploymentDocument(rootUrl, path, settings, validators, failFast);
    if (answer.notModified) {
      store?.touch(rootUrl, path);
      return held?.document;
    }
    const { value: document, etag, lastModified } = answer;
    store?.write(rootUrl, path, { document, etag, lastModified });
    return document;
  } catch (error) {
    if (!strict && error instanceof TaskclusterRestFailure && error.statusCode === 404)
      return undefined;
    throw error;
  }
}

/**
 * The document at `path` below `rootUrl` (the manifest, or a document it lists) through the
 * on-disk cache, as the client's own lookups read it: fresh, revalidated once stale, or fetched.
 * For what reads every document (`tcdyn services --remote`); a 404 rejects.
 */
export function cachedDeploymentDocument(
  rootUrl: string,
  path: string,
  settings: DeploymentFetchOptions = {},
): Promise<unknown> {
  const lookup = { rootUrl, name: '', settings, cache: true, failFast: false };
  return documentAt({ lookup, revalidate: false, asked: false }, path, true);
}

function manifestPaths(manifest: unknown, rootUrl: string): string[] {
  const entries = (manifest as { references?: unknown } | undefined)?.references;
  if (!Array.isArray(entries)) throw failure(`${rootUrl}${MANIFEST} has no references list`);
  return entries.map((entry) => `/references/${manifestEntryPath(String(entry))}`);
}

async function locate(trip: Trip): Promise<Found> {
  const { name, rootUrl } = trip.lookup;
  const usual = usualPath(name);
  const doc = usual ? await documentAt(trip, usual) : undefined;
  if (isReferenceFor(doc, name)) return { reference: doc, fromCache: !trip.asked };
  // Not where it usually is: the manifest says where it is, or which names the deployment has.
  const paths = manifestPaths(await documentAt(trip, MANIFEST), rootUrl);
  const elsewhere = paths.find((path) => path !== usual && nameOfPath(path) === name);
  const other = elsewhere ? await documentAt(trip, elsewhere) : undefined;
  if (isReferenceFor(other, name)) return { reference: other, fromCache: !trip.asked };
  const names = paths.map(nameOfPath).filter((n): n is string => n !== undefined);
  return { absent: [...new Set(names)], fromCache: !trip.asked };
}

/** What this process has already found for `lookup.name` (no I/O at all). */
export function settledDocument(lookup: Lookup): Found | undefined {
  return settled.get(keyOf(lookup.rootUrl, lookup.name));
}

/** What is known without a request: found earlier in this process, or fresh in the cache. */
export function knownDocument(lookup: Lookup): Found | undefined {
  const key = keyOf(lookup.rootUrl, lookup.name);
  const found = settled.get(key);
  // The disk is read once per process and name: clients made by the thousand must not each read it.
  if (found || !lookup.cache || diskChecked.has(key)) return found;
  diskChecked.add(key);
  const usual = usualPath(lookup.name);
  const held = usual ? cacheOf?.()?.read(lookup.rootUrl, usual) : undefined;
  if (!held?.fresh || !isReferenceFor(held.document, lookup.name)) return undefined;
  const fromCache: Found = { reference: held.document, fromCache: true };
  settled.set(key, fromCache);
  return fromCache;
}

/**
 * Find the deployment's document for `lookup.name`. With `revalidate`, even a fresh cached copy
 * is checked with the deployment (a name missing from it may have been added since).
 */
export function findDocument(lookup: Lookup, revalidate = false): Promise<Found> {
  const key = keyOf(lookup.rootUrl, lookup.name);
  const known = settled.get(key);
  if (known && !(revalidate && known.fromCache)) return Promise.resolve(known);
  let promise = pending.get(key);
  if (!promise) {
    promise = locate({ lookup, revalidate, asked: false }).then((found) => {
      settled.set(key, found);
      return found;
    });
    pending.set(key, promise);
    const forget = () => pending.delete(key);
    // A failed lookup is forgotten so that a later call can try again.
    promise.then(forget, forget);
  }
  return promise;
}

/** Forget every document found in this process (tests). */
export function resetDeploymentDocuments(): void {
  settled.clear();
  diskChecked.clear();
  pending.clear();
}
