// Where the CLI's transfers read and write: counted readers over a file or stdin, and counted
// writers into stdout or into a temporary file renamed onto the target only once complete.
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { ReaderFactory, WriterFactory } from '../index.js';
import { cliFailure, readAll, usageError, type Io } from './output.js';
import { countingReader, countingWriter, Progress } from './progress.js';

export interface Source {
  size: number;
  readerFactory: ReaderFactory;
}

/** A file (or stdin, read into memory once because it cannot be replayed) as a counted reader factory. */
export async function sourceOf(io: Io, path: string, progress: (size: number) => Progress): Promise<Source> {
  if (path === '-') {
    const data = await readAll(io.stdin);
    const shown = progress(data.length);
    return { size: data.length, readerFactory: () => { shown.attempt(); return countingReader(Readable.from([data]), shown); } };
  }
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw usageError(`${path} is not a file`);
    size = info.size;
  } catch (err) {
    throw usageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, err);
  }
  const shown = progress(size);
  return { size, readerFactory: () => { shown.attempt(); return countingReader(createReadStream(path), shown); } };
}

export interface Sink {
  writerFactory: WriterFactory;
  /** Put the data in place (a file is renamed onto its target). */
  commit(): Promise<void>;
  /** Remove what a failed transfer left. */
  abort(): Promise<void>;
}

function stdoutSink(io: Io, progress: Progress): Sink {
  let written = 0;
  return {
    writerFactory: () => {
      // Bytes already on stdout cannot be taken back, so a retry after them is refused.
      if (written > 0) throw cliFailure(`${written} bytes were already written to stdout; retry with --out FILE`, 'CannotRetry');
      progress.attempt();
      return new Writable({
        write(chunk: Buffer, _encoding, callback) {
          written += chunk.length;
          progress.add(chunk.length);
          io.stdout.write(chunk, (err) => callback(err ?? null));
        },
      });
    },
    commit: async () => undefined,
    abort: async () => undefined,
  };
}

function fileSink(target: string, progress: Progress): Sink {
  const partial = join(dirname(target), `.${basename(target)}.${process.pid}-${Date.now()}.part`);
  return {
    writerFactory: () => {
      progress.attempt();
      return countingWriter(createWriteStream(partial), progress);
    },
    commit: () => rename(partial, target),
    abort: () => unlink(partial).catch(() => undefined),
  };
}

/** Stdout for `-` or no --out, else a file that appears only when the transfer succeeded. */
export function sinkOf(io: Io, out: string | undefined, progress: Progress): Sink {
  return out === undefined || out === '-' ? stdoutSink(io, progress) : fileSink(out, progress);
}

/** Run a download into a sink, committing or cleaning up, and report it. */
export async function runDownload(sink: Sink, progress: Progress, transfer: (w: WriterFactory) => Promise<string>): Promise<string> {
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
