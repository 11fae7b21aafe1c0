// `tcdyn refs pull`: a deployment's manifest, references and schemas copied into a folder laid
// out like the deployment (<out>/references/..., <out>/schemas/...), following every schema
// id that the references name and every $ref/$schema inside the schemas.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { fetchDeploymentJson } from '../index.js';
import { entryPath, manifestEntries, MANIFEST } from './references.js';
import { cliFailure } from './output.js';

const CONCURRENCY = 8;

export interface PullResult {
  references: number;
  schemas: number;
  /** Schemas named but not served (404): `tcdyn types` types their side loosely, as it says. */
  skipped: string[];
}

async function writeJson(root: string, path: string, doc: unknown): Promise<void> {
  const target = resolve(root, path);
  // A hostile manifest or $ref must not write outside the output folder.
  if (!target.startsWith(resolve(root) + sep))
    throw cliFailure(`refusing to write ${path} outside ${root}`, 'UnsafePath');
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, `${JSON.stringify(doc, null, 2)}\n`);
}

async function eachLimited<T>(
  items: readonly T[],
  work: (item: T) => Promise<void>,
): Promise<void> {
  // One iterator shared by the workers: each takes the next item when it is free.
  const pending = items.values();
  const worker = async () => {
    for (const item of pending) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}

/** Absolute URL (without fragment) of a schema id, or undefined when it is not one of the deployment's schemas. */
function schemaUrl(rootUrl: string, id: unknown, base: string): string | undefined {
  if (typeof id !== 'string' || !id) return undefined;
  let url: string;
  try {
    url = id.startsWith('/') ? `${rootUrl}${id}` : new URL(id, base).href;
  } catch {
    return undefined;
  }
  url = url.replace(/#.*$/, '');
  return url.startsWith(`${rootUrl}/schemas/`) && url.length > `${rootUrl}/schemas/`.length
    ? url
    : undefined;
}

/** Schema ids a reference document names: its $schema and its entries' input, output and schema. */
function referenceSchemas(rootUrl: string, doc: Record<string, unknown>): string[] {
  const service = typeof doc['serviceName'] === 'string' ? doc['serviceName'] : 'common';
  const base = `${rootUrl}/schemas/${service}/`;
  const entries: unknown[] = Array.isArray(doc['entries']) ? doc['entries'] : [];
  const ids = [
    doc['$schema'],
    ...entries.flatMap((e) =>
      typeof e === 'object' && e !== null
        ? [
            'input' in e ? e.input : undefined,
            'output' in e ? e.output : undefined,
            'schema' in e ? e.schema : undefined,
          ]
        : [],
    ),
  ];
  return ids.map((id) => schemaUrl(rootUrl, id, base)).filter((u): u is string => u !== undefined);
}

/** Every $ref and $schema inside a schema, resolved against its $id (or its own URL). */
function nestedSchemas(rootUrl: string, url: string, schema: unknown): string[] {
  const base =
    schemaUrl(rootUrl, (schema as { $id?: unknown } | null | undefined)?.$id, url) ?? url;
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === '$ref' || key === '$schema') && typeof value === 'string') {
          const target = schemaUrl(rootUrl, value, base);
          if (target) found.push(target);
        } else walk(value);
      }
    }
  };
  walk(schema);
  return found;
}

async function pullSchemas(
  rootUrl: string,
  out: string,
  seeds: string[],
): Promise<{ schemas: number; skipped: string[] }> {
  const seen = new Set<string>();
  const skipped: string[] = [];
  let wave = [...new Set(seeds)];
  while (wave.length) {
    wave.forEach((u) => seen.add(u));
    const found: string[] = [];
    await eachLimited(wave, async (url) => {
      const schema = await fetchDeploymentJson(rootUrl, url.slice(rootUrl.length)).catch(
        (error: unknown) => {
          const notFound =
            typeof error === 'object' &&
            error !== null &&
            'statusCode' in error &&
            error.statusCode === 404;
          if (notFound) return undefined;
          throw error;
        },
      );
      if (schema === undefined) {
        skipped.push(url);
        return;
      }
      await writeJson(
        join(out, 'schemas'),
        decodeURIComponent(url.slice(`${rootUrl}/schemas/`.length)),
        schema,
      );
      found.push(...nestedSchemas(rootUrl, url, schema));
    });
    wave = [...new Set(found)].filter((u) => !seen.has(u));
  }
  return { schemas: seen.size - skipped.length, skipped: skipped.sort() };
}

/** Copy a deployment's references and schemas into `out`. */
export async function pullReferences(rootUrl: string, out: string): Promise<PullResult> {
  const manifest = (await fetchDeploymentJson(rootUrl, MANIFEST)) as Record<string, unknown>;
  const entries = manifestEntries(manifest);
  if (!entries) throw cliFailure(`${rootUrl}${MANIFEST} has no references list`, 'InvalidManifest');
  await writeJson(join(out, 'references'), 'manifest.json', manifest);
  const seeds = referenceSchemas(rootUrl, manifest);
  await eachLimited(entries, async (entry) => {
    const path = entryPath(entry);
    const doc = (await fetchDeploymentJson(rootUrl, `/references/${path}`)) as Record<
      string,
      unknown
    >;
    await writeJson(join(out, 'references'), path, doc);
    seeds.push(...referenceSchemas(rootUrl, doc));
  });
  return { references: entries.length, ...(await pullSchemas(rootUrl, out, seeds)) };
}
