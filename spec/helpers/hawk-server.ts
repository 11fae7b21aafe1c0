// A loopback HTTP server for client specs: verifies Hawk headers and bewits for real with
// @hapi/hawk (nonces remembered, replays refused), records every request, and answers from a script.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import Hawk from '@hapi/hawk';
import { isValidScope, verifyCertificate } from '../../lib/testing/certificate.js';
import { missingScopes } from '../../lib/testing/scope-expression.js';

/** A permanent client as the auth service stores it. */
export interface PermanentClient {
  accessToken: string;
  scopes: string[];
}

interface Ext {
  certificate?: unknown;
  authorizedScopes?: unknown;
}

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The verified clientId, or undefined for anonymous requests. */
  clientId?: string;
  /** The verified Hawk ext, decoded. */
  ext?: Ext;
  authError?: string;
  /** With `clients`: the scopes the auth service would grant (a certificate's, or authorizedScopes). */
  scopes?: string[];
  /** With `clients`: the clientId whose accessToken signed (a temporary credential's issuer). */
  issuer?: string;
}

export interface HawkServerOptions {
  /**
   * Permanent clients of an auth service. When given, the server checks certificates and
   * authorizedScopes as the auth service does and verifies with the derived temporary key;
   * without it, CLIENTS are used and ext is only recorded.
   */
  clients?: Record<string, PermanentClient>;
}

export type Reply = (req: Recorded, res: ServerResponse) => void | Promise<void>;

export interface HawkServer {
  rootUrl: string;
  requests: Recorded[];
  /** Replies used in order, one per request; the last one repeats. */
  script(...replies: Reply[]): void;
  close(): Promise<void>;
}

export const CLIENTS: Readonly<Record<string, string>> & { readonly tester: string } = {
  tester: 'tester-secret-access-token-123456',
};

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };

const plainCredentials = (id: string) =>
  CLIENTS[id] ? { id, key: CLIENTS[id], algorithm: 'sha256' } : undefined;

// The ext the client sent, read before the MAC check as the auth service does.
function sentExt(req: IncomingMessage): string | undefined {
  const header = /\bext="([^"]*)"/.exec(req.headers.authorization ?? '');
  if (header) return header[1];
  const bewit = /[?&]bewit=([^&]*)/.exec(req.url ?? '');
  return bewit?.[1]
    ? Buffer.from(bewit[1], 'base64url').toString('binary').split('\\')[3] || undefined
    : undefined;
}

function parseExt(ext: string | undefined): Ext {
  if (!ext) return {};
  try {
    return JSON.parse(Buffer.from(ext, 'base64').toString('utf-8')) as Ext;
  } catch {
    throw new Error('Failed to parse ext');
  }
}

/**
 * The key and scopes the auth service verifies `id` with: a permanent client's, or those a
 * certificate derives (checked by the sandbox's implementation of the service's rules), then
 * narrowed by authorizedScopes.
 */
function serviceCredentials(id: string, ext: Ext, clients: Record<string, PermanentClient>) {
  const issuerOf = (clientId: string) => {
    const client = Object.hasOwn(clients, clientId) ? clients[clientId] : undefined;
    return client && { clientId, ...client };
  };
  const certificate = ext.certificate as { issuer?: unknown } | undefined;
  const issuer = typeof certificate?.issuer === 'string' ? certificate.issuer : id;
  let found = certificate ? verifyCertificate(id, certificate, issuerOf, Date.now()) : issuerOf(id);
  if (!found) throw new Error(`Client with clientId '${id}' not found`);
  if (ext.authorizedScopes !== undefined) {
    const narrowed = ext.authorizedScopes;
    if (!Array.isArray(narrowed) || !narrowed.every(isValidScope))
      throw new Error('ext.authorizedScopes must be an array of valid scopes');
    if (missingScopes(found.scopes, { AllOf: narrowed }))
      throw new Error('Supplied credentials do not satisfy authorizedScopes');
    found = { ...found, scopes: narrowed };
  }
  return { id, key: found.accessToken, algorithm: 'sha256', issuer, scopes: [...found.scopes] };
}

function credentialsFor(
  req: IncomingMessage,
  record: Recorded,
  clients?: Record<string, PermanentClient>,
) {
  if (!clients) return plainCredentials;
  return (id: string) => {
    const credentials = serviceCredentials(id, parseExt(sentExt(req)), clients);
    record.scopes = credentials.scopes;
    record.issuer = credentials.issuer;
    return credentials;
  };
}

async function verify(
  req: IncomingMessage,
  record: Recorded,
  seen: Set<string>,
  clients?: Record<string, PermanentClient>,
) {
  const credentialsFunc = credentialsFor(req, record, clients);
  const nonceFunc = (_key: string, nonce: string, ts: string) => {
    if (seen.has(`${nonce}:${ts}`)) throw new Error('replayed nonce');
    seen.add(`${nonce}:${ts}`);
  };
  try {
    if (req.headers.authorization) {
      const { credentials, artifacts } = await Hawk.server.authenticate(
        req as never,
        credentialsFunc,
        { nonceFunc },
      );
      record.clientId = credentials.id;
      if (artifacts.ext) record.ext = parseExt(artifacts.ext);
    } else if (/[?&]bewit=/.test(req.url ?? '')) {
      const { credentials, attributes } = await Hawk.server.authenticateBewit(
        req as never,
        credentialsFunc,
      );
      record.clientId = credentials.id;
      if (attributes.ext) record.ext = parseExt(attributes.ext);
    }
  } catch (err) {
    record.authError = (err as Error).message;
  }
}

/** Start a server on 127.0.0.1; by default it answers 401 to bad signatures and 200 `{ok: true}` otherwise. */
export async function startHawkServer(options: HawkServerOptions = {}): Promise<HawkServer> {
  let replies: Reply[] = [json(200, { ok: true })];
  const requests: Recorded[] = [];
  const seen = new Set<string>();
  const sockets = new Set<Socket>();
  // Node ignores the handler's return value: answer in an async function and void its promise.
  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    // Node sets both on every request a server receives.
    if (req.method === undefined || req.url === undefined) throw new Error('no method or URL');
    const record: Recorded = {
      method: req.method,
      url: req.url,
      headers: req.headers,
      body: Buffer.concat(chunks).toString(),
    };
    await verify(req, record, seen, options.clients);
    requests.push(record);
    if (record.authError)
      return json(401, { code: 'AuthenticationFailed', message: record.authError })(record, res);
    const reply = replies.length > 1 ? replies.shift() : replies[0];
    if (!reply) throw new Error('startHawkServer needs at least one reply');
    await reply(record, res);
  };
  const server: Server = createServer((req, res) => {
    void answer(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    rootUrl: `http://127.0.0.1:${String(port)}`,
    requests,
    script: (...r) => {
      replies = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}
