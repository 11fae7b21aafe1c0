// What a client's methods share: resolved options, the parsed rootUrl, the signer and the
// fake-call log. Built lazily, once per client, so that creating a client stays cheap.
import type { Credentials, ResolvedOptions } from '../options.js';
import { missingRootUrl } from '../options.js';
import { parseOrigin, type Origin } from './urls.js';
import { createSigner, type Signer } from '../auth/hawk.js';
import { hawkExt } from '../auth/ext.js';
import { failure } from '../errors.js';
import { k8sRootUrl } from './service-discovery.js';

export interface ClientContext {
  readonly name: string;
  readonly options: ResolvedOptions;
  origin?: Origin;
  /** Under `k8s-dns` service discovery: the in-cluster origin of each service. */
  internalOrigins?: Map<string, Origin>;
  signer?: Signer | null;
  /** The signer of the credentials a provider gave last, and those credentials. */
  provided?: { credentials: object; signer: Signer | null };
  fakeCalls?: Record<string, unknown[]>;
}

/** The client's parsed rootUrl; a clear failure when there is none. */
export function originOf(ctx: ClientContext, what: string): Origin {
  if (!ctx.origin) {
    const { rootUrl } = ctx.options;
    if (!rootUrl) throw missingRootUrl(what);
    try {
      ctx.origin = parseOrigin(rootUrl);
    } catch (cause) {
      throw failure(`${what}: rootUrl ${rootUrl} is not a valid URL`, { cause });
    }
  }
  return ctx.origin;
}

function signerFrom(ctx: ClientContext, c: Readonly<Credentials> | undefined): Signer | null {
  return c?.clientId && c.accessToken
    ? createSigner(c.clientId, c.accessToken, hawkExt(c, ctx.options.authorizedScopes))
    : null;
}

/** A signer for credentials a provider gave, made once per credentials object. */
function providedSigner(ctx: ClientContext, credentials: Readonly<Credentials>): Signer | null {
  if (ctx.provided?.credentials !== credentials)
    ctx.provided = { credentials, signer: signerFrom(ctx, credentials) };
  return ctx.provided.signer;
}

/**
 * The client's signer, or null for an anonymous client. With a credentials provider: the
 * signer of the credentials it gave if they are still usable, else `undefined` (nothing yet).
 */
export function signerOf(ctx: ClientContext): Signer | null | undefined {
  const source = ctx.options.credentialSource;
  if (source) {
    const cached = source.cached();
    return cached ? providedSigner(ctx, cached) : undefined;
  }
  if (ctx.signer === undefined) ctx.signer = signerFrom(ctx, ctx.options.credentials);
  return ctx.signer;
}

/**
 * Where requests for `serviceName` go: the rootUrl, or under `k8s-dns` service discovery
 * `http://taskcluster-<service>` (a rootUrl is still required, as the official client requires it).
 */
export function requestOriginOf(ctx: ClientContext, serviceName: string, what: string): Origin {
  const origin = originOf(ctx, what);
  if (ctx.options.serviceDiscoveryScheme !== 'k8s-dns') return origin;
  ctx.internalOrigins ??= new Map();
  let internal = ctx.internalOrigins.get(serviceName);
  if (!internal) {
    internal = parseOrigin(k8sRootUrl(serviceName));
    ctx.internalOrigins.set(serviceName, internal);
  }
  return internal;
}

/** The signer for a call now: with a credentials provider, asks it when nothing usable is cached. */
export async function signerFor(ctx: ClientContext): Promise<Signer | null> {
  const source = ctx.options.credentialSource;
  if (!source) return signerOf(ctx) ?? null;
  return providedSigner(ctx, await source.current());
}
