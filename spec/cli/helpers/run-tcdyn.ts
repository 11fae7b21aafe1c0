// Runs tcdyn in-process through run(argv, io): the same arguments, environment, stdin and
// results as a child process would get, without the start-up of one.
import { PassThrough, Writable } from 'node:stream';
import { run } from '../../../lib/cli/run.js';
import type { Io } from '../../../lib/cli/output.js';
import { cleanEnv, ROOT, type CliOptions, type CliResult } from './run-cli.js';

/** A writable that keeps what it is given; `until` resolves once the text so far contains `part`. */
export function collector() {
  const chunks: Buffer[] = [];
  const waiters: Array<() => void> = [];
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      for (const wake of waiters.splice(0)) wake();
      callback();
    },
  });
  const bytes = () => Buffer.concat(chunks);
  const until = async (part: string): Promise<string> => {
    while (!bytes().toString('utf8').includes(part))
      await new Promise<void>((resolve) => waiters.push(resolve));
    return bytes().toString('utf8');
  };
  return Object.assign(sink, { bytes, until });
}

/** An Io over in-memory streams; TCDYN_FORCE_TTY=1 in `env` makes every side a terminal, as for the binary. */
export function memoryIo(options: CliOptions = {}, stdin = new PassThrough()) {
  const env = cleanEnv(options.env);
  const tty = env['TCDYN_FORCE_TTY'] === '1';
  const stdout = collector();
  const stderr = collector();
  const io: Io = {
    stdin,
    stdout,
    stderr,
    env,
    cwd: options.cwd ?? ROOT,
    stdinIsTTY: tty,
    stdoutIsTTY: tty,
    stderrIsTTY: tty,
  };
  return { io, stdout, stderr };
}

/** Run `tcdyn ...args` in this process; stdin gets `input` (or nothing) and is closed. */
export async function runTcdyn(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const stdin = new PassThrough();
  stdin.end(options.input ?? '');
  const { io, stdout, stderr } = memoryIo(options, stdin);
  const code = await run(args, io);
  const stdoutBytes = stdout.bytes();
  return {
    code,
    stdout: stdoutBytes.toString('utf8'),
    stderr: stderr.bytes().toString('utf8'),
    stdoutBytes,
  };
}
