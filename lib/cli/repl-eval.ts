// What the REPL adds around Node's own evaluation: a failed call is one line (`code: message`,
// the stack kept for `.stack`), and a misspelt method (`queue.tsk`) answers with its
// suggestion instead of the function the proxy would hand back for any name.
import type { REPLServer, REPLWriter } from 'node:repl';
import type { Io } from './output.js';

type Callback = (err: Error | null, result?: unknown) => void;
type Client = { ready: unknown; describe: (name: string) => unknown };

const isClient = (value: unknown): value is Client =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Client).ready === 'function' &&
  typeof (value as Client).describe === 'function';

/** `code: message` for an error that carries a code (a TaskclusterFailure), else undefined. */
export function oneLine(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${err.message}` : undefined;
}

/** The error for `client.name` typed alone at the prompt when the client has no such method. */
function misspelt(context: Record<string, unknown>, code: string): Error | undefined {
  const match = /^\s*\(?\s*([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)\s*\)?\s*;?\s*$/.exec(code);
  const client = match?.[1] ? context[match[1]] : undefined;
  const name = match?.[2];
  if (!isClient(client) || !name || Object.keys(client).includes(name)) return undefined;
  try {
    // describe() knows the names the client serves now, the deployment's when loaded.
    client.describe(name);
    return undefined;
  } catch (err) {
    return err as Error;
  }
}

/**
 * Wrap the server's eval (keeping Node's own, so breakEvalOnSigint still interrupts `await`) and
 * its writer: Node prints an uncaught error through the writer (`Uncaught ` + what it returns),
 * also when a top-level `await` rejects, which never reaches the eval callback.
 */
export function wrapEval(server: REPLServer, io: Io): { lastError: () => Error | undefined } {
  let last: Error | undefined;
  // Errors that are values of an expression (`e` after a catch) are shown in full, as usual.
  const values = new WeakSet<object>();
  const writer = server.writer;
  const brief = (value: unknown): string => {
    const line = values.has(value as object) ? undefined : oneLine(value);
    if (line === undefined) return writer.call(server, value);
    last = value as Error;
    return line;
  };
  // Typed read-only, but the REPL reads it at each result: replacing it is how options.writer works.
  (server as { writer: REPLWriter }).writer = Object.assign(brief, writer);
  const original = server.eval.bind(server);
  const wrapped = (code: string, context: object, file: string, callback: Callback) => {
    original(code, context, file, (err, result: unknown) => {
      if (!err && typeof result === 'object' && result !== null) values.add(result);
      const typo =
        !err && typeof result === 'function' ? misspelt(server.context, code) : undefined;
      const line = typo && oneLine(typo);
      if (!line) {
        callback(err, result);
        return;
      }
      io.stdout.write(`${line}\n`);
      callback(null, undefined);
    });
  };
  // The REPL reads `eval` from the instance at each line; replacing it keeps the default inside.
  (server as { eval: typeof wrapped }).eval = wrapped;
  return { lastError: () => last };
}
