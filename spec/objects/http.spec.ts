import { describe, expect, it } from '@jest/globals';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { decodersFor, safeUrl } from '../../lib/objects/http.js';

describe('safeUrl', () => {
  it.each([
    ['https://bucket.example/a/b?X-Amz-Signature=secret', 'https://bucket.example/a/b'],
    ['http://127.0.0.1:9/blobs/k?sig=s#frag', 'http://127.0.0.1:9/blobs/k'],
    ['not a url', '<invalid URL>'],
  ])('shows %s without its query as %s', (url, shown) => {
    expect(safeUrl(url)).toBe(shown);
  });
});

describe('decodersFor', () => {
  const plain = 'hello, decoded world';
  it.each([
    ['gzip', gzipSync(plain)],
    ['x-gzip', gzipSync(plain)],
    ['deflate', deflateSync(plain)],
    ['br', brotliCompressSync(plain)],
    ['gzip, br', brotliCompressSync(gzipSync(plain))],
    ['identity', Buffer.from(plain)],
  ])('undoes Content-Encoding %s', async (encoding, body) => {
    const decoders = decodersFor('t', encoding);
    const out = decoders.reduce<NodeJS.ReadableStream>(
      (stream, d) => stream.pipe(d),
      Readable.from([body]),
    );
    expect(await text(out)).toBe(plain);
  });

  it('has nothing to undo without a Content-Encoding', () => {
    expect(decodersFor('t', undefined)).toEqual([]);
  });

  it('refuses an encoding it cannot undo', () => {
    expect(() => decodersFor('download(x)', 'zstd')).toThrow(
      /download\(x\): .*unsupported Content-Encoding 'zstd'/,
    );
  });
});
