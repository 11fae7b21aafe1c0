// Node-only: the documents of a references folder read from disk (node:fs). A browser build
// maps this module to ./read-folder.browser.js (package.json `browser`).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { failure } from '../errors.js';

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw failure(`cannot read reference file ${path}`, { cause });
  }
}

/** Every document the folder's manifest.json lists (or its `references/` subfolder's). */
export function readFolderDocuments(dir: string, entryPath: (entry: string) => string): unknown[] {
  const base = existsSync(join(dir, 'manifest.json')) ? dir : join(dir, 'references');
  const manifest = readJson(join(base, 'manifest.json')) as { references?: unknown } | null;
  if (!Array.isArray(manifest?.references))
    throw failure(`${join(base, 'manifest.json')} has no references list`);
  return manifest.references.map((entry) => readJson(join(base, entryPath(String(entry)))));
}
