// One transfer in a fresh process, so that its peak RSS is its own: `floor` is raw undici
// streaming with sha256+sha512 hashing, `ours` the package's upload/download as built by run.mjs.
import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { request } from 'undici';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BLOCK_SIZE, childArgs, generated } from './common.mjs';

const DIST = process.env.TCDYN_BENCH_DIST ?? new URL('../../dist', import.meta.url).pathname;
const load = (file) => import(pathToFileURL(join(DIST, file)).href);
const [{ createClient }, { download, upload }] = await Promise.all([
  load('index.js'),
  load('objects/index.js'),
]);

const { driver, direction, size, origin } = childArgs();
const block = randomBytes(BLOCK_SIZE);
const name = `bench/object-${size}`;
const expires = new Date(Date.now() + 86_400_000).toISOString();

async function* hashing(chunks, hashes) {
  for (const chunk of chunks) {
    for (const hash of hashes) hash.update(chunk);
    yield chunk;
  }
}

async function api(method, route, body) {
  const res = await request(`${origin}/api/object/v1/${route}/${encodeURIComponent(name)}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`${route} answered ${res.statusCode}`);
  return text ? JSON.parse(text) : undefined;
}

// The floor speaks the same protocol (createUpload / finishUpload, startDownload) with raw undici,
// so both drivers pay the same fixed costs (connection, response parser) before the data moves.
const FLOOR = {
  async upload() {
    const proposedUploadMethods = {
      putUrl: { contentType: 'application/octet-stream', contentLength: size },
    };
    const { uploadMethod } = await api('PUT', 'upload', {
      projectId: 'bench',
      uploadId: 'fN1SbArXTPSVFNUvaOlinQ',
      expires,
      proposedUploadMethods,
    });
    const hashes = [createHash('sha256'), createHash('sha512')];
    const { url, headers } = uploadMethod.putUrl;
    const res = await request(url, {
      method: 'PUT',
      headers,
      body: hashing(generated(size, block), hashes),
    });
    await res.body.dump();
    if (res.statusCode !== 200) throw new Error(`PUT answered ${res.statusCode}`);
    const [sha256, sha512] = hashes.map((h) => h.digest('hex'));
    await api('POST', 'finish-upload', {
      projectId: 'bench',
      uploadId: 'fN1SbArXTPSVFNUvaOlinQ',
      hashes: { sha256, sha512 },
    });
  },
  async download() {
    const offer = await api('PUT', 'start-download', { acceptDownloadMethods: { getUrl: true } });
    const hashes = [createHash('sha256'), createHash('sha512')];
    const res = await request(offer.url);
    for await (const chunk of res.body) for (const hash of hashes) hash.update(chunk);
    const [sha256, sha512] = hashes.map((h) => h.digest('hex'));
    if (sha256 !== offer.hashes.sha256 || sha512 !== offer.hashes.sha512)
      throw new Error('hash mismatch');
  },
};

const objectService = createClient('object', { rootUrl: origin, references: 'bundled' });
const OURS = {
  upload: () =>
    upload({
      projectId: 'bench',
      name,
      contentType: 'application/octet-stream',
      contentLength: size,
      expires,
      objectService,
      readerFactory: () => generated(size, block),
    }),
  download: () =>
    download({
      name,
      objectService,
      writerFactory: () => new Writable({ write: (_chunk, _encoding, callback) => callback() }),
    }),
};

const cpuBefore = process.cpuUsage();
const started = performance.now();
await (driver === 'floor' ? FLOOR : OURS)[direction]();
const seconds = (performance.now() - started) / 1000;
const { user, system } = process.cpuUsage(cpuBefore);
const peakRssMB = (process.resourceUsage().maxRSS * 1024) / 1e6;
process.stdout.write(
  `${JSON.stringify({ mbps: size / 1e6 / seconds, seconds, cpuSeconds: (user + system) / 1e6, peakRssMB })}\n`,
);
process.exit(0);
