// What a client's methods share: resolved options, the parsed rootUrl, the signer and the
// fake-call log. Built lazily, once per client, so that creating a client stays cheap.
import type { ResolvedOptions } from '../options.js';
import { missingRootUrl } from '../options.js';
import { parseOrigin, type Origin } from './urls.js';
import { createSigner, type Signer } from '../auth/hawk.js';
import { hawkExt } from '../auth/ext.js';
import { failure } from '../errors.js';

export interface ClientContext {
  readonly name: string;
  readonly options: ResolvedOptions;
  origin?: Origin;
  signer?: Signer | null;
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

/** The client's signer, or null for an anonymous client. */
export function signerOf(ctx: ClientContext): Signer | null {
  if (ctx.signer === undefined) {
    const c = ctx.options.credentials;
    ctx.signer =
      c?.clientId && c.accessToken
        ? createSigner(c.clientId, c.accessToken, hawkExt(c, ctx.options.authorizedScopes))
        : null;
  }
  return ctx.signer;
}
