// The official client's makeRequest(client, method, url, payload, query): one signed request
// with a client's credentials, traceId, timeout and dispatcher, no retries.
import { stateOf } from '../client/proxy.js';
import { signerOf } from '../client/context.js';
import { encodeQuery, parseOrigin } from '../client/urls.js';
import { hawkHeader, nonce } from '../auth/hawk.js';
import { json } from '../transport/attempt.js';
import { isIdempotent } from '../transport/classify.js';
import { failure } from '../errors.js';

export interface MadeRequest {
  statusCode: number;
  /** The parsed JSON body (undefined for an empty or non-JSON body). */
  body: unknown;
}

const WHAT = 'makeRequest(client, method, url, payload, query)';

/** Send one request as `client` would (signed, traced, within its timeout); an error status rejects. */
export async function makeRequest(
  client: unknown,
  method: string,
  url: string,
  payload?: unknown,
  query?: Record<string, unknown>,
): Promise<MadeRequest> {
  const state = stateOf(client);
  if (!state) throw failure(`${WHAT}: client must be a client of this package`);
  if (typeof method !== 'string' || typeof url !== 'string')
    throw failure(`${WHAT}: method and url must be strings`);
  const target = url + encodeQuery(query as never);
  const parsed = new URL(target);
  const httpMethod = method.toUpperCase();
  const headers: Record<string, string> = {};
  const o = state.options;
  if (o.traceId) headers['x-taskcluster-trace-id'] = o.traceId;
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const signer = signerOf(state);
  if (signer) {
    const origin = parseOrigin(parsed.origin);
    const resource = parsed.pathname + parsed.search;
    const now = Math.floor(Date.now() / 1000);
    headers['authorization'] = hawkHeader(signer, httpMethod, origin, resource, now, nonce());
  }
  const body = payload === undefined ? undefined : JSON.stringify(payload);
  const { statusCode, value } = await json(
    {
      method: httpMethod,
      url: target,
      headers,
      ...(body === undefined ? {} : { body }),
      label: `${httpMethod} ${url}`,
      idempotent: isIdempotent(httpMethod),
    },
    o,
  );
  return { statusCode, body: value };
}
