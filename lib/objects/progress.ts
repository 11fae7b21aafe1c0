// Node-only: transfer progress. Counts the bytes of one attempt for the caller's `onProgress`,
// restarting at zero when a retried attempt starts over.
import { Transform } from 'node:stream';

/** Called as bytes move: the attempt's bytes so far, the total when known, the attempt (1, 2, ...). */
export type ProgressListener = (bytes: number, total: number | undefined, attempt: number) => void;

/** A pass-through stage that reports the bytes flowing through it. */
export function progressStage(
  listener: ProgressListener,
  total: number | undefined,
  attempt: number,
): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      listener(bytes, total, attempt);
      done(null, chunk);
    },
  });
}

/** The chunks of `source`, reporting the bytes that have passed. */
export async function* progressBytes(
  source: AsyncIterable<Buffer>,
  listener: ProgressListener,
  total: number,
  attempt: number,
): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of source) {
    bytes += chunk.length;
    listener(bytes, total, attempt);
    yield chunk;
  }
}
