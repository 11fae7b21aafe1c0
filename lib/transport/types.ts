// The transport stage's contract: one attempt of one HTTP request, for API calls, reference
// fetches and data transfers alike. Two implementations: ./undici.ts (Node) and ./fetch.ts
// (browsers). This module and ./classify.ts import nothing from node:* so that both can use them.

/** Response headers, lower-case names; a repeated header is an array. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** The bytes of a request body: JSON text, a buffer, or (data uploads) an async iterable. */
export type RequestBody = string | Uint8Array | AsyncIterable<Uint8Array>;

/** What an attempt sends. */
export interface AttemptRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: RequestBody | undefined;
  /** What error messages name, e.g. `queue.createTask` or `GET https://host/path`. */
  label: string;
  /** Redirects to follow (data transfers only: API calls never follow redirects). Default 0. */
  maxRedirects?: number;
  /**
   * Whether this request may be sent again after its body went out and the connection then
   * died without an answer (GET, HEAD, PUT, DELETE are; see ./idempotency.ts).
   */
  idempotent: boolean;
}

/** The limits and the route of one attempt. */
export interface AttemptLimits {
  /** The Node transport's undici Dispatcher (undefined: the global one); browsers ignore it. */
  dispatcher?: unknown;
  /**
   * The deadline in ms: the whole answer of a `json` read; for a `stream` read, the response
   * headers and then every wait for the next chunk sent or received.
   */
  timeout: number;
  /** The most bytes a `json` answer may have (decoded); more is a `ResponseTooLarge` failure. */
  maxResponseBytes: number;
  /** Caps a `Retry-After` hint, in ms. */
  maxDelay: number;
  /** Aborts the attempt at once (code `Aborted`). */
  signal?: AbortSignal | undefined;
}

/** A `json` read's result: 2xx and 3xx answers (4xx and 5xx reject). */
export interface JsonAnswer {
  statusCode: number;
  headers: ResponseHeaders;
  /** The parsed JSON body, or undefined when the answer is not JSON or empty. */
  value: unknown;
}

/**
 * A `stream` read's result, whatever the status (after redirects): the caller decides what a
 * status means for storage and must consume or cancel `body`. Content-Encoding is decoded.
 */
export interface StreamAnswer<Body = AsyncIterable<Uint8Array>> {
  statusCode: number;
  headers: ResponseHeaders;
  body: Body;
  /** Stop reading and release the connection. */
  cancel(): void;
}

/**
 * One attempt. Rejects with a TaskclusterFailure only; whether it may be retried and after how
 * long is given beside the error, by `verdictOf(error)` of ./classify.ts.
 */
export interface Transport<Body = AsyncIterable<Uint8Array>> {
  /** Resolve once the whole answer is read and parsed (API calls, references). */
  json(request: AttemptRequest, limits: AttemptLimits): Promise<JsonAnswer>;
  /** Resolve once the response headers are in, with the body open (data transfers). */
  stream(request: AttemptRequest, limits: AttemptLimits): Promise<StreamAnswer<Body>>;
}
