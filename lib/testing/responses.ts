// JSON responses in the shape the real services send, errors included
// ({code, message, requestInfo}), and the error codes failNext uses per status.

/** A JSON object as the services send and take it. */
export type Json = Record<string, unknown>;

/** Whether a value read from JSON is an object (not null, not an array). */
export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What the real services put under `requestInfo` in an error body. */
export interface RequestInfo {
  method: string;
  params: Record<string, string>;
  payload: unknown;
  time: string;
}

const STATUS_CODES: Readonly<Record<number, string>> = Object.freeze({
  400: 'InputError',
  401: 'AuthenticationFailed',
  403: 'InsufficientScopes',
  404: 'ResourceNotFound',
  406: 'NoMatchingMethod',
  409: 'RequestConflict',
  424: 'ArtifactError',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  501: 'NotImplementedInSandbox',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
});

/** The error code a status answers with when no handler chose one. */
export function codeForStatus(status: number): string {
  return STATUS_CODES[status] ?? (status >= 500 ? 'InternalServerError' : 'InputError');
}

/**
 * A JSON response, with its length. A plain Response: msw's HttpResponse.json measures the text
 * through a Blob and decorates the response, which every answer of a sandbox under load pays.
 */
export function jsonResponse(
  body: unknown,
  status = 200,
  headers?: Record<string, string>,
): Response {
  const bytes = encoder.encode(body === undefined ? '' : JSON.stringify(body));
  const all = new Headers(headers);
  if (!all.has('content-type')) all.set('content-type', 'application/json');
  all.set('content-length', String(bytes.byteLength));
  return new Response(bytes, { status, headers: all });
}

const encoder = new TextEncoder();

/** A Taskcluster error body as the services send it. */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  requestInfo?: RequestInfo,
): Response {
  return jsonResponse(requestInfo ? { code, message, requestInfo } : { code, message }, status);
}

/**
 * A service's error answer wrapped in an Error for handlers to `throw`: it ends the call at
 * once, and the API layer (api-handlers.ts) or the storage handler (blob-store.ts) sends the
 * response it carries. It never leaves the sandbox, so it is no TaskclusterFailure.
 */
class ServiceAnswer extends Error {
  readonly response: Response;

  constructor(response: Response) {
    super(`the sandbox answers ${String(response.status)}`);
    this.response = response;
  }
}

/** A Taskcluster error body made into an Error that handlers `throw` (see ServiceAnswer). */
export function serviceError(
  status: number,
  code: string,
  message: string,
  requestInfo?: RequestInfo,
): Error {
  return new ServiceAnswer(errorResponse(status, code, message, requestInfo));
}

/** The response a thrown serviceError carries; undefined for anything else (a crash). */
export function answerOf(thrown: unknown): Response | undefined {
  return thrown instanceof ServiceAnswer ? thrown.response : undefined;
}
