// Hawk request signing and bewits (sha256, no payload hash), the normalised strings of
// @hapi/hawk, with the HMAC key object cached per client; clock and nonce are parameters.
// Our own few lines keep @hapi/hawk (and its dependencies) out of the import graph.
import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { Origin } from '../client/urls.js';

export interface Signer {
  readonly id: string;
  readonly key: KeyObject;
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
    key: createSecretKey(Buffer.from(accessToken, 'utf8')),
    ext,
  });
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
  const normalized = `hawk.1.${kind}\n${ts}\n${nonceValue}\n${method}\n${resource}\n${host.toLowerCase()}\n${port}\n\n${signer.ext ?? ''}\n`;
  return createHmac('sha256', signer.key).update(normalized).digest('base64');
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
  return `Hawk id="${signer.id}", ts="${ts}", nonce="${nonceValue}"${ext}, mac="${signature}"`;
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
  return Buffer.from(`${signer.id}\\${exp}\\${signature}\\${signer.ext ?? ''}`).toString(
    'base64url',
  );
}
