// What the Taskcluster auth service does with a Hawk id and ext before checking the MAC
// (services/auth signaturevalidator): find the issuer, check a certificate and derive the
// temporary key, then apply authorizedScopes. Throws with the service's own messages.
import { createHmac, timingSafeEqual } from 'node:crypto';
import scopes from 'taskcluster-lib-scopes';

/** A permanent client as the auth service stores it. */
export interface PermanentClient {
  accessToken: string;
  scopes: string[];
}

/** The Hawk credentials the service verifies the MAC with, plus what the request may do. */
export interface ServiceCredentials {
  id: string;
  key: string;
  algorithm: 'sha256';
  /** The clientId whose accessToken signed (the issuer for temporary credentials). */
  issuer: string;
  scopes: string[];
}

interface Ext {
  certificate?: Record<string, unknown>;
  authorizedScopes?: unknown;
}

const DAY = 24 * 60 * 60 * 1000;
const SKEW = 5 * 60 * 1000;
const VALID_SCOPE = /^[\x20-\x7e]*$/;
const isScopeList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((s) => typeof s === 'string' && VALID_SCOPE.test(s));

/** The text the service signs for a certificate. */
export function certificateSignature(
  key: string,
  cert: Record<string, unknown>,
  credentialName: string,
): string {
  const lines = ['version:1'];
  if (cert.issuer) lines.push(`clientId:${credentialName}`, `issuer:${String(cert.issuer)}`);
  lines.push(
    `seed:${String(cert.seed)}`,
    `start:${String(cert.start)}`,
    `expiry:${String(cert.expiry)}`,
    'scopes:',
  );
  return createHmac('sha256', key)
    .update([...lines, ...(cert.scopes as string[])].join('\n'))
    .digest('base64');
}

/** The accessToken of temporary credentials: URL-safe base64 HMAC of the seed, unpadded. */
export function temporaryKey(key: string, seed: string): string {
  return createHmac('sha256', key)
    .update(seed)
    .digest('base64')
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=/g, '');
}

/** Decode a base64 Hawk ext as the service does. */
export function parseExt(ext: string | undefined): Ext | undefined {
  if (!ext) return undefined;
  try {
    return JSON.parse(Buffer.from(ext, 'base64').toString('utf-8')) as Ext;
  } catch {
    throw new Error('Failed to parse ext');
  }
}

function checkCertificateShape(
  cert: unknown,
  now: number,
): asserts cert is Record<string, unknown> {
  if (!(cert instanceof Object)) throw new Error('ext.certificate must be a JSON object');
  const c = cert as Record<string, unknown>;
  if (c.version !== 1) throw new Error('ext.certificate.version must be 1');
  if (typeof c.seed !== 'string' || c.seed.length !== 44)
    throw new Error('ext.certificate.seed must be 44 characters');
  if (typeof c.start !== 'number') throw new Error('ext.certificate.start must be a number');
  if (typeof c.expiry !== 'number') throw new Error('ext.certificate.expiry must be a number');
  if (!isScopeList(c.scopes))
    throw new Error('ext.certificate.scopes must be an array of valid scopes');
  if (c.start > now + SKEW) throw new Error('ext.certificate.start > now');
  if (c.expiry < now - SKEW) throw new Error('ext.certificate.expiry < now');
  if (c.expiry - c.start > 31 * DAY)
    throw new Error('ext.certificate cannot last longer than 31 days!');
}

function applyCertificate(
  cert: unknown,
  name: string,
  issuer: string,
  client: PermanentClient,
  now: number,
) {
  checkCertificateShape(cert, now);
  if (issuer !== name) {
    if (!scopes.satisfiesExpression(client.scopes, `auth:create-client:${name}`)) {
      throw new Error(
        `ext.certificate issuer \`${issuer}\` doesn't have \`auth:create-client:${name}\` for supplied clientId.`,
      );
    }
  } else if ('clientId' in cert) {
    throw new Error('ext.certificate.clientId must only be used with ext.certificate.issuer');
  }
  const certScopes = cert.scopes as string[];
  if (!scopes.satisfiesExpression(client.scopes, { AllOf: certScopes })) {
    throw new Error(
      `ext.certificate issuer \`${issuer}\` doesn't satisfy all certificate scopes ${certScopes.join(', ')}.`,
    );
  }
  const expected = Buffer.from(certificateSignature(client.accessToken, cert, name));
  const given = Buffer.from(typeof cert.signature === 'string' ? cert.signature : '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new Error(
      cert.issuer
        ? 'ext.certificate.signature is not valid, or wrong clientId provided'
        : 'ext.certificate.signature is not valid',
    );
  }
  return { key: temporaryKey(client.accessToken, cert.seed as string), scopes: certScopes };
}

/**
 * The credentials the service would verify a request from `credentialName` with, or a throw
 * with the service's reason. `now` is the service's clock in ms.
 */
export function serviceCredentials(
  credentialName: string,
  ext: Ext | undefined,
  clients: Record<string, PermanentClient>,
  now = Date.now(),
): ServiceCredentials {
  let issuer = credentialName;
  const certIssuer = ext?.certificate?.issuer;
  if (certIssuer !== undefined) {
    if (typeof certIssuer !== 'string') throw new Error('ext.certificate.issuer must be a string');
    if (certIssuer === credentialName)
      throw new Error('ext.certificate.issuer must differ from the supplied clientId');
    issuer = certIssuer;
  }
  const client = Object.hasOwn(clients, issuer) ? clients[issuer] : undefined;
  if (!client) throw new Error(`Client with clientId '${issuer}' not found`);
  let result = { key: client.accessToken, scopes: client.scopes };
  if (ext?.certificate)
    result = applyCertificate(ext.certificate, credentialName, issuer, client, now);
  if (ext?.authorizedScopes !== undefined) {
    if (!isScopeList(ext.authorizedScopes))
      throw new Error('ext.authorizedScopes must be an array of valid scopes');
    if (!scopes.satisfiesExpression(result.scopes, { AllOf: ext.authorizedScopes })) {
      throw new Error('Supplied credentials do not satisfy authorizedScopes');
    }
    result = { ...result, scopes: ext.authorizedScopes };
  }
  return { id: credentialName, algorithm: 'sha256', issuer, ...result };
}
