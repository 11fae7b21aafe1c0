// uploadArtifact: the object-artifact flow of a task run, createArtifact (storage type object),
// the upload through the object service with the credentials that answer carries, finishArtifact.
import { createClient, clientOptions } from '../client/create-client.js';
import { failure } from '../errors.js';
import { upload, type UploadResult } from '../objects/upload.js';
import type { ReaderFactory } from '../objects/arguments.js';
import type { Credentials } from '../options.js';
import { asQueue, type QueueArg } from './queue.js';

/** What {@link uploadArtifact} uploads: the queue, task, run, artifact name and content. */
export interface UploadArtifactOptions {
  queue: QueueArg;
  taskId: string;
  runId: number;
  name: string;
  contentType: string;
  expires: Date | string;
  /** One of data, file or readerFactory (with contentLength). */
  data?: Uint8Array;
  file?: string;
  readerFactory?: ReaderFactory;
  contentLength?: number;
  maxRetries?: number;
}

interface ObjectArtifact {
  storageType: 'object';
  name: string;
  projectId: string;
  uploadId: string;
  expires: string;
  credentials: Credentials;
}

function checkOptions(o: UploadArtifactOptions): void {
  if (!(o as unknown) || typeof o !== 'object')
    throw failure('uploadArtifact: options must be an object');
  if (typeof o.taskId !== 'string' || typeof o.name !== 'string' || !o.name)
    throw failure('uploadArtifact: taskId and name must be strings');
  if (!Number.isInteger(o.runId) || o.runId < 0)
    throw failure(`uploadArtifact: runId must be a whole number, got ${String(o.runId)}`);
  if (typeof o.contentType !== 'string')
    throw failure('uploadArtifact: contentType must be a string');
  if ([o.data, o.file, o.readerFactory].filter((s) => s !== undefined).length !== 1)
    throw failure('uploadArtifact: give exactly one of data, file or readerFactory');
  const expires = new Date(o.expires);
  if (Number.isNaN(expires.getTime()))
    throw failure(`uploadArtifact: expires must be a date, got ${String(o.expires)}`);
}

/**
 * Upload `data`, `file` or `readerFactory` as an object artifact of run `runId` of `taskId`:
 * createArtifact, then the object service's upload (hashed, retried), then finishArtifact.
 *
 * @example
 * await uploadArtifact({ queue, taskId, runId: 0, name: 'public/report.txt',
 *   contentType: 'text/plain', expires: fromNow('1 day'), data: Buffer.from('ok') });
 */
export async function uploadArtifact(options: UploadArtifactOptions): Promise<UploadResult> {
  checkOptions(options);
  const { taskId, runId, name, contentType } = options;
  const queue = asQueue(options.queue);
  const expires = new Date(options.expires).toJSON();
  const created = (await queue.createArtifact(taskId, runId, name, {
    storageType: 'object',
    expires,
    contentType,
  })) as ObjectArtifact | null;
  if (created?.storageType !== 'object' || typeof created.uploadId !== 'string')
    throw failure(`uploadArtifact: createArtifact answered no object upload for ${name}`);
  // The queue's deployment and settings, with the credentials that allow this one upload.
  const resolved = clientOptions(queue);
  const objectService = createClient('object', {
    ...resolved.given,
    ...(resolved.rootUrl ? { rootUrl: resolved.rootUrl } : {}),
    credentials: created.credentials,
  });
  const result = await upload({
    projectId: created.projectId,
    name: created.name,
    uploadId: created.uploadId,
    expires: created.expires,
    contentType,
    objectService,
    ...(options.data ? { data: options.data } : {}),
    ...(options.file ? { file: options.file } : {}),
    ...(options.readerFactory ? { readerFactory: options.readerFactory } : {}),
    ...(options.contentLength === undefined ? {} : { contentLength: options.contentLength }),
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
  });
  await queue.finishArtifact(taskId, runId, name, { uploadId: created.uploadId });
  return result;
}
