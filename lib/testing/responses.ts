// JSON responses in the shape the real services send, errors included
// ({code, message, requestInfo}), and the error codes failNext uses per status.

/** JSON as the services send it. */
export type Json = Record<string, any>;

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

/** A Taskcluster error body; handlers `throw` it and the API layer returns it. */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  requestInfo?: RequestInfo,
): Response {
  return jsonResponse(requestInfo ? { code, message, requestInfo } : { code, message }, status);
}

/** Whether a thrown value is a response to send rather than a crash. */
export function isResponse(value: unknown): value is Response {
  return value instanceof Response;
}
