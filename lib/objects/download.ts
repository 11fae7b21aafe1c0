// Downloads from the object service: startDownload negotiating getUrl, the data streamed and
// hashed into a fresh writer per attempt (the URL renewed when expired), then every
// advertised hash checked. A mismatch is final: the same URL would give the same bytes.
import { Writable } from 'node:stream';
import { failure } from '../errors.js';
import {
  factory,
  namedArguments,
  oneOf,
  retryOverrides,
  service,
  text,
  type ObjectCalls,
  type ServiceClient,
  type WriterFactory,
} from './arguments.js';
import { fetchInto } from './fetch.js';
import { verifyHashes } from './hash-stream.js';
import { transferSettings, type RetryOverrides, type TransferSettings } from './settings.js';
import { checkTarget, writeAtomically } from './temp-file.js';
import { withRenewal } from './renewal.js';

/** The content type reported when storage sends none. */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** Arguments of download, downloadToBuf and downloadToFile. */
export interface DownloadOptions extends RetryOverrides {
  name: string;
  objectService?: ServiceClient;
  writerFactory?: WriterFactory;
  file?: string;
  /** Official client names: object = objectService, streamFactory = writerFactory, retries = maxRetries. */
  object?: ServiceClient;
  streamFactory?: WriterFactory;
  retries?: number;
}

/** An object downloaded into memory. */
export interface DownloadedBuffer {
  buf: Buffer;
  contentType: string;
}

/** An object to download, with the settings of the client that serves it. */
export interface ObjectTarget {
  label: string;
  name: string;
  objectService: ServiceClient;
  settings: TransferSettings;
}

interface GetUrlResponse {
  method: 'getUrl';
  url: string;
  expires: string;
  hashes: Record<string, unknown>;
}

const ALIASES = { object: 'objectService', streamFactory: 'writerFactory', retries: 'maxRetries' };

function planDownload(fn: string, given: unknown, sinks: readonly string[]) {
  const args = namedArguments(fn, given, ['name', 'objectService', ...sinks], ALIASES);
  const objectService = service(fn, args, 'objectService', ['startDownload']);
  const name = text(fn, args, 'name');
  const target: ObjectTarget = {
    label: `${fn}(${name})`,
    name,
    objectService,
    settings: transferSettings(objectService, retryOverrides(fn, args)),
  };
  return { args, target };
}

async function startDownload(target: ObjectTarget): Promise<GetUrlResponse> {
  const res = (await (target.objectService as ObjectCalls).startDownload(target.name, {
    acceptDownloadMethods: { getUrl: true },
  })) as GetUrlResponse | undefined;
  if (res?.method !== 'getUrl' || typeof res.url !== 'string') {
    throw failure(`${target.label}: the object service offered no getUrl download`, {
      code: 'DownloadMethodRejected',
    });
  }
  return res;
}

/** Download the object through `writerFactory`, verified; resolves with its content type. */
export async function downloadObject(
  target: ObjectTarget,
  writerFactory: WriterFactory,
): Promise<string> {
  let offer = await startDownload(target);
  const transfer = () =>
    fetchInto({
      label: target.label,
      settings: target.settings,
      writerFactory,
      hash: true,
      url: async (attempt) => {
        if (attempt > 1 && Date.parse(offer.expires) <= Date.now())
          offer = await startDownload(target);
        return offer.url;
      },
    });
  const fetched = await withRenewal(transfer, async () => {
    offer = await startDownload(target);
  });
  verifyHashes(target.label, fetched.hashes, offer.hashes);
  return fetched.contentType ?? DEFAULT_CONTENT_TYPE;
}

/** A writer factory that keeps the bytes of the latest attempt in memory. */
export function bufferSink(): { writerFactory: WriterFactory; buffer: () => Buffer } {
  let chunks: Buffer[] = [];
  const writerFactory = () => {
    const mine: Buffer[] = [];
    chunks = mine;
    return new Writable({
      write(chunk: Buffer, _encoding, callback) {
        mine.push(chunk);
        callback();
      },
    });
  };
  return { writerFactory, buffer: () => Buffer.concat(chunks) };
}

/** Send the data to a writer factory or, with `file`, to a file; resolves with the content type. */
export async function toWriterOrFile(
  fn: string,
  args: Record<string, unknown>,
  run: (w: WriterFactory) => Promise<string>,
): Promise<string> {
  const sink = oneOf(fn, args, ['writerFactory', 'file']);
  if (sink === 'writerFactory') return run(factory(fn, args, 'writerFactory'));
  const target = await checkTarget(fn, text(fn, args, 'file'));
  return writeAtomically(target, run);
}

/**
 * Download an object into the writers of `writerFactory` (or to `file`), verifying its
 * hashes; resolves with its content type.
 *
 * @example const contentType = await download({name, objectService, writerFactory: () => createWriteStream(path)})
 */
export async function download(options: DownloadOptions): Promise<string> {
  const { args, target } = planDownload('download', options, ['writerFactory', 'file']);
  return toWriterOrFile('download', args, (w) => downloadObject(target, w));
}

/** Download an object into memory, verified. */
export async function downloadToBuf(options: DownloadOptions): Promise<DownloadedBuffer> {
  const { target } = planDownload('downloadToBuf', options, []);
  const sink = bufferSink();
  const contentType = await downloadObject(target, sink.writerFactory);
  return { buf: sink.buffer(), contentType };
}

/** Download an object to `file`; the file appears only complete and verified. */
export async function downloadToFile(options: DownloadOptions): Promise<string> {
  const { args, target } = planDownload('downloadToFile', options, ['file']);
  const file = await checkTarget('downloadToFile', text('downloadToFile', args, 'file'));
  return writeAtomically(file, (w) => downloadObject(target, w));
}
