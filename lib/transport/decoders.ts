// Decoders that undo a data transfer's Content-Encoding. Kept here rather than undici's
// interceptors.decompress: that one is experimental in undici 7 (it prints an
// ExperimentalWarning into the user's process) and passes an unknown coding through undecoded,
// where a transfer must fail rather than store or hash the wrong bytes.
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { failure } from '../errors.js';

const DECODERS: Record<string, (() => Transform) | undefined> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** Decoders for a Content-Encoding, outermost coding last in the header, so undone first. */
export function decodersFor(label: string, contentEncoding: string | undefined): Transform[] {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity');
  return codings.reverse().map((coding) => {
    const make = DECODERS[coding];
    if (!make)
      throw failure(`${label}: the data has an unsupported Content-Encoding '${coding}'`, {
        code: 'UnsupportedEncoding',
      });
    return make();
  });
}
