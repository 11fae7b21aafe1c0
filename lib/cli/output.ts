// The CLI's streams and what goes on them: JSON pretty on a terminal and compact when piped,
// usage errors as text (exit 2), every other failure as a JSON error body (exit 1).
import { isAbsolute, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { TaskclusterFailure, TaskclusterRestFailure } from '../index.js';
import { messageOf } from '../utils/message-of.js';

/** The streams a command talks to, and whether each side is a terminal. */
export interface Io {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
  /** The folder that relative paths on the command line are relative to. */
  cwd: string;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
}

// Node sets isTTY only on terminal streams; @types/node declares it on every one.
const isTTY = (stream: { readonly isTTY?: boolean }): boolean => stream.isTTY ?? false;

/** The process's streams; `TCDYN_FORCE_TTY=1` (or `0`) overrides terminal detection, for tests and scripts. */
export function processIo(env: Record<string, string | undefined> = process.env): Io {
  const forced =
    env['TCDYN_FORCE_TTY'] === '1' ? true : env['TCDYN_FORCE_TTY'] === '0' ? false : undefined;
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env,
    cwd: process.cwd(),
    stdinIsTTY: forced ?? isTTY(process.stdin),
    stdoutIsTTY: forced ?? isTTY(process.stdout),
    stderrIsTTY: forced ?? isTTY(process.stderr),
  };
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

const USAGE = 'UsageError';
// Failures of the client's own checks that mean the command line named something wrong.
// Bad credentials or options in the environment are the caller's to fix, like bad arguments.
const USAGE_CODES = new Set([
  USAGE,
  'UnknownService',
  'UnknownMethod',
  'InvalidArguments',
  'InvalidCredentials',
  'InvalidOption',
]);

/**
 * A failure of the CLI itself, not of the library: a usage error (exit status 2) or a refusal
 * of its own such as an unsafe path (exit status 1). Library failures keep their own kinds.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly exitStatus: number,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'CliError';
  }
}

/** An error in the command line itself (exit status 2). */
export function usageError(message: string, cause?: unknown): CliError {
  return new CliError(message, USAGE, EXIT_USAGE, cause);
}

/** A failure of the CLI's own that is not a usage error (exit status 1). */
export function cliFailure(message: string, code: string, cause?: unknown): CliError {
  return new CliError(message, code, EXIT_FAILURE, cause);
}

/** Run a local computation whose failures can only come from what the user typed. */
export function asUsage<T>(compute: () => T): T {
  try {
    return compute();
  } catch (err) {
    if (err instanceof TaskclusterFailure) throw usageError(err.message, err);
    throw err;
  }
}

export function isUsageError(err: unknown): boolean {
  if (err instanceof CliError) return err.exitStatus === EXIT_USAGE;
  return err instanceof TaskclusterFailure && USAGE_CODES.has(String(err.code));
}

/** JSON for stdout: indented for a person at a terminal, one line for a program. */
export function formatJson(io: Io, value: unknown, tty = io.stdoutIsTTY): string {
  return JSON.stringify(value, null, tty ? 2 : undefined);
}

export function printJson(io: Io, value: unknown): void {
  if (value !== undefined) io.stdout.write(`${formatJson(io, value)}\n`);
}

export function printLines(io: Io, lines: readonly string[]): void {
  if (lines.length) io.stdout.write(`${lines.join('\n')}\n`);
}

const isObjectBody = (body: unknown): body is Record<string, unknown> =>
  Boolean(body) &&
  typeof body === 'object' &&
  !Array.isArray(body) &&
  Object.keys(body as object).length > 0;

/**
 * The error body printed on stderr for a failure that is not a usage error: the service's own
 * body (redacted by the library when the failure was made), else `{statusCode?, code, message}`.
 */
export function errorBody(err: unknown): Record<string, unknown> {
  if (err instanceof TaskclusterRestFailure && isObjectBody(err.body)) return err.body;
  if (err instanceof TaskclusterFailure) {
    // A REST failure's message is the service's alone; on a terminal, say which call it answered.
    const named = err instanceof TaskclusterRestFailure && err.method;
    return {
      ...(err.statusCode ? { statusCode: err.statusCode } : {}),
      code: err.code ?? 'TaskclusterFailure',
      message: named ? `${named}: ${err.message}` : err.message,
    };
  }
  if (err instanceof CliError) return { code: err.code, message: err.message };
  return {
    code: (err as { code?: string } | null | undefined)?.code ?? 'InternalError',
    message: messageOf(err),
  };
}

/** Print a failure on stderr and give the exit status for it. */
export function reportError(io: Io, err: unknown, command?: string): number {
  if (isUsageError(err)) {
    const hint = command
      ? `\nRun 'tcdyn ${command} --help' for usage.`
      : `\nRun 'tcdyn --help' for usage.`;
    io.stderr.write(`tcdyn: ${(err as Error).message}${hint}\n`);
    return EXIT_USAGE;
  }
  io.stderr.write(`${formatJson(io, errorBody(err), io.stderrIsTTY)}\n`);
  return EXIT_FAILURE;
}

/** A path from the command line, made absolute against the command's folder. */
export const inCwd = (io: Io, path: string): string =>
  isAbsolute(path) ? path : resolve(io.cwd, path);

/** Quote a value for a POSIX shell. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Read a whole stream (stdin) into memory. */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}
