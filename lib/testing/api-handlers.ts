// The msw request handlers of the services: find the reference entry whose method and route
// match, read the payload, authenticate, enforce the entry's scopes, then run
// the service's operation (or answer 501). Every call is recorded in `requests`.
import type { HttpHandler } from 'msw';
import { http } from 'msw/core/http';
import type { ApiReference, FunctionEntry } from '../references/types.js';
import { methodRoutes, matchRoute, bySpecificity, type CompiledRoute } from './routes.js';
import { authenticate, type Caller } from './hawk-auth.js';
import { checkScopes, urlParamsSuffice } from './authorize.js';
import { answerOf, errorResponse, serviceError, type Json, type RequestInfo } from './responses.js';
import type { SandboxRequest } from './faults.js';
import type { ClientDirectory } from './clients.js';
import type { ScopeParams } from './scope-expression.js';
import { redact } from '../errors.js';
import { messageOf } from '../utils/message-of.js';

/** What a service operation gets for one call. */
export interface OperationContext {
  readonly entry: FunctionEntry;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly payload: Json | undefined;
  readonly caller: Caller;
  /** The request itself (its body already read into `payload`), for operations that authenticate on their own terms. */
  readonly request: Request;
  /** The URL parameter `name` of the matched route; a 500 response when the route has none. */
  param(name: string): string;
  /** Enforce the entry's scopes with the URL parameters plus `extra`; throws a 403 response. */
  authorize(extra?: ScopeParams): void;
  /** An error carrying the error response (with this call's requestInfo) to `throw`. */
  fail(status: number, code: string, message: string): Error;
}

export type Operation = (ctx: OperationContext) => Response | Promise<Response>;

/** A service's operations, keyed by reference entry name. */
export type ServiceOperations = Readonly<Record<string, Operation>>;

export interface ApiContext {
  readonly directory: ClientDirectory;
  readonly requests: SandboxRequest[];
  /** By serviceName. */
  readonly operations: Readonly<Record<string, ServiceOperations>>;
}

/** One handler per service: it matches when a reference entry's method and route do. */
export function apiHandlers(references: readonly ApiReference[], api: ApiContext): HttpHandler[] {
  return references.map((reference) => {
    const routes = methodRoutes(reference).sort(bySpecificity);
    return http.all(
      ({ request }) => findRoute(routes, request) !== undefined,
      ({ request }) => {
        const found = findRoute(routes, request);
        return found ? respond(found.route, api, request, found.params) : undefined;
      },
    );
  });
}

function findRoute(routes: readonly CompiledRoute[], request: Request) {
  const { pathname } = new URL(request.url);
  for (const route of routes) {
    if (route.entry.method.toUpperCase() !== request.method) continue;
    const params = matchRoute(route, pathname);
    if (params) return { route, params };
  }
  return undefined;
}

async function respond(
  route: CompiledRoute,
  api: ApiContext,
  request: Request,
  params: Record<string, string>,
): Promise<Response> {
  const record: SandboxRequest = {
    service: route.serviceName,
    method: route.entry.name,
    path: recordedPath(request.url),
    status: 0,
  };
  const traceId = request.headers.get('x-taskcluster-trace-id');
  if (traceId !== null) record.traceId = traceId;
  api.requests.push(record);
  let response: Response;
  try {
    response = await run(route, api, request, params, record);
  } catch (err) {
    response =
      answerOf(err) ??
      errorResponse(500, 'InternalServerError', redact(`sandbox failure: ${messageOf(err)}`));
  }
  record.status = response.status;
  return response;
}

async function run(
  route: CompiledRoute,
  api: ApiContext,
  request: Request,
  params: Record<string, string>,
  record: SandboxRequest,
) {
  const { entry, serviceName } = route;
  const operation = api.operations[serviceName]?.[entry.name];
  if (!operation) {
    return errorResponse(
      501,
      'NotImplementedInSandbox',
      `${serviceName}.${entry.name} is not implemented in the sandbox`,
    );
  }
  const payload = await readPayload(request, entry);
  const requestInfo: RequestInfo = {
    method: entry.name,
    params,
    payload,
    time: new Date().toJSON(),
  };
  const caller =
    entry.scopes === undefined ? { scopes: [] } : await authenticate(request, api.directory);
  if (caller.clientId !== undefined) record.clientId = caller.clientId;
  // Set by ctx.authorize(), which the operation calls: `as boolean` so the check after it stays.
  let authorized = false as boolean;
  const ctx: OperationContext = {
    entry,
    params,
    payload,
    caller,
    request,
    query: new URL(request.url).searchParams,
    param(name) {
      const value = params[name];
      if (value === undefined)
        throw serviceError(500, 'InternalServerError', `${entry.name} has no parameter ${name}`);
      return value;
    },
    authorize(extra = {}) {
      checkScopes(entry, caller, { ...params, ...extra }, requestInfo);
      authorized = true;
    },
    fail: (status, code, message) => serviceError(status, code, message, requestInfo),
  };
  if (urlParamsSuffice(entry, params)) ctx.authorize();
  const response = await operation(ctx);
  if (!authorized)
    return errorResponse(
      500,
      'InternalServerError',
      `sandbox bug: ${entry.name} answered without checking scopes`,
      requestInfo,
    );
  return response;
}

async function readPayload(request: Request, entry: FunctionEntry): Promise<Json | undefined> {
  const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
  if (!text) {
    if (entry.input) throw serviceError(400, 'InputValidationError', 'a JSON payload is required');
    return undefined;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    throw serviceError(400, 'MalformedPayload', 'the payload is not valid JSON');
  }
  if (entry.input && (!payload || typeof payload !== 'object' || Array.isArray(payload))) {
    throw serviceError(400, 'InputValidationError', 'the payload must be a JSON object');
  }
  return payload as Json;
}

function recordedPath(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.delete('bewit');
  return parsed.pathname + parsed.search;
}
