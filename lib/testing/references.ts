// What the sandbox serves under /references and /schemas: the bundled snapshot, a folder laid
// out like <rootUrl>/references (with a sibling schemas/), or documents given directly;
// the manifest's URLs point at the sandbox's own rootUrl.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { HttpHandler } from 'msw';
import { http } from 'msw/core/http';
import type { ApiReference, Reference } from '../references/types.js';
import { bundledDocuments } from '../references/bundled.js';
import { manifestEntryPath } from '../references/directory.js';
import { failure } from '../errors.js';
import { errorResponse, jsonResponse } from './responses.js';

/** A file as `tcdyn refs pull` or the reference fixtures list it: `references/queue/v1/api.json`, `schemas/...`. */
export interface ReferenceFile {
  filename: string;
  content: unknown;
}

/** `'bundled'`, a folder, or reference documents and files. */
export type SandboxReferences =
  | 'bundled'
  | (string & {})
  | ReadonlyArray<Reference | ReferenceFile>;

export interface ReferenceSet {
  /** By path under /references/ (`queue/v1/api.json`), in manifest order. */
  readonly documents: ReadonlyMap<string, unknown>;
  /** By path under /schemas/ (`queue/v1/task.json`). */
  readonly schemas: ReadonlyMap<string, unknown>;
  readonly apis: readonly ApiReference[];
}

/** Read the references and schemas the sandbox will serve. */
export function loadReferences(source: SandboxReferences = 'bundled'): ReferenceSet {
  if (source === 'bundled') return fromBundled();
  if (typeof source === 'string')
    return fromFolder(
      existsSync(join(source, 'manifest.json')) ? source : join(source, 'references'),
    );
  if (Array.isArray(source)) return fromList(source);
  throw failure(
    "startSandbox: references must be 'bundled', a folder or an array of reference documents",
  );
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw failure(`startSandbox: cannot read ${path}`, { cause });
  }
}

function fromFolder(dir: string): ReferenceSet {
  const manifest = readJson(join(dir, 'manifest.json')) as { references?: unknown } | null;
  if (!Array.isArray(manifest?.references))
    throw failure(`startSandbox: ${join(dir, 'manifest.json')} has no references list`);
  const documents = new Map<string, unknown>();
  for (const entry of manifest.references as string[]) {
    const path = manifestEntryPath(entry);
    documents.set(path, readJson(join(dir, path)));
  }
  const schemas = new Map<string, unknown>();
  const schemaDir = join(dir, '..', 'schemas');
  if (existsSync(schemaDir)) {
    for (const file of readdirSync(schemaDir, { recursive: true, encoding: 'utf8' })) {
      if (file.endsWith('.json'))
        schemas.set(
          relative(schemaDir, join(schemaDir, file)).split(sep).join('/'),
          readJson(join(schemaDir, file)),
        );
    }
  }
  return { documents, schemas, apis: apiReferences(documents.values()) };
}

function fromBundled(): ReferenceSet {
  const documents = new Map<string, unknown>(
    bundledDocuments().map(({ path, reference }) => [path, reference]),
  );
  return { documents, schemas: new Map(), apis: apiReferences(documents.values()) };
}

function fromList(items: ReadonlyArray<Reference | ReferenceFile>): ReferenceSet {
  const documents = new Map<string, unknown>();
  const schemas = new Map<string, unknown>();
  for (const item of items) {
    if ('filename' in item && 'content' in item) {
      const [, kind, path] = /^\/?(references|schemas)\/(.+)$/.exec(item.filename) ?? [];
      if (path === undefined) continue;
      if (kind === 'schemas') schemas.set(path, item.content);
      else if (kind === 'references' && path !== 'manifest.json') documents.set(path, item.content);
    } else if (item.serviceName) {
      documents.set(documentPath(item), item);
    } else {
      throw failure(
        'startSandbox: each reference must be a reference document or {filename, content}',
      );
    }
  }
  return { documents, schemas, apis: apiReferences(documents.values()) };
}

function documentPath(reference: Reference): string {
  const kind = 'exchangePrefix' in reference ? 'exchanges' : 'api';
  return `${reference.serviceName}/${reference.apiVersion ?? 'v1'}/${kind}.json`;
}

function apiReferences(documents: Iterable<unknown>): ApiReference[] {
  return [...documents].filter((doc): doc is ApiReference => {
    const ref = doc as Partial<ApiReference & { exchangePrefix: string }> | null | undefined;
    return (
      typeof ref?.serviceName === 'string' &&
      Array.isArray(ref.entries) &&
      ref.exchangePrefix === undefined &&
      (ref.entries as ReadonlyArray<{ type?: unknown } | null>).some((e) => e?.type === 'function')
    );
  });
}

/** GET handlers for the manifest, every document and every schema. */
export function referenceHandlers(rootUrl: string, set: ReferenceSet): HttpHandler[] {
  const under =
    (prefix: string) =>
    ({ request }: { request: Request }) =>
      new URL(request.url).pathname.startsWith(prefix);
  const pathAfter = (request: Request, prefix: string) => {
    const raw = new URL(request.url).pathname.slice(prefix.length);
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  };
  const manifest = {
    references: [...set.documents.keys()].map((path) => `${rootUrl}/references/${path}`),
  };
  return [
    http.get(`${rootUrl}/references/manifest.json`, () => jsonResponse(manifest)),
    http.get(under('/references/'), ({ request }) =>
      serve(set.documents, pathAfter(request, '/references/')),
    ),
    http.get(under('/schemas/'), ({ request }) =>
      serve(set.schemas, pathAfter(request, '/schemas/')),
    ),
  ];
}

function serve(files: ReadonlyMap<string, unknown>, path: string): Response {
  const content = files.get(path);
  return content === undefined
    ? errorResponse(404, 'ResourceNotFound', `no document ${path} in this sandbox`)
    : jsonResponse(content);
}
