// Hawk request signing (sha256, no payload hash) with the HMAC key object cached per client;
// clock and nonce are parameters so the signing itself is pure. Bewits come from @hapi/hawk.
import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import Hawk from '@hapi/hawk';
import type { Origin } from '../client/urls.js';

export interface Signer {
  readonly id: string;
  readonly key: KeyObject;
  readonly ext: string | undefined;
  /** Kept out of enumeration so that no inspection shows it. */
  readonly accessToken: string;
}

/** A signer for a clientId/accessToken pair and an ext value. */
export function createSigner(clientId: string, accessToken: string, ext: string | undefined): Signer {
  const signer = { id: clientId, key: createSecretKey(Buffer.from(accessToken, 'utf8')), ext } as Signer;
  Object.defineProperty(signer, 'accessToken', { value: accessToken, enumerable: false });
  return Object.freeze(signer);
}

let pool = Buffer.alloc(0);
let offset = 0;

/** A fresh 8-character nonce, from a pool of random bytes refilled in bulk. */
export function nonce(): string {
  if (offset + 6 > pool.length) {
    pool = randomBytes(6 * 512);
    offset = 0;
  }
  offset += 6;
  return pool.toString('base64url', offset - 6, offset);
}

/** The `Authorization: Hawk ...` value for one request. `resource` is path plus query. */
export function hawkHeader(signer: Signer, method: string, origin: Origin, resource: string, ts: number, nonceValue: string): string {
  const ext = signer.ext ?? '';
  const normalized = `hawk.1.header\n${ts}\n${nonceValue}\n${method}\n${resource}\n${origin.host.toLowerCase()}\n${origin.port}\n\n${ext}\n`;
  const mac = createHmac('sha256', signer.key).update(normalized).digest('base64');
  return `Hawk id="${signer.id}", ts="${ts}", nonce="${nonceValue}"${ext ? `, ext="${ext}"` : ''}, mac="${mac}"`;
}

/** A bewit for a GET of `url`, valid for `ttlSec` seconds from `now` (ms). */
export function bewit(signer: Signer, url: string, ttlSec: number, now: number = Date.now()): string {
  return Hawk.client.getBewit(url, {
    credentials: { id: signer.id, key: signer.accessToken, algorithm: 'sha256' },
    ttlSec,
    ext: signer.ext,
    localtimeOffsetMsec: now - Date.now(),
  });
}
