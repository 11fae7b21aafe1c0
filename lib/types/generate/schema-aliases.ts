// The schema half of a `tcdyn types` module: one FromSchema type per schema that a method or
// exchange names ($refs inlined), and the SchemaTypes entries mapping `service.method` to them.
import type { Reference } from '../../references/types.js';
import { isExchangesReference } from '../../references/types.js';
import { referenceClientName } from '../../references/names.js';
import { entrySchemaPath, inlineSchema, type SchemaLookup } from './inline-schema.js';
import { GENERATED_TYPE_IMPORTS } from './method-types.js';

export interface SchemaAliases {
  /** `export type QueueV1Task = FromSchema<...>;` blocks. */
  aliases: string[];
  /** SchemaTypes members: `'queue.task': { output: QueueV1Task };`. */
  entries: string[];
  /** Method and exchange keys typed (`queue.createTask`). */
  keys: string[];
  /** Schemas and `$ref`s that the folder lacks (typed loosely). */
  missing: string[];
}

const quote = (text: string) => `'${text.replace(/[\\']/g, '\\$&')}'`;

type Side = 'input' | 'output' | 'message';

interface Collected {
  /** Type name by schema path, in first-use order. */
  names: Map<string, string>;
  entries: Array<{ key: string; sides: Array<[Side, string]> }>;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A JSON value as a TypeScript type literal: objects one key a line, lists of scalars on one line. */
export function typeLiteral(value: unknown, indent = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object'))
      return `[${value.map((v) => typeLiteral(v)).join(', ')}]`;
    return `[\n${value.map((v) => `${inner}${typeLiteral(v, inner)}`).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (!entries.length) return '{}';
  const lines = entries.map(
    ([k, v]) => `${inner}${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${typeLiteral(v, inner)};`,
  );
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** `/schemas/queue/v1/create-task-request.json` → `QueueV1CreateTaskRequest`. */
export function schemaTypeName(path: string): string {
  const words = path
    .replace(/^\/schemas\//, '')
    .replace(/\.json$/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return /^[A-Za-z]/.test(name) ? name : `Schema${name}`;
}

function nameFor(collected: Collected, path: string): string {
  let name = collected.names.get(path);
  if (!name) {
    // Names the module imports are taken too (a schema at /schemas/param.json must not shadow Param).
    const taken = new Set(['FromSchema', ...GENERATED_TYPE_IMPORTS, ...collected.names.values()]);
    const base = schemaTypeName(path);
    name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}${String(i)}`;
    collected.names.set(path, name);
  }
  return name;
}

function collect(references: Iterable<Reference>): Collected {
  const collected: Collected = { names: new Map(), entries: [] };
  const sorted = [...references].sort((a, b) =>
    referenceClientName(a).localeCompare(referenceClientName(b)),
  );
  for (const reference of sorted) {
    const client = referenceClientName(reference);
    for (const entry of reference.entries) {
      const ids: Array<[Side, string | undefined]> = isExchangesReference(reference)
        ? [['message', (entry as { schema?: string }).schema]]
        : [
            ['input', (entry as { input?: string }).input],
            ['output', (entry as { output?: string }).output],
          ];
      const sides = ids
        .filter((s): s is [Side, string] => typeof s[1] === 'string')
        .map(([side, id]): [Side, string] => [
          side,
          nameFor(collected, entrySchemaPath(reference.serviceName, id)),
        ]);
      if (sides.length) collected.entries.push({ key: `${client}.${entry.name}`, sides });
    }
  }
  return collected;
}

/** The FromSchema types of the schemas these references name, and their SchemaTypes entries. */
export function schemaAliases(
  references: Iterable<Reference>,
  lookup: SchemaLookup,
): SchemaAliases {
  const collected = collect(references);
  const missing = new Set<string>();
  const aliases: string[] = [];
  const present = new Set<string>();
  for (const [path, name] of collected.names) {
    const { schema, missing: lacking } = inlineSchema(path, lookup);
    lacking.forEach((m) => missing.add(m));
    if (schema === undefined) continue;
    present.add(name);
    aliases.push(`/** ${path} */\nexport type ${name} = FromSchema<${typeLiteral(schema)}>;`);
  }
  const typed = collected.entries
    .map(({ key, sides }) => ({ key, sides: sides.filter(([, name]) => present.has(name)) }))
    .filter(({ sides }) => sides.length > 0);
  return {
    aliases,
    entries: typed.map(
      ({ key, sides }) =>
        `${quote(key)}: { ${sides.map(([side, name]) => `${side}: ${name}`).join('; ')} };`,
    ),
    keys: typed.map(({ key }) => key),
    missing: [...missing].sort(),
  };
}
