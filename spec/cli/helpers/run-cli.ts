// Runs the built tcdyn binary as a child process, building dist/ (and from it pkg/, what the
// package ships) first when any lib/ source is newer than them (once per run: a lock folder keeps parallel spec files from building together).
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(ROOT, 'dist', 'cli', 'main.js');
const LOCK = join(tmpdir(), `tcdyn-cli-build-${Buffer.from(ROOT).toString('hex').slice(-16)}.lock`);

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

// The shipped package's bin: built after dist/, from it, by scripts/build-package.mjs.
const PACKAGE_BIN = join(ROOT, 'pkg', 'cli', 'main.js');

const builtAt = () => {
  try {
    return Math.min(statSync(BIN).mtimeMs, statSync(PACKAGE_BIN).mtimeMs);
  } catch {
    return 0;
  }
};

const isStale = () => builtAt() < newestSource(join(ROOT, 'lib'));

async function waitForLock(): Promise<boolean> {
  for (let i = 0; i < 600; i++) {
    try {
      mkdirSync(LOCK);
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return false;
}

/** Build dist/ and pkg/ as `npm run build` does when lib/ changed since the last build. */
export async function ensureBuilt(): Promise<void> {
  if (!isStale()) return;
  const locked = await waitForLock();
  try {
    if (!isStale()) return;
    // Type errors elsewhere in the tree still emit JavaScript; the binary is what is tested.
    await promisify(execFile)(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
        '-p',
        join(ROOT, 'tsconfig.build.json'),
      ],
      { cwd: ROOT },
    ).catch(() => undefined);
    await promisify(execFile)(process.execPath, [join(ROOT, 'scripts', 'build-package.mjs')], {
      cwd: ROOT,
    });
    if (builtAt() === 0) throw new Error(`the build produced no ${BIN} or ${PACKAGE_BIN}`);
  } finally {
    if (locked) rmSync(LOCK, { recursive: true, force: true });
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  input?: string | Buffer | undefined;
  cwd?: string;
}

/** A home folder of its own for each test process: the REPL's default history must not touch the real one. */
const HOME = mkdtempSync(join(tmpdir(), 'tcdyn-home-'));

/** The environment children get: no TASKCLUSTER_* or DEBUG from the developer's shell. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', HOME, LANG: 'C.UTF-8' };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) env[key] = value;
  return env;
}

/** Run `tcdyn ...args`; stdin gets `input` (or nothing) and is closed. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: cleanEnv(options.env),
      cwd: options.cwd ?? ROOT,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({
        code,
        stdout: stdoutBytes.toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        stdoutBytes,
      });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** Start `tcdyn ...args` with stdin left open, for conversations (the REPL). */
export function spawnCli(args: string[], options: CliOptions = {}) {
  return spawn(process.execPath, [BIN, ...args], {
    env: cleanEnv(options.env),
    cwd: options.cwd ?? ROOT,
  });
}

/** A fresh temporary folder. */
export const tempDir = () => mkdtempSync(join(tmpdir(), 'tcdyn-spec-'));
