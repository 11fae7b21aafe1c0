// Temporary credentials: a certificate signed with the issuer's accessToken, exactly as the
// Taskcluster auth service re-derives it, in the JS client's object form and the Python
// client's positional form.
import { failure } from '../errors.js';
import { base64, base64url, hmacSha256 } from '../utils/bytes.js';
import { slugId } from '../utils/slug-id.js';
import { isValidDate } from '../utils/from-now.js';

/** Permanent credentials that may issue temporary ones. */
export interface IssuerCredentials {
  clientId: string;
  accessToken: string;
  certificate?: string | object | null;
}

/** The official JS client's options for {@link createTemporaryCredentials}. */
export interface TemporaryCredentialsOptions {
  credentials: IssuerCredentials;
  /** Default: now. */
  start?: Date;
  expiry: Date;
  /** Default: no scopes. */
  scopes?: readonly string[];
  /** Makes a *named* temporary credential with this clientId. */
  clientId?: string | null;
}

/** Credentials usable wherever permanent ones are; `certificate` is a JSON string. */
export interface TemporaryCredentials {
  clientId: string;
  accessToken: string;
  certificate: string;
}

/** A temporary credential's certificate, as the auth service reads it. */
export interface Certificate {
  version: 1;
  scopes: string[];
  start: number;
  expiry: number;
  seed: string;
  signature: string;
  issuer?: string;
}

interface Request {
  issuer: IssuerCredentials;
  start: Date;
  expiry: Date;
  scopes: readonly string[];
  name?: string | undefined;
}

const MAX_SPAN_MS = 31 * 24 * 60 * 60 * 1000;
// The auth service's rule for a valid scope: printable ASCII, space included.
const VALID_SCOPE = /^[\x20-\x7e]*$/;

/**
 * Create temporary credentials valid from `start` (default now) to `expiry`, at most 31 days,
 * limited to `scopes`. With `clientId` the credentials are *named*: they authenticate as that
 * clientId (the issuer needs `auth:create-client:<clientId>`). The issuer must hold permanent
 * credentials. Also callable positionally in the Python client's order:
 * `createTemporaryCredentials(clientId, accessToken, start, expiry, scopes, name?)`.
 *
 * @example createTemporaryCredentials({credentials, expiry: fromNow('1 hour'), scopes: ['queue:get-artifact:private/*']})
 */
export function createTemporaryCredentials(
  options: TemporaryCredentialsOptions,
): TemporaryCredentials;
export function createTemporaryCredentials(
  clientId: string,
  accessToken: string,
  start: Date,
  expiry: Date,
  scopes: readonly string[],
  name?: string | null,
): TemporaryCredentials;
export function createTemporaryCredentials(...args: unknown[]): TemporaryCredentials {
  return issue(typeof args[0] === 'string' ? fromPositional(args) : fromOptions(args[0]));
}

function fromOptions(options: unknown): Request {
  if (!isObject(options)) throw failure('createTemporaryCredentials: options must be an object');
  const {
    credentials,
    start = new Date(),
    expiry,
    scopes = [],
    clientId,
  } = options as Partial<TemporaryCredentialsOptions>;
  if (!isObject(credentials))
    throw failure('createTemporaryCredentials: options.credentials is required');
  // Like both official clients, an empty name means an unnamed credential.
  return {
    issuer: credentials,
    start,
    expiry: expiry as Date,
    scopes,
    name: clientId || undefined,
  };
}

function fromPositional(args: unknown[]): Request {
  const [clientId, accessToken, start, expiry, scopes, name] = args;
  if (args.length < 5) {
    throw failure(
      'createTemporaryCredentials: positional form is (clientId, accessToken, start, expiry, scopes, name?)',
    );
  }
  return {
    issuer: { clientId: clientId as string, accessToken: accessToken as string },
    start: start as Date,
    expiry: expiry as Date,
    scopes: scopes as string[],
    name: (name as string | null | undefined) || undefined,
  };
}

function issue(request: Request): TemporaryCredentials {
  validate(request);
  const { issuer, name } = request;
  const unsigned = {
    version: 1 as const,
    scopes: [...request.scopes],
    start: request.start.getTime(),
    expiry: request.expiry.getTime(),
    seed: slugId() + slugId(),
  };
  const certificate: Certificate = {
    ...unsigned,
    signature: sign(issuer.accessToken, unsigned, name, issuer.clientId),
  };
  if (name !== undefined) certificate.issuer = issuer.clientId;
  const accessToken = base64url(hmacSha256(issuer.accessToken, certificate.seed));
  return {
    clientId: name ?? issuer.clientId,
    accessToken,
    certificate: JSON.stringify(certificate),
  };
}

// The exact text the auth service signs: lines joined by "\n", no trailing newline, so an
// empty scope list ends in "scopes:".
function sign(
  key: string,
  cert: Omit<Certificate, 'signature'>,
  name: string | undefined,
  issuerId: string,
): string {
  const lines = [`version:${String(cert.version)}`];
  if (name !== undefined) lines.push(`clientId:${name}`, `issuer:${issuerId}`);
  lines.push(
    `seed:${cert.seed}`,
    `start:${String(cert.start)}`,
    `expiry:${String(cert.expiry)}`,
    'scopes:',
    ...cert.scopes,
  );
  return base64(hmacSha256(key, lines.join('\n')));
}

function validate({ issuer, start, expiry, scopes, name }: Request): void {
  const { clientId, accessToken, certificate } = issuer;
  if (!isNonEmptyString(clientId))
    throw failure('createTemporaryCredentials: the issuer clientId must be a non-empty string');
  if (!isNonEmptyString(accessToken))
    throw failure('createTemporaryCredentials: the issuer accessToken must be a non-empty string');
  if (certificate !== undefined && certificate !== null && certificate !== '') {
    throw failure(
      'createTemporaryCredentials: temporary credentials cannot issue temporary credentials; use permanent credentials (no certificate)',
    );
  }
  validateTimes(start, expiry);
  validateScopes(scopes);
  if (name !== undefined && typeof name !== 'string')
    throw failure('createTemporaryCredentials: the name (clientId) must be a string');
  if (name === clientId) {
    throw failure(
      `createTemporaryCredentials: the name ${JSON.stringify(name)} must differ from the issuer's clientId`,
    );
  }
}

function validateTimes(start: unknown, expiry: unknown): void {
  if (!isValidDate(start)) throw failure('createTemporaryCredentials: start must be a valid Date');
  if (!isValidDate(expiry))
    throw failure('createTemporaryCredentials: expiry must be a valid Date');
  const span = expiry.getTime() - start.getTime();
  if (span <= 0)
    throw failure(
      `createTemporaryCredentials: expiry (${expiry.toJSON()}) must be after start (${start.toJSON()})`,
    );
  if (span > MAX_SPAN_MS) {
    throw failure(
      `createTemporaryCredentials: credentials cannot span more than 31 days (${start.toJSON()} to ${expiry.toJSON()})`,
    );
  }
}

function validateScopes(scopes: unknown): void {
  if (!Array.isArray(scopes))
    throw failure('createTemporaryCredentials: scopes must be an array of strings');
  for (let i = 0; i < scopes.length; i++) {
    const scope: unknown = scopes[i];
    if (typeof scope !== 'string')
      throw failure(
        `createTemporaryCredentials: scopes[${String(i)}] must be a string, got ${typeof scope}`,
      );
    if (!VALID_SCOPE.test(scope)) {
      throw failure(
        `createTemporaryCredentials: scopes[${String(i)}] ${JSON.stringify(scope)} is not a valid scope (printable ASCII only); the auth service would refuse the certificate`,
      );
    }
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
