// The service lists the CLI shows and preloads: from the bundled snapshot, a references folder
// (`tcdyn refs pull` output) or a deployment's manifest (read through the references cache).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Reference } from '../index.js';
import { bundledDocuments } from '../references/bundled.js';
import { cachedDeploymentDocument } from '../references/documents.js';
import { cliFailure, usageError } from './output.js';

/** A service as listed by `tcdyn services`. */
export interface ServiceListing {
  name: string;
  kind: 'api' | 'exchanges';
  title: string;
  reference: Reference;
}

/** Path of a manifest entry below the references folder (`<rootUrl>/references/queue/v1/api.json` → `queue/v1/api.json`). */
export function entryPath(entry: string): string {
  const match = /(?:^|\/)references\/(.+)$/.exec(entry);
  return match?.[1] ?? entry.replace(/^\/+/, '');
}

const isReference = (doc: unknown): doc is Reference =>
  Boolean(
    doc &&
      typeof doc === 'object' &&
      'serviceName' in doc &&
      Array.isArray((doc as Reference).entries),
  ) && isReferenceSchema((doc as { $schema?: unknown }).$schema);

/** A reference's $schema, when it has one, names the api or exchanges reference schema. */
const isReferenceSchema = (schema: unknown): boolean =>
  schema === undefined ||
  schema === null ||
  (typeof schema === 'string' && /(api|exchanges)-reference|^$/.test(schema));

function listing(reference: Reference): ServiceListing {
  const exchanges = 'exchangePrefix' in reference;
  return {
    name: exchanges ? `${reference.serviceName}-events` : reference.serviceName,
    kind: exchanges ? 'exchanges' : 'api',
    title: reference.title ?? '',
    reference,
  };
}

/** The entries of a references manifest, or undefined when it lists none. */
export function manifestEntries(manifest: unknown): string[] | undefined {
  const entries = (manifest as { references?: unknown } | null | undefined)?.references;
  return Array.isArray(entries) ? entries.map(String) : undefined;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw usageError(`cannot read ${path}: ${(cause as Error).message}`, cause);
  }
}

/** The services of a references folder (or its `references/` subfolder). */
export function folderServices(dir: string): ServiceListing[] {
  const base = existsSync(join(dir, 'manifest.json')) ? dir : join(dir, 'references');
  const manifestPath = join(base, 'manifest.json');
  if (!existsSync(manifestPath))
    throw usageError(`${dir} is not a references folder: no manifest.json`);
  const entries = manifestEntries(readJson(manifestPath));
  if (!entries) throw usageError(`${manifestPath} has no references list`);
  const docs = entries.map((entry) => readJson(join(base, entryPath(entry))));
  return sortByName(docs.filter(isReference).map(listing));
}

/** Where a deployment lists its references, below its root URL. */
export const MANIFEST = '/references/manifest.json';

/**
 * The services a deployment serves, from its manifest; every document is read through the
 * on-disk references cache, so a second listing within its freshness asks nothing.
 */
export async function deploymentServices(rootUrl: string): Promise<ServiceListing[]> {
  const entries = manifestEntries(await cachedDeploymentDocument(rootUrl, MANIFEST));
  if (!entries) throw cliFailure(`${rootUrl}${MANIFEST} has no references list`, 'InvalidManifest');
  const paths = entries
    .filter((entry) => /\/(api|exchanges)\.json$/.test(entry))
    .map((entry) => `/references/${entryPath(entry)}`);
  const docs = await Promise.all(paths.map((path) => cachedDeploymentDocument(rootUrl, path)));
  return sortByName(docs.filter(isReference).map(listing));
}

const sortByName = (list: ServiceListing[]) => list.sort((a, b) => a.name.localeCompare(b.name));

/** The services of a `references` option value: bundled/auto → the snapshot, remote → the deployment, else a folder. */
export async function servicesOf(
  source: string | undefined,
  rootUrl: string | undefined,
): Promise<ServiceListing[]> {
  if (source === undefined || source === 'bundled' || source === 'auto')
    return sortByName(bundledDocuments().map(({ reference }) => listing(reference)));
  if (source === 'remote') {
    if (!rootUrl)
      throw usageError(
        'remote references need a root URL: pass --root-url URL or set TASKCLUSTER_ROOT_URL',
      );
    return deploymentServices(rootUrl);
  }
  return folderServices(source);
}

/** `purge-cache` → `purgeCache`, `queue-events` → `queueEvents`. */
export const camelName = (name: string) =>
  name.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
