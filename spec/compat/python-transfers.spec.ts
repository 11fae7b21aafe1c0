// The Python client's upload and download expectations (its test_upload_download.py,
// aio/test_upload_download.py, test_upload_download_real.py, aio/test_upload_download_real.py
// and aio/test_reader_writer.py at v106.0.0), mapped to our calling conventions and run on our
// default export: hand-made object and queue services as the Python tests make them, storage on
// a loopback server, and the sandbox's object service where the Python tests use a real
// deployment. Retries wait 1 ms (`delayFactor: 1`) where the Python tests mock the sleep.
//
// Coverage (Python test -> here; sync and aio variants of one test map to the same it):
//   test_getUrl_download_fails                    -> 'fails on a 400 without retrying'
//   test_getUrl_download_fails_retried            -> 'fails after one try and five retries of a 500'
//   test_getUrl_download_fails_retried_succeeds   -> 'succeeds on the third try after two 500s…'
//   test_getUrl_download_fails_reinvokes_startDownload -> 'calls startDownload again when the URL expired…'
//   test_download (custom writer factory)         -> 'writes into the writers of a writerFactory'
//   test_verifyHashes_* (5)                       -> 'checks advertised hashes: %s'
//   test_putUrl_upload_fails                      -> 'fails on a 400 without retrying' (upload)
//   test_putUrl_upload_fails_retried              -> 'fails after one try and five retries of a 500' (upload)
//   test_putUrl_upload_fails_retried_succeeds     -> 'succeeds on the third try after two 500s' (upload)
//   test_putUrl_upload (custom reader factory)    -> 'sends the bytes of a readerFactory…'
//   test_hashing_reader_hashes                    -> 'finishes the upload with the sha256 and sha512…',
//                                                    'refuses a reader that gives fewer bytes…'
//   test_download_s3_artifact                     -> 'downloads a %s artifact from its url'
//   test_download_object_artifact                 -> 'downloads an object artifact with the credentials…'
//   test_download_error_artifact                  -> 'fails on an error artifact with its message and reason'
//   test_small_upload_download, test_large_upload_download, test_file_upload_download,
//   test_aiofile_upload_download                  -> describe('round trips through the sandbox…')
//   test_streaming_copy_buffers, test_streaming_copy_files -> the round trips (row: streamingCopy)
//   test_streaming_copy_reader_fails, test_streaming_copy_writer_fails
//                                                 -> 'fails the upload with the error of a failing reader', '… writer'
import { afterAll, beforeAll, describe, it, expect } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import tc, { TaskclusterFailure, type Client } from '../../lib/index.js';
import { loopback, type Answer, type Loopback } from './loopback.js';
import { startObjectDeployment, UPLOADER } from '../objects/sandbox-deployment.js';
import type { Sandbox } from '../../lib/testing/index.js';

const hex = (algorithm: string, data: Buffer) => createHash(algorithm).update(data).digest('hex');
const hashesOf = (data: Buffer) => ({ sha256: hex('sha256', data), sha512: hex('sha512', data) });
const QUICK = { delayFactor: 1 };

/** Storage on a loopback server answering each request with the next status of `statuses` (then 200). */
async function storage(data: Buffer, statuses: number[]): Promise<Loopback> {
  return loopback(({ method }, n): Answer => {
    const status = statuses[n] ?? 200;
    if (status !== 200) return { status, body: 'uhoh' };
    return method === 'GET'
      ? { status, headers: { 'content-type': 'text/plain' }, body: data }
      : { status };
  });
}

/** An object service made by hand, as the Python tests' FakeObject. */
function fakeObject(
  url: string,
  { immediateExpire = false, hashes = {} }: { immediateExpire?: boolean; hashes?: object } = {},
) {
  let last: { uploadId?: unknown; projectId?: unknown } = {};
  const service = {
    startCount: 0,
    finished: [] as Array<Record<string, unknown>>,
    startDownload(name: string, payload: { acceptDownloadMethods: { getUrl?: boolean } }) {
      expect(name).toBe('some/object');
      expect(payload.acceptDownloadMethods.getUrl).toBe(true);
      service.startCount++;
      const expires = tc.fromNow(immediateExpire ? '0s' : '1 hour').toJSON();
      return Promise.resolve({ method: 'getUrl', url: `${url}/data`, expires, hashes });
    },
    createUpload(
      _name: string,
      payload: {
        uploadId: string;
        projectId: string;
        expires: string;
        proposedUploadMethods: { putUrl: { contentType: string; contentLength: number } };
      },
    ) {
      last = payload;
      const { contentType, contentLength } = payload.proposedUploadMethods.putUrl;
      expect(contentType).toBe('text/plain');
      const headers = { 'content-type': contentType, 'content-length': String(contentLength) };
      return Promise.resolve({
        expires: payload.expires,
        projectId: payload.projectId,
        uploadId: payload.uploadId,
        uploadMethod: { putUrl: { expires: payload.expires, headers, url: `${url}/data` } },
      });
    },
    finishUpload(_name: string, payload: Record<string, unknown>) {
      expect(payload['uploadId']).toBe(last.uploadId);
      expect(payload['projectId']).toBe(last.projectId);
      service.finished.push(payload);
      return Promise.resolve({});
    },
  };
  return service;
}

const uploadArgs = (data: Buffer, objectService: object) => ({
  projectId: 'taskcluster',
  name: 'some/object',
  contentType: 'text/plain',
  contentLength: data.length,
  expires: tc.fromNow('1 hour'),
  objectService,
  ...QUICK,
});

const gets = (server: Loopback) => server.requests.filter((r) => r.method === 'GET').length;
const puts = (server: Loopback) => server.requests.filter((r) => r.method === 'PUT');

describe('download (getUrl) from a hand-made object service', () => {
  const data = randomBytes(1024);
  const fetchWith = async (statuses: number[], options: { immediateExpire?: boolean } = {}) => {
    const server = await storage(data, statuses);
    const objectService = fakeObject(server.url, { ...options, hashes: hashesOf(data) });
    const result = await tc
      .downloadToBuf({ name: 'some/object', objectService, ...QUICK })
      .catch((e: unknown) => e);
    await server.close();
    return { result, server, objectService };
  };

  it('fails on a 400 without retrying', async () => {
    const { result, server } = await fetchWith([400]);
    expect(result).toBeInstanceOf(TaskclusterFailure);
    expect(result).toMatchObject({ statusCode: 400 });
    expect(gets(server)).toBe(1);
  });

  it('fails after one try and five retries of a 500', async () => {
    const { result, server } = await fetchWith([500, 500, 500, 500, 500, 500]);
    expect(result).toMatchObject({ statusCode: 500 });
    expect(gets(server)).toBe(6);
  });

  it('succeeds on the third try after two 500s, with the data and its content type', async () => {
    const { result, server } = await fetchWith([500, 500]);
    expect(result).toEqual({ buf: data, contentType: 'text/plain' });
    expect(gets(server)).toBe(3);
  });

  it('calls startDownload again when the URL expired before the retry', async () => {
    const { result, server, objectService } = await fetchWith([500], { immediateExpire: true });
    expect(result).toEqual({ buf: data, contentType: 'text/plain' });
    expect(objectService.startCount).toBe(2);
    expect(gets(server)).toBe(2);
  });

  it('writes into the writers of a writerFactory', async () => {
    const server = await storage(data, []);
    const chunks: Buffer[] = [];
    const writerFactory = () =>
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk);
          done();
        },
      });
    const objectService = fakeObject(server.url, { hashes: hashesOf(data) });
    await tc.download({ name: 'some/object', objectService, writerFactory });
    await server.close();
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
  });

  const right = hashesOf(data);
  it.each([
    ['none acceptable (md5 only)', { md5: 'good' }, 'NoAcceptableHash'],
    ['no known algorithm', { sha102: 'good' }, 'NoAcceptableHash'],
    ['sha256 matches, sha512 does not', { sha256: right.sha256, sha512: 'bad' }, 'HashMismatch'],
    ['sha512 matches, sha1024 unknown', { sha512: right.sha512, sha1024: 'good' }, null],
    ['both match', right, null],
  ])('checks advertised hashes: %s', async (_what, hashes, code) => {
    const server = await storage(data, []);
    const objectService = fakeObject(server.url, { hashes });
    const result = await tc
      .downloadToBuf({ name: 'some/object', objectService })
      .catch((e: unknown) => e);
    await server.close();
    if (code) expect(result).toMatchObject({ name: 'TaskclusterFailure', code });
    else expect(result).toEqual({ buf: data, contentType: 'text/plain' });
    // A mismatch is final: the same URL would give the same bytes.
    expect(gets(server)).toBe(1);
  });
});

describe('upload (putUrl) to a hand-made object service', () => {
  // More than 8 KiB, so that the upload goes through putUrl rather than dataInline.
  const data = randomBytes(10240);
  const sendWith = async (statuses: number[]) => {
    const server = await storage(data, statuses);
    const objectService = fakeObject(server.url);
    const result = await tc
      .uploadFromBuf({ ...uploadArgs(data, objectService), data })
      .catch((e: unknown) => e);
    await server.close();
    return { result, server, objectService };
  };

  it('fails on a 400 without retrying', async () => {
    const { result, server, objectService } = await sendWith([400]);
    expect(result).toMatchObject({ name: 'TaskclusterRestFailure', statusCode: 400 });
    expect(puts(server)).toHaveLength(1);
    expect(objectService.finished).toEqual([]);
  });

  it('fails after one try and five retries of a 500', async () => {
    const { result, server } = await sendWith([500, 500, 500, 500, 500, 500]);
    expect(result).toMatchObject({ statusCode: 500 });
    expect(puts(server)).toHaveLength(6);
  });

  it('succeeds on the third try after two 500s', async () => {
    const { result, server } = await sendWith([500, 500]);
    expect(result).toMatchObject({ hashes: hashesOf(data) });
    expect(puts(server)).toHaveLength(3);
    for (const put of puts(server)) expect(put.body.equals(data)).toBe(true);
  });

  it('sends the bytes of a readerFactory with the headers createUpload asked for', async () => {
    const server = await storage(data, []);
    const objectService = fakeObject(server.url);
    await tc.upload({
      ...uploadArgs(data, objectService),
      readerFactory: () => Readable.from([data]),
    });
    await server.close();
    const [put] = puts(server);
    expect(put?.body.equals(data)).toBe(true);
    expect(put?.headers).toMatchObject({
      'content-type': 'text/plain',
      'content-length': String(data.length),
    });
  });

  it('finishes the upload with the sha256 and sha512 of the bytes sent', async () => {
    const { objectService } = await sendWith([]);
    expect(objectService.finished).toEqual([expect.objectContaining({ hashes: hashesOf(data) })]);
  });

  it('refuses a reader that gives fewer bytes than contentLength, and never finishes', async () => {
    const server = await storage(data, []);
    const objectService = fakeObject(server.url);
    const short = () => Readable.from([data.subarray(0, 9)]);
    const result = await tc
      .upload({ ...uploadArgs(data, objectService), readerFactory: short, maxRetries: 0 })
      .catch((e: unknown) => e);
    await server.close();
    expect(result).toBeInstanceOf(TaskclusterFailure);
    expect(objectService.finished).toEqual([]);
  });

  it('fails the upload with the error of a failing reader', async () => {
    const server = await storage(data, []);
    const objectService = fakeObject(server.url);
    const crashing = () =>
      Readable.from(
        (async function* () {
          yield data.subarray(0, 1024);
          await Promise.resolve();
          throw new Error('uhoh, reader crashed');
        })(),
      );
    const result = await tc
      .upload({ ...uploadArgs(data, objectService), readerFactory: crashing, maxRetries: 0 })
      .catch((e: unknown) => e);
    await server.close();
    expect(String(result)).toMatch(/uhoh, reader crashed/);
    expect(objectService.finished).toEqual([]);
  });
});

describe('downloadArtifact with a hand-made queue', () => {
  const data = randomBytes(1024);
  const queueOf = (content: object) => {
    const answer = (taskId: string, ...rest: unknown[]) => {
      expect(taskId).toBe('task-id');
      expect(rest.at(-1)).toBe('public/test.data');
      return Promise.resolve(content);
    };
    return { artifact: answer, latestArtifact: answer };
  };

  it.each(['s3', 'reference'])('downloads a %s artifact from its url', async (storageType) => {
    const server = await storage(data, []);
    const queueService = queueOf({ storageType, url: `${server.url}/data` });
    const result = await tc.downloadArtifactToBuf({
      taskId: 'task-id',
      runId: 1,
      name: 'public/test.data',
      queueService,
    });
    await server.close();
    expect(result).toEqual({ buf: data, contentType: 'text/plain' });
  });

  it('fails on an error artifact with its message and reason', async () => {
    const queueService = queueOf({ storageType: 'error', message: 'uhoh', reason: 'testing' });
    const call = tc.downloadArtifactToBuf({
      taskId: 'task-id',
      name: 'public/test.data',
      queueService,
    });
    await expect(call).rejects.toMatchObject({
      message: 'uhoh',
      reason: 'testing',
      code: 'ArtifactError',
    });
  });
});

describe('round trips through the sandbox object service (the Python tests against a real deployment)', () => {
  let sandbox: Sandbox;
  let objectService: Client;
  let dir: string;
  beforeAll(async () => {
    ({ sandbox, objectService } = await startObjectDeployment());
    dir = await mkdtemp(join(tmpdir(), 'tcdyn-python-'));
  });
  afterAll(async () => {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });
  const upload = {
    projectId: 'taskcluster',
    contentType: 'text/plain',
    expires: tc.fromNow('1 hour'),
  };
  const nameOf = () => `taskcluster/test/client-py/${tc.slugId()}`;

  it.each([
    ['a small amount of data (inline)', Buffer.from('hello, world')],
    ['a larger amount of data (putUrl)', randomBytes(102400)],
  ])('uploads and downloads %s', async (_what, data) => {
    const name = nameOf();
    await tc.uploadFromBuf({ ...upload, name, data, objectService });
    await expect(tc.downloadToBuf({ name, objectService })).resolves.toEqual({
      buf: data,
      contentType: 'text/plain',
    });
  });

  it('uploads a file and downloads it to a file', async () => {
    const data = randomBytes(102400);
    const [src, dest, name] = [join(dir, 'src'), join(dir, 'dest'), nameOf()];
    await writeFile(src, data);
    await tc.uploadFromFile({ ...upload, name, file: src, objectService });
    await expect(tc.downloadToFile({ name, file: dest, objectService })).resolves.toBe(
      'text/plain',
    );
    expect((await readFile(dest)).equals(data)).toBe(true);
  });

  it('uploads from a readerFactory and downloads into a writerFactory', async () => {
    const data = randomBytes(102400);
    const name = nameOf();
    const readerFactory = () => Readable.from([data.subarray(0, 50000), data.subarray(50000)]);
    await tc.upload({ ...upload, name, contentLength: data.length, readerFactory, objectService });
    let chunks: Buffer[] = [];
    const writerFactory = () => {
      chunks = [];
      return new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk);
          done();
        },
      });
    };
    await expect(tc.download({ name, writerFactory, objectService })).resolves.toBe('text/plain');
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
  });

  it('fails the download with the error of a failing writer', async () => {
    const name = nameOf();
    await tc.uploadFromBuf({ ...upload, name, data: randomBytes(10240), objectService });
    const writerFactory = () =>
      new Writable({
        write(_chunk, _encoding, done) {
          done(new Error('uhoh, writer crashed'));
        },
      });
    const result = await tc
      .download({ name, writerFactory, objectService, maxRetries: 0 })
      .catch((e: unknown) => e);
    expect(String(result)).toMatch(/uhoh, writer crashed/);
  });

  it('downloads an object artifact with the credentials the queue gave for it', async () => {
    const data = randomBytes(2048);
    sandbox.seedArtifact({
      taskId: 'fN1SbArXTPSVFNUvaOlinQ',
      runId: 1,
      name: 'public/test.data',
      storageType: 'object',
      content: data,
      contentType: 'text/plain',
    });
    const queueService = tc.createClient('queue', {
      rootUrl: sandbox.rootUrl,
      credentials: { clientId: UPLOADER.clientId, accessToken: UPLOADER.accessToken },
      references: 'bundled',
    });
    const since = sandbox.requests.length;
    const result = await tc.downloadArtifactToBuf({
      taskId: 'fN1SbArXTPSVFNUvaOlinQ',
      runId: 1,
      name: 'public/test.data',
      queueService,
    });
    expect(result).toEqual({ buf: data, contentType: 'text/plain' });
    const startDownload = sandbox.requests.slice(since).find((r) => r.method === 'startDownload');
    // Not the queue client's own credentials: the artifact's, issued by the deployment.
    expect(startDownload?.clientId).toBe(sandbox.rootCredentials.clientId);
  });
});
