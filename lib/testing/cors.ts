// Node-only. CORS for the sandbox, so that a page on another origin can call it: every answer
// allows any origin (Hawk needs no cookies, so credentials mode stays off) and exposes its
// headers; a preflight is answered here, before routing, Hawk or faults see it.
import type { IncomingMessage, ServerResponse } from 'node:http';

const METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';
const MAX_AGE_SECONDS = '600';

/** Whether `req` is a CORS preflight (OPTIONS with Access-Control-Request-Method). */
export const isPreflight = (req: IncomingMessage): boolean =>
  req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;

/** Set the CORS headers every answer carries. */
export function allowCrossOrigin(res: ServerResponse): void {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-expose-headers', '*');
}

/** Answer a preflight: the methods the APIs use and whatever headers the page asks to send. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const asked = req.headers['access-control-request-headers'];
  res.writeHead(204, {
    'access-control-allow-methods': METHODS,
    ...(asked ? { 'access-control-allow-headers': asked } : {}),
    'access-control-max-age': MAX_AGE_SECONDS,
    vary: 'Access-Control-Request-Headers',
  });
  res.end();
}
