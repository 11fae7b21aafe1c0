// Node-only (node:fs, node:stream). The bytes of an upload: a fresh source per attempt from a
// reader factory, a buffer or a file, read through hashing and held to the announced length.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { stat } from 'node:fs/promises';
import { failure, TaskclusterFailure } from '../errors.js';
import { messageOf } from '../utils/message-of.js';
import type { ReaderFactory } from './arguments.js';
import type { Hasher } from './hash-stream.js';

/** Largest slice of a buffer or file handed to the socket at once. */
const CHUNK_SIZE = 1 << 20;

type Source = AsyncIterable<Uint8Array | string>;

/** A reader factory over a buffer, in slices that share its memory. */
export function bufferReader(data: Uint8Array): ReaderFactory {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return () => fromIterable(slicesOf(buf));
}

function* slicesOf(buf: Buffer): Generator<Buffer> {
  for (let at = 0; at < buf.length; at += CHUNK_SIZE) yield buf.subarray(at, at + CHUNK_SIZE);
}

/** A reader factory over a file, and the file's size (checked before any request). */
export async function fileReader(
  fn: string,
  file: string,
): Promise<{ readerFactory: ReaderFactory; size: number }> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw failure(`${fn}: ${file} is not a regular file`);
    size = info.size;
  } catch (cause) {
    if (cause instanceof TaskclusterFailure) throw cause;
    throw failure(`${fn}: cannot read ${file}: ${(cause as Error).message}`, {
      code: 'ReaderError',
      cause,
    });
  }
  return { readerFactory: () => createReadStream(file, { highWaterMark: CHUNK_SIZE }), size };
}

const readerFailure = (label: string, cause: unknown) =>
  cause instanceof TaskclusterFailure
    ? cause
    : failure(`${label}: reading the data to upload failed: ${messageOf(cause)}`, {
        code: 'ReaderError',
        cause,
      });

/** Call the reader factory; whatever goes wrong there is the caller's, so never retried. */
export async function openReader(label: string, readerFactory: ReaderFactory): Promise<Source> {
  let source: unknown;
  try {
    source = await readerFactory();
  } catch (cause) {
    throw readerFailure(label, cause);
  }
  return asSource(label, source);
}

// An async generator is the plain way to serve a sync iterable as an async one.
// eslint-disable-next-line @typescript-eslint/require-await -- nothing to await: it only adapts
async function* fromIterable(chunks: Iterable<Uint8Array | string>): Source {
  yield* chunks;
}

/** A Readable or (async) iterable of chunks as is; a lone Buffer or string as one chunk. */
function asSource(label: string, source: unknown): Source {
  if (source instanceof Uint8Array || typeof source === 'string') return fromIterable([source]);
  if (source && typeof (source as Source)[Symbol.asyncIterator] === 'function')
    return source as Source;
  if (source && typeof (source as Iterable<Uint8Array>)[Symbol.iterator] === 'function')
    return fromIterable(source as Iterable<Uint8Array>);
  throw failure(
    `${label}: the reader factory must return a Readable or an (async) iterable of bytes`,
    { code: 'ReaderError' },
  );
}

const toBuffer = (chunk: Uint8Array | string): Buffer =>
  typeof chunk === 'string'
    ? Buffer.from(chunk)
    : Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);

/**
 * The source's bytes as Buffers, each hashed on the way; fails (never retried) when the
 * source breaks or yields more or fewer bytes than `length`.
 */
export async function* hashedBytes(
  label: string,
  source: Source,
  hasher: Hasher,
  length: number,
): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]();
  let exhausted = false;
  try {
    for (;;) {
      let step: IteratorResult<Uint8Array | string>;
      try {
        step = await iterator.next();
      } catch (cause) {
        exhausted = true;
        throw readerFailure(label, cause);
      }
      if (step.done) break;
      const chunk = toBuffer(step.value);
      hasher.update(chunk);
      if (hasher.bytes > length) throw lengthFailure(label, length, 'more');
      yield chunk;
    }
    exhausted = true;
  } finally {
    // Stopped early (refused length, or the request gave up): let the source close its file.
    if (!exhausted) await iterator.return?.();
  }
  if (hasher.bytes !== length) throw lengthFailure(label, length, `only ${String(hasher.bytes)}`);
}

/** Close a reader's source after an attempt, whether or not the request ever pulled from it. */
export async function closeSource(source: Source): Promise<void> {
  const stream = source as Partial<Readable>;
  if (typeof stream.destroy === 'function') {
    stream.destroy();
    return;
  }
  await source[Symbol.asyncIterator]().return?.();
}

function lengthFailure(label: string, length: number, got: string) {
  return failure(`${label}: contentLength is ${String(length)} but the reader gave ${got} bytes`, {
    code: 'ContentLengthMismatch',
  });
}

/** Read a small source whole (dataInline), hashing it and holding it to `length`. */
export async function readAll(
  label: string,
  source: Source,
  hasher: Hasher,
  length: number,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of hashedBytes(label, source, hasher, length)) chunks.push(chunk);
  return Buffer.concat(chunks, length);
}
