// A JSON schema with every $ref replaced by the schema it points to (across files), and the
// keys that only document (description, title, default, ...) dropped: what FromSchema reads.

/** A schema document by its path (`/schemas/queue/v1/task.json`), or undefined when absent. */
export type SchemaLookup = (path: string) => unknown;

type Node = Record<string, unknown>;

// Keys that FromSchema ignores or must not see: `default` would make a property required in the
// type, and `definitions` is dead once every $ref is inlined.
const DROPPED = new Set([
  'description',
  'title',
  'examples',
  'default',
  '$comment',
  '$schema',
  '$id',
  'definitions',
  '$defs',
]);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'dependencies']);
const SCHEMA_VALUES = new Set([
  'items',
  'additionalProperties',
  'additionalItems',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
]);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);
const ORIGIN = 'http://deployment';

/** The path of a schema id (`v1/task.json#`, `/schemas/queue/v1/task.json#`, or a full URL), against `base`. */
export function schemaPath(id: string, base: string): string {
  const { pathname } = new URL(id, ORIGIN + base);
  const at = pathname.indexOf('/schemas/');
  return decodeURIComponent(at >= 0 ? pathname.slice(at) : pathname);
}

/** The path of the schema an API or exchanges entry names (`v1/task.json#` is relative to `/schemas/<service>/`). */
export function entrySchemaPath(serviceName: string, id: string): string {
  return schemaPath(id, `/schemas/${serviceName}/`);
}

function pointerTarget(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Node)[part];
  }
  return node;
}

interface Walk {
  lookup: SchemaLookup;
  /** `$ref`s being expanded: meeting one again is a cycle, typed loosely (`{}`). */
  expanding: readonly string[];
  missing: Set<string>;
}

function inlineRef(ref: string, base: string, walk: Walk): unknown {
  const hash = ref.indexOf('#');
  const path = hash === 0 ? base : schemaPath(hash > 0 ? ref.slice(0, hash) : ref, base);
  const pointer = hash >= 0 ? ref.slice(hash + 1) : '';
  const target = `${path}#${pointer}`;
  if (walk.expanding.includes(target)) return {};
  const doc = walk.lookup(path);
  const node = doc === undefined ? undefined : pointerTarget(doc, pointer);
  if (node === undefined) {
    walk.missing.add(target);
    return {};
  }
  return inlineNode(node, path, { ...walk, expanding: [...walk.expanding, target] });
}

function inlineChildren(key: string, value: unknown, base: string, walk: Walk): unknown {
  if (SCHEMA_MAPS.has(key) && value && typeof value === 'object' && !Array.isArray(value)) {
    // `dependencies` may also list property names (an array), which stay as they are.
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, Array.isArray(v) ? v : inlineNode(v, base, walk)]),
    );
  }
  if (SCHEMA_LISTS.has(key) && Array.isArray(value))
    return value.map((v) => inlineNode(v, base, walk));
  if (SCHEMA_VALUES.has(key))
    return Array.isArray(value)
      ? value.map((v) => inlineNode(v, base, walk))
      : inlineNode(value, base, walk);
  return value;
}

function inlineNode(node: unknown, base: string, walk: Walk): unknown {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
  const schema = node as Node;
  const here = typeof schema['$id'] === 'string' ? schemaPath(schema['$id'], base) : base;
  if (typeof schema['$ref'] === 'string') return inlineRef(schema['$ref'], here, walk);
  const out: Node = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!DROPPED.has(key)) out[key] = inlineChildren(key, value, here, walk);
  }
  return out;
}

/**
 * The schema at `path`, self-contained: every `$ref` (relative, absolute or `#/...`) inlined;
 * a cyclic or unresolvable one becomes `{}` (any value). `missing` lists the unresolvable ones.
 */
export function inlineSchema(
  path: string,
  lookup: SchemaLookup,
): { schema: unknown; missing: string[] } {
  const walk: Walk = { lookup, expanding: [`${path}#`], missing: new Set() };
  const doc = lookup(path);
  if (doc === undefined) return { schema: undefined, missing: [`${path}#`] };
  return { schema: inlineNode(doc, path, walk), missing: [...walk.missing] };
}
