// Node-only. The local end of the browser sign-in flow: a one-shot HTTP server on 127.0.0.1
// that waits for the deployment's client-creation page to redirect the browser back with
// `clientId` and `accessToken` in the query. The token is handed to the caller and never logged.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cliFailure } from './output.js';

export interface SigninCredentials {
  clientId: string;
  accessToken: string;
}

export interface SigninCallback {
  /** `http://127.0.0.1:<port>/`, for the `callback_url` parameter. */
  url: string;
  /** Resolves with the credentials of the first complete callback; rejects after `timeoutMs`. */
  credentials: Promise<SigninCredentials>;
}

const DONE_PAGE = '<!doctype html><title>tcdyn signin</title><p>Signed in: you may close this tab.';

function answer(res: ServerResponse, status: number, text: string, type = 'text/plain'): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, connection: 'close' });
  res.end(text);
}

/** The credentials in a callback request, or undefined when either is missing. */
function credentialsOf(req: IncomingMessage): SigninCredentials | undefined {
  const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
  const clientId = query.get('clientId');
  const accessToken = query.get('accessToken');
  return clientId && accessToken ? { clientId, accessToken } : undefined;
}

/**
 * Start the callback server on a free port of 127.0.0.1. It closes itself (and every
 * connection) once credentials arrive or the time is up; incomplete callbacks get a 400 and
 * the wait goes on, so a stray request (a favicon, a reload) cannot end the flow.
 */
export async function startSigninCallback(timeoutMs: number): Promise<SigninCallback> {
  let settle: (result: SigninCredentials | Error) => void = () => undefined;
  const settled = new Promise<SigninCredentials | Error>((resolve) => {
    settle = resolve;
  });
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const credentials = credentialsOf(req);
    if (req.method !== 'GET' || path !== '/') answer(res, 404, 'not found\n');
    else if (!credentials) answer(res, 400, 'expected clientId and accessToken in the query\n');
    else {
      answer(res, 200, DONE_PAGE, 'text/html');
      settle(credentials);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const timer = setTimeout(() => {
    settle(cliFailure(`no sign-in callback within ${String(timeoutMs / 1000)} s`, 'SigninTimeout'));
  }, timeoutMs);
  const credentials = settled.then(async (result) => {
    clearTimeout(timer);
    const closed = new Promise<void>((resolve) =>
      server.close(() => {
        resolve();
      }),
    );
    // Every answer says `connection: close`, so only idle keep-alive sockets can linger.
    server.closeIdleConnections();
    await closed;
    if (result instanceof Error) throw result;
    return result;
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${String(port)}/`, credentials };
}
