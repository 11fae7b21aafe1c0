// The sandbox's services wired together: their shared state (tasks, blobs, objects, live logs,
// the optional worker) and the msw handlers that serve them, indexed by path prefix.
import type { RequestHandler } from 'msw';
import { failure } from '../errors.js';
import { ROOT_CLIENT_ID } from './clients.js';
import type { ReferenceSet } from './references.js';
import { referenceHandlers } from './references.js';
import type { ApiContext, ServiceOperations } from './api-handlers.js';
import { apiHandlers } from './api-handlers.js';
import type { SandboxOptions } from './index.js';
import { handlerIndex } from './handler-index.js';
import { apiPrefix } from './routes.js';
import { BLOB_PREFIX, createBlobStore } from './services/blob-store.js';
import { createObjectService } from './services/object.js';
import { createQueue } from './services/queue.js';
import { createArtifacts, type SeedArtifact } from './services/queue-artifacts.js';
import { artifactCreation } from './services/queue-artifact-create.js';
import { runOperations } from './services/queue-runs.js';
import { createWorker, type Worker } from './services/queue-worker.js';
import { createLiveLogs, LOG_PREFIX } from './services/live-log.js';
import { indexOperations } from './services/index-service.js';
import { secretsOperations } from './services/secrets.js';
import { authOperations } from './services/auth.js';
import { pingOperation, unknownApiHandler } from './services/generic.js';

/** The services' state and the msw handlers that serve them, in the order they are tried. */
export function mountServices(
  rootUrl: string,
  set: ReferenceSet,
  api: Omit<ApiContext, 'operations'>,
  { storage = {}, worker: workerOption }: SandboxOptions,
) {
  const blobs = createBlobStore(rootUrl, api.requests, storage.urlLifetime);
  const objects = createObjectService(blobs, storage.inlineLimit);
  let worker: Worker | undefined;
  const queue = createQueue({ onPending: (taskId) => worker?.onPending(taskId) });
  const issuer = () => {
    const root = api.directory.issuer(ROOT_CLIENT_ID);
    if (!root) throw failure(`sandbox: no client ${ROOT_CLIENT_ID}`);
    return root;
  };
  const artifacts = createArtifacts({ tasks: queue.tasks, blobs, objects, issuer });
  const runs = { ...queue, onPending: (taskId: string) => worker?.onPending(taskId), issuer };
  const logs = createLiveLogs(rootUrl);
  if (workerOption)
    worker = createWorker({ runs, artifacts, logs }, workerOption === true ? {} : workerOption);
  const ping = pingOperation(Date.now());
  const implemented: Record<string, ServiceOperations> = {
    queue: {
      ...queue.operations,
      ...artifacts.operations,
      ...runOperations(runs),
      ...artifactCreation({ tasks: queue.tasks, store: artifacts.store, issuer }),
    },
    index: indexOperations(),
    secrets: secretsOperations(),
    object: objects.operations,
    auth: authOperations(api.directory),
  };
  const operations = Object.fromEntries(
    set.apis.map((ref) => [ref.serviceName, { ping, ...implemented[ref.serviceName] }]),
  );
  const references = referenceHandlers(rootUrl, set);
  const [blobHandlers, logHandlers] = [blobs.handlers(), logs.handlers()];
  const apis = apiHandlers(set.apis, { ...api, operations });
  const unknown = unknownApiHandler(set.apis.map((ref) => ref.serviceName));
  const handlers: RequestHandler[] = [
    ...references,
    ...blobHandlers,
    ...logHandlers,
    ...apis,
    unknown,
  ];
  const groups = [
    { prefixes: ['/references/', '/schemas/'], handlers: references },
    { prefixes: [BLOB_PREFIX], handlers: blobHandlers },
    { prefixes: [LOG_PREFIX], handlers: logHandlers },
    ...set.apis.flatMap((ref, i) => {
      const handler = apis[i];
      return handler ? [{ prefixes: [`${apiPrefix(ref)}/`], handlers: [handler, unknown] }] : [];
    }),
  ];
  return {
    handlersFor: handlerIndex(groups, handlers),
    worker,
    seedArtifact: (artifact: SeedArtifact) => {
      artifacts.seed(artifact);
    },
  };
}
