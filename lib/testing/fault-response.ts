// Node-only: one node:http exchange answered under a Fault: wait, cut the connection, replace
// the answer with a status or a redirect, rewrite its body (replaced, tampered, gzipped), or
// send only part of it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { codeForStatus, errorResponse } from './responses.js';
import type { Fault, RouteName } from './faults.js';

/** A fault to apply to one request, and how to log a call the service never saw. */
export interface Intercepted {
  readonly route: RouteName;
  readonly fault: Fault;
  record(status: number): void;
}

type Write = (res: ServerResponse, response: Response) => Promise<void>;

/** Answer `req` as `hooked.fault` says; `respond` asks the services. */
export async function answerWithFault(
  req: IncomingMessage,
  res: ServerResponse,
  request: Request,
  hooked: Intercepted,
  respond: () => Promise<Response>,
  write: Write,
): Promise<void> {
  const { fault, route } = hooked;
  if (fault.delay && !(await wait(fault.delay, req))) {
    hooked.record(0);
    return;
  }
  if (fault.reset) {
    if (fault.reset === 'after-body') await request.arrayBuffer().catch(() => undefined);
    hooked.record(0);
    req.socket.destroy();
    return;
  }
  let response: Response;
  if (fault.redirect) {
    // Back to the same resource under another URL: a client may refuse a redirect to the very
    // URL it asked for as a loop (undici's redirect interceptor does).
    const location =
      typeof fault.redirect === 'string' ? fault.redirect : sameResource(request.url);
    response = new Response(null, { status: 302, headers: { location } });
    hooked.record(302);
  } else if (fault.status !== undefined) {
    const message = `fault: ${route.service}.${route.method} answers ${String(fault.status)}`;
    response = errorResponse(fault.status, codeForStatus(fault.status), message);
    hooked.record(fault.status);
  } else {
    response = await respond();
  }
  response = await rewrite(response, fault);
  if (fault.truncate !== undefined && fault.truncate !== false)
    return truncated(req, res, response, fault.truncate, fault.stall === true);
  await write(res, response);
}

/** Resolve true after `ms`, or false as soon as the client goes away. */
function wait(ms: number, req: IncomingMessage): Promise<boolean> {
  return new Promise((resolve) => {
    const gone = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      req.socket.off('close', gone);
      resolve(!req.socket.destroyed);
    }, ms);
    req.socket.once('close', gone);
  });
}

const rewritesBody = (fault: Fault) =>
  fault.body !== undefined || fault.tamper || fault.gzip || fault.truncate;

async function rewrite(response: Response, fault: Fault): Promise<Response> {
  if (!rewritesBody(fault) && !fault.headers) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(fault.headers ?? {})) headers.set(name, value);
  if (!rewritesBody(fault))
    return new Response(response.body, { status: response.status, headers });
  let bytes =
    fault.body !== undefined ? Buffer.from(fault.body) : Buffer.from(await response.arrayBuffer());
  if (fault.tamper && bytes.length > 0) {
    const middle = bytes.length >> 1;
    bytes[middle] = (bytes[middle] ?? 0) ^ 1;
  }
  if (fault.gzip) {
    bytes = gzipSync(bytes);
    headers.set('content-encoding', 'gzip');
  }
  headers.set('content-length', String(bytes.length));
  const body = [204, 304].includes(response.status) ? null : bytes;
  return new Response(body, { status: response.status, headers });
}

/** Send the headers (announcing the whole length) and part of the body, then cut. */
async function truncated(
  req: IncomingMessage,
  res: ServerResponse,
  response: Response,
  truncate: true | number,
  stall: boolean,
): Promise<void> {
  const bytes = Buffer.from(await response.arrayBuffer());
  const sent = truncate === true ? bytes.length >> 1 : Math.min(truncate, bytes.length - 1);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.flushHeaders();
  // A stalled answer stays open until the client gives up or the sandbox closes.
  res.write(bytes.subarray(0, Math.max(sent, 0)), () => stall || req.socket.destroy());
}

/** `url` with one more query parameter, so that it names the same resource by another URL. */
function sameResource(url: string): string {
  const next = new URL(url);
  next.searchParams.append('redirected', String(next.searchParams.getAll('redirected').length + 1));
  return next.href;
}
