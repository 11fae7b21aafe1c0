// The words of `tcdyn call`/`url`/`signed-url` as arguments of a method: URL params by
// position, `--query k=v`, and `--payload FILE|-|JSON`, checked against the entry before any request.
import { readFile } from 'node:fs/promises';
import type { FunctionEntry } from '../index.js';
import { signature } from './describe.js';
import { inCwd, readAll, usageError, type Io } from './output.js';

/** `--query k=v` words as an object, each key checked against the method's query list. */
export function queryOf(
  client: string,
  entry: FunctionEntry,
  words: readonly string[],
): Record<string, string> | undefined {
  if (!words.length) return undefined;
  const allowed = entry.query ?? [];
  const query: Record<string, string> = {};
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq <= 0) throw usageError(`--query expects key=value, got ${JSON.stringify(word)}`);
    const key = word.slice(0, eq);
    if (!allowed.includes(key)) {
      const keys = allowed.length ? `one of ${allowed.join(', ')}` : 'none';
      throw usageError(
        `${client}.${entry.name} has no query parameter ${JSON.stringify(key)}; it takes ${keys}`,
      );
    }
    query[key] = word.slice(eq + 1);
  }
  return query;
}

/** The URL params, exactly as many as the route has. */
export function paramsOf(client: string, entry: FunctionEntry, words: readonly string[]): string[] {
  if (words.length !== entry.args.length) {
    const expected = entry.args.length
      ? entry.args.map((a) => `<${a}>`).join(' ')
      : 'no parameters';
    throw usageError(
      `${signature(client, entry)}: expected ${expected}, got ${String(words.length)} parameter${words.length === 1 ? '' : 's'}`,
    );
  }
  return [...words];
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw usageError(`${where} is not valid JSON: ${(err as Error).message}`);
  }
}

/** `-` reads stdin, text starting with `{`, `[` or `"` is JSON itself, anything else is a file. */
export async function readPayload(io: Io, given: string): Promise<unknown> {
  if (given === '-')
    return parseJson((await readAll(io.stdin)).toString('utf8'), 'the payload on stdin');
  if (/^\s*[{["]/.test(given)) return parseJson(given, 'the --payload value');
  let text: string;
  try {
    text = await readFile(inCwd(io, given), 'utf8');
  } catch (err) {
    throw usageError(
      `cannot read the payload file ${given}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  return parseJson(text, given);
}

/** Form-1 arguments (params, payload, query) for a method, or a usage error naming what it expects. */
export async function callArguments(
  io: Io,
  client: string,
  entry: FunctionEntry,
  words: { params: readonly string[]; payload?: string | undefined; query: readonly string[] },
): Promise<unknown[]> {
  const params = paramsOf(client, entry, words.params);
  const query = queryOf(client, entry, words.query);
  const given = words.payload;
  if (entry.input && given === undefined) {
    throw usageError(
      `${signature(client, entry)} needs a payload (${entry.input}): pass --payload FILE, --payload - or --payload '{...}'`,
    );
  }
  if (!entry.input && given !== undefined)
    throw usageError(`${client}.${entry.name} takes no payload`);
  const payload = given === undefined ? [] : [await readPayload(io, given)];
  return [...params, ...payload, ...(query ? [query] : [])];
}
