// One retried GET of data into a writer: a fresh writer per attempt, bytes decoded and hashed
// on the way, failures of the network retried and failures of the writer not.
import { pipeline } from 'node:stream/promises';
import type { Readable, Writable } from 'node:stream';
import { connectionError, failure, TaskclusterFailure } from '../errors.js';
import { messageOf } from '../utils/message-of.js';
import { withRetry } from '../transport/retry.js';
import { progressStage } from './progress.js';
import type { WriterFactory } from './arguments.js';
import { Hasher, type Hashes } from './hash-stream.js';
import { openGet, type OpenedGet } from './http.js';
import type { TransferSettings } from './settings.js';

export interface FetchPlan {
  label: string;
  settings: TransferSettings;
  /** The URL for an attempt (1, 2, ...); may renew an expired one. */
  url: (attempt: number) => Promise<string>;
  writerFactory: WriterFactory;
  /** Hash the decoded bytes (object downloads); plain artifact GETs have nothing to check. */
  hash: boolean;
}

export interface Fetched {
  contentType: string | undefined;
  hashes: Hashes;
}

async function openWriter(plan: FetchPlan, opened: OpenedGet): Promise<Writable> {
  let writer: unknown;
  try {
    writer = await plan.writerFactory();
  } catch (cause) {
    opened.body.destroy();
    throw failure(`${plan.label}: the writer factory failed: ${messageOf(cause)}`, {
      code: 'WriterError',
      cause,
    });
  }
  if (!isWritable(writer)) {
    opened.body.destroy();
    throw failure(`${plan.label}: the writer factory must return a Writable`, {
      code: 'WriterError',
    });
  }
  return writer;
}

/** Duck-typed: any stream with write() and on() serves, whichever copy of node:stream made it. */
function isWritable(value: unknown): value is Writable {
  return (
    typeof value === 'object' &&
    value !== null &&
    'write' in value &&
    typeof value.write === 'function' &&
    'on' in value &&
    typeof value.on === 'function'
  );
}

type Role = 'network' | 'decoder' | 'writer';

/**
 * Remember which stream failed first: pipeline then destroys the others with the same error.
 * The listeners stay: a stream destroyed by pipeline may still emit its error afterwards.
 */
function watchFirstFailure(streams: Array<[Readable | Writable, Role]>): () => Role | undefined {
  let first: Role | undefined;
  for (const [stream, role] of streams)
    stream.on('error', () => {
      first ??= role;
    });
  return () => first;
}

function classify(label: string, role: Role | undefined, cause: unknown): unknown {
  if (cause instanceof TaskclusterFailure) return cause;
  const reason = messageOf(cause);
  if (role === 'writer')
    return failure(`${label}: writing the data failed: ${reason}`, { code: 'WriterError', cause });
  if (role === 'decoder')
    return failure(`${label}: the data could not be decoded: ${reason}`, {
      code: 'ContentDecodingError',
      cause,
    });
  return connectionError(`${label}: the download was interrupted: ${reason}`, cause);
}

async function streamInto(
  plan: FetchPlan,
  opened: OpenedGet,
  writer: Writable,
  hasher: Hasher | undefined,
  attempt: number,
): Promise<void> {
  const { onProgress } = plan.settings;
  const stages = [
    ...(onProgress ? [progressStage(onProgress, opened.contentLength, attempt)] : []),
    ...opened.decoders,
    ...(hasher ? [hasher.transform()] : []),
  ];
  const firstFailed = watchFirstFailure([
    [opened.body, 'network'],
    ...opened.decoders.map((d): [Writable, Role] => [d, 'decoder']),
    [writer, 'writer'],
  ]);
  try {
    await pipeline([opened.body, ...stages, writer]);
  } catch (cause) {
    throw classify(plan.label, firstFailed(), cause);
  }
}

/** GET the data into a fresh writer per attempt until it all arrives, or a failure is final. */
export async function fetchInto(plan: FetchPlan): Promise<Fetched> {
  return withRetry(
    plan.settings.policy,
    async ({ attempt }) => {
      const opened = await openGet(await plan.url(attempt), plan.settings, plan.label);
      const writer = await openWriter(plan, opened);
      const hasher = plan.hash ? new Hasher() : undefined;
      await streamInto(plan, opened, writer, hasher, attempt);
      return { contentType: opened.contentType, hashes: hasher?.digest() ?? {} };
    },
    { signal: plan.settings.signal, label: plan.label },
  );
}
