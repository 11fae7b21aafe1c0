// Text and bytes without Buffer, so the same code runs in Node and in browsers: UTF-8,
// base64 and base64url, HMAC-SHA256 (@noble/hashes: synchronous, which Web Crypto is not, and
// buildSignedUrl must return a string) and random bytes from the platform's Web Crypto.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

const encoder = new TextEncoder();

/** The UTF-8 bytes of `text`. */
export const utf8 = (text: string): Uint8Array => encoder.encode(text);

/** Standard base64 with padding. */
export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** URL-safe base64 without padding. */
export const base64url = (bytes: Uint8Array): string =>
  base64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** HMAC-SHA256 of a UTF-8 message under a key held in a closure (inspecting it shows nothing). */
export type HmacSigner = (message: string) => Uint8Array;

/** A signer for `key` (UTF-8): the key is hashed in once; each message starts from a copy. */
export function hmacSigner(key: string): HmacSigner {
  const keyed = hmac.create(sha256, utf8(key));
  return (message) => keyed.clone().update(utf8(message)).digest();
}

/** HMAC-SHA256 of `message` under `key`, both UTF-8. */
export const hmacSha256 = (key: string, message: string): Uint8Array =>
  hmac(sha256, utf8(key), utf8(message));

/** `length` cryptographically random bytes. */
export function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}
