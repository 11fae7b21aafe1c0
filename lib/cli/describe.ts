// Human-readable documentation of services, methods and exchanges, straight from their
// reference entries: shared by `tcdyn help` and the REPL's `.help`.
import type { ExchangeEntry, FunctionEntry, MethodDescription, Reference } from '../index.js';
import { exchangePrefixOf } from '../exchanges/routing-key.js';

type ScopeExpression = FunctionEntry['scopes'];

const isExchanges = (reference: Reference) => 'exchangePrefix' in reference;

/** `/schemas/queue/v1/task.json#` for an entry's `v1/task.json#`. */
export function schemaId(reference: Reference, id: string | undefined): string {
  if (!id) return '(none)';
  return /^(\/|[a-z]+:)/.test(id) ? id : `/schemas/${reference.serviceName}/${id}`;
}

/** `queue.createTask(taskId, payload, [query])`. */
export function signature(client: string, entry: FunctionEntry | ExchangeEntry): string {
  if (entry.type === 'topic-exchange') {
    const keys = entry.routingKey.filter((k) => !k.constant).map((k) => k.name);
    return `${client}.${entry.name}({${keys.join(', ')}})`;
  }
  const shown = [
    ...entry.args,
    ...(entry.input ? ['payload'] : []),
    ...(entry.query?.length ? ['[query]'] : []),
  ];
  return `${client}.${entry.name}(${shown.join(', ')})`;
}

/** A scope expression as an indented outline. */
export function scopeLines(expr: ScopeExpression, indent = '    '): string[] {
  if (expr === undefined) return [`${indent}(none)`];
  if (typeof expr === 'string') return [`${indent}${expr}`];
  const nested = (e: ScopeExpression) => scopeLines(e, `${indent}  `);
  if ('AllOf' in expr) return [`${indent}all of:`, ...expr.AllOf.flatMap(nested)];
  if ('AnyOf' in expr) return [`${indent}any of:`, ...expr.AnyOf.flatMap(nested)];
  if ('for' in expr) return [`${indent}for each ${expr.for} in ${expr.in}: ${expr.each}`];
  if ('if' in expr) {
    const otherwise = expr.else === undefined ? [] : [`${indent}else:`, ...nested(expr.else)];
    return [`${indent}if ${expr.if}:`, ...nested(expr.then), ...otherwise];
  }
  return [`${indent}${JSON.stringify(expr)}`];
}

const heading = (sig: string, title?: string) => (title ? `${sig} — ${title}` : sig);

function functionDoc(client: string, reference: Reference, entry: FunctionEntry): string[] {
  return [
    heading(signature(client, entry), entry.title),
    `  ${entry.method.toUpperCase()} /api/${reference.serviceName}/${reference.apiVersion ?? 'v1'}${entry.route}`,
    `  stability: ${entry.stability ?? '(unspecified)'}`,
    `  query:     ${entry.query?.length ? entry.query.join(', ') : '(none)'}`,
    `  input:     ${schemaId(reference, entry.input)}`,
    `  output:    ${schemaId(reference, entry.output)}`,
    '  scopes:',
    ...scopeLines(entry.scopes),
  ];
}

type RoutingKey = ExchangeEntry['routingKey'];

function routingKeyLines(keys: RoutingKey): string[] {
  const width = Math.max(...keys.map((k) => k.name.length));
  return keys.map((k) => {
    const kind =
      k.constant !== undefined
        ? `constant ${JSON.stringify(k.constant)}`
        : `${k.required ? 'required' : 'optional'}${k.multipleWords ? ', multiple words' : ''}`;
    return `    ${k.name.padEnd(width)}  ${kind}${k.summary ? ` — ${k.summary.split('\n', 1)[0] ?? ''}` : ''}`;
  });
}

function exchangeDoc(client: string, reference: Reference, entry: ExchangeEntry): string[] {
  const prefix = exchangePrefixOf((reference as { exchangePrefix?: string }).exchangePrefix ?? '');
  return [
    heading(signature(client, entry), entry.title),
    `  exchange: ${prefix}${entry.exchange}`,
    `  message:  ${schemaId(reference, entry.schema)}`,
    '  routing key:',
    ...routingKeyLines(entry.routingKey),
  ];
}

/** A method or exchange documented from `client.describe(name)`, as `tcdyn help` lays it out (the REPL's `.help`). */
export function descriptionDoc(client: string, d: MethodDescription): string {
  const sig = d.signature.replace(/^[^.(]+\./, `${client}.`);
  const lines =
    d.kind === 'exchange'
      ? [
          heading(sig, d.title),
          `  exchange: ${d.exchange}`,
          `  message:  ${d.schema ?? '(none)'}`,
          '  routing key:',
          ...routingKeyLines([...d.routingKey]),
        ]
      : [
          heading(sig, d.title),
          `  ${d.method} ${d.path}`,
          `  stability: ${d.stability ?? '(unspecified)'}`,
          `  query:     ${d.query.length ? d.query.join(', ') : '(none)'}`,
          `  input:     ${d.input ?? '(none)'}`,
          `  output:    ${d.output ?? '(none)'}`,
          '  scopes:',
          ...scopeLines(d.scopes),
        ];
  if (d.description) lines.push('', d.description.trim());
  return `${lines.join('\n')}\n`;
}

/** The full documentation of one method or exchange. */
export function entryDoc(
  client: string,
  reference: Reference,
  entry: FunctionEntry | ExchangeEntry,
): string {
  const lines =
    entry.type === 'topic-exchange'
      ? exchangeDoc(client, reference, entry)
      : functionDoc(client, reference, entry);
  if (entry.description) lines.push('', entry.description.trim());
  return `${lines.join('\n')}\n`;
}

/** A service's title, description and the list of its methods (or exchanges). */
export function serviceDoc(client: string, reference: Reference): string {
  const entries = knownEntries(reference);
  const sigs = entries.map((e) => signature(client, e));
  const width = Math.min(70, Math.max(...sigs.map((s) => s.length)));
  const kind = isExchanges(reference) ? 'exchanges' : 'api';
  const lines = [
    `${client} — ${reference.title ?? reference.serviceName} (${kind}, ${reference.apiVersion ?? 'v1'})`,
  ];
  if (reference.description) lines.push('', reference.description.trim());
  lines.push('', isExchanges(reference) ? 'Exchanges:' : 'Methods:');
  entries.forEach((e, i) =>
    lines.push(`  ${(sigs[i] ?? '').padEnd(width)}  ${e.title ?? ''}`.trimEnd()),
  );
  lines.push(
    '',
    `Run 'tcdyn help ${client} <${isExchanges(reference) ? 'exchange' : 'method'}>' for details.`,
  );
  return `${lines.join('\n')}\n`;
}

/** The entry named `name` in a reference. */
export function findEntry(
  reference: Reference,
  name: string,
): FunctionEntry | ExchangeEntry | undefined {
  return knownEntries(reference).find((e) => e.name === name);
}

/** A reference's methods and exchanges: a document read from a deployment may hold other kinds. */
function knownEntries(reference: Reference): Array<FunctionEntry | ExchangeEntry> {
  const entries: ReadonlyArray<{ type: unknown }> = reference.entries;
  return entries.filter(
    (e): e is FunctionEntry | ExchangeEntry => e.type === 'function' || e.type === 'topic-exchange',
  );
}
