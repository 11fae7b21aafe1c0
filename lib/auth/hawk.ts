// Hawk request signing and bewits (sha256, no payload hash), the normalised strings of
// @hapi/hawk, with the HMAC key object cached per client; clock and nonce are parameters.
// Our own few lines keep @hapi/hawk (and its dependencies) out of the import graph; the HMAC
// is synchronous and needs no node:crypto, so browsers sign alike (see ../utils/bytes.ts).
import {
  base64,
  base64url,
  hmacSigner,
  randomBytes,
  utf8,
  type HmacSigner,
} from '../utils/bytes.js';
import type { Origin } from '../client/urls.js';

export interface Signer {
  readonly id: string;
  readonly key: HmacSigner;
  readonly ext: string | undefined;
}

/** A signer for a clientId/accessToken pair and an ext value. */
export function createSigner(
  clientId: string,
  accessToken: string,
  ext: string | undefined,
): Signer {
  return Object.freeze({
    id: clientId,
    key: hmacSigner(accessToken),
    ext,
  });
}

let pool: Uint8Array = new Uint8Array(0);
let offset = 0;

/** A fresh 8-character nonce, from a pool of random bytes refilled in bulk. */
export function nonce(): string {
  if (offset + 6 > pool.length) {
    pool = randomBytes(6 * 512);
    offset = 0;
  }
  offset += 6;
  return base64url(pool.subarray(offset - 6, offset));
}

function mac(
  signer: Signer,
  kind: 'header' | 'bewit',
  ts: number,
  nonceValue: string,
  method: string,
  resource: string,
  host: string,
  port: number,
): string {
  const normalized = `hawk.1.${kind}\n${String(ts)}\n${nonceValue}\n${method}\n${resource}\n${host.toLowerCase()}\n${String(port)}\n\n${signer.ext ?? ''}\n`;
  return base64(signer.key(normalized));
}

/** The `Authorization: Hawk ...` value for one request. `resource` is path plus query. */
export function hawkHeader(
  signer: Signer,
  method: string,
  origin: Origin,
  resource: string,
  ts: number,
  nonceValue: string,
): string {
  const ext = signer.ext ? `, ext="${signer.ext}"` : '';
  const signature = mac(
    signer,
    'header',
    ts,
    nonceValue,
    method,
    resource,
    origin.host,
    origin.port,
  );
  return `Hawk id="${signer.id}", ts="${String(ts)}", nonce="${nonceValue}"${ext}, mac="${signature}"`;
}

/** A bewit for a GET of `url`, valid for `ttlSec` seconds from `now` (ms). */
export function bewit(
  signer: Signer,
  url: string,
  ttlSec: number,
  now: number = Date.now(),
): string {
  const { hostname, port, protocol, pathname, search } = new URL(url);
  const exp = Math.floor(now / 1000) + ttlSec;
  const portNumber = port ? Number(port) : protocol === 'https:' ? 443 : 80;
  const signature = mac(signer, 'bewit', exp, '', 'GET', pathname + search, hostname, portNumber);
  return base64url(utf8(`${signer.id}\\${String(exp)}\\${signature}\\${signer.ext ?? ''}`));
}
