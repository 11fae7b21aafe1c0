// The process environment where there is one (Node), and an empty one in browsers, so that
// modules on the browser path never touch the `process` global directly.

export type Env = Record<string, string | undefined>;

/** `process.env` in Node; `{}` where there is no process (browsers). */
export function processEnv(): Env {
  return typeof process === 'undefined' ? {} : process.env;
}

/** Write a line to stderr in Node, to the console elsewhere. */
export function writeStderr(line: string): void {
  if (typeof process === 'undefined') console.error(line);
  else process.stderr.write(`${line}\n`);
}
