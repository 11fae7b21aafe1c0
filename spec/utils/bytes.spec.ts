import { describe, it, expect } from '@jest/globals';
import { createHmac } from 'node:crypto';
import {
  base64,
  base64url,
  hmacSha256,
  hmacSigner,
  randomBytes,
  utf8,
} from '../../lib/utils/bytes.js';
import { inspect } from 'node:util';

// node:crypto and Buffer are the oracle: the portable helpers must agree with them byte for byte.
const TEXTS = ['', 'a', 'ab', 'abc', 'hawk.1.header\n1\nn\nGET\n/\nh\n443\n\n\n', 'é✓ 𝄞 ~~~???>>>'];

describe('base64', () => {
  it.each(TEXTS)('encodes %j as Buffer does, padded and URL-safe', (text) => {
    const bytes = utf8(text);
    expect(Buffer.from(bytes).equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(base64(bytes)).toBe(Buffer.from(text).toString('base64'));
    expect(base64url(bytes)).toBe(Buffer.from(text).toString('base64url'));
  });
});

describe('hmacSha256', () => {
  it.each(TEXTS)('signs %j as node:crypto does', (text) => {
    const expected = createHmac('sha256', 'tok€n').update(text).digest('base64');
    expect(base64(hmacSha256('tok€n', text))).toBe(expected);
  });
});

describe('hmacSigner', () => {
  it('signs many messages from one keyed state, each as a fresh HMAC would', () => {
    const sign = hmacSigner('secret-token');
    for (const text of [...TEXTS, ...TEXTS])
      expect(Buffer.from(sign(text)).toString('hex')).toBe(
        createHmac('sha256', 'secret-token').update(text).digest('hex'),
      );
  });

  it('shows nothing of its key under util.inspect', () => {
    expect(inspect(hmacSigner('secret-token'), { showHidden: true, depth: 9 })).not.toMatch(
      /secret|[0-9a-f]{16}|Uint8Array/,
    );
  });
});

describe('randomBytes', () => {
  it('gives the length asked for, different each time', () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    expect([a.length, b.length]).toEqual([32, 32]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });
});
