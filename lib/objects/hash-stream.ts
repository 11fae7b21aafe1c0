// Hashing of object bytes while they stream (sha256 and sha512 in one pass), and the check of
// the hashes a download computed against those the object service advertises.
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { failure } from '../errors.js';

/** The algorithms the object service accepts as proof of integrity. */
export const ACCEPTABLE_HASHES: ReadonlySet<string> = new Set(['sha256', 'sha512']);

/** Digests in the object service's form, `{algorithm: lowercase hex}`. */
export type Hashes = Record<string, string>;

/** sha256 and sha512 of every byte given to update(), and their count. */
export class Hasher {
  readonly #sha256: Hash = createHash('sha256');
  readonly #sha512: Hash = createHash('sha512');
  bytes = 0;

  update(chunk: Buffer): void {
    this.#sha256.update(chunk);
    this.#sha512.update(chunk);
    this.bytes += chunk.length;
  }

  /** The digests; call once, when every byte has been seen. */
  digest(): { sha256: string; sha512: string } {
    return { sha256: this.#sha256.digest('hex'), sha512: this.#sha512.digest('hex') };
  }

  /** A pass-through stream that feeds this hasher. */
  transform(): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) => {
        this.update(chunk);
        callback(null, chunk);
      },
    });
  }
}

/**
 * Fail unless every advertised hash of a known algorithm equals the computed one, and at
 * least one acceptable algorithm was advertised. Unknown algorithms are skipped, as the
 * object service asks of well-behaved downloaders.
 */
export function verifyHashes(label: string, computed: Hashes, advertised: unknown): void {
  const expected = (advertised && typeof advertised === 'object' ? advertised : {}) as Record<
    string,
    unknown
  >;
  let acceptable = false;
  for (const [algorithm, value] of Object.entries(expected)) {
    const mine = computed[algorithm];
    if (mine === undefined) continue;
    if (typeof value !== 'string' || value.toLowerCase() !== mine) {
      throw failure(
        `${label}: the ${algorithm} of the downloaded data does not match the object service's`,
        {
          code: 'HashMismatch',
          algorithm,
        },
      );
    }
    if (ACCEPTABLE_HASHES.has(algorithm)) acceptable = true;
  }
  if (!acceptable) {
    throw failure(
      `${label}: the object service advertised no sha256 or sha512 hash to verify the data against`,
      {
        code: 'NoAcceptableHash',
      },
    );
  }
}
