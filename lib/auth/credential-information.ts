// credentialInformation: what a set of credentials is and may do, from the certificate and
// the auth service (`client` of the issuer, anonymously; `currentScopes` with the credentials).
import { createClient } from '../client/create-client.js';
import type { ClientOptions, Credentials } from '../options.js';
import { failure } from '../errors.js';

/** What {@link credentialInformation} finds out, shaped like the official JS client's answer. */
export interface CredentialInformation {
  clientId: string;
  /** Whether the credentials work now: not disabled, started, not expired. */
  active: boolean;
  /** `temporary` when the credentials carry a certificate. */
  type: 'permanent' | 'temporary';
  /** The scopes the credentials have, expanded by the auth service. */
  scopes: string[];
  /** Temporary credentials only: when the certificate starts. */
  start?: Date;
  /** The earlier of the certificate's expiry and the (issuing) client's. */
  expiry?: Date;
}

/** Client options for the two auth calls (retries, timeout, dispatcher...); references default to the bundled snapshot. */
export type CredentialInformationOptions = Omit<
  ClientOptions,
  'rootUrl' | 'credentials' | 'authorizedScopes' | 'fake'
>;

interface CertificateTimes {
  scopes?: unknown;
  start?: unknown;
  expiry?: unknown;
  issuer?: unknown;
}

const WHAT = 'credentialInformation(rootUrl, credentials)';

/**
 * Describe `credentials` on the deployment at `rootUrl`: type, active, start, expiry and
 * scopes, as the official JS client's `credentialInformation` does. Makes two calls to the
 * auth service: `client` for the (issuing) client, anonymously, and `currentScopes` with the
 * credentials themselves.
 *
 * @example const { type, active, expiry, scopes } = await credentialInformation(rootUrl, credentials);
 */
export async function credentialInformation(
  rootUrl: string,
  credentials: Credentials,
  options: CredentialInformationOptions = {},
): Promise<CredentialInformation> {
  checkInput(rootUrl, credentials);
  const cert = certificateOf(credentials);
  const result: CredentialInformation = {
    clientId: credentials.clientId,
    active: true,
    type: cert ? 'temporary' : 'permanent',
    scopes: [],
  };
  if (cert)
    Object.assign(result, {
      scopes: cert.scopes,
      start: new Date(cert.start as number),
      expiry: new Date(cert.expiry as number),
    });
  const issuer = typeof cert?.issuer === 'string' ? cert.issuer : result.clientId;
  const base = { references: 'bundled' as const, ...options, rootUrl };
  const [client, current] = await Promise.all([
    createClient('auth', { ...base, credentials: {} }).client(issuer) as Promise<{
      expires?: string;
      disabled?: boolean;
    }>,
    createClient('auth', {
      ...base,
      credentials: credentials.accessToken ? credentials : {},
    }).currentScopes() as Promise<{ scopes: string[] }>,
  ]);
  const expires = new Date(client.expires as string);
  if (!Number.isNaN(expires.getTime()) && (!result.expiry || result.expiry > expires))
    result.expiry = expires;
  result.scopes = current.scopes;
  const now = new Date();
  result.active =
    !client.disabled &&
    !(result.start && result.start > now) &&
    !(result.expiry && now > result.expiry);
  return result;
}

function checkInput(
  rootUrl: unknown,
  credentials: unknown,
): asserts credentials is Credentials & { clientId: string } {
  if (typeof rootUrl !== 'string' || !rootUrl)
    throw failure(`${WHAT}: rootUrl must be a non-empty string`);
  const c = credentials as { clientId?: unknown; accessToken?: unknown } | null | undefined;
  if (typeof c !== 'object' || c === null)
    throw failure(`${WHAT}: credentials must be an object with a clientId`);
  if (typeof c.clientId !== 'string' || !c.clientId)
    throw failure(`${WHAT}: credentials.clientId must be a non-empty string`);
  // Without an accessToken the scopes are the anonymous ones, as the official client reports them.
  if (c.accessToken !== undefined && (typeof c.accessToken !== 'string' || !c.accessToken))
    throw failure(`${WHAT}: credentials.accessToken, when given, must be a non-empty string`);
}

// Like the official client, any truthy certificate makes the credentials temporary.
function certificateOf({ certificate }: Credentials): CertificateTimes | undefined {
  if (!certificate) return undefined;
  let cert: unknown = certificate;
  if (typeof certificate === 'string') {
    try {
      cert = JSON.parse(certificate);
    } catch (cause) {
      throw failure(`${WHAT}: credentials.certificate is not valid JSON`, { cause });
    }
  }
  const c = cert as CertificateTimes | null;
  if (
    typeof c !== 'object' ||
    c === null ||
    typeof c.start !== 'number' ||
    typeof c.expiry !== 'number' ||
    !Array.isArray(c.scopes)
  ) {
    throw failure(
      `${WHAT}: credentials.certificate must be an object with numeric start and expiry and a scopes array`,
    );
  }
  return c;
}
