// The loopback HTTP server and the adapter that lets msw handlers serve it: each node:http
// request becomes a Fetch `Request`, msw's `getResponse(handlers, request)` finds the
// handler's `Response`, and that response is streamed back through the node:http response.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'msw';
import { getResponse } from './get-response.js';
import { REQUEST_TARGET_HEADER } from './hawk-auth.js';
import { errorResponse } from './responses.js';
import { allowCrossOrigin, answerPreflight, isPreflight } from './cors.js';
import { connectionError, redact } from '../errors.js';
import { messageOf } from '../utils/message-of.js';
import { answerWithFault, type Intercepted } from './fault-response.js';

/** A fault to apply to `request`, if any (the sandbox's fault hook). */
export type Intercept = (request: Request) => Intercepted | undefined;

export interface LoopbackServer {
  readonly rootUrl: string;
  close(): Promise<void>;
}

/**
 * A node:http request as a Fetch `Request`: the URL on the sandbox's origin, the headers
 * (the request target exactly as sent added under REQUEST_TARGET_HEADER, since the Hawk MAC
 * covers those bytes and URL parsing may normalize them), and the body as a stream.
 */
export function toFetchRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value))
      value.forEach((v) => {
        headers.append(name, v);
      });
    else if (value !== undefined) headers.set(name, value);
  }
  headers.set(REQUEST_TARGET_HEADER, req.url ?? '/');
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    body: hasBody ? Readable.toWeb(req) : undefined,
    duplex: 'half',
  } as RequestInit);
}

// Bodies up to this size (announced by content-length) are sent in one write: a stream
// pipeline per small JSON answer costs more than the rest of the answer under load.
const SMALL_BODY = 64 * 1024;

/** Stream a Fetch `Response` out through a node:http response. */
export async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) {
    res.end();
    return;
  }
  if (Number(response.headers.get('content-length') ?? Infinity) <= SMALL_BODY) {
    res.end(Buffer.from(await response.arrayBuffer()));
    return;
  }
  await pipeline(Readable.fromWeb(response.body), res);
}

/**
 * Listen on 127.0.0.1:`port` (0: any free port) and answer each request with the handlers
 * `handlers(pathname)` offers for its path.
 */
export async function startLoopbackServer(
  port: number,
  handlers: (pathname: string) => readonly RequestHandler[],
  intercept: Intercept = () => undefined,
): Promise<LoopbackServer> {
  let origin = '';
  const server = createServer((req, res) => {
    void answer(req, res, origin, handlers, intercept);
  });
  // Node's 5 s default would close idle connections mid-test on a loaded machine, racing a
  // client's next request; deployments behind their load balancers keep them far longer.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause) => {
      reject(connectionError(`startSandbox: cannot listen on 127.0.0.1:${String(port)}`, cause));
    });
    server.listen(port, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  return {
    rootUrl: origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  origin: string,
  handlers: (pathname: string) => readonly RequestHandler[],
  intercept: Intercept,
) {
  allowCrossOrigin(res);
  if (isPreflight(req)) {
    answerPreflight(req, res);
    return;
  }
  try {
    const request = toFetchRequest(req, origin);
    const respond = async () =>
      (await getResponse([...handlers(new URL(request.url).pathname)], request, {
        quiet: true,
      })) ??
      errorResponse(
        404,
        'ResourceNotFound',
        `nothing at ${String(req.method)} ${new URL(request.url).pathname}`,
      );
    const hooked = intercept(request);
    if (hooked) await answerWithFault(req, res, request, hooked, respond, writeResponse);
    else await writeResponse(res, await respond());
  } catch (err) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    await writeResponse(
      res,
      errorResponse(500, 'InternalServerError', redact(`sandbox failure: ${messageOf(err)}`)),
    ).catch(() => res.destroy());
  }
}
