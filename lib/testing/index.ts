// Node-only. taskcluster-dynamic/testing: a Taskcluster deployment on loopback for tests and demos.
// Real HTTP, real Hawk, scopes enforced from the references, state in memory.
import type { RequestHandler } from 'msw';
import { http } from 'msw/core/http';
import { getResponse } from './get-response.js';
import { failure } from '../errors.js';
import { holdCredentials } from '../options.js';
import {
  loadReferences,
  type ReferenceSet,
  type SandboxReferences,
  type ReferenceFile,
} from './references.js';
import { createClientDirectory, type SandboxClient } from './clients.js';
import {
  checkFault,
  createFaults,
  createRouteLocator,
  type Fault,
  type FaultTable,
  type SandboxRequest,
} from './faults.js';
import type { Intercept } from './server.js';
import { startLoopbackServer } from './server.js';
import { mountServices } from './mount-services.js';
import type { Role } from './roles.js';
import type { SeedArtifact } from './services/queue-artifacts.js';
import type { WorkerOptions } from './services/queue-worker.js';

export type {
  SandboxReferences,
  ReferenceFile,
  SandboxClient,
  SandboxRequest,
  SeedArtifact,
  Role,
  Fault,
  WorkerOptions,
};

/** How {@link startSandbox} sets up a sandbox deployment: its references, clients, storage and worker. */
export interface SandboxOptions {
  /** `'bundled'` (default), a folder laid out like `<rootUrl>/references`, or documents / `{filename, content}` files. */
  references?: SandboxReferences;
  /** Permanent clients besides the root client. */
  clients?: SandboxClient[];
  /** Roles that `assume:<roleId>` scopes expand to; a role `anonymous` sets what unauthenticated calls may do. */
  roles?: Role[];
  /** Port on 127.0.0.1; default 0, any free port. */
  port?: number;
  /** Storage as the object service and the queue hand it out. */
  storage?: StorageOptions;
  /**
   * The built-in worker: `true` or options to have tasks claimed, run (writing a live log) and
   * resolved as their payload says (`{command, exitCode: 1}` fails). Off by default: tasks
   * then stay pending until a test claims them (claimWork) and reports them.
   */
  worker?: boolean | WorkerOptions;
}

/** The sandbox object service's storage: how long signed URLs live and when uploads go inline. */
export interface StorageOptions {
  /** How long signed storage URLs stay valid, in ms (default one hour; negative: born expired). */
  urlLifetime?: number;
  /** createUpload takes `dataInline` below this many bytes (default 8192; 0: never). */
  inlineLimit?: number;
}

/** A running sandbox deployment on 127.0.0.1: its rootUrl, root credentials, recorded calls and seeding helpers. */
export interface Sandbox {
  readonly rootUrl: string;
  /** A permanent client with scope `*`. */
  readonly rootCredentials: { readonly clientId: string; readonly accessToken: string };
  /** Every API call so far (and `_blob` transfers), in order. */
  readonly requests: readonly SandboxRequest[];
  /** The next `times` (default 1) calls of `method` (`createTask` or `queue.createTask`) answer `status`. */
  failNext(method: string, status: number, times?: number): void;
  /**
   * The next `fault.times` (default 1) calls of `route` suffer `fault`. A route is an API method
   * (`createTask` on any service, or `queue.createTask`) or a storage transfer (`_blob.get`,
   * `_blob.put`).
   *
   * @example
   * sandbox.fault('queue.claimWork', { reset: 'after-body' });
   * sandbox.fault('_blob.get', { truncate: true, times: 2 });
   */
  fault(route: string, fault: Fault): void;
  /** Add an artifact to a task run, for `artifact`, `latestArtifact` and the listings. */
  seedArtifact(artifact: SeedArtifact): void;
  /** Stop the server and close its connections. */
  close(): Promise<void>;
}

/**
 * Start a sandbox deployment on 127.0.0.1.
 *
 * @example
 * const sandbox = await startSandbox();
 * const queue = createClient('queue', { rootUrl: sandbox.rootUrl, credentials: sandbox.rootCredentials });
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const { port = 0, clients = [], roles = [] } = options;
  checkOptions(port, clients, roles);
  const set = loadReferences(options.references);
  const directory = createClientDirectory(clients, roles);
  const requests: SandboxRequest[] = [];
  const faults = createFaults();
  let handlersFor: (pathname: string) => readonly RequestHandler[] = () => [];
  const intercept = faultHook(set, faults, requests);
  const server = await startLoopbackServer(port, (pathname) => handlersFor(pathname), intercept);
  const services = mountServices(server.rootUrl, set, { directory, requests }, options);
  handlersFor = services.handlersFor;
  const routeNames = new Set([
    ...set.apis.flatMap((api) =>
      api.entries.flatMap((e) => [e.name, `${api.serviceName}.${e.name}`]),
    ),
    '_blob.get',
    '_blob.put',
  ]);
  const addFault = (label: string, route: string, fault: Fault) => {
    if (!routeNames.has(route))
      throw failure(`${label}: no method ${JSON.stringify(route)} in the sandbox's references`);
    checkFault(label, fault);
    faults.add(route, fault);
  };
  return {
    rootUrl: server.rootUrl,
    // Shown without its accessToken under util.inspect, like a client's options.
    rootCredentials: holdCredentials(directory.root) as Sandbox['rootCredentials'],
    requests,
    failNext: (method, status, times = 1) => {
      addFault('failNext', method, { status, times });
    },
    fault: (route, fault) => {
      addFault('fault', route, fault);
    },
    seedArtifact: services.seedArtifact,
    close: () => {
      services.worker?.close();
      return server.close();
    },
  };
}

/** How {@link sandboxHandlers} sets up the sandbox services as msw handlers for one rootUrl. */
export interface SandboxHandlersOptions extends Omit<SandboxOptions, 'port'> {
  /** The deployment the handlers answer for, e.g. `https://tc.example.com` (no server is started). */
  rootUrl: string;
}

/** The sandbox's services as msw request handlers, to mount beside a test's own (no server, no faults). */
export interface SandboxHandlers {
  readonly rootUrl: string;
  readonly handlers: readonly RequestHandler[];
  readonly rootCredentials: Sandbox['rootCredentials'];
  readonly requests: readonly SandboxRequest[];
  /** Add an artifact to a task run, for `artifact`, `latestArtifact` and the listings. */
  seedArtifact(artifact: SeedArtifact): void;
}

/**
 * The sandbox's request handlers for `rootUrl`, to serve through msw (`setupServer`, or
 * `mswDispatcher` for this client) next to a test's own handlers.
 *
 * @example
 * const sandbox = sandboxHandlers({ rootUrl: 'https://tc.example.com' });
 * const dispatcher = mswDispatcher([myHandler, ...sandbox.handlers]);
 */
export function sandboxHandlers(options: SandboxHandlersOptions): SandboxHandlers {
  const { clients = [], roles = [] } = options;
  checkOptions(0, clients, roles);
  let rootUrl: string;
  try {
    rootUrl = new URL(options.rootUrl).origin;
  } catch (cause) {
    throw failure(
      'sandboxHandlers: rootUrl must be an absolute URL such as https://tc.example.com',
      { cause },
    );
  }
  const set = loadReferences(options.references);
  const directory = createClientDirectory(clients, roles);
  const requests: SandboxRequest[] = [];
  const services = mountServices(
    rootUrl,
    set,
    { directory, requests },
    { storage: options.storage ?? {} },
  );
  // The services' handlers match paths on any origin; mounted beside others they answer for rootUrl only.
  const scoped = http.all(
    ({ request }) => new URL(request.url).origin === rootUrl,
    ({ request }) =>
      getResponse([...services.handlersFor(new URL(request.url).pathname)], request, {
        quiet: true,
      }),
  );
  return {
    rootUrl,
    handlers: [scoped],
    rootCredentials: holdCredentials(directory.root) as Sandbox['rootCredentials'],
    requests,
    seedArtifact: services.seedArtifact,
  };
}

function checkOptions(port: unknown, clients: unknown, roles: unknown): void {
  if (!Number.isInteger(port) || (port as number) < 0 || (port as number) > 65535) {
    throw failure(`startSandbox: port must be an integer 0-65535, got ${String(port)}`);
  }
  if (!Array.isArray(clients) || !Array.isArray(roles))
    throw failure('startSandbox: clients and roles must be arrays');
  for (const role of roles as Array<Partial<Role> | null | undefined>) {
    if (typeof role?.roleId !== 'string' || !Array.isArray(role.scopes))
      throw failure('startSandbox: each role needs {roleId, scopes: string[]}');
  }
}

const TRACE_HEADER = 'x-taskcluster-trace-id';

/** The fault hook of the server: the pending fault of a request's route, and its log entry. */
function faultHook(set: ReferenceSet, faults: FaultTable, requests: SandboxRequest[]): Intercept {
  const locate = createRouteLocator(set.apis);
  return (request) => {
    const route = locate(request);
    const traceId = request.headers.get(TRACE_HEADER) ?? undefined;
    const fault = route && faults.take(route, traceId);
    if (!route || !fault) return undefined;
    const url = new URL(request.url);
    url.searchParams.delete('bewit');
    const path = url.pathname + url.search;
    const traced = traceId === undefined ? {} : { traceId };
    return {
      route,
      fault,
      record: (status) => requests.push({ ...route, path, ...traced, status }),
    };
  };
}
