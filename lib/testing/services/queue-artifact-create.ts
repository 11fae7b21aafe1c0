// createArtifact and finishArtifact (Node only, sandbox): object artifacts come with
// credentials to upload through the object service and appear once finished; reference and
// error artifacts appear at once. Only the running run of a task takes artifacts.
import type { OperationContext, ServiceOperations } from '../api-handlers.js';
import { issueCredentials, type Issuer } from '../certificate.js';
import { jsonResponse, type Json } from '../responses.js';
import { isPast, optionalField, requireFields } from './payload.js';
import type { StoredTask } from './task-model.js';
import { slugId } from '../../utils/slug-id.js';
import { artifactKey, objectName, type StoredArtifact } from './queue-artifacts.js';

export interface CreateDeps {
  tasks: ReadonlyMap<string, StoredTask>;
  store: Map<string, StoredArtifact>;
  issuer: () => Issuer;
}

const HOUR_MS = 60 * 60 * 1000;

function runningRun(deps: CreateDeps, ctx: OperationContext): StoredTask {
  const stored = deps.tasks.get(ctx.param('taskId'));
  if (!stored) throw ctx.fail(404, 'ResourceNotFound', `no task ${ctx.param('taskId')}`);
  const run = stored.status.runs[Number(ctx.param('runId'))];
  if (run?.state !== 'running')
    throw ctx.fail(409, 'RequestConflict', `run ${ctx.param('runId')} is not running`);
  return stored;
}

const CREATED_TYPES = ['object', 'reference', 'error'] as const;
type CreatedType = (typeof CREATED_TYPES)[number];

const isCreatedType = (type: string): type is CreatedType =>
  (CREATED_TYPES as readonly string[]).includes(type);

function storedFrom(
  ctx: OperationContext,
  stored: StoredTask,
  storageType: CreatedType,
  p: Json,
): StoredArtifact {
  const text = (field: string) => optionalField(ctx, p, field, 'string');
  const artifact: StoredArtifact = {
    taskId: ctx.param('taskId'),
    runId: Number(ctx.param('runId')),
    name: ctx.param('name'),
    storageType,
    contentType: text('contentType') ?? 'application/octet-stream',
    expires: text('expires') ?? stored.task.expires,
  };
  const url = text('url');
  const reason = text('reason');
  const message = text('message');
  if (storageType === 'reference') return { ...artifact, ...(url === undefined ? {} : { url }) };
  if (storageType === 'error')
    return {
      ...artifact,
      ...(reason === undefined ? {} : { reason }),
      ...(message === undefined ? {} : { message }),
    };
  return { ...artifact, unfinished: slugId() };
}

function createArtifact(deps: CreateDeps, ctx: OperationContext): Response {
  const p = requireFields(ctx, { storageType: 'string' });
  const { storageType } = p;
  if (!isCreatedType(storageType))
    throw ctx.fail(400, 'InputError', `the sandbox takes object, reference and error artifacts`);
  const expires = optionalField(ctx, p, 'expires', 'string');
  if (expires !== undefined && isPast(expires))
    throw ctx.fail(400, 'InputError', 'expires is in the past');
  const stored = runningRun(deps, ctx);
  const artifact = storedFrom(ctx, stored, storageType, p);
  const key = artifactKey(artifact.taskId, artifact.runId, artifact.name);
  deps.store.set(key, artifact);
  if (artifact.storageType !== 'object') return jsonResponse({ storageType: artifact.storageType });
  const name = objectName(artifact);
  const now = Date.now();
  return jsonResponse({
    storageType: 'object',
    name,
    projectId: stored.task.projectId,
    uploadId: artifact.unfinished,
    expires: artifact.expires,
    credentials: issueCredentials(
      deps.issuer(),
      [`object:upload:${stored.task.projectId}:${name}`],
      now,
      now + HOUR_MS,
    ),
  });
}

function finishArtifact(deps: CreateDeps, ctx: OperationContext): Response {
  const p = requireFields(ctx, { uploadId: 'string' });
  runningRun(deps, ctx);
  const key = artifactKey(ctx.param('taskId'), Number(ctx.param('runId')), ctx.param('name'));
  const artifact = deps.store.get(key);
  if (!artifact || artifact.storageType !== 'object')
    throw ctx.fail(404, 'ResourceNotFound', `no object artifact ${ctx.param('name')} to finish`);
  if (artifact.unfinished !== undefined && artifact.unfinished !== p.uploadId)
    throw ctx.fail(409, 'RequestConflict', 'uploadId does not match the artifact');
  delete artifact.unfinished;
  return new Response(null, { status: 204 });
}

/** createArtifact and finishArtifact over the queue's artifact store. */
export function artifactCreation(deps: CreateDeps): ServiceOperations {
  return {
    createArtifact: (ctx) => createArtifact(deps, ctx),
    finishArtifact: (ctx) => finishArtifact(deps, ctx),
  };
}
