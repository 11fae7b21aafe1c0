// Where the CLI's transfers read and write: readers over a file or stdin, and writers into stdout
// or into a temporary file (one per attempt) renamed onto the target once complete. The bytes are
// counted for the progress display by the library's onProgress, not here.
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { partialPath, removeStalePartials } from '../objects/temp-file.js';
import { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { ReaderFactory, WriterFactory } from '../index.js';
import { cliFailure, inCwd, readAll, usageError, type Io } from './output.js';
import { Progress } from './progress.js';

export interface Source {
  size: number;
  readerFactory: ReaderFactory;
}

/** A file (or stdin, read into memory once because it cannot be replayed) as a reader factory. */
export async function sourceOf(
  io: Io,
  path: string,
  progress: (size: number) => Progress,
): Promise<Source> {
  if (path === '-') {
    const data = await readAll(io.stdin);
    progress(data.length);
    return { size: data.length, readerFactory: () => Readable.from([data]) };
  }
  const file = inCwd(io, path);
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw usageError(`${path} is not a file`);
    size = info.size;
  } catch (err) {
    throw usageError(
      `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      err,
    );
  }
  progress(size);
  return { size, readerFactory: () => createReadStream(file) };
}

export interface Sink {
  writerFactory: WriterFactory;
  /** Put the data in place (a file is renamed onto its target). */
  commit(): Promise<void>;
  /** Remove what a failed transfer left. */
  abort(): Promise<void>;
}

function stdoutSink(io: Io): Sink {
  let written = 0;
  return {
    writerFactory: () => {
      // Bytes already on stdout cannot be taken back, so a retry after them is refused.
      if (written > 0)
        throw cliFailure(
          `${String(written)} bytes were already written to stdout; retry with --out FILE`,
          'CannotRetry',
        );
      return new Writable({
        write(chunk: Buffer, _encoding, callback) {
          written += chunk.length;
          io.stdout.write(chunk, (err) => {
            callback(err ?? null);
          });
        },
      });
    },
    commit: () => Promise.resolve(),
    abort: () => Promise.resolve(),
  };
}

interface PartFile {
  path: string;
  file: WriteStream;
}

/** Close a part file, waiting until no write of it can land any more, and remove it. */
async function discard(part: PartFile | undefined): Promise<void> {
  if (!part) return;
  part.file.destroy();
  await finished(part.file).catch(() => undefined);
  await rm(part.path, { force: true });
}

/**
 * A file that appears only when complete, written here rather than by downloadToFile so that
 * stdout and files share one sink shape; the atomic write is done the same way: each attempt writes a new part file of
 * its own, and the previous attempt's file is closed and removed first, so a late write of a
 * failed attempt can never land in the file that is kept.
 */
function fileSink(target: string): Sink {
  let current: PartFile | undefined;
  return {
    writerFactory: async () => {
      const previous = current;
      current = undefined;
      await discard(previous);
      if (!previous) await removeStalePartials(target);
      const path = partialPath(target);
      current = { path, file: createWriteStream(path, { flags: 'wx', flush: true }) };
      return current.file;
    },
    commit: async () => {
      if (!current) throw cliFailure(`nothing was written for ${target}`, 'WriterError');
      // Closed means every byte is on disk (flush) and the descriptor is released.
      await finished(current.file);
      await rename(current.path, target);
      current = undefined;
    },
    abort: async () => {
      const last = current;
      current = undefined;
      await discard(last);
    },
  };
}

/** Stdout for `-` or no --out, else a file that appears only when the transfer succeeded. */
export function sinkOf(io: Io, out: string | undefined): Sink {
  return out === undefined || out === '-' ? stdoutSink(io) : fileSink(inCwd(io, out));
}

/** Run a download into a sink, committing or cleaning up, and report it. */
export async function runDownload(
  sink: Sink,
  progress: Progress,
  transfer: (w: WriterFactory) => Promise<string>,
): Promise<string> {
  try {
    const contentType = await transfer(sink.writerFactory);
    await sink.commit();
    progress.done(`, ${contentType}`);
    return contentType;
  } catch (err) {
    progress.failed();
    await sink.abort();
    throw err;
  }
}
