// Uploads to the object service: createUpload proposing dataInline (under 8 KiB) and putUrl,
// the PUT retried with a fresh reader per attempt, then finishUpload with the hashes.
import { failure } from '../errors.js';
import { withRetry } from '../transport/retry.js';
import { progressBytes } from './progress.js';
import { slugId } from '../utils/slug-id.js';
import {
  count,
  factory,
  isoDate,
  namedArguments,
  oneOf,
  retryOverrides,
  service,
  text,
  optionalText,
  type ReaderFactory,
  type ObjectCalls,
  type ServiceClient,
} from './arguments.js';
import { Hasher, type Hashes } from './hash-stream.js';
import { putData } from './http.js';
import {
  bufferReader,
  closeSource,
  fileReader,
  hashedBytes,
  openReader,
  readAll,
} from './reader.js';
import { transferSettings, type RetryOverrides, type TransferSettings } from './settings.js';
import { withRenewal } from './renewal.js';

/** Objects smaller than this may travel inside the createUpload request. */
const DATA_INLINE_MAX_SIZE = 8192;

/** Arguments of upload, uploadFromBuf and uploadFromFile. */
export interface UploadOptions extends RetryOverrides {
  projectId: string;
  name: string;
  contentType: string;
  /** Required with readerFactory; with data or file it is their size. */
  contentLength?: number | undefined;
  expires: Date | string;
  uploadId?: string | undefined;
  objectService?: ServiceClient | undefined;
  readerFactory?: ReaderFactory | undefined;
  data?: Uint8Array | undefined;
  file?: string | undefined;
  /** Official client names: object = objectService, streamFactory = readerFactory, retries = maxRetries. */
  object?: ServiceClient | undefined;
  streamFactory?: ReaderFactory | undefined;
  retries?: number | undefined;
}

/** What an upload settled on. */
export interface UploadResult {
  uploadId: string;
  hashes: { sha256: string; sha512: string };
}

interface Plan {
  label: string;
  projectId: string;
  name: string;
  contentType: string;
  contentLength: number;
  expires: string;
  uploadId: string;
  objectService: ServiceClient;
  readerFactory: ReaderFactory;
  settings: TransferSettings;
}

const ACCEPTED = [
  'projectId',
  'name',
  'contentType',
  'contentLength',
  'expires',
  'uploadId',
  'objectService',
  'readerFactory',
  'data',
  'file',
];
const ALIASES = { object: 'objectService', streamFactory: 'readerFactory', retries: 'maxRetries' };

async function planUpload(fn: string, given: unknown, sources: readonly string[]): Promise<Plan> {
  const args = namedArguments(fn, given, ACCEPTED, ALIASES);
  const source = oneOf(fn, args, sources);
  const objectService = service(fn, args, 'objectService', ['createUpload', 'finishUpload']);
  const plan = {
    projectId: text(fn, args, 'projectId'),
    name: text(fn, args, 'name'),
    contentType: text(fn, args, 'contentType'),
    expires: isoDate(fn, args, 'expires'),
    uploadId: optionalText(fn, args, 'uploadId') ?? slugId(),
    objectService,
    settings: transferSettings(objectService, retryOverrides(fn, args)),
  };
  const declared = count(fn, args, 'contentLength');
  const { readerFactory, size } = await sourceOf(fn, args, source, declared);
  if (declared !== undefined && size !== declared) {
    throw failure(
      `${fn}: contentLength is ${String(declared)} but the ${source} holds ${String(size)} bytes`,
      {
        code: 'ContentLengthMismatch',
      },
    );
  }
  return { ...plan, label: `${fn}(${plan.name})`, contentLength: size, readerFactory };
}

async function sourceOf(
  fn: string,
  args: Record<string, unknown>,
  source: string,
  declared: number | undefined,
) {
  if (source === 'file') return fileReader(fn, text(fn, args, 'file'));
  if (source === 'data') {
    const data = args['data'];
    if (!(data instanceof Uint8Array)) throw failure(`${fn}: data must be a Buffer or Uint8Array`);
    return { readerFactory: bufferReader(data), size: data.byteLength };
  }
  if (declared === undefined)
    throw failure(`${fn}: contentLength is required with a reader factory`);
  return { readerFactory: factory(fn, args, 'readerFactory'), size: declared };
}

type Proposal = Record<string, unknown>;

async function createUpload(plan: Plan, proposedUploadMethods: Proposal, hashes?: Hashes) {
  const { projectId, uploadId, expires } = plan;
  const res = await (plan.objectService as ObjectCalls).createUpload(plan.name, {
    projectId,
    uploadId,
    expires,
    proposedUploadMethods,
    ...(hashes && { hashes }),
  });
  const method =
    (res as { uploadMethod?: Record<string, unknown> } | undefined)?.uploadMethod ?? {};
  if (method['dataInline']) return { dataInline: true as const };
  const putUrl = method['putUrl'] as PutUrl | undefined;
  if (putUrl && typeof putUrl.url === 'string') return { putUrl };
  throw failure(
    `${plan.label}: the object service accepted none of the proposed upload methods (${Object.keys(proposedUploadMethods).join(', ')})`,
    {
      code: 'UploadMethodRejected',
    },
  );
}

interface PutUrl {
  url: string;
  expires?: string;
  headers?: Record<string, string>;
}

function putHeaders(method: PutUrl, contentLength: number): Record<string, string> {
  const headers = { ...method.headers };
  if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-length'))
    headers['content-length'] = String(contentLength);
  return headers;
}

const isExpired = (expires: string | undefined) =>
  expires !== undefined && Date.parse(expires) <= Date.now();

/** PUT the bytes, a fresh reader and hasher per attempt; resolves with the last attempt's hashes. */
/** putWithRetries, with a new URL from the object service if storage finds this one expired. */
async function putRenewing(plan: Plan, first: PutUrl, readerFactory: ReaderFactory) {
  let method = first;
  const putUrl = { contentType: plan.contentType, contentLength: plan.contentLength };
  return withRenewal(
    () => putWithRetries(plan, method, readerFactory),
    async () => {
      method = (await createUpload(plan, { putUrl })).putUrl ?? method;
    },
  );
}

async function putWithRetries(plan: Plan, first: PutUrl, readerFactory: ReaderFactory) {
  let method = first;
  let hasher = new Hasher();
  const putUrl = { contentType: plan.contentType, contentLength: plan.contentLength };
  const control = { signal: plan.settings.signal, label: plan.label };
  await withRetry(
    plan.settings.policy,
    async ({ attempt }) => {
      if (attempt > 1 && isExpired(method.expires))
        method = (await createUpload(plan, { putUrl })).putUrl ?? method;
      hasher = new Hasher();
      const source = await openReader(plan.label, readerFactory);
      try {
        const hashed = hashedBytes(plan.label, source, hasher, plan.contentLength);
        const { onProgress } = plan.settings;
        const body = onProgress
          ? progressBytes(hashed, onProgress, plan.contentLength, attempt)
          : hashed;
        await putData(
          method.url,
          putHeaders(method, plan.contentLength),
          body,
          plan.settings,
          plan.label,
        );
      } finally {
        // A PUT that never connected never pulled the body: its source (an open file, say) is closed here.
        await closeSource(source);
      }
    },
    control,
  );
  return hasher.digest();
}

async function runUpload(plan: Plan): Promise<UploadResult> {
  const { contentType, contentLength } = plan;
  let hashes: UploadResult['hashes'];
  if (contentLength < DATA_INLINE_MAX_SIZE) {
    const hasher = new Hasher();
    const data = await readAll(
      plan.label,
      await openReader(plan.label, plan.readerFactory),
      hasher,
      contentLength,
    );
    hashes = hasher.digest();
    const dataInline = { contentType, objectData: data.toString('base64') };
    const chosen = await createUpload(
      plan,
      { dataInline, putUrl: { contentType, contentLength } },
      hashes,
    );
    // The bytes are in hand: retries of the PUT need not read the source again.
    if (chosen.putUrl) hashes = await putRenewing(plan, chosen.putUrl, bufferReader(data));
    else plan.settings.onProgress?.(contentLength, contentLength, 1);
  } else {
    const chosen = await createUpload(plan, { putUrl: { contentType, contentLength } });
    if (!chosen.putUrl)
      throw failure(`${plan.label}: the object service chose dataInline, which was not proposed`, {
        code: 'UploadMethodRejected',
      });
    hashes = await putRenewing(plan, chosen.putUrl, plan.readerFactory);
  }
  await (plan.objectService as ObjectCalls).finishUpload(plan.name, {
    projectId: plan.projectId,
    uploadId: plan.uploadId,
    hashes,
  });
  return { uploadId: plan.uploadId, hashes };
}

/**
 * Upload an object from a reader factory (or `data`, or `file`): dataInline under 8 KiB,
 * else a PUT to the object service's URL, retried on 5xx and lost connections.
 *
 * @example await upload({projectId, name, contentType, contentLength, expires, objectService, readerFactory: () => createReadStream(path)})
 */
export async function upload(options: UploadOptions): Promise<UploadResult> {
  return runUpload(await planUpload('upload', options, ['readerFactory', 'data', 'file']));
}

/** Upload an object held in memory (`data`); contentLength defaults to its size. */
export async function uploadFromBuf(options: UploadOptions): Promise<UploadResult> {
  return runUpload(await planUpload('uploadFromBuf', options, ['data']));
}

/** Upload a file (`file`), streamed; contentLength defaults to its size. */
export async function uploadFromFile(options: UploadOptions): Promise<UploadResult> {
  return runUpload(await planUpload('uploadFromFile', options, ['file']));
}
