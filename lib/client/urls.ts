// URL building: <rootUrl>/api/<service>/<version><route>, every parameter percent-encoded,
// query values encoded in insertion order (as the official client's querystring does).
import type { FunctionDescriptor } from './descriptors.js';
import type { ParsedCall } from './arguments.js';

/** A rootUrl parsed once per client: what URLs and Hawk signatures need of it. */
export interface Origin {
  /** rootUrl without a trailing slash. */
  readonly rootUrl: string;
  /** The path part of rootUrl (usually ''). */
  readonly basePath: string;
  readonly host: string;
  readonly port: number;
}

/** Parse a rootUrl for URL building and signing. */
export function parseOrigin(rootUrl: string): Origin {
  const url = new URL(rootUrl);
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return Object.freeze({
    rootUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}`,
    basePath: url.pathname.replace(/\/+$/, ''),
    host: url.hostname,
    port,
  });
}

/** `?a=1&b=x%20y`, or '' for no query; undefined values are left out, arrays repeat the key. */
export function encodeQuery(query: ParsedCall['query']): string {
  if (!query) return '';
  let out = '';
  // Values come from the caller's arguments as given, undefined included.
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? (value as unknown[]) : [value]) {
      out += `${out ? '&' : '?'}${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`;
    }
  }
  return out;
}

/** The path after rootUrl: `/api/queue/v1/task/abc?x=1`. */
export function apiPath(d: FunctionDescriptor, call: Pick<ParsedCall, 'params' | 'query'>): string {
  // routeParts alternate literal text and parameter names.
  const path = d.routeParts
    .map((part, i) => (i % 2 === 0 ? part : encodeURIComponent(String(call.params[part]))))
    .join('');
  return d.servicePath + path + encodeQuery(call.query);
}
