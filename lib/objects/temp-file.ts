// Node-only (node:fs). Downloads to a path: bytes go to a temporary file beside the target, flushed
// to disk and renamed over the target only once verified; on any failure the temporary file is
// removed.
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { failure, TaskclusterFailure } from '../errors.js';
import type { WriterFactory } from './arguments.js';

/** Check, before any request, that `file` can become a file: its directory exists and it is no directory. */
export async function checkTarget(fn: string, file: string): Promise<string> {
  const target = resolve(file);
  const [dir, existing] = await Promise.all([
    stat(dirname(target)).catch(() => undefined),
    stat(target).catch(() => undefined),
  ]);
  if (!dir?.isDirectory())
    throw failure(`${fn}: the directory of ${file} does not exist`, { code: 'WriterError' });
  if (existing?.isDirectory())
    throw failure(`${fn}: ${file} is a directory`, { code: 'WriterError' });
  return target;
}

async function settled(stream: WriteStream | undefined): Promise<void> {
  if (!stream) return;
  if (!stream.closed) stream.destroy();
  await finished(stream).catch(() => undefined);
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable; some platforms cannot open a directory, which is fine.
  const handle = await open(dir, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A fresh temporary file beside `target`, named for this process (see removeStalePartials). */
export function partialPath(target: string): string {
  const name = `.${basename(target)}.${String(process.pid)}-${randomBytes(6).toString('hex')}.partial`;
  return join(dirname(target), name);
}

/**
 * Remove the temporary files of earlier downloads to `target` whose process is gone (killed
 * before it could clean up). A temporary file is named `.<target>.<pid>-<random>.partial`.
 */
export async function removeStalePartials(target: string): Promise<string[]> {
  const pattern = new RegExp(
    `^\\.${escapeRegExp(basename(target))}\\.(\\d+)-[0-9a-f]{12}\\.partial$`,
  );
  const names = await readdir(dirname(target)).catch(() => [] as string[]);
  const stale = names.filter((name) => {
    const pid = Number(pattern.exec(name)?.[1] ?? NaN);
    return Number.isInteger(pid) && pid !== process.pid && !isAlive(pid);
  });
  await Promise.all(stale.map((name) => rm(join(dirname(target), name), { force: true })));
  return stale;
}

/**
 * Run `body` with a writer factory whose writers write a temporary file beside `target`
 * (truncated afresh per attempt); when `body` resolves, move the file to `target`.
 */
export async function writeAtomically<T>(
  target: string,
  body: (writerFactory: WriterFactory) => Promise<T>,
): Promise<T> {
  await removeStalePartials(target);
  const temp = partialPath(target);
  let current: WriteStream | undefined;
  const writerFactory = async (): Promise<Writable> => {
    // A previous attempt's stream must be closed before the file is truncated for the next.
    await settled(current);
    current = createWriteStream(temp, { flush: true });
    return current;
  };
  try {
    const result = await body(writerFactory);
    if (current && !current.closed) await finished(current);
    await rename(temp, target);
    await syncDirectory(dirname(target));
    return result;
  } catch (error) {
    await settled(current);
    await rm(temp, { force: true });
    if (error instanceof TaskclusterFailure) throw error;
    throw failure(`writing ${target} failed: ${(error as Error).message}`, {
      code: 'WriterError',
      cause: error,
    });
  }
}
