// Who is calling: Hawk verification with @hapi/hawk (Authorization header, or a bewit on GET),
// temporary credentials from the certificate in `ext`, `authorizedScopes`, role expansion.
import Hawk from '@hapi/hawk';
import { missingScopes } from './scope-expression.js';
import { isValidScope, verifyCertificate } from './certificate.js';
import { answerOf, serviceError } from './responses.js';
import type { ClientDirectory } from './clients.js';

/** Set by the server adapter: the request target exactly as sent, which the Hawk MAC covers. */
export const REQUEST_TARGET_HEADER = 'x-sandbox-request-target';

/** An authenticated (or anonymous) caller and the scopes it holds, expanded. */
export interface Caller {
  clientId?: string;
  scopes: string[];
}

// The auth service allows 15 minutes of clock skew on Authorization headers.
const SKEW_SEC = 15 * 60;

export interface Ext {
  certificate?: unknown;
  authorizedScopes?: unknown;
}

/** The caller of `request`; throws a 401 response when its credentials do not hold. */
export async function authenticate(
  request: Request,
  directory: ClientDirectory,
  now = Date.now(),
): Promise<Caller> {
  const url = new URL(request.url);
  const target = request.headers.get(REQUEST_TARGET_HEADER) ?? url.pathname + url.search;
  const authorization = request.headers.get('authorization') ?? undefined;
  if (!authorization && !url.searchParams.has('bewit'))
    return { scopes: directory.anonymousScopes() };
  try {
    const ext = parseExt(
      authorization ? headerExt(authorization) : bewitExt(url.searchParams.get('bewit') ?? ''),
    );
    let granted: string[] = [];
    const credentialsFunc = (id: string) => {
      const found = !ext.certificate
        ? directory.permanent(id)
        : verifyCertificate(id, ext.certificate, (issuerId) => directory.issuer(issuerId), now);
      if (!found) return undefined;
      granted = found.scopes;
      return { id, key: found.accessToken, algorithm: 'sha256' };
    };
    const req = {
      method: request.method,
      url: target,
      // Without a Host header (a request that never crossed a socket) the port is explicit, as the client signed it.
      headers: { host: request.headers.get('host') ?? hostWithPort(url), authorization },
    };
    const { credentials } = authorization
      ? await Hawk.server.authenticate(req, credentialsFunc, { timestampSkewSec: SKEW_SEC })
      : await Hawk.server.authenticateBewit(req, credentialsFunc);
    const scopes = restrict(
      directory,
      directory.expand([...granted, 'assume:anonymous']),
      ext.authorizedScopes,
    );
    return { clientId: credentials.id, scopes };
  } catch (err) {
    if (answerOf(err)) throw err;
    throw serviceError(
      401,
      'AuthenticationFailed',
      `Authentication failed: ${(err as Error).message}`,
    );
  }
}

function restrict(
  directory: ClientDirectory,
  scopes: string[],
  authorizedScopes: unknown,
): string[] {
  if (!authorizedScopes) return scopes;
  if (!Array.isArray(authorizedScopes) || !authorizedScopes.every(isValidScope)) {
    throw serviceError(
      401,
      'AuthenticationFailed',
      'Authentication failed: ext.authorizedScopes must be an array of valid scopes',
    );
  }
  if (missingScopes(scopes, { AllOf: authorizedScopes })) {
    throw serviceError(
      401,
      'AuthenticationFailed',
      'Authentication failed: the credentials do not satisfy authorizedScopes',
    );
  }
  // Every client holds the anonymous role, authorizedScopes or not, as in the auth service.
  return directory.expand([...authorizedScopes, 'assume:anonymous']);
}

/** The Hawk `ext` of a request (Authorization header or bewit), parsed; `{}` when there is none. */
export function requestExt(request: Request): Ext {
  const authorization = request.headers.get('authorization');
  if (authorization) return parseExt(headerExt(authorization));
  const bewit = new URL(request.url).searchParams.get('bewit');
  return bewit ? parseExt(bewitExt(bewit)) : {};
}

function hostWithPort(url: URL): string {
  return `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
}

function headerExt(authorization: string): string {
  return /\bext="([^"]*)"/.exec(authorization)?.[1] ?? '';
}

// A bewit is base64url of `id\exp\mac\ext`.
function bewitExt(bewit: string): string {
  return Buffer.from(bewit, 'base64url').toString('utf8').split('\\')[3] ?? '';
}

function parseExt(ext: string): Ext {
  if (!ext) return {};
  try {
    const parsed = JSON.parse(Buffer.from(ext, 'base64').toString('utf8')) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
  } catch {
    // reported below
  }
  throw serviceError(
    401,
    'AuthenticationFailed',
    'Authentication failed: ext is not base64-encoded JSON',
  );
}
