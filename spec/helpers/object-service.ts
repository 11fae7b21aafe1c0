// A loopback Taskcluster deployment for object specs: the object service's upload/download API
// and the queue's artifact-content API (Hawk verified for real), plus an unauthenticated
// signed-URL blob store with injectable faults.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import Hawk from '@hapi/hawk';

export const OBJECT_CLIENTS: Record<string, string> = {
  uploader: 'uploader-secret-access-token-0123456789',
  'artifact-reader': 'artifact-reader-secret-token-0123456789',
};

export interface StoredObject {
  projectId: string;
  uploadId: string;
  contentType: string;
  blob?: string;
  hashes: Record<string, string>;
  finished: boolean;
}

export interface Blob {
  data?: Buffer;
  contentType: string;
  contentLength?: number;
  sig: string;
}

export interface Faults {
  /** Statuses answered to the next blob PUTs, one each, after reading the body. */
  putStatuses: number[];
  /** Statuses answered to the next blob GETs, one each. */
  getStatuses: number[];
  /** The next this-many blob GETs send half the body, then cut the connection. */
  cutGets: number;
  /** Serve every blob with one byte flipped. */
  tamper: boolean;
  /** Answer blob GETs with a 302 to the same blob under another path. */
  redirectGets: boolean;
  /** Serve blobs gzip-encoded. */
  gzip: boolean;
  /** Take dataInline when proposed. */
  acceptInline: boolean;
  /** Lifetime of signed URLs in ms (negative: already expired). */
  urlLifetime: number;
  /** Replace the hashes startDownload advertises. */
  advertise?: (hashes: Record<string, string>) => Record<string, string>;
}

export interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The verified clientId of an API call. */
  clientId?: string;
  body?: unknown;
}

export interface ObjectService {
  rootUrl: string;
  objects: Map<string, StoredObject>;
  blobs: Map<string, Blob>;
  /** queue.artifact answers, keyed `taskId/runId/name`; `taskId/latest/name` for latestArtifact. */
  artifacts: Map<string, Record<string, unknown>>;
  requests: Seen[];
  faults: Faults;
  /** Store bytes in the blob store; resolves to their (signed) URL. */
  storeBlob(data: Buffer, contentType: string): string;
  close(): Promise<void>;
}

const credentialsFunc = (id: string) =>
  OBJECT_CLIENTS[id] ? { id, key: OBJECT_CLIENTS[id], algorithm: 'sha256' } : undefined;

const sendJson = (res: ServerResponse, status: number, body?: unknown) => {
  res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
  res.end(body === undefined ? undefined : JSON.stringify(body));
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export const sha = (algorithm: 'sha256' | 'sha512', data: Buffer) =>
  createHash(algorithm).update(data).digest('hex');

type Api = (ctx: Context, match: string[]) => void;
interface Context {
  svc: ObjectService;
  req: IncomingMessage;
  res: ServerResponse;
  seen: Seen;
  body: any;
}

const signedUrl = (svc: ObjectService, key: string) =>
  `${svc.rootUrl}/blobs/${key}?sig=${svc.blobs.get(key)!.sig}`;
const expiry = (svc: ObjectService) => new Date(Date.now() + svc.faults.urlLifetime).toISOString();
const UPLOAD_ID = /^[A-Za-z0-9_-]{8}[Q-T][A-Za-z0-9_-][CGKOSWaeimquy26-][A-Za-z0-9_-]{10}[AQgw]$/;

function newBlob(
  svc: ObjectService,
  contentType: string,
  data?: Buffer,
  contentLength?: number,
): string {
  const key = randomBytes(8).toString('hex');
  svc.blobs.set(key, { data, contentType, contentLength, sig: randomBytes(8).toString('hex') });
  return key;
}

const createUpload: Api = ({ svc, res, body }, [name]) => {
  const { projectId, uploadId, expires, proposedUploadMethods: proposed = {}, hashes = {} } = body;
  if (!UPLOAD_ID.test(uploadId ?? '') || !projectId || !expires)
    return sendJson(res, 400, { code: 'InputValidationError' });
  const existing = svc.objects.get(name);
  if (existing && existing.uploadId !== uploadId)
    return sendJson(res, 409, { code: 'RequestConflict' });
  const object: StoredObject = existing ?? {
    projectId,
    uploadId,
    contentType: '',
    hashes: {},
    finished: false,
  };
  Object.assign(object.hashes, hashes);
  svc.objects.set(name, object);
  let uploadMethod: Record<string, unknown> = {};
  if (proposed.dataInline && svc.faults.acceptInline) {
    object.contentType = proposed.dataInline.contentType;
    object.blob = newBlob(
      svc,
      object.contentType,
      Buffer.from(proposed.dataInline.objectData, 'base64'),
    );
    uploadMethod = { dataInline: true };
  } else if (proposed.putUrl) {
    const { contentType, contentLength } = proposed.putUrl;
    object.contentType = contentType;
    object.blob = newBlob(svc, contentType, undefined, contentLength);
    const headers = { 'content-type': contentType, 'content-length': String(contentLength) };
    uploadMethod = { putUrl: { url: signedUrl(svc, object.blob), expires: expiry(svc), headers } };
  }
  sendJson(res, 200, { projectId, uploadId, expires, uploadMethod });
};

const finishUpload: Api = ({ svc, res, body }, [name]) => {
  const object = svc.objects.get(name);
  if (!object || object.uploadId !== body.uploadId)
    return sendJson(res, 409, { code: 'RequestConflict' });
  const data = svc.blobs.get(object.blob ?? '')?.data;
  if (!data) return sendJson(res, 400, { code: 'InputError', message: 'no data was uploaded' });
  Object.assign(object.hashes, body.hashes);
  // A strict service: hashes that do not describe the stored bytes are a client bug.
  if (
    object.hashes.sha256 !== sha('sha256', data) ||
    object.hashes.sha512 !== sha('sha512', data)
  ) {
    return sendJson(res, 400, { code: 'InputError', message: 'hashes do not match the data' });
  }
  object.finished = true;
  sendJson(res, 200);
};

const startDownload: Api = ({ svc, res, body }, [name]) => {
  const object = svc.objects.get(name);
  if (!object?.finished || !object.blob) return sendJson(res, 404, { code: 'ResourceNotFound' });
  if (!body?.acceptDownloadMethods?.getUrl) return sendJson(res, 406, { code: 'NoMatchingMethod' });
  const hashes = svc.faults.advertise ? svc.faults.advertise({ ...object.hashes }) : object.hashes;
  sendJson(res, 200, {
    method: 'getUrl',
    url: signedUrl(svc, object.blob),
    expires: expiry(svc),
    hashes,
  });
};

const artifactContent: Api = ({ svc, res }, [taskId, runId, name]) => {
  const artifact = svc.artifacts.get(`${taskId}/${runId ?? 'latest'}/${name}`);
  sendJson(res, artifact ? 200 : 404, artifact ?? { code: 'ResourceNotFound' });
};

const ROUTES: Array<[string, RegExp, Api]> = [
  ['PUT', /^\/api\/object\/v1\/upload\/([^/]+)$/, createUpload],
  ['POST', /^\/api\/object\/v1\/finish-upload\/([^/]+)$/, finishUpload],
  ['PUT', /^\/api\/object\/v1\/start-download\/([^/]+)$/, startDownload],
  [
    'GET',
    /^\/api\/queue\/v1\/task\/([^/]+)\/runs\/([^/]+)\/artifact-content\/([^/]+)$/,
    artifactContent,
  ],
  [
    'GET',
    /^\/api\/queue\/v1\/task\/([^/]+)\/()artifact-content\/([^/]+)$/,
    (ctx, [t, , n]) => artifactContent(ctx, [t, undefined as never, n]),
  ],
];

async function api(ctx: Context): Promise<void> {
  const { req, res, seen } = ctx;
  try {
    const { credentials } = await Hawk.server.authenticate(req as never, credentialsFunc, {});
    seen.clientId = credentials.id;
  } catch (err) {
    if (req.headers.authorization || !seen.path.startsWith('/api/queue/'))
      return sendJson(res, 401, { code: 'AuthenticationFailed', message: (err as Error).message });
  }
  const raw = await readBody(req);
  ctx.body = seen.body = raw.length ? JSON.parse(raw.toString()) : undefined;
  for (const [method, pattern, handler] of ROUTES) {
    const match = req.method === method ? pattern.exec(seen.path) : null;
    if (match)
      return handler(
        ctx,
        match.slice(1).map((p) => p && decodeURIComponent(p)),
      );
  }
  sendJson(res, 404, { code: 'ResourceNotFound' });
}

async function putBlob({ svc, req, res }: Context, blob: Blob): Promise<void> {
  const data = await readBody(req);
  const status = svc.faults.putStatuses.shift();
  if (status) return sendJson(res, status, { code: 'InjectedFault' });
  if (req.headers.authorization)
    return sendJson(res, 400, { message: 'a signed URL takes no Authorization header' });
  if (req.headers['content-type'] !== blob.contentType || data.length !== blob.contentLength) {
    return sendJson(res, 400, { message: 'content-type or length differ from the signed ones' });
  }
  blob.data = data;
  sendJson(res, 200);
}

function getBlob({ svc, req, res, seen }: Context, blob: Blob, key: string): void {
  if (svc.faults.redirectGets && seen.path.startsWith('/blobs/')) {
    res.writeHead(302, { location: `/moved/${key}?sig=${blob.sig}` });
    return void res.end();
  }
  const status = svc.faults.getStatuses.shift();
  if (status) return sendJson(res, status, { code: 'InjectedFault' });
  let data = blob.data ?? Buffer.alloc(0);
  if (svc.faults.tamper && data.length) (data = Buffer.from(data))[data.length >> 1] ^= 1;
  const headers: Record<string, string> = { 'content-type': blob.contentType };
  if (svc.faults.gzip) ((data = gzipSync(data)), (headers['content-encoding'] = 'gzip'));
  res.writeHead(200, { ...headers, 'content-length': String(data.length) });
  if (svc.faults.cutGets > 0 && data.length > 1) {
    svc.faults.cutGets--;
    return void res.write(data.subarray(0, data.length >> 1), () => req.socket.destroy());
  }
  res.end(data);
}

async function blobs(ctx: Context): Promise<void> {
  const [, key] = /^\/(?:blobs|moved)\/([0-9a-f]+)$/.exec(ctx.seen.path) ?? [];
  const blob = ctx.svc.blobs.get(key ?? '');
  const sig = new URL(ctx.req.url!, 'http://x').searchParams.get('sig');
  if (!blob || sig !== blob.sig) return sendJson(ctx.res, 403, { message: 'bad signature' });
  if (ctx.req.method === 'PUT') return putBlob(ctx, blob);
  if (ctx.req.method === 'GET') return getBlob(ctx, blob, key);
  sendJson(ctx.res, 405);
}

const DEFAULT_FAULTS = (): Faults => ({
  putStatuses: [],
  getStatuses: [],
  cutGets: 0,
  tamper: false,
  redirectGets: false,
  gzip: false,
  acceptInline: true,
  urlLifetime: 60_000,
});

/** Start the loopback deployment on 127.0.0.1. */
export async function startObjectService(): Promise<ObjectService> {
  const sockets = new Set<Socket>();
  const svc = {
    objects: new Map(),
    blobs: new Map(),
    artifacts: new Map(),
    requests: [],
    faults: DEFAULT_FAULTS(),
  } as unknown as ObjectService;
  const server = createServer((req, res) => {
    const seen: Seen = {
      method: req.method!,
      path: new URL(req.url!, 'http://x').pathname,
      headers: req.headers,
    };
    svc.requests.push(seen);
    const ctx: Context = { svc, req, res, seen, body: undefined };
    (seen.path.startsWith('/api/') ? api(ctx) : blobs(ctx)).catch((err) =>
      sendJson(res, 500, { message: String(err) }),
    );
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  svc.rootUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  svc.storeBlob = (data, contentType) =>
    signedUrl(svc, newBlob(svc, contentType, data, data.length));
  svc.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return svc;
}
