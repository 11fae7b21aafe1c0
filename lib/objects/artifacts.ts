// Artifact downloads: the queue says where an artifact's data lives (storageType), and the
// data is fetched from there — a plain GET for s3 and reference, the object service (with the
// artifact's own credentials) for object, an ArtifactError for error.
import { clientOptions, createClient } from '../client/create-client.js';
import { failure } from '../errors.js';
import type { Credentials } from '../options.js';
import {
  namedArguments,
  retryOverrides,
  service,
  text,
  type ServiceClient,
  type WriterFactory,
} from './arguments.js';
import {
  bufferSink,
  DEFAULT_CONTENT_TYPE,
  downloadObject,
  toWriterOrFile,
  type DownloadedBuffer,
} from './download.js';
import { fetchInto } from './fetch.js';
import { transferSettings, type RetryOverrides } from './settings.js';
import { checkTarget, writeAtomically } from './temp-file.js';
import { withRenewal } from './renewal.js';

/** Arguments of the downloadArtifact functions; without runId, the latest run's artifact. */
export interface ArtifactOptions extends RetryOverrides {
  taskId: string;
  runId?: number | string;
  name: string;
  queueService?: ServiceClient;
  writerFactory?: WriterFactory;
  file?: string;
  /** Official client names: queue = queueService, streamFactory = writerFactory, retries = maxRetries. */
  queue?: ServiceClient;
  streamFactory?: WriterFactory;
  retries?: number;
}

interface ArtifactContent {
  storageType?: string;
  url?: string;
  name?: string;
  credentials?: Credentials;
  reason?: string;
  message?: string;
}

const ALIASES = { queue: 'queueService', streamFactory: 'writerFactory', retries: 'maxRetries' };

function runIdOf(fn: string, value: unknown): string | number | undefined {
  if (value === undefined) return undefined;
  if (
    (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) ||
    (typeof value === 'string' && /^\d+$/.test(value))
  )
    return value;
  throw failure(
    `${fn}: runId must be a whole number >= 0, got ${typeof value === 'string' ? JSON.stringify(value) : typeof value}`,
  );
}

function planArtifact(fn: string, given: unknown, sinks: readonly string[]) {
  const args = namedArguments(
    fn,
    given,
    ['taskId', 'runId', 'name', 'queueService', ...sinks],
    ALIASES,
  );
  const queueService = service(fn, args, 'queueService', ['artifact', 'latestArtifact']);
  const taskId = text(fn, args, 'taskId');
  const name = text(fn, args, 'name');
  const runId = runIdOf(fn, args['runId']);
  const label = `${fn}(${taskId}${runId === undefined ? '' : `/${String(runId)}`}/${name})`;
  return { args, label, taskId, runId, name, queueService, overrides: retryOverrides(fn, args) };
}

type ArtifactPlan = ReturnType<typeof planArtifact>;

function objectServiceFor(plan: ArtifactPlan, credentials: Credentials | undefined): ServiceClient {
  let options: ReturnType<typeof clientOptions> | undefined;
  try {
    options = clientOptions(plan.queueService);
  } catch {
    options = undefined;
  }
  if (!options?.rootUrl) {
    throw failure(
      `${plan.label}: an object artifact needs a queue client of this package with a rootUrl`,
      { code: 'ArtifactStorageTypeUnsupported' },
    );
  }
  // The artifact's credentials carry their own scopes: the queue client's authorizedScopes would only narrow them wrongly.
  const { authorizedScopes: _unused, fake: _fake, references, ...given } = options.given;
  // A reference document given for the queue is not the object service's: such a client looks the object service up as usual.
  const shared =
    references === 'bundled' || references === 'remote' || typeof references === 'string'
      ? { references }
      : {};
  return createClient('object', {
    ...given,
    ...shared,
    rootUrl: options.rootUrl,
    credentials: credentials ?? {},
  });
}

/** Where the queue says the artifact's data is (asked again to renew an s3 URL). */
async function artifactContent(plan: ArtifactPlan): Promise<ArtifactContent | null | undefined> {
  const { queueService: queue, taskId, runId, name } = plan;
  const calls = queue as {
    latestArtifact(taskId: string, name: string): Promise<unknown>;
    artifact(taskId: string, runId: number | string, name: string): Promise<unknown>;
  };
  return (await (runId === undefined
    ? calls.latestArtifact(taskId, name)
    : calls.artifact(taskId, runId, name))) as ArtifactContent | null | undefined;
}

function urlOf(plan: ArtifactPlan, content: ArtifactContent): string {
  const url = content.url;
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) {
    throw failure(
      `${plan.label}: the queue answered a ${String(content.storageType)} artifact without a usable url`,
      { code: 'ArtifactStorageTypeUnsupported' },
    );
  }
  return url;
}

/**
 * Fetch s3 or reference data from its URL. An s3 URL that storage finds expired at first use
 * is renewed once by asking the queue again, which signs a new one; a reference's URL is the
 * task's own, and asking again would give the same.
 */
async function fetchFromUrl(
  plan: ArtifactPlan,
  content: ArtifactContent,
  writerFactory: WriterFactory,
): Promise<string> {
  let url = urlOf(plan, content);
  const transfer = () =>
    fetchInto({
      label: plan.label,
      settings: transferSettings(plan.queueService, plan.overrides),
      writerFactory,
      hash: false,
      url: () => Promise.resolve(url),
    });
  const fetched =
    content.storageType === 's3'
      ? await withRenewal(transfer, async () => {
          url = urlOf(plan, (await artifactContent(plan)) ?? {});
        })
      : await transfer();
  return fetched.contentType ?? DEFAULT_CONTENT_TYPE;
}

async function fetchArtifact(
  plan: ArtifactPlan,
  writerFactory: WriterFactory,
  managed: boolean,
): Promise<string> {
  const { label } = plan;
  const content = await artifactContent(plan);
  switch (content?.storageType) {
    case 'error':
      // The task's own message, as the official client gives it; which download failed is in `method`.
      throw failure(
        typeof content.message === 'string' && content.message
          ? content.message
          : `${label}: the task reported an error artifact`,
        { code: 'ArtifactError', reason: content.reason, method: label },
      );
    case 'reference':
      if (managed) {
        throw failure(
          `${label}: a reference artifact points at data Taskcluster does not manage; use downloadArtifact to follow it`,
          {
            code: 'ArtifactStorageTypeRejected',
          },
        );
      }
    // falls through: a reference is fetched like s3 data, without hashes to check
    case 's3':
      return fetchFromUrl(plan, content, writerFactory);
    case 'object': {
      const objectService = objectServiceFor(plan, content.credentials);
      const settings = transferSettings(objectService, plan.overrides);
      return downloadObject(
        { label, name: content.name as string, objectService, settings },
        writerFactory,
      );
    }
    default:
      throw failure(
        `${label}: unsupported artifact storageType '${String(content?.storageType)}'`,
        {
          code: 'ArtifactStorageTypeUnsupported',
        },
      );
  }
}

/**
 * Download an artifact into the writers of `writerFactory` (or to `file`); resolves with its
 * content type.
 *
 * @example await downloadArtifact({taskId, name: 'public/build/target.zip', queueService: queue, file: 'target.zip'})
 */
export async function downloadArtifact(options: ArtifactOptions): Promise<string> {
  const plan = planArtifact('downloadArtifact', options, ['writerFactory', 'file']);
  return toWriterOrFile('downloadArtifact', plan.args, (w) => fetchArtifact(plan, w, false));
}

/** Download an artifact into memory. */
export async function downloadArtifactToBuf(options: ArtifactOptions): Promise<DownloadedBuffer> {
  const plan = planArtifact('downloadArtifactToBuf', options, []);
  const sink = bufferSink();
  const contentType = await fetchArtifact(plan, sink.writerFactory, false);
  return { buf: sink.buffer(), contentType };
}

/** Download an artifact to `file`; the file appears only complete (and verified, for object artifacts). */
export async function downloadArtifactToFile(options: ArtifactOptions): Promise<string> {
  const plan = planArtifact('downloadArtifactToFile', options, ['file']);
  const file = await checkTarget(
    'downloadArtifactToFile',
    text('downloadArtifactToFile', plan.args, 'file'),
  );
  return writeAtomically(file, (w) => fetchArtifact(plan, w, false));
}

/**
 * Like downloadArtifact, but only for data that Taskcluster manages (s3, object): a
 * reference artifact is refused, code ArtifactStorageTypeRejected, before its URL is read.
 */
export async function downloadManagedArtifact(options: ArtifactOptions): Promise<string> {
  const plan = planArtifact('downloadManagedArtifact', options, ['writerFactory', 'file']);
  return toWriterOrFile('downloadManagedArtifact', plan.args, (w) => fetchArtifact(plan, w, true));
}
