import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  TaskclusterConnectionError,
  TaskclusterFailure,
  TaskclusterRestFailure,
} from '../../lib/index.js';
import {
  download,
  downloadToBuf,
  downloadToFile,
  uploadFromBuf,
  uploadFromFile,
} from '../../lib/objects/index.js';
import type { Sandbox } from '../../lib/testing/index.js';
import { sha, startObjectDeployment, type ObjectDeployment } from './sandbox-deployment.js';
import { nth } from '../helpers/nth.js';
import { rejectionOf } from '../helpers/answers.js';

let deployment: ObjectDeployment;
let sandbox: Sandbox;
let objectService: ObjectDeployment['objectService'];
let dir: string;
beforeEach(async () => {
  deployment = await startObjectDeployment();
  ({ sandbox, objectService } = deployment);
  dir = await mkdtemp(join(tmpdir(), 'tcdyn-download-'));
});
afterEach(async () => {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

const expires = new Date(Date.now() + 86_400_000);
const put = (data: Buffer, name = 'obj') =>
  uploadFromBuf({
    projectId: 'proj',
    name,
    contentType: 'application/x-test',
    expires,
    objectService,
    data,
  });
const gets = () => deployment.blobs('get');
const startDownloads = () => deployment.calls('object', 'startDownload');

const S3_EXPIRED =
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>';
const GCS_EXPIRED =
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>ExpiredToken</Code><Message>The provided token has expired.</Message></Error>';

/** An object stored with the hashes an uploader claimed, whatever its bytes. */
async function putClaiming(data: Buffer, hashes: Record<string, string>) {
  const common = { projectId: 'proj', uploadId: 'fN1SbArXTPSVFNUvaOlinQ' };
  await objectService['createUpload']('obj', {
    ...common,
    expires: expires.toJSON(),
    hashes,
    proposedUploadMethods: {
      dataInline: { contentType: 'application/x-test', objectData: data.toString('base64') },
    },
  });
  await objectService['finishUpload']('obj', { ...common, hashes });
}

/** A writer factory collecting what each writer received. */
function collector() {
  const writes: Buffer[][] = [];
  const writerFactory = () => {
    const mine: Buffer[] = [];
    writes.push(mine);
    return new Writable({
      write(chunk: Buffer, _e, cb) {
        mine.push(chunk);
        cb();
      },
    });
  };
  return { writes, writerFactory };
}

async function fileSha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

describe('downloadToFile', () => {
  it('round-trips 16 MiB through files', async () => {
    const data = randomBytes(16 * 1024 * 1024);
    await writeFile(join(dir, 'in'), data);
    await uploadFromFile({
      projectId: 'proj',
      name: 'big',
      contentType: 'application/x-big',
      expires,
      objectService,
      file: join(dir, 'in'),
    });
    const contentType = await downloadToFile({
      name: 'big',
      objectService,
      file: join(dir, 'out'),
    });
    expect(contentType).toBe('application/x-big');
    expect(await fileSha256(join(dir, 'out'))).toBe(sha('sha256', data));
  });

  it('retries a connection cut mid-download and leaves the complete file', async () => {
    const data = randomBytes(1024 * 1024);
    await put(data);
    sandbox.fault('_blob.get', { truncate: true });
    await downloadToFile({ name: 'obj', objectService, file: join(dir, 'out') });
    expect(gets()).toHaveLength(2);
    expect((await readFile(join(dir, 'out'))).equals(data)).toBe(true);
    expect(await readdir(dir)).toEqual(['out']);
  });

  it.each([
    ['tampered bytes', { tamper: true, times: 9 }, 'HashMismatch', TaskclusterFailure],
    [
      'cut connections with no retries left',
      { truncate: true, times: 9 },
      'UND_ERR_SOCKET',
      TaskclusterConnectionError,
    ],
    ['a 404 from storage', { status: 404 }, 'StorageRequestFailed', TaskclusterRestFailure],
  ])(
    'leaves an existing target untouched and no temporary file after %s',
    async (_what, faults, code, kind) => {
      await put(randomBytes(100_000));
      await writeFile(join(dir, 'out'), 'previous content');
      sandbox.fault('_blob.get', faults);
      const error = await rejectionOf(
        downloadToFile({
          name: 'obj',
          objectService,
          file: join(dir, 'out'),
          maxRetries: 1,
        }),
        kind,
      );
      expect(error.code).toBe(code);
      expect(await readFile(join(dir, 'out'), 'utf8')).toBe('previous content');
      expect(await readdir(dir)).toEqual(['out']);
    },
  );

  it('rejects a target in a missing directory before any request', async () => {
    const error = await rejectionOf(
      downloadToFile({
        name: 'obj',
        objectService,
        file: join(dir, 'missing', 'out'),
      }),
      TaskclusterFailure,
    );
    expect(error.message).toMatch(/directory of .* does not exist/);
    expect(sandbox.requests).toHaveLength(0);
  });
});

/** A download of the object `obj` into a fresh collector, with `more` arguments. */
const downloadObj = (more: { maxRetries?: number } = {}) =>
  download({ name: 'obj', objectService, writerFactory: collector().writerFactory, ...more });

describe('download', () => {
  it('fails on tampered bytes without retrying', async () => {
    await put(randomBytes(50_000));
    sandbox.fault('_blob.get', { tamper: true, times: Infinity });
    const error = await rejectionOf(downloadObj(), TaskclusterFailure);
    expect(error.code).toBe('HashMismatch');
    expect(gets()).toHaveLength(1);
  });

  it('calls the writer factory again for each retry', async () => {
    const data = randomBytes(200_000);
    await put(data);
    sandbox.fault('_blob.get', { status: 500 });
    sandbox.fault('_blob.get', { truncate: true });
    const { writes, writerFactory } = collector();
    await download({ name: 'obj', objectService, writerFactory });
    // The 500 is answered before any writer is made; the cut one gets a writer, then the last.
    expect(writes).toHaveLength(2);
    expect(Buffer.concat(nth(writes, 1)).equals(data)).toBe(true);
  });

  it('renews an expired URL before retrying', async () => {
    await sandbox.close();
    deployment = await startObjectDeployment({ storage: { urlLifetime: 300 } });
    ({ sandbox, objectService } = deployment);
    await put(randomBytes(20_000));
    sandbox.fault('_blob.get', { status: 502, delay: 400 });
    await download({ name: 'obj', objectService, writerFactory: collector().writerFactory });
    expect(startDownloads()).toHaveLength(2);
  });

  it.each([
    ['403 "Request has expired" (S3)', 403, S3_EXPIRED],
    ['400 ExpiredToken (GCS)', 400, GCS_EXPIRED],
  ])('renews a URL that storage finds expired at first use: %s', async (_what, status, body) => {
    const data = randomBytes(20_000);
    await put(data);
    sandbox.fault('_blob.get', { status, body });
    const { buf } = await downloadToBuf({ name: 'obj', objectService, maxRetries: 0 });
    expect(buf.equals(data)).toBe(true);
    expect(startDownloads()).toHaveLength(2);
    expect(gets().map((r) => r.status)).toEqual([status, 200]);
  });

  it('renews an expired URL once only', async () => {
    await put(randomBytes(100));
    sandbox.fault('_blob.get', { status: 403, body: S3_EXPIRED, times: 2 });
    const error = await rejectionOf(
      downloadToBuf({ name: 'obj', objectService }),
      TaskclusterFailure,
    );
    expect(error).toMatchObject({ statusCode: 403, code: 'StorageRequestFailed' });
    expect(startDownloads()).toHaveLength(2);
  });

  it('follows redirects and decodes gzip before verifying', async () => {
    const data = Buffer.from('text that storage chose to gzip '.repeat(1000));
    await put(data);
    sandbox.fault('_blob.get', { redirect: true });
    sandbox.fault('_blob.get', { gzip: true });
    const { buf } = await downloadToBuf({ name: 'obj', objectService });
    expect(buf.equals(data)).toBe(true);
    expect(gets().map((r) => r.status)).toEqual([302, 200]);
  });

  it('treats a 4xx from storage as final', async () => {
    await put(randomBytes(20_000));
    sandbox.fault('_blob.get', { status: 403, times: 2 });
    const error = await rejectionOf(downloadObj(), TaskclusterRestFailure);
    expect(error.statusCode).toBe(403);
    expect(gets()).toHaveLength(1);
  });

  it('gives up after maxRetries retries of a lost connection', async () => {
    await put(randomBytes(20_000));
    sandbox.fault('_blob.get', { truncate: true, times: 5 });
    await rejectionOf(downloadObj({ maxRetries: 2 }), TaskclusterConnectionError);
    expect(gets()).toHaveLength(3);
  });

  it('does not retry when the writer fails', async () => {
    await put(randomBytes(20_000));
    let writers = 0;
    const writerFactory = () => {
      writers++;
      return new Writable({
        write(_c, _e, cb) {
          cb(new Error('disk full'));
        },
      });
    };
    const error = await rejectionOf(
      download({ name: 'obj', objectService, writerFactory }),
      TaskclusterFailure,
    );
    expect(error.code).toBe('WriterError');
    expect(error.message).toContain('disk full');
    expect(writers).toBe(1);
  });

  it.each([
    ['only unknown algorithms', () => ({ md5: 'abc' }), 'NoAcceptableHash'],
    ['no hashes', () => ({}), 'NoAcceptableHash'],
    [
      'a wrong sha512 beside a right sha256',
      (data: Buffer) => ({ sha256: sha('sha256', data), sha512: '0'.repeat(128) }),
      'HashMismatch',
    ],
  ])('refuses an object advertised with %s', async (_what, advertise, code) => {
    const data = randomBytes(100);
    await putClaiming(data, advertise(data));
    const error = await rejectionOf(downloadObj(), TaskclusterFailure);
    expect(error.code).toBe(code);
  });

  it('accepts sha256 alone, ignoring unknown algorithms', async () => {
    const data = randomBytes(100);
    await putClaiming(data, { sha256: sha('sha256', data), md5: 'whatever' });
    await expect(
      download({ name: 'obj', objectService, writerFactory: collector().writerFactory }),
    ).resolves.toBe('application/x-test');
  });

  it('accepts the official client names object, streamFactory and retries', async () => {
    await put(randomBytes(100));
    const { writes, writerFactory } = collector();
    await download({
      name: 'obj',
      object: objectService,
      streamFactory: writerFactory,
      retries: 0,
    });
    expect(writes).toHaveLength(1);
  });

  it.each([
    ['no name', { name: undefined }, /name must be a non-empty string/],
    ['no sink', { writerFactory: undefined }, /exactly one of writerFactory, file, got none/],
    ['two sinks', { file: 'x' }, /exactly one of writerFactory, file, got writerFactory and file/],
    [
      'a non-function writerFactory',
      { writerFactory: 'out.bin' },
      /writerFactory must be a function/,
    ],
    [
      'a client without startDownload',
      { objectService: {} },
      /objectService must be a client with startDownload/,
    ],
  ])('rejects %s before any request', async (_what, change, message) => {
    const error = await rejectionOf(
      download({
        name: 'obj',
        objectService,
        writerFactory: collector().writerFactory,
        ...change,
      } as never),
      TaskclusterFailure,
    );
    expect(error.message).toMatch(message);
    expect(sandbox.requests).toHaveLength(0);
  });
});

describe('downloadToBuf', () => {
  it('reports a missing object as the service error', async () => {
    const error = await rejectionOf(
      downloadToBuf({ name: 'nothing', objectService, maxRetries: 0 }),
      TaskclusterFailure,
    );
    expect(error.statusCode).toBe(404);
  });

  it('refuses a writer factory', async () => {
    const error = await rejectionOf(
      downloadToBuf({
        name: 'obj',
        objectService,
        writerFactory: collector().writerFactory,
      }),
      TaskclusterFailure,
    );
    expect(error.message).toMatch(/unknown argument 'writerFactory'/);
    expect(sandbox.requests).toHaveLength(0);
  });
});
