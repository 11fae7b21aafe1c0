import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { TaskclusterFailure } from '../../lib/errors.js';
import { Hasher, verifyHashes } from '../../lib/objects/hash-stream.js';

const DATA = Buffer.from('the quick brown fox');
const SHA256 = createHash('sha256').update(DATA).digest('hex');
const SHA512 = createHash('sha512').update(DATA).digest('hex');
const COMPUTED = { sha256: SHA256, sha512: SHA512 };

describe('Hasher', () => {
  it('hashes the bytes that pass through its transform, in any chunking', async () => {
    const hasher = new Hasher();
    const seen: Buffer[] = [];
    await pipeline(
      Readable.from([DATA.subarray(0, 3), DATA.subarray(3)]),
      hasher.transform(),
      new Writable({
        write(chunk: Buffer, _e, cb) {
          seen.push(chunk);
          cb();
        },
      }),
    );
    expect(hasher.digest()).toEqual(COMPUTED);
    expect(hasher.bytes).toBe(DATA.length);
    expect(Buffer.concat(seen).equals(DATA)).toBe(true);
  });
});

describe('verifyHashes', () => {
  it.each([
    ['both hashes', { sha256: SHA256, sha512: SHA512 }],
    ['sha256 alone', { sha256: SHA256 }],
    ['sha512 alone', { sha512: SHA512 }],
    ['upper-case hex', { sha512: SHA512.toUpperCase() }],
    ['an unknown algorithm beside a known one', { sha256: SHA256, blake9: 'zz' }],
  ])('accepts %s', (_what, advertised) => {
    expect(() => {
      verifyHashes('t', COMPUTED, advertised);
    }).not.toThrow();
  });

  it.each([
    ['a wrong sha256', { sha256: '0'.repeat(64), sha512: SHA512 }, 'HashMismatch'],
    ['a wrong sha512', { sha256: SHA256, sha512: 'f'.repeat(128) }, 'HashMismatch'],
    ['a non-string hash', { sha256: 42 }, 'HashMismatch'],
    ['no hashes', {}, 'NoAcceptableHash'],
    ['only unknown algorithms', { md5: 'abc' }, 'NoAcceptableHash'],
    ['no hash object', undefined, 'NoAcceptableHash'],
  ])('refuses %s', (_what, advertised, code) => {
    let error: unknown;
    try {
      verifyHashes('download(x)', COMPUTED, advertised);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TaskclusterFailure);
    expect(error).toMatchObject({ code, message: expect.stringMatching(/^download\(x\): /) });
  });
});
