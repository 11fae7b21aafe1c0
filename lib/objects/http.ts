// Data requests to storage URLs: a GET that follows redirects and decodes content encodings,
// and a PUT of a byte stream. Neither carries Taskcluster credentials; both classify failures
// so that withRetry retries exactly 5xx, 429 and lost connections.
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';
import { request, type Dispatcher } from 'undici';
import { debugLine } from '../debug.js';
import { connectionError, failure, restFailure, TaskclusterFailure } from '../errors.js';
import { retryAfterDelay } from '../transport/retry.js';
import { isRefused } from '../transport/send.js';
import type { TransferSettings } from './settings.js';

const MAX_REDIRECTS = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ERROR_BODY_LIMIT = 16 * 1024;

const DECODERS: Record<string, (() => Transform) | undefined> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** A URL fit for messages: the query string, where signatures live, is left out. */
export function safeUrl(url: string): string {
  try {
    const { origin, pathname } = new URL(url);
    return `${origin}${pathname}`;
  } catch {
    return '<invalid URL>';
  }
}

/** An opened GET response whose body yields decoded bytes. */
export interface OpenedGet {
  body: Readable;
  decoders: Transform[];
  contentType: string | undefined;
}

function header(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Decoders for a Content-Encoding, outermost coding last in the header, so undone first. */
export function decodersFor(label: string, contentEncoding: string | undefined): Transform[] {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity');
  return codings.reverse().map((coding) => {
    const make = DECODERS[coding];
    if (!make)
      throw failure(`${label}: the data has an unsupported Content-Encoding '${coding}'`, {
        code: 'UnsupportedEncoding',
      });
    return make();
  });
}

async function readErrorBody(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= ERROR_BODY_LIMIT) break;
  }
  return Buffer.concat(chunks).toString('utf8', 0, Math.min(size, ERROR_BODY_LIMIT));
}

async function statusFailure(
  res: Dispatcher.ResponseData,
  what: string,
  settings: TransferSettings,
) {
  let body: string | undefined;
  try {
    body = await readErrorBody(res.body);
  } catch {
    body = undefined;
  }
  return restFailure(`${what}: HTTP ${res.statusCode}`, {
    statusCode: res.statusCode,
    code: 'StorageRequestFailed',
    body,
    retryAfter: retryAfterDelay(header(res.headers, 'retry-after'), settings.policy.maxDelay),
  });
}

async function send(
  url: string,
  options: Omit<Dispatcher.RequestOptions, 'origin' | 'path'>,
  what: string,
  settings: TransferSettings,
) {
  const started = performance.now();
  const took = () => `in ${(performance.now() - started).toFixed(1)} ms`;
  try {
    const res = await request(url, {
      ...options,
      dispatcher: settings.dispatcher,
      headersTimeout: settings.timeout,
      bodyTimeout: settings.timeout,
    });
    if (settings.debug) debugLine(`${what}: ${res.statusCode} ${took()}`);
    return res;
  } catch (cause) {
    if (settings.debug) debugLine(`${what} failed ${took()}: ${(cause as Error).message}`);
    if (cause instanceof TaskclusterFailure) throw cause;
    if (isRefused(cause)) throw failure(`${what}: ${(cause as Error).message}`, { cause });
    throw connectionError(`${what}: ${(cause as Error).message}`, cause);
  }
}

/** GET `url`, following redirects; resolves once a 2xx response's headers have arrived. */
export async function openGet(
  url: string,
  settings: TransferSettings,
  label: string,
): Promise<OpenedGet> {
  let current = url;
  for (let hops = 0; ; hops++) {
    const what = `${label}: GET ${safeUrl(current)}`;
    const res = await send(current, { method: 'GET' }, what, settings);
    const location = header(res.headers, 'location');
    if (REDIRECTS.has(res.statusCode) && location) {
      await res.body.dump();
      if (hops >= MAX_REDIRECTS)
        throw failure(`${what}: more than ${MAX_REDIRECTS} redirects`, {
          code: 'TooManyRedirects',
        });
      current = new URL(location, current).href;
      continue;
    }
    if (res.statusCode < 200 || res.statusCode >= 300)
      throw await statusFailure(res, what, settings);
    try {
      const decoders = decodersFor(label, header(res.headers, 'content-encoding'));
      return { body: res.body, decoders, contentType: header(res.headers, 'content-type') };
    } catch (error) {
      res.body.destroy();
      throw error;
    }
  }
}

/** PUT the bytes of `body` to `url` with exactly `headers`; resolves on a 2xx answer. */
export async function putData(
  url: string,
  headers: Record<string, string>,
  body: AsyncIterable<Buffer>,
  settings: TransferSettings,
  label: string,
): Promise<void> {
  const what = `${label}: PUT ${safeUrl(url)}`;
  // undici streams any async iterable with backpressure; its types only name Readable.
  const res = await send(
    url,
    { method: 'PUT', headers, body: body as unknown as Readable },
    what,
    settings,
  );
  if (res.statusCode < 200 || res.statusCode >= 300) throw await statusFailure(res, what, settings);
  await res.body.dump();
}
