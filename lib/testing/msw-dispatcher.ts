// An undici Dispatcher that answers every request from msw request handlers (the loop of msw's
// `getResponse`), so tests mock this client with the handlers they already write for fetch.
// Nothing reaches the network unless onUnhandledRequest says 'bypass' (or 'warn').
import { Readable } from 'node:stream';
import { Agent, Dispatcher } from 'undici';
import type { RequestHandler } from 'msw';
import { getResponse } from './get-response.js';
import { failure } from '../errors.js';

/** What to do with a request no handler answers: fail it (default), let it through, or decide. */
export type UnhandledRequestPolicy =
  | 'error'
  | 'warn'
  | 'bypass'
  | ((request: Request) => 'error' | 'bypass' | undefined);

export interface MswDispatcherOptions {
  /** Default 'error': the request fails with code UnhandledRequest and is never sent. */
  onUnhandledRequest?: UnhandledRequestPolicy;
  /** Where a bypassed request goes (default: a fresh undici Agent, never the global dispatcher). */
  bypass?: Dispatcher;
}

// The handler's callbacks, called by name: undici hands either the controller-style API or the older one.
type Handler = Record<string, ((...args: unknown[]) => unknown) | undefined>;

function requestOf(opts: Dispatcher.DispatchOptions, body: Buffer | undefined): Request {
  const headers = new Headers();
  const given = opts.headers as unknown;
  if (Array.isArray(given)) {
    for (let i = 0; i + 1 < given.length; i += 2)
      headers.append(String(given[i]), String(given[i + 1]));
  } else if (given && typeof given === 'object') {
    for (const [name, value] of Object.entries(
      given as Record<string, string | number | unknown[] | undefined>,
    )) {
      if (Array.isArray(value))
        value.forEach((v) => {
          headers.append(name, String(v));
        });
      else if (value !== undefined) headers.set(name, String(value));
    }
  }
  const url = new URL(opts.path, String(opts.origin));
  const init: RequestInit = { method: opts.method, headers };
  if (body && opts.method !== 'GET' && opts.method !== 'HEAD') init.body = body;
  return new Request(url, init);
}

async function bodyOf(body: unknown): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return Buffer.from(body);
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<string | Uint8Array>)
      chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  throw failure('mswDispatcher: unsupported request body type');
}

function rawHeaders(response: Response): Buffer[] {
  const raw: Buffer[] = [];
  response.headers.forEach((value, name) => raw.push(Buffer.from(name), Buffer.from(value)));
  return raw;
}

/** Feed a Fetch Response to an undici handler of either API (controller-style or the older callbacks). */
async function deliver(handler: Handler, response: Response): Promise<void> {
  let aborted: Error | undefined;
  const controller = {
    abort: (reason?: Error) => (aborted = reason ?? new Error('aborted')),
    pause() {},
    resume() {},
    get aborted() {
      return aborted !== undefined;
    },
    get reason() {
      return aborted ?? null;
    },
    paused: false,
  };
  const modern = typeof handler['onRequestStart'] === 'function';
  if (modern) handler['onRequestStart']?.(controller, {});
  else handler['onConnect']?.((reason?: Error) => controller.abort(reason));
  // Read through a call: the handler's callbacks set `aborted`, which narrowing cannot see.
  const abortReason = (): Error | undefined => aborted;
  const early = abortReason();
  if (early) throw early;
  const headers = Object.fromEntries(response.headers);
  if (modern)
    handler['onResponseStart']?.(controller, response.status, headers, response.statusText);
  else handler['onHeaders']?.(response.status, rawHeaders(response), () => {}, response.statusText);
  if (response.body) {
    for await (const chunk of Readable.fromWeb(response.body as never)) {
      const reason = abortReason();
      if (reason) throw reason;
      if (modern) handler['onResponseData']?.(controller, Buffer.from(chunk as Uint8Array));
      else handler['onData']?.(Buffer.from(chunk as Uint8Array));
    }
  }
  if (modern) handler['onResponseEnd']?.(controller, {});
  else handler['onComplete']?.([]);
}

function fail(handler: Handler, error: Error): void {
  if (typeof handler['onResponseError'] === 'function')
    handler['onResponseError']({ abort() {}, aborted: true, reason: error }, error);
  else handler['onError']?.(error);
}

function unhandled(request: Request, policy: UnhandledRequestPolicy): 'error' | 'bypass' {
  const decided = typeof policy === 'function' ? policy(request) : policy;
  if (decided === 'warn') {
    console.warn(`mswDispatcher: no handler for ${request.method} ${request.url}; sent as is`);
    return 'bypass';
  }
  return decided === 'bypass' ? 'bypass' : 'error';
}

/** The dispatcher: see {@link mswDispatcher}. */
class MswDispatcher extends Dispatcher {
  private bypassed: Dispatcher | undefined;

  constructor(
    private readonly handlers: readonly RequestHandler[],
    private readonly options: MswDispatcherOptions,
  ) {
    super();
  }

  override dispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) {
    void this.answer(opts, handler as unknown as Handler);
    return true;
  }

  private async answer(opts: Dispatcher.DispatchOptions, handler: Handler): Promise<void> {
    try {
      const request = requestOf(opts, await bodyOf(opts.body));
      const response = await getResponse([...this.handlers], request.clone(), { quiet: true });
      if (response) {
        await deliver(handler, response);
        return;
      }
      if (unhandled(request, this.options.onUnhandledRequest ?? 'error') === 'bypass') {
        this.bypassed ??= this.options.bypass ?? new Agent();
        this.bypassed.dispatch(opts, handler);
        return;
      }
      const message = `mswDispatcher: no handler for ${request.method} ${request.url} (nothing was sent)`;
      fail(handler, failure(message, { code: 'UnhandledRequest' }));
    } catch (error) {
      fail(handler, error as Error);
    }
  }

  override async close(): Promise<void> {
    await this.bypassed?.close();
  }

  override async destroy(): Promise<void> {
    await this.bypassed?.destroy();
  }
}

/**
 * An undici dispatcher answered by msw request handlers: pass it as the client's `dispatcher`
 * option or to `setGlobalDispatcher`. A request no handler answers fails with code
 * `UnhandledRequest` and is never sent (onUnhandledRequest: 'error', the default).
 *
 * @example
 * const dispatcher = mswDispatcher([http.get(`${rootUrl}/api/queue/v1/task/:taskId`, () => HttpResponse.json(task))]);
 * await createClient('queue', { rootUrl, dispatcher }).task(taskId);
 */
export function mswDispatcher(
  handlers: readonly RequestHandler[],
  options: MswDispatcherOptions = {},
): Dispatcher {
  if (!Array.isArray(handlers)) throw failure('mswDispatcher(handlers): handlers must be an array');
  const policy = options.onUnhandledRequest ?? 'error';
  if (typeof policy !== 'function' && !['error', 'warn', 'bypass'].includes(policy))
    throw failure(
      `mswDispatcher: onUnhandledRequest must be 'error', 'warn', 'bypass' or a function`,
    );
  return new MswDispatcher(handlers, options);
}
