// The snapshot of references built into the package (lib/generated/references/, written at
// `prepare`): plain modules, so any bundler includes them; each document is parsed on first use.
import type { Reference } from './types.js';
import { BUNDLED_DOCUMENTS } from '../generated/references/index.js';

const documents = new Map<string, Reference>();
const textByName = new Map(BUNDLED_DOCUMENTS.map(({ name, text }) => [name, text]));

/** Client names in the snapshot (`queue`, `queue-events`, ...). */
export function bundledNames(): string[] {
  return [...textByName.keys()];
}

/** The bundled reference for a client name, or undefined when the snapshot lacks it. */
export function bundledReference(name: string): Reference | undefined {
  const cached = documents.get(name);
  if (cached) return cached;
  const text = textByName.get(name);
  if (text === undefined) return undefined;
  const reference = JSON.parse(text) as Reference;
  documents.set(name, reference);
  return reference;
}

/** Every bundled document (a fresh copy) with its path under `<rootUrl>/references/` (`queue/v1/api.json`). */
export function bundledDocuments(): { path: string; reference: Reference }[] {
  return BUNDLED_DOCUMENTS.map(({ path, text }) => ({
    path,
    reference: JSON.parse(text) as Reference,
  }));
}
