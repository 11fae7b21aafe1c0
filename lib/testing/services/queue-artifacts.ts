// The queue's artifacts, seeded through the sandbox handle: artifact / latestArtifact answer
// per storageType like the real queue (s3 and reference URLs, object name plus credentials
// for the object service, error reason and message); listArtifacts / listLatestArtifacts page.
import type { OperationContext, ServiceOperations } from '../api-handlers.js';
import { jsonResponse } from '../responses.js';
import { paginate } from '../pagination.js';
import { failure } from '../../errors.js';
import { issueCredentials, type Issuer } from '../certificate.js';
import type { BlobStore } from './blob-store.js';
import type { ObjectService } from './object.js';
import type { StoredTask } from './queue.js';

const HOUR_MS = 60 * 60 * 1000;
const STORAGE_TYPES = ['s3', 'reference', 'object', 'error'] as const;

/** An artifact to seed: `content` for s3 and object (and reference without `url`), `url` for reference, `reason`/`message` for error. */
export interface SeedArtifact {
  taskId: string;
  runId?: number;
  name: string;
  storageType?: (typeof STORAGE_TYPES)[number];
  content?: string | Uint8Array;
  contentType?: string;
  url?: string;
  reason?: string;
  message?: string;
  expires?: string;
}

export interface StoredArtifact {
  taskId: string;
  runId: number;
  name: string;
  storageType: (typeof STORAGE_TYPES)[number];
  contentType: string;
  expires: string;
  url?: string;
  reason?: string;
  message?: string;
  /** The uploadId of an object artifact created but not yet finished (finishArtifact). */
  unfinished?: string;
}

export interface ArtifactDeps {
  tasks: ReadonlyMap<string, StoredTask>;
  blobs: BlobStore;
  objects: ObjectService;
  /** Issues the credentials that come with object artifacts. */
  issuer: () => Issuer;
}

export interface Artifacts {
  operations: ServiceOperations;
  seed(artifact: SeedArtifact): void;
  /** The stored artifacts by key (see artifactKey), for createArtifact and the built-in worker. */
  store: Map<string, StoredArtifact>;
}

export const objectName = (a: { taskId: string; runId: number; name: string }) =>
  `t/${a.taskId}/${String(a.runId)}/${a.name}`;

type Store = Map<string, StoredArtifact>;

export const artifactKey = (taskId: string, runId: number, name: string) =>
  JSON.stringify([taskId, runId, name]);

/** Artifact operations and seeding over the queue's tasks. */
export function createArtifacts(deps: ArtifactDeps): Artifacts {
  const store: Store = new Map();
  return {
    store,
    operations: {
      artifact: (ctx) => {
        ctx.authorize({ names: [ctx.param('name')] });
        return content(store, deps, ctx, runIdOf(ctx));
      },
      latestArtifact: (ctx) => {
        ctx.authorize({ names: [ctx.param('name')] });
        return content(store, deps, ctx, latestRun(store, deps, ctx));
      },
      listArtifacts: (ctx) => list(store, ctx, runIdOf(ctx)),
      listLatestArtifacts: (ctx) => list(store, ctx, latestRun(store, deps, ctx)),
    },
    seed(options) {
      const artifact = storedArtifact(options, deps);
      store.set(artifactKey(artifact.taskId, artifact.runId, artifact.name), artifact);
    },
  };
}

/** The task's latest run, or for a task the queue does not know, the latest run with seeded artifacts. */
function latestRun(store: Store, deps: ArtifactDeps, ctx: OperationContext): number {
  const runs = deps.tasks.get(ctx.param('taskId'))?.status['runs'] as unknown[] | undefined;
  const seeded = [...store.values()]
    .filter((a) => a.taskId === ctx.param('taskId'))
    .map((a) => a.runId);
  const runId = runs?.length ? runs.length - 1 : Math.max(-1, ...seeded);
  if (runId < 0) throw ctx.fail(404, 'ResourceNotFound', `task ${ctx.param('taskId')} has no runs`);
  return runId;
}

function content(store: Store, deps: ArtifactDeps, ctx: OperationContext, runId: number): Response {
  const artifact = store.get(artifactKey(ctx.param('taskId'), runId, ctx.param('name')));
  if (!artifact || artifact.unfinished !== undefined)
    throw ctx.fail(
      404,
      'ResourceNotFound',
      `no artifact ${ctx.param('name')} on run ${String(runId)} of task ${ctx.param('taskId')}`,
    );
  return jsonResponse(contentResponse(artifact, deps));
}

function list(store: Store, ctx: OperationContext, runId: number): Response {
  const ofRun = [...store.values()]
    .filter(
      (a) => a.taskId === ctx.param('taskId') && a.runId === runId && a.unfinished === undefined,
    )
    .sort((a, b) => a.name.localeCompare(b.name));
  const { items, continuationToken } = paginate(ofRun, ctx.query);
  const artifacts = items.map(({ storageType, name, expires, contentType }) => ({
    storageType,
    name,
    expires,
    contentType,
  }));
  return jsonResponse(continuationToken ? { artifacts, continuationToken } : { artifacts });
}

function runIdOf(ctx: OperationContext): number {
  const runId = Number(ctx.param('runId'));
  if (!Number.isInteger(runId) || runId < 0)
    throw ctx.fail(
      400,
      'InputError',
      `runId must be a non-negative integer, got ${ctx.param('runId')}`,
    );
  return runId;
}

function contentResponse(artifact: StoredArtifact, deps: ArtifactDeps) {
  switch (artifact.storageType) {
    case 's3':
    case 'reference':
      return {
        storageType: artifact.storageType,
        url: artifact.url ?? deps.blobs.signedUrl('GET', blobKey(artifact), deps.blobs.expiry()),
      };
    case 'object': {
      const name = objectName(artifact);
      const now = Date.now();
      return {
        storageType: 'object',
        name,
        credentials: issueCredentials(
          deps.issuer(),
          [`object:download:${name}`],
          now,
          now + HOUR_MS,
        ),
      };
    }
    default:
      return { storageType: 'error', reason: artifact.reason, message: artifact.message };
  }
}

const blobKey = (a: StoredArtifact) => `artifacts/${objectName(a)}`;

/** `options` as a JavaScript caller of seedArtifact gives it: possibly missing. */
function storedArtifact(options: SeedArtifact | undefined, deps: ArtifactDeps): StoredArtifact {
  if (!options) throw failure('seedArtifact: taskId and name must be strings');
  const {
    taskId,
    runId = 0,
    name,
    storageType = 's3',
    contentType = 'application/octet-stream',
  } = options;
  if (typeof taskId !== 'string' || typeof name !== 'string')
    throw failure('seedArtifact: taskId and name must be strings');
  if (!Number.isInteger(runId) || runId < 0)
    throw failure(`seedArtifact: runId must be a non-negative integer, got ${String(runId)}`);
  if (!STORAGE_TYPES.includes(storageType))
    throw failure(`seedArtifact: storageType must be one of ${STORAGE_TYPES.join(', ')}`);
  const task = deps.tasks.get(taskId)?.task;
  const expires =
    options.expires ?? task?.['expires'] ?? new Date(Date.now() + 365 * 24 * HOUR_MS).toJSON();
  const artifact: StoredArtifact = { taskId, runId, name, storageType, contentType, expires };
  if (storageType === 'error') {
    return {
      ...artifact,
      reason: options.reason ?? 'file-missing-on-worker',
      message: options.message ?? `${name} is an error artifact`,
    };
  }
  if (storageType === 'reference' && options.url) return { ...artifact, url: options.url };
  if (options.content === undefined)
    throw failure(
      `seedArtifact: a ${storageType} artifact needs content${storageType === 'reference' ? ' or url' : ''}`,
    );
  const bytes = Buffer.from(options.content);
  if (storageType === 'object')
    deps.objects.seed(
      objectName(artifact),
      task?.['projectId'] ?? 'none',
      bytes,
      contentType,
      expires,
    );
  else deps.blobs.put(blobKey(artifact), bytes, contentType);
  return artifact;
}
