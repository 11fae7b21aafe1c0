// A recording HTTP server on 127.0.0.1 for the compatibility specs: every request is kept
// (method, path, headers, body) and answered by the spec's own function.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server read it. */
export interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** What the spec's function answers. */
export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A running server: its base URL, the requests so far, and how to stop it. */
export interface Loopback {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

/** Start a server that answers request number `n` (from 0) with `answer(request, n)`; 'drop' cuts the connection instead. */
export async function loopback(
  answer: (request: Recorded, n: number) => Answer | 'drop',
): Promise<Loopback> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      const answered = answer(recorded, requests.length - 1);
      if (answered === 'drop') {
        req.socket.destroy();
        return;
      }
      const { status, headers = {}, body = '' } = answered;
      res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A JSON answer. */
export const json = (status: number, value: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(value),
});
