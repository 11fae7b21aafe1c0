// The object service: createUpload (dataInline under 8 KiB, else putUrl to the blob store),
// finishUpload, startDownload (getUrl or simple, with the hashes recorded at upload), object,
// and download (a redirect). Hashes are the uploader's, as in the real service.
import { createHash } from 'node:crypto';
import type { ServiceOperations, OperationContext } from '../api-handlers.js';
import { isJson, jsonResponse, type Json } from '../responses.js';
import type { BlobStore } from './blob-store.js';
import { isPast, requireFields } from './payload.js';

interface StoredObject {
  projectId: string;
  uploadId: string;
  expires: string;
  hashes: Record<string, string>;
  finished: boolean;
}

interface ObjectState {
  objects: Map<string, StoredObject>;
  blobs: BlobStore;
  inlineLimit: number;
}

export interface ObjectService {
  operations: ServiceOperations;
  /** Store a finished object directly, hashing its bytes (object artifacts are seeded this way). */
  seed(name: string, projectId: string, bytes: Buffer, contentType: string, expires: string): void;
}

const blobKey = (name: string) => `objects/${name}`;

/** The object service's operations over `blobs`. */
/** The object service's operations over `blobs`; data under `inlineLimit` bytes may come inline. */
export function createObjectService(blobs: BlobStore, inlineLimit = 8192): ObjectService {
  const state: ObjectState = { objects: new Map(), blobs, inlineLimit };
  return {
    operations: {
      createUpload: (ctx) => createUpload(state, ctx),
      finishUpload: (ctx) => finishUpload(state, ctx),
      startDownload: (ctx) => startDownload(state, ctx),
      object: (ctx) => {
        const { projectId, expires, hashes } = finishedObject(state, ctx);
        return jsonResponse({ projectId, expires, hashes });
      },
      download: (ctx) => {
        finishedObject(state, ctx);
        const url = blobs.signedUrl('GET', blobKey(ctx.param('name')), blobs.expiry());
        return jsonResponse({ method: 'simple', url }, 303, { location: url });
      },
    },
    seed(name, projectId, bytes, contentType, expires) {
      blobs.put(blobKey(name), bytes, contentType);
      const hashes = {
        sha256: createHash('sha256').update(bytes).digest('hex'),
        sha512: createHash('sha512').update(bytes).digest('hex'),
      };
      state.objects.set(name, { projectId, uploadId: 'seeded', expires, hashes, finished: true });
    },
  };
}

function createUpload(state: ObjectState, ctx: OperationContext): Response {
  const p = requireFields(ctx, {
    projectId: 'string',
    uploadId: 'string',
    expires: 'string',
    proposedUploadMethods: 'object',
  });
  ctx.authorize({ projectId: p['projectId'] });
  const existing = state.objects.get(ctx.param('name'));
  if (existing && (existing.uploadId !== p['uploadId'] || existing.finished)) {
    throw ctx.fail(
      409,
      'RequestConflict',
      `object ${ctx.param('name')} already exists or is being uploaded with another uploadId`,
    );
  }
  const hashes = mergeHashes(ctx, existing?.hashes ?? {}, p['hashes']);
  state.objects.set(ctx.param('name'), {
    projectId: p['projectId'],
    uploadId: p['uploadId'],
    expires: p['expires'],
    hashes,
    finished: false,
  });
  const uploadMethod = chooseUploadMethod(ctx.param('name'), p['proposedUploadMethods'], state);
  return jsonResponse({
    projectId: p['projectId'],
    uploadId: p['uploadId'],
    expires: p['expires'],
    uploadMethod,
  });
}

function finishUpload(state: ObjectState, ctx: OperationContext): Response {
  const p = requireFields(ctx, { projectId: 'string', uploadId: 'string' });
  const object = state.objects.get(ctx.param('name'));
  if (!object)
    throw ctx.fail(404, 'ResourceNotFound', `no upload of ${ctx.param('name')} in progress`);
  ctx.authorize({ projectId: p['projectId'] });
  if (object.uploadId !== p['uploadId'] || object.projectId !== p['projectId']) {
    throw ctx.fail(
      409,
      'RequestConflict',
      `finishUpload of ${ctx.param('name')}: uploadId or projectId differs from createUpload`,
    );
  }
  object.hashes = mergeHashes(ctx, object.hashes, p['hashes']);
  object.finished = true;
  return jsonResponse({});
}

function startDownload(state: ObjectState, ctx: OperationContext): Response {
  const given = ctx.payload?.['acceptDownloadMethods'];
  const accepted = isJson(given) ? given : undefined;
  const object = finishedObject(state, ctx);
  const expires = state.blobs.expiry();
  const url = state.blobs.signedUrl('GET', blobKey(ctx.param('name')), expires);
  if (accepted?.['getUrl'] === true) {
    return jsonResponse({
      method: 'getUrl',
      url,
      expires: new Date(expires).toJSON(),
      hashes: object.hashes,
    });
  }
  if (accepted?.['simple'] === true) return jsonResponse({ method: 'simple', url });
  throw ctx.fail(
    406,
    'NoMatchingMethod',
    'the sandbox offers only the getUrl and simple download methods',
  );
}

function finishedObject(state: ObjectState, ctx: OperationContext): StoredObject {
  const object = state.objects.get(ctx.param('name'));
  if (!object?.finished || isPast(object.expires))
    throw ctx.fail(404, 'ResourceNotFound', `no object named ${ctx.param('name')}`);
  return object;
}

function chooseUploadMethod(
  name: string,
  proposed: Json,
  { blobs, inlineLimit }: ObjectState,
): Json {
  const inline = proposed['dataInline'];
  if (isJson(inline) && typeof inline['objectData'] === 'string') {
    const bytes = Buffer.from(inline['objectData'], 'base64');
    if (bytes.length < inlineLimit) {
      blobs.put(
        blobKey(name),
        bytes,
        typeof inline['contentType'] === 'string'
          ? inline['contentType']
          : 'application/octet-stream',
      );
      return { dataInline: true };
    }
  }
  const put = proposed['putUrl'];
  if (
    isJson(put) &&
    typeof put['contentType'] === 'string' &&
    typeof put['contentLength'] === 'number' &&
    Number.isInteger(put['contentLength'])
  ) {
    const expires = blobs.expiry();
    return {
      putUrl: {
        url: blobs.signedUrl('PUT', blobKey(name), expires, put['contentLength']),
        expires: new Date(expires).toJSON(),
        headers: {
          'Content-Type': put['contentType'],
          'Content-Length': String(put['contentLength']),
        },
      },
    };
  }
  return {};
}

function mergeHashes(
  ctx: OperationContext,
  known: Record<string, string>,
  given: unknown,
): Record<string, string> {
  const merged = { ...known };
  for (const [algorithm, value] of Object.entries(isJson(given) ? given : {})) {
    if (typeof value !== 'string')
      throw ctx.fail(400, 'InputValidationError', `hashes.${algorithm} must be a string`);
    if (merged[algorithm] !== undefined && merged[algorithm] !== value) {
      throw ctx.fail(
        409,
        'RequestConflict',
        `hashes.${algorithm} differs from the one given earlier`,
      );
    }
    merged[algorithm] = value;
  }
  return merged;
}
