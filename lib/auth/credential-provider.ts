// Credentials that change: a provider function, called when credentials are needed and its
// answer cached until shortly before it expires; one refresh at a time, shared by every caller,
// and a refresh due soon runs in the background while calls keep the credentials they have.
import { failure, registerSecret } from '../errors.js';
import { checkCredentialFields } from './credential-shape.js';
import { messageOf } from '../utils/message-of.js';

/** Credentials a provider returns; `expires` (a Date, ISO string or ms) bounds how long they are used. */
export interface ProvidedCredentials {
  clientId?: string;
  accessToken?: string;
  certificate?: string | Record<string, unknown>;
  expires?: Date | string | number;
}

/** A function that fetches credentials (a vault, a token service, a credentials file...). */
export type CredentialsProvider = () => ProvidedCredentials | Promise<ProvidedCredentials>;

export interface CredentialSource {
  /** Credentials usable now; waits for the provider only when none are. */
  current(now?: number): Promise<ProvidedCredentials>;
  /** Credentials usable now, if the provider already gave some (for synchronous signing). */
  cached(now?: number): ProvidedCredentials | undefined;
}

interface Held {
  credentials: ProvidedCredentials;
  /** Refresh in the background from here on (ms). */
  refreshAt: number;
  /** Never sign with them from here on (ms). */
  usableUntil: number;
}

const WHAT = 'the credentials provider';
// Refresh five minutes early (half the lifetime for short ones); stop 30 s before the expiry so
// that a request signed just before it still arrives in time.
const REFRESH_MARGIN_MS = 5 * 60_000;
const USE_MARGIN_MS = 30_000;
// A failed background refresh is not retried by every call that follows it.
const FAILED_REFRESH_PAUSE_MS = 5_000;

/** When credentials stop being valid (ms): their `expires`, else their certificate's expiry. */
export function expiryOf(credentials: ProvidedCredentials): number {
  const { expires, certificate } = credentials;
  if (expires !== undefined) {
    const ms = expires instanceof Date ? expires.getTime() : new Date(expires).getTime();
    if (Number.isNaN(ms))
      throw failure(`${WHAT}: expires is not a date`, { code: 'InvalidCredentials' });
    return ms;
  }
  if (certificate === undefined) return Infinity;
  try {
    const cert = (typeof certificate === 'string' ? JSON.parse(certificate) : certificate) as {
      expiry?: unknown;
    } | null;
    return typeof cert?.expiry === 'number' ? cert.expiry : Infinity;
  } catch {
    return Infinity;
  }
}

function hold(credentials: ProvidedCredentials, now: number): Held {
  checkCredentialFields(WHAT, credentials);
  registerSecret(credentials.accessToken);
  const expiry = expiryOf(credentials);
  const lifetime = expiry - now;
  if (!(lifetime > 0))
    throw failure(`${WHAT} returned credentials that have already expired`, {
      code: 'InvalidCredentials',
    });
  return {
    credentials: Object.freeze({ ...credentials }),
    refreshAt: expiry - Math.min(REFRESH_MARGIN_MS, lifetime / 2),
    usableUntil: expiry - Math.min(USE_MARGIN_MS, lifetime / 10),
  };
}

async function call(provider: CredentialsProvider): Promise<ProvidedCredentials> {
  try {
    return await provider();
  } catch (cause) {
    throw failure(`${WHAT} failed: ${messageOf(cause)}`, {
      code: 'CredentialsProviderFailed',
      cause,
    });
  }
}

/** The cache in front of one provider. */
export function createCredentialSource(provider: CredentialsProvider): CredentialSource {
  let held: Held | undefined;
  let refreshing: Promise<Held> | undefined;
  let pausedUntil = 0;
  const refresh = () =>
    (refreshing ??= call(provider)
      .then((credentials) => (held = hold(credentials, Date.now())))
      .finally(() => {
        refreshing = undefined;
      }));
  const usable = (now: number) => (held && now < held.usableUntil ? held : undefined);
  return {
    async current(now = Date.now()) {
      const valid = usable(now);
      if (!valid) return (await refresh()).credentials;
      if (now >= valid.refreshAt && now >= pausedUntil) {
        refresh().catch(() => {
          pausedUntil = Date.now() + FAILED_REFRESH_PAUSE_MS;
        });
      }
      return valid.credentials;
    },
    cached: (now = Date.now()) => usable(now)?.credentials,
  };
}

// One cache per provider function: client.use() re-resolves options and must not refetch.
const SOURCES = new WeakMap<CredentialsProvider, CredentialSource>();

/** The shared cache of `provider`. */
export function credentialSourceOf(provider: CredentialsProvider): CredentialSource {
  let source = SOURCES.get(provider);
  if (!source) SOURCES.set(provider, (source = createCredentialSource(provider)));
  return source;
}
