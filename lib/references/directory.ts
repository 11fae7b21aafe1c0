// References from a folder laid out like <rootUrl>/references/ (manifest.json + documents),
// as `tcdyn refs pull` writes it, or from reference objects given directly.
import type { Reference } from './types.js';
import { failure } from '../errors.js';
import { referenceClientName } from './names.js';
import { readFolderDocuments } from './read-folder.js';
import { asText } from '../utils/as-text.js';

const directories = new Map<string, Map<string, Reference>>();

/** Path of a manifest entry relative to the references folder (`<rootUrl>/references/queue/v1/api.json` → `queue/v1/api.json`). */
export function manifestEntryPath(entry: string): string {
  const match = /(?:^|\/)references\/(.+)$/.exec(entry);
  const path = match?.[1] ?? entry.replace(/^\/+/, '');
  // A manifest names files inside its folder: a `..` step (or a drive, or a NUL) would read outside it.
  if (path.split(/[/\\]/).includes('..') || /^[A-Za-z]:|\0/.test(path)) {
    throw failure(
      `the references manifest names ${JSON.stringify(entry)}, which leaves the references folder`,
      { code: 'InvalidReference' },
    );
  }
  return path;
}

/** Keep only API and exchanges references, keyed by client name. */
export function indexReferences(documents: Iterable<unknown>): Map<string, Reference> {
  const byName = new Map<string, Reference>();
  for (const doc of documents) {
    const shape = doc as { $schema?: unknown; serviceName?: unknown; entries?: unknown } | null;
    const schema = asText(shape?.$schema ?? '');
    if (!shape?.serviceName || !Array.isArray(shape.entries)) continue;
    if (schema && !/(api|exchanges)-reference/.test(schema)) continue;
    const reference = doc as Reference;
    byName.set(referenceClientName(reference), reference);
  }
  return byName;
}

/** All references of a folder, read once per process and cached. A `references/` subfolder is accepted too. */
export function directoryReferences(dir: string): Map<string, Reference> {
  const cached = directories.get(dir);
  if (cached) return cached;
  const refs = indexReferences(readFolderDocuments(dir, manifestEntryPath));
  directories.set(dir, refs);
  return refs;
}

/** Forget cached folders (tests). */
export function resetDirectoryCache(): void {
  directories.clear();
}
