// The stand-in object service and blob store for bench:transfer, in its own process: createUpload
// answers a putUrl, startDownload a getUrl with the hashes of the generated object; PUT bodies are
// counted and dropped, GET bodies are one random 1 MiB block repeated. No authentication is checked.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { BLOCK_SIZE, SIZES } from './common.mjs';

const block = randomBytes(BLOCK_SIZE);

function hashesOf(size) {
  const sha256 = createHash('sha256');
  const sha512 = createHash('sha512');
  for (let at = 0; at < size; at += BLOCK_SIZE) {
    const part = block.subarray(0, Math.min(BLOCK_SIZE, size - at));
    sha256.update(part);
    sha512.update(part);
  }
  return { sha256: sha256.digest('hex'), sha512: sha512.digest('hex') };
}

const HASHES = new Map(SIZES.map((size) => [size, hashesOf(size)]));
const sizeOf = (name) => Number(/(\d+)$/.exec(name)?.[1]);
const expires = () => new Date(Date.now() + 3_600_000).toISOString();

function json(res, status, body) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function serveBlob(res, size) {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
  for (let at = 0; at < size; at += BLOCK_SIZE) {
    if (!res.write(block.subarray(0, Math.min(BLOCK_SIZE, size - at)))) await once(res, 'drain');
  }
  res.end();
}

async function api(req, res, path, origin) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
  const [, route, name] = /^\/api\/object\/v1\/([a-z-]+)\/(.+)$/.exec(path) ?? [];
  const size = sizeOf(decodeURIComponent(name ?? ''));
  if (route === 'upload') {
    const { contentType, contentLength } = body.proposedUploadMethods.putUrl;
    const putUrl = {
      url: `${origin}/blobs/${size}?sig=bench`,
      expires: expires(),
      headers: { 'content-type': contentType, 'content-length': String(contentLength) },
    };
    return json(res, 200, {
      projectId: body.projectId,
      uploadId: body.uploadId,
      expires: body.expires,
      uploadMethod: { putUrl },
    });
  }
  if (route === 'finish-upload') return json(res, 200);
  if (route === 'start-download')
    return json(res, 200, {
      method: 'getUrl',
      url: `${origin}/blobs/${size}?sig=bench`,
      expires: expires(),
      hashes: HASHES.get(size),
    });
  json(res, 404, { code: 'ResourceNotFound' });
}

const server = createServer({ keepAliveTimeout: 600_000 }, (req, res) => {
  const { pathname } = new URL(req.url, 'http://x');
  const origin = `http://${req.headers.host}`;
  const failed = (err) => json(res, 500, { message: String(err) });
  if (pathname.startsWith('/api/')) return void api(req, res, pathname, origin).catch(failed);
  const size = Number(/^\/blobs\/(\d+)$/.exec(pathname)?.[1]);
  if (req.method === 'GET') return void serveBlob(res, size).catch(failed);
  let received = 0;
  req.on('data', (chunk) => {
    received += chunk.length;
  });
  req.on('end', () => json(res, received === size ? 200 : 400));
});
server.headersTimeout = 0;
server.requestTimeout = 0;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('disconnect', () => process.exit(0));
