// Temporary credentials as the Taskcluster auth service checks them: the certificate's
// signature, its validity window, the issuer's scopes, and the accessToken derived from the
// seed. Written from the auth service's algorithm rather than shared with lib/auth, so that
// the sandbox can catch a mistake in the client's own signing.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { failure } from '../errors.js';
import { missingScopes } from './scope-expression.js';
import type { Certificate } from '../auth/temporary-credentials.js';

const SKEW_MS = 5 * 60 * 1000;
const MAX_LIFETIME_MS = 31 * 24 * 60 * 60 * 1000;

export type { Certificate };

/** A permanent client able to issue temporary credentials: its accessToken and expanded scopes. */
export interface Issuer {
  clientId: string;
  accessToken: string;
  scopes: readonly string[];
}

/** The signature over a certificate's lines, keyed by the issuer's accessToken. */
export function certificateSignature(
  issuerAccessToken: string,
  cert: Omit<Certificate, 'signature'>,
  clientId: string,
): string {
  const lines = ['version:1'];
  if (cert.issuer) lines.push(`clientId:${clientId}`, `issuer:${cert.issuer}`);
  lines.push(
    `seed:${cert.seed}`,
    `start:${String(cert.start)}`,
    `expiry:${String(cert.expiry)}`,
    'scopes:',
    ...cert.scopes,
  );
  return createHmac('sha256', issuerAccessToken).update(lines.join('\n')).digest('base64');
}

/** The accessToken of temporary credentials: URL-safe base64 HMAC of the seed, unpadded. */
export function temporaryAccessToken(issuerAccessToken: string, seed: string): string {
  return createHmac('sha256', issuerAccessToken).update(seed).digest('base64url');
}

/** Unnamed temporary credentials from `issuer` (the sandbox hands these out with object artifacts). */
export function issueCredentials(issuer: Issuer, scopes: string[], start: number, expiry: number) {
  const seed = randomBytes(33).toString('base64url');
  const unsigned = { version: 1 as const, scopes, start, expiry, seed };
  const certificate: Certificate = {
    ...unsigned,
    signature: certificateSignature(issuer.accessToken, unsigned, issuer.clientId),
  };
  return {
    clientId: issuer.clientId,
    accessToken: temporaryAccessToken(issuer.accessToken, seed),
    certificate: JSON.stringify(certificate),
  };
}

/** The accessToken and scopes of the temporary credential `clientId` presents with `raw`. Throws on any flaw. */
export function verifyCertificate(
  clientId: string,
  raw: unknown,
  findIssuer: (id: string) => Issuer | undefined,
  now: number,
) {
  const cert = parseCertificate(raw);
  if (cert.issuer !== undefined && cert.issuer === clientId)
    throw failure('ext.certificate.issuer must differ from the clientId');
  if (cert.start > now + SKEW_MS) throw failure('ext.certificate.start > now');
  if (cert.expiry < now - SKEW_MS) throw failure('ext.certificate.expiry < now');
  if (cert.expiry - cert.start > MAX_LIFETIME_MS)
    throw failure('ext.certificate cannot last longer than 31 days');
  const issuer = findIssuer(cert.issuer ?? clientId);
  if (!issuer)
    throw failure(
      `client ${cert.issuer ?? clientId} not found (only permanent clients issue temporary credentials)`,
    );
  const createScope = `auth:create-client:${clientId}`;
  if (cert.issuer && missingScopes(issuer.scopes, createScope)) {
    throw failure(
      `ext.certificate issuer \`${issuer.clientId}\` doesn't have \`${createScope}\` for supplied clientId.`,
    );
  }
  if (missingScopes(issuer.scopes, { AllOf: cert.scopes })) {
    throw failure(
      `ext.certificate issuer \`${issuer.clientId}\` doesn't satisfy all certificate scopes ${cert.scopes.join(', ')}.`,
    );
  }
  const expected = Buffer.from(certificateSignature(issuer.accessToken, cert, clientId));
  const given = Buffer.from(typeof cert.signature === 'string' ? cert.signature : '');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw failure(
      `ext.certificate.signature is not valid${cert.issuer ? ', or wrong clientId provided' : ''}`,
    );
  }
  return { accessToken: temporaryAccessToken(issuer.accessToken, cert.seed), scopes: cert.scopes };
}

function parseCertificate(raw: unknown): Certificate {
  // The service takes the certificate as a JSON object inside ext, never as a string.
  const c = raw as (Partial<Certificate> & { clientId?: unknown }) | null;
  if (!c || typeof c !== 'object' || Array.isArray(c))
    throw failure('ext.certificate must be a JSON object');
  if (c.version !== 1) throw failure('ext.certificate.version must be 1');
  if (typeof c.seed !== 'string' || c.seed.length !== 44)
    throw failure('ext.certificate.seed must be a string of 44 characters');
  if (typeof c.start !== 'number' || typeof c.expiry !== 'number')
    throw failure('ext.certificate.start and expiry must be numbers');
  if (!Array.isArray(c.scopes) || !c.scopes.every(isValidScope))
    throw failure('ext.certificate.scopes must be an array of valid scopes');
  if (c.issuer !== undefined && typeof c.issuer !== 'string')
    throw failure('ext.certificate.issuer must be a string');
  if (c.issuer === undefined && 'clientId' in c)
    throw failure('ext.certificate.clientId must only be used with ext.certificate.issuer');
  return c as Certificate;
}

/** Printable ASCII, as the services require of every scope. */
export function isValidScope(scope: unknown): scope is string {
  return typeof scope === 'string' && /^[\x20-\x7e]*$/.test(scope);
}
