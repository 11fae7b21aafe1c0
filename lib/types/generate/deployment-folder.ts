// Reading a folder laid out like a deployment (<dir>/references/..., <dir>/schemas/...), as
// `tcdyn refs pull` writes it: its reference documents and a lookup of its schemas by path.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import type { Reference } from '../../references/types.js';
import { directoryReferences } from '../../references/directory.js';
import { failure } from '../../errors.js';
import { schemaPath, type SchemaLookup } from './inline-schema.js';

export interface DeploymentFolder {
  references: Reference[];
  /** Schemas by path (`/schemas/queue/v1/task.json`), also under their own `$id`. */
  schema: SchemaLookup;
  schemaCount: number;
}

const isDirectory = (path: string) => existsSync(path) && statSync(path).isDirectory();

function readSchemas(schemasDir: string): Map<string, unknown> {
  const byPath = new Map<string, unknown>();
  for (const file of readdirSync(schemasDir, { recursive: true }) as string[]) {
    if (!file.endsWith('.json')) continue;
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(join(schemasDir, file), 'utf8'));
    } catch (cause) {
      throw failure(`cannot read schema ${join(schemasDir, file)}`, { cause });
    }
    const path = `/schemas/${file.split(sep).join('/')}`;
    byPath.set(path, doc);
    const id = (doc as { $id?: unknown } | null)?.$id;
    if (typeof id === 'string' && !byPath.has(schemaPath(id, path)))
      byPath.set(schemaPath(id, path), doc);
  }
  return byPath;
}

/**
 * The references and schemas of `dir`: a folder holding `references/` and `schemas/`, or the
 * `references/` folder itself with `schemas/` beside it.
 */
export function readDeploymentFolder(dir: string): DeploymentFolder {
  const root =
    existsSync(join(dir, 'manifest.json')) && !isDirectory(join(dir, 'references'))
      ? dirname(dir)
      : dir;
  if (!existsSync(join(root, 'references', 'manifest.json'))) {
    throw failure(
      `${dir} has no references/manifest.json: expected a folder as written by \`tcdyn refs pull\``,
    );
  }
  const schemasDir = join(root, 'schemas');
  if (!isDirectory(schemasDir))
    throw failure(
      `${root} has no schemas/ folder: expected a folder as written by \`tcdyn refs pull\``,
    );
  const schemas = readSchemas(schemasDir);
  return {
    references: [...directoryReferences(join(root, 'references')).values()],
    schema: (path) => schemas.get(path),
    schemaCount: schemas.size,
  };
}
