// The one frozen table of defaults, the option types, and the resolution of user options and
// the environment into a fresh, frozen ResolvedOptions (the caller's object is never touched).
import type { Dispatcher } from 'undici';
import { failure, registerSecret } from './errors.js';
import { isDebugEnabled } from './debug.js';
import { leanCopy, optionsPrototype } from './lean-options.js';
import {
  checkScheme,
  defaultServiceDiscoveryScheme,
  type ServiceDiscoveryScheme,
} from './client/service-discovery.js';

import { checkCredentialFields } from './auth/credential-shape.js';
import { holdCredentials } from './auth/held-credentials.js';
import {
  checkNumber,
  checkBoolean,
  checkRefused,
  checkSignal,
  checkReferencesAndDispatcher,
  isStringArray,
} from './option-checks.js';
import {
  credentialSourceOf,
  type CredentialSource,
  type CredentialsProvider,
} from './auth/credential-provider.js';
import { asText } from './utils/as-text.js';
import { processEnv } from './utils/environment.js';
import { optionsFromEnvironment, stripSlash, type Env } from './environment-options.js';

export type { CredentialsProvider, ProvidedCredentials } from './auth/credential-provider.js';
export { environmentOptions, optionsFromEnvironment } from './environment-options.js';

// Optional fields of the option types accept an explicit `undefined`, meaning "not given", so
// that callers compiling with exactOptionalPropertyTypes can forward possibly-absent values.
/** Taskcluster credentials: a clientId and accessToken, with a certificate for temporary ones. */
export interface Credentials {
  clientId?: string | undefined;
  accessToken?: string | undefined;
  /** A temporary credential's certificate, as a JSON string or an object. */
  certificate?: string | Record<string, unknown> | undefined;
}

/** Where reference documents come from. */
// `string & {}` keeps the named sources offered by editors instead of collapsing into `string`.
export type ReferencesSource = 'bundled' | 'remote' | 'auto' | (string & {}) | object;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- public type: fakes take whatever arguments their method does
export type FakeImplementations = Record<string, (...args: any[]) => unknown>;

/** The options of {@link createClient} and of the drop-in client classes (README, "Options"). */
export interface ClientOptions {
  rootUrl?: string | undefined;
  /** Credentials, or a function that provides them when needed (README, "Credential providers"). */
  credentials?: Credentials | CredentialsProvider | undefined;
  authorizedScopes?: string[] | undefined;
  maxRetries?: number | undefined;
  /** The official JS client's name for maxRetries. */
  retries?: number | undefined;
  delayFactor?: number | undefined;
  randomizationFactor?: number | undefined;
  maxDelay?: number | undefined;
  /** The deadline of one attempt, in ms (README, "Deadlines"). */
  timeout?: number | undefined;
  /** The most bytes an API answer may have; more fails with code ResponseTooLarge. */
  maxResponseBytes?: number | undefined;
  /**
   * Retry POST (and other non-idempotent) calls whose request went out and whose connection
   * then died without an answer. Off: the server may have acted on the first one.
   */
  retryNonIdempotent?: boolean | undefined;
  /** Aborts every call of this client (use `client.use({signal})` for one call). */
  signal?: AbortSignal | undefined;
  signedUrlExpiration?: number | undefined;
  /**
   * Milliseconds added to the local clock when signing (positive when the server's clock is
   * ahead). Never set automatically: a 401 for a stale timestamp says what value would fit.
   */
  localTimeOffset?: number | undefined;
  references?: ReferencesSource | undefined;
  /** False: neither read nor write the on-disk cache of deployment references (Node). */
  referencesCache?: boolean | undefined;
  traceId?: string | undefined;
  dispatcher?: Dispatcher | undefined;
  fake?: FakeImplementations | undefined;
  /** Source of randomness for retry jitter (tests). */
  random?: (() => number) | undefined;
  /** `'k8s-dns'`: requests go to `http://taskcluster-<service>` (see setServiceDiscoveryScheme). */
  serviceDiscoveryScheme?: ServiceDiscoveryScheme | undefined;
}

/** The option values a client uses where neither its options nor the environment give one. */
export const DEFAULTS = Object.freeze({
  maxRetries: 5,
  delayFactor: 100,
  randomizationFactor: 0.25,
  maxDelay: 30_000,
  timeout: 30_000,
  maxResponseBytes: 64 * 1024 * 1024,
  signedUrlExpiration: 900,
  references: 'auto',
});

/** A client's options after defaults and the environment were applied. */
export interface ResolvedOptions {
  readonly rootUrl: string | undefined;
  readonly credentials: Readonly<Credentials> | undefined;
  /** With a provider function as `credentials`: its shared cache (`credentials` is then undefined). */
  readonly credentialSource: CredentialSource | undefined;
  readonly authorizedScopes: readonly string[] | undefined;
  readonly maxRetries: number;
  readonly delayFactor: number;
  readonly randomizationFactor: number;
  readonly maxDelay: number;
  readonly timeout: number;
  readonly maxResponseBytes: number;
  readonly retryNonIdempotent: boolean;
  readonly signal: AbortSignal | undefined;
  readonly signedUrlExpiration: number;
  readonly localTimeOffset: number;
  readonly references: ReferencesSource;
  readonly referencesCache: boolean;
  readonly traceId: string | undefined;
  readonly dispatcher: Dispatcher | undefined;
  readonly fake: FakeImplementations | undefined;
  /** Source of randomness for retry jitter (`Math.random` unless a test gives its own). */
  readonly random: () => number;
  readonly debug: boolean;
  readonly serviceDiscoveryScheme: ServiceDiscoveryScheme;
  /** The options as given (before the environment), kept so that use() can re-resolve. */
  readonly given: Readonly<ClientOptions>;
}

// What a client given no options holds; resolved options keep only what differs from it.
const UNSET: Readonly<ResolvedOptions> = optionsPrototype<ResolvedOptions>({
  rootUrl: undefined,
  credentials: undefined,
  credentialSource: undefined,
  authorizedScopes: undefined,
  ...DEFAULTS,
  retryNonIdempotent: false,
  signal: undefined,
  localTimeOffset: 0,
  referencesCache: true,
  traceId: undefined,
  dispatcher: undefined,
  fake: undefined,
  random: Math.random,
  debug: false,
  serviceDiscoveryScheme: 'default',
  given: Object.freeze({}),
});

// A day either way: a larger offset is a mistake (seconds for milliseconds, say), not a clock.
const MAX_OFFSET_MS = 24 * 60 * 60 * 1000;

// A copy made by Object.assign onto a fresh literal shares V8's hidden classes with every other
// copy; a frozen spread copy gets a map of its own (~170 bytes a client). An own __proto__ key
// would set the prototype under assign, so that rare object is copied by spread as before.
const copyOf = <T extends object>(value: T): T =>
  Object.hasOwn(value, '__proto__') ? { ...value } : Object.assign({}, value);

function resolveCredentials(
  given: ClientOptions,
  fromEnv: ClientOptions,
  rootUrl: string | undefined,
): Credentials | undefined {
  if (typeof given.credentials === 'function') return undefined;
  checkCredentialFields('option credentials', given.credentials);
  if (given.credentials !== undefined) return given.credentials;
  // Environment credentials belong to the environment's deployment only.
  const envRoot = fromEnv.rootUrl && stripSlash(fromEnv.rootUrl);
  if (fromEnv.credentials && (rootUrl === undefined || rootUrl === envRoot))
    return fromEnv.credentials as Credentials;
  return undefined;
}

/**
 * Merge given options over the environment and the defaults into a fresh frozen object, which
 * holds as its own properties only what differs from the defaults (lean-options.ts).
 */
export function resolveOptions(
  given: ClientOptions = {},
  env: Env = processEnv(),
): ResolvedOptions {
  const fromEnv = optionsFromEnvironment(env);
  // From JS callers rootUrl may be any value; String() keeps the old coercion.
  const rawRoot: unknown = given.rootUrl ?? fromEnv.rootUrl;
  const rootUrl = rawRoot === undefined ? undefined : stripSlash(asText(rawRoot));
  const credentials = resolveCredentials(given, fromEnv, rootUrl);
  const hasCredentials = Boolean(credentials?.clientId && credentials.accessToken);
  registerSecret(credentials?.accessToken);
  if (given.fake && env['NODE_ENV'] === 'production') {
    throw failure('the fake option is refused when NODE_ENV=production');
  }
  if (
    given.traceId !== undefined &&
    (typeof given.traceId !== 'string' || /[^\t\x20-\x7e]/.test(given.traceId))
  ) {
    throw failure('option traceId must be a string of printable ASCII (it is sent as a header)');
  }
  if (given.authorizedScopes !== undefined && !isStringArray(given.authorizedScopes)) {
    throw failure('option authorizedScopes must be an array of strings');
  }
  checkRefused(given);
  const scheme = checkScheme(given.serviceDiscoveryScheme ?? defaultServiceDiscoveryScheme());
  // use() re-resolves `given`: a scheme taken from the process default must outlive a later change of it.
  if (scheme !== 'default' && given.serviceDiscoveryScheme === undefined)
    given = { ...given, serviceDiscoveryScheme: scheme };
  checkReferencesAndDispatcher(given);
  const provider = typeof given.credentials === 'function' ? given.credentials : undefined;
  // One held copy serves both `credentials` and `given.credentials`: a client is made often, keep it small.
  const heldGiven =
    given.credentials && !provider ? holdCredentials(given.credentials as Credentials) : undefined;
  return leanCopy<ResolvedOptions>(
    {
      rootUrl,
      credentialSource: provider && credentialSourceOf(provider),
      credentials:
        hasCredentials && credentials
          ? credentials === given.credentials
            ? heldGiven
            : holdCredentials(credentials)
          : undefined,
      authorizedScopes: given.authorizedScopes
        ? Object.freeze([...given.authorizedScopes])
        : undefined,
      maxRetries: checkNumber(
        'maxRetries',
        given.maxRetries ?? given.retries ?? DEFAULTS.maxRetries,
        0,
      ),
      delayFactor: checkNumber('delayFactor', given.delayFactor ?? DEFAULTS.delayFactor, 0),
      randomizationFactor: checkNumber(
        'randomizationFactor',
        given.randomizationFactor ?? DEFAULTS.randomizationFactor,
        0,
        1,
      ),
      maxDelay: checkNumber('maxDelay', given.maxDelay ?? DEFAULTS.maxDelay, 0),
      timeout: checkNumber('timeout', given.timeout ?? DEFAULTS.timeout, 1),
      maxResponseBytes: checkNumber(
        'maxResponseBytes',
        given.maxResponseBytes ?? DEFAULTS.maxResponseBytes,
        0,
      ),
      retryNonIdempotent: checkBoolean('retryNonIdempotent', given.retryNonIdempotent ?? false),
      signal: checkSignal(given.signal),
      signedUrlExpiration: checkNumber(
        'signedUrlExpiration',
        given.signedUrlExpiration ?? DEFAULTS.signedUrlExpiration,
        1,
      ),
      localTimeOffset: checkNumber(
        'localTimeOffset',
        given.localTimeOffset ?? 0,
        -MAX_OFFSET_MS,
        MAX_OFFSET_MS,
      ),
      references: given.references ?? DEFAULTS.references,
      referencesCache: checkBoolean('referencesCache', given.referencesCache ?? true),
      traceId: given.traceId,
      dispatcher: given.dispatcher,
      fake: given.fake,
      random: given.random ?? Math.random,
      debug: isDebugEnabled(env),
      serviceDiscoveryScheme: scheme,
      given: Object.freeze(
        heldGiven ? Object.assign(copyOf(given), { credentials: heldGiven }) : copyOf(given),
      ),
    },
    UNSET,
  );
}

/** The error for a call made without any rootUrl. */
export function missingRootUrl(what: string) {
  return failure(`${what}: no rootUrl; pass the rootUrl option or set TASKCLUSTER_ROOT_URL`);
}

export { holdCredentials };
