// The sandbox's storage service at <rootUrl>/_blob/<key>: what putUrl, getUrl and s3 artifact
// URLs point to. URLs are signed and expire like presigned storage URLs; a PUT carrying an
// Authorization header, or a body of another length than was announced, is refused.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { HttpHandler } from 'msw';
import { http } from 'msw/core/http';
import { answerOf, serviceError } from '../responses.js';
import type { SandboxRequest } from '../faults.js';

export interface StoredBlob {
  bytes: Buffer;
  contentType: string;
}

export interface BlobStore {
  put(key: string, bytes: Buffer, contentType: string): void;
  get(key: string): StoredBlob | undefined;
  /** A URL for one method on `key`, valid until `expires` (ms); PUT URLs fix the body length. */
  signedUrl(method: 'GET' | 'PUT', key: string, expires: number, contentLength?: number): string;
  /** When a URL signed now expires (ms since the epoch): the sandbox's storage URL lifetime from now. */
  expiry(): number;
  handlers(): HttpHandler[];
}

interface BlobState {
  rootUrl: string;
  secret: Buffer;
  blobs: Map<string, StoredBlob>;
  requests: SandboxRequest[];
}

export const BLOB_PREFIX = '/_blob/';
const HOUR_MS = 60 * 60 * 1000;

/** An in-memory blob store served under `<rootUrl>/_blob/`; transfers are recorded in `requests`. */
export function createBlobStore(
  rootUrl: string,
  requests: SandboxRequest[],
  urlLifetime = HOUR_MS,
): BlobStore {
  const state: BlobState = { rootUrl, secret: randomBytes(32), blobs: new Map(), requests };
  const isBlob = ({ request }: { request: Request }) =>
    new URL(request.url).pathname.startsWith(BLOB_PREFIX);
  return {
    put: (key, bytes, contentType) => {
      state.blobs.set(key, { bytes, contentType });
    },
    get: (key) => state.blobs.get(key),
    expiry: () => Date.now() + urlLifetime,
    signedUrl: (method, key, expires, contentLength) =>
      signedUrl(state, method, key, expires, contentLength),
    handlers: () => [
      http.put(isBlob, ({ request }) =>
        recorded(state, request, 'put', () => putBlob(state, request)),
      ),
      http.get(isBlob, ({ request }) =>
        recorded(state, request, 'get', () => getBlob(state, request)),
      ),
    ],
  };
}

function sign(
  state: BlobState,
  method: string,
  key: string,
  expires: string,
  length: string,
): string {
  return createHmac('sha256', state.secret)
    .update(`${method}\n${key}\n${expires}\n${length}`)
    .digest('hex');
}

function signedUrl(
  state: BlobState,
  method: string,
  key: string,
  expires: number,
  contentLength?: number,
): string {
  const length = contentLength === undefined ? '' : String(contentLength);
  const url = new URL(
    `${state.rootUrl}${BLOB_PREFIX}${key.split('/').map(encodeURIComponent).join('/')}`,
  );
  url.searchParams.set('expires', String(expires));
  if (length) url.searchParams.set('length', length);
  url.searchParams.set('signature', sign(state, method, key, String(expires), length));
  return url.href;
}

/** The key a signed URL grants `method` on, and the body length it fixes; throws a 403 response otherwise. */
function checkUrl(
  state: BlobState,
  request: Request,
  method: 'GET' | 'PUT',
): { key: string; length?: number } {
  const url = new URL(request.url);
  const key = url.pathname.slice(BLOB_PREFIX.length).split('/').map(decodeURIComponent).join('/');
  const expires = url.searchParams.get('expires') ?? '';
  const length = url.searchParams.get('length') ?? '';
  const given = Buffer.from(url.searchParams.get('signature') ?? '');
  const expected = Buffer.from(sign(state, method, key, expires, length));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw serviceError(403, 'AccessDenied', 'the signature of this storage URL does not match');
  }
  if (Number(expires) < Date.now()) throw serviceError(403, 'AccessDenied', 'Request has expired');
  return length === '' ? { key } : { key, length: Number(length) };
}

async function putBlob(state: BlobState, request: Request): Promise<Response> {
  const { key, length } = checkUrl(state, request, 'PUT');
  if (request.headers.has('authorization')) {
    throw serviceError(
      400,
      'InvalidArgument',
      'a signed storage URL takes no Authorization header',
    );
  }
  const bytes = Buffer.from(await request.arrayBuffer());
  if (length !== undefined && bytes.length !== length) {
    throw serviceError(
      400,
      'IncompleteBody',
      `expected ${String(length)} bytes, got ${String(bytes.length)}`,
    );
  }
  state.blobs.set(key, {
    bytes,
    contentType: request.headers.get('content-type') ?? 'application/octet-stream',
  });
  return new Response(null, { status: 200 });
}

function getBlob(state: BlobState, request: Request): Response {
  const { key } = checkUrl(state, request, 'GET');
  const blob = state.blobs.get(key);
  if (!blob) throw serviceError(404, 'NoSuchKey', `no blob ${key}`);
  return new Response(blob.bytes, {
    headers: { 'content-type': blob.contentType, 'content-length': String(blob.bytes.length) },
  });
}

async function recorded(
  state: BlobState,
  request: Request,
  method: string,
  work: () => Response | Promise<Response>,
): Promise<Response> {
  const entry: SandboxRequest = {
    service: '_blob',
    method,
    path: new URL(request.url).pathname,
    status: 0,
  };
  state.requests.push(entry);
  let response: Response;
  try {
    response = await work();
  } catch (err) {
    const answer = answerOf(err);
    if (!answer) throw err;
    response = answer;
  }
  entry.status = response.status;
  return response;
}
