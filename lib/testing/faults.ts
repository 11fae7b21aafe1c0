// The sandbox's per-route fault hook: what the next calls of a route suffer (a status, a delay,
// a cut connection, a truncated, tampered, gzipped or replaced body, a redirect), which route
// a request is, and the log of the calls made.
import { failure } from '../errors.js';
import type { ApiReference } from '../references/types.js';
import { bySpecificity, matchRoute, methodRoutes, type CompiledRoute } from './routes.js';

/** One API call as the sandbox saw it. Tokens, bewits and Authorization headers are never recorded. */
export interface SandboxRequest {
  service: string;
  method: string;
  /** Path and query, without any bewit. */
  path: string;
  clientId?: string;
  /** The request's `x-taskcluster-trace-id` (the client's traceId option), if any. */
  traceId?: string;
  /** The status answered; 0 when the connection was cut without an answer. */
  status: number;
}

/**
 * What the next `times` calls of a route suffer. Faults combine: `{delay: 50, status: 503}`
 * answers 503 after 50 ms. A call that gets `status` or `reset` never reaches the service.
 */
export interface Fault {
  /** Answer this status with a Taskcluster error body instead of calling the service. */
  status?: number;
  /** Headers added to the answer, e.g. `{'retry-after': '1'}`. */
  headers?: Record<string, string>;
  /** Replace the answer's body with this text (e.g. invalid JSON). */
  body?: string;
  /** Wait this many ms before answering. */
  delay?: number;
  /** Send the headers and this many bytes of the body (`true`: half), then cut the connection. */
  truncate?: boolean | number;
  /** With `truncate`: keep the connection open after the partial body instead of cutting it. */
  stall?: boolean;
  /** Cut the connection without an answer, before or after reading the request body. */
  reset?: 'before-body' | 'after-body';
  /** Flip one bit in the middle of the body. */
  tamper?: boolean;
  /** Answer 302 to this URL (`true`: the same URL, served normally once the fault is used up). */
  redirect?: boolean | string;
  /** Send the body gzip-encoded with `content-encoding: gzip`. */
  gzip?: boolean;
  /** How many calls suffer it; default 1, `Infinity` for every call. */
  times?: number;
  /** Only calls carrying this trace id (the client's `traceId` option) suffer it. */
  traceId?: string;
}

/** A route: the service name (`_blob` for storage transfers) and the method (`get`/`put` for blobs). */
export interface RouteName {
  service: string;
  method: string;
}

export interface FaultTable {
  add(route: string, fault: Fault): void;
  /** The fault this call of `route` (carrying `traceId`) suffers, if one is pending. */
  take(route: RouteName, traceId?: string): Fault | undefined;
}

const RESETS = new Set(['before-body', 'after-body']);

/** Refuse a fault that could not be applied, naming `label` (`failNext` or `fault`). */
export function checkFault(label: string, given: unknown): void {
  // Faults come from test code, often JavaScript: the object is checked, then each field.
  if (!given || typeof given !== 'object') throw failure(`${label}: a fault must be an object`);
  const { status, times = 1, delay = 0, truncate = false, reset } = given as Fault;
  if (status !== undefined && (!Number.isInteger(status) || status < 100 || status > 599))
    throw failure(`${label}: status must be an HTTP status, got ${String(status)}`);
  if (times !== Infinity && (!Number.isInteger(times) || times < 1))
    throw failure(`${label}: times must be a positive integer, got ${String(times)}`);
  if (!Number.isFinite(delay) || delay < 0)
    throw failure(`${label}: delay must be a number of ms >= 0, got ${String(delay)}`);
  if (typeof truncate !== 'boolean' && !(Number.isInteger(truncate) && truncate >= 0))
    throw failure(`${label}: truncate must be true or a byte count, got ${String(truncate)}`);
  if (reset !== undefined && !RESETS.has(reset))
    throw failure(`${label}: reset must be 'before-body' or 'after-body', got ${reset}`);
}

/**
 * Faults keyed by `service.method` or a bare method name (any service); faults added to one key
 * queue up, each used `times` before the next applies.
 */
export function createFaults(): FaultTable {
  const pending = new Map<string, Array<{ fault: Fault; times: number }>>();
  const takeKey = (key: string) => {
    const queue = pending.get(key);
    const found = queue?.[0];
    if (!queue || !found) return undefined;
    if (--found.times === 0) queue.shift();
    if (queue.length === 0) pending.delete(key);
    return found.fault;
  };
  return {
    add(route, fault) {
      const key = fault.traceId === undefined ? route : `${route}@${fault.traceId}`;
      const queue = pending.get(key) ?? [];
      queue.push({ fault: { ...fault }, times: fault.times ?? 1 });
      pending.set(key, queue);
    },
    take({ service, method }, traceId) {
      const traced =
        traceId === undefined
          ? undefined
          : (takeKey(`${service}.${method}@${traceId}`) ?? takeKey(`${method}@${traceId}`));
      return traced ?? takeKey(`${service}.${method}`) ?? takeKey(method);
    },
  };
}

const BLOB_PREFIX = '/_blob/';

/** Which route of `apis` (or the blob store) a request is for. */
export function createRouteLocator(apis: readonly ApiReference[]) {
  const routes: CompiledRoute[] = apis.flatMap((api) => methodRoutes(api)).sort(bySpecificity);
  return (request: Request): RouteName | undefined => {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith(BLOB_PREFIX))
      return { service: '_blob', method: request.method.toLowerCase() };
    const route = routes.find(
      (r) => r.entry.method.toUpperCase() === request.method && matchRoute(r, pathname),
    );
    return route && { service: route.serviceName, method: route.entry.name };
  };
}
