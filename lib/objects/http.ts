// Data requests to storage URLs, on the transport stage: a GET that follows redirects and
// decodes content encodings, and a PUT of a byte stream. What is storage's own lives here:
// neither carries Taskcluster credentials, an error status keeps only a bounded body, and a
// storage failure has code StorageRequestFailed.
import type { Readable, Transform } from 'node:stream';
import { debugLine } from '../debug.js';
import { headerOf, isIdempotent, statusFailure } from '../transport/classify.js';
import { readErrorBody, stream, type NodeStreamAnswer } from '../transport/undici.js';
import type { TransferSettings } from './settings.js';

export { decodersFor } from '../transport/decoders.js';

const MAX_REDIRECTS = 10;

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
  /** The bytes the body will bring, when the response says. */
  contentLength: number | undefined;
}

async function storageFailure(answer: NodeStreamAnswer, what: string, settings: TransferSettings) {
  const body = await readErrorBody(answer.body);
  const { statusCode, headers } = answer;
  const maxDelay = settings.policy.maxDelay;
  return statusFailure(what, statusCode, headers, body, maxDelay, 'StorageRequestFailed');
}

async function send(
  request: { method: string; url: string; headers: Record<string, string>; body?: unknown },
  what: string,
  settings: TransferSettings,
  maxRedirects = 0,
): Promise<NodeStreamAnswer> {
  const started = performance.now();
  const took = () => `in ${(performance.now() - started).toFixed(1)} ms`;
  try {
    const answer = await stream(
      {
        ...(request as { method: string; url: string; headers: Record<string, string> }),
        label: what,
        idempotent: isIdempotent(request.method),
        maxRedirects,
      },
      { ...settings, maxResponseBytes: Infinity, maxDelay: settings.policy.maxDelay },
    );
    if (settings.debug) debugLine(`${what}: ${String(answer.statusCode)} ${took()}`);
    return answer;
  } catch (error) {
    if (settings.debug) debugLine(`${what} failed ${took()}: ${(error as Error).message}`);
    throw error;
  }
}

function lengthOf(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** GET `url`, following redirects; resolves once a 2xx response's headers have arrived. */
export async function openGet(
  url: string,
  settings: TransferSettings,
  label: string,
): Promise<OpenedGet> {
  const what = `${label}: GET ${safeUrl(url)}`;
  const answer = await send({ method: 'GET', url, headers: {} }, what, settings, MAX_REDIRECTS);
  if (answer.statusCode < 200 || answer.statusCode >= 300)
    throw await storageFailure(answer, what, settings);
  return {
    body: answer.body,
    decoders: answer.decoders,
    contentType: headerOf(answer.headers, 'content-type'),
    contentLength: lengthOf(headerOf(answer.headers, 'content-length')),
  };
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
  const answer = await send({ method: 'PUT', url, headers, body }, what, settings);
  if (answer.statusCode < 200 || answer.statusCode >= 300)
    throw await storageFailure(answer, what, settings);
  await answer.body.dump();
}
