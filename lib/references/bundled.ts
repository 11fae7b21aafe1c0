// The snapshot of references built into the package at install time (references/bundled/),
// read lazily, one service document at a time, and cached.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Reference } from './types.js';
import { failure } from '../errors.js';

/** Where the snapshot lives: <package>/references/bundled, from both lib/ and dist/. */
export const BUNDLED_DIR = fileURLToPath(new URL('../../references/bundled/', import.meta.url));

let index: Record<string, string> | undefined;
const documents = new Map<string, Reference>();

function readIndex(): Record<string, string> {
  if (!index) {
    try {
      index = JSON.parse(readFileSync(join(BUNDLED_DIR, 'index.json'), 'utf8')) as Record<
        string,
        string
      >;
    } catch (cause) {
      throw failure(
        'the bundled reference snapshot is missing; run `npm run prepare` (or reinstall the package)',
        { cause },
      );
    }
  }
  return index;
}

/** Client names in the snapshot (`queue`, `queue-events`, ...). */
export function bundledNames(): string[] {
  return Object.keys(readIndex());
}

/** The bundled reference for a client name, or undefined when the snapshot lacks it. */
export function bundledReference(name: string): Reference | undefined {
  const cached = documents.get(name);
  if (cached) return cached;
  const path = readIndex()[name];
  if (!path) return undefined;
  const reference = JSON.parse(readFileSync(join(BUNDLED_DIR, path), 'utf8')) as Reference;
  documents.set(name, reference);
  return reference;
}
