import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { TaskclusterFailure, TaskclusterRestFailure } from '../../lib/index.js';
import { downloadToBuf, upload, uploadFromBuf, uploadFromFile } from '../../lib/objects/index.js';
import type { Sandbox, StorageOptions } from '../../lib/testing/index.js';
import { sha, startObjectDeployment, type ObjectDeployment } from './sandbox-deployment.js';
import { nth } from '../helpers/nth.js';
import { at, rejectionOf } from '../helpers/answers.js';

const SLUG = /^[A-Za-z0-9_-]{8}[Q-T][A-Za-z0-9_-][CGKOSWaeimquy26-][A-Za-z0-9_-]{10}[AQgw]$/;
const expires = new Date(Date.now() + 86_400_000);

let deployment: ObjectDeployment;
let sandbox: Sandbox;
let objectService: ObjectDeployment['objectService'];
const start = async (storage: StorageOptions = {}) => {
  deployment = await startObjectDeployment({ storage });
  ({ sandbox, objectService } = deployment);
};
beforeEach(() => start());
afterEach(() => sandbox.close());
/** Start again on a sandbox with other storage settings. */
const restart = async (storage: StorageOptions) => {
  await sandbox.close();
  await start(storage);
};

const blobRequests = (method: 'PUT' | 'GET') => deployment.blobs(method === 'PUT' ? 'put' : 'get');
const apiCalls = (method: string) => deployment.calls('object', method);
const stored = async (name: string): Promise<unknown> => {
  const answer: unknown = await objectService['object'](name);
  return answer;
};
const base = (data: Buffer) => ({
  projectId: 'proj',
  name: 'some/object',
  contentType: 'application/x-test',
  expires,
  objectService,
  data,
});

describe('upload', () => {
  it.each([
    [0, 'dataInline'],
    [1, 'dataInline'],
    [8191, 'dataInline'],
    [8192, 'putUrl'],
  ])('round-trips %i bytes, sent by %s', async (size, method) => {
    const data = randomBytes(size);
    const result = await upload({
      ...base(data),
      data: undefined,
      contentLength: size,
      readerFactory: () => Readable.from([data]),
    });
    expect(blobRequests('PUT')).toHaveLength(method === 'putUrl' ? 1 : 0);
    expect(result.hashes).toEqual({ sha256: sha('sha256', data), sha512: sha('sha512', data) });
    expect(at(await stored('some/object'), 'hashes')).toEqual(result.hashes);
    const back = await downloadToBuf({ name: 'some/object', objectService });
    expect(back.buf.equals(data)).toBe(true);
    expect(back.contentType).toBe('application/x-test');
  });

  it('generates a slug uploadId and proposes inline data with its hashes', async () => {
    const data = Buffer.from('hello');
    const { uploadId } = await uploadFromBuf(base(data));
    expect(uploadId).toMatch(SLUG);
    expect(blobRequests('PUT')).toHaveLength(0);
    expect(at(await stored('some/object'), 'hashes', 'sha512')).toBe(sha('sha512', data));
    const { buf } = await downloadToBuf({ name: 'some/object', objectService });
    expect(buf.equals(data)).toBe(true);
  });

  it('retries a PUT that fails with 500, reading the source afresh', async () => {
    sandbox.fault('_blob.put', { status: 500 });
    const data = randomBytes(100_000);
    let readers = 0;
    await upload({
      ...base(data),
      data: undefined,
      contentLength: data.length,
      readerFactory: () => {
        readers++;
        return Readable.from([data]);
      },
    });
    expect(readers).toBe(2);
    expect(blobRequests('PUT')).toHaveLength(2);
    const { buf } = await downloadToBuf({ name: 'some/object', objectService });
    expect(buf.equals(data)).toBe(true);
  });

  it('sends no Authorization header to the signed URL', async () => {
    // The sandbox's storage answers 400 to a PUT that carries one.
    await uploadFromBuf(base(randomBytes(9000)));
    expect(blobRequests('PUT').map((r) => [r.status, r.clientId])).toEqual([[200, undefined]]);
    expect(nth(apiCalls('createUpload'), 0).clientId).toBe('uploader');
  });

  it('treats a 4xx answer to the PUT as final', async () => {
    sandbox.fault('_blob.put', { status: 403, times: 2 });
    const error = await rejectionOf(uploadFromBuf(base(randomBytes(9000))), TaskclusterRestFailure);
    expect(error.statusCode).toBe(403);
    expect(blobRequests('PUT')).toHaveLength(1);
    expect(apiCalls('finishUpload')).toHaveLength(0);
  });

  it('renews an expired PUT URL before retrying', async () => {
    await restart({ urlLifetime: 300 });
    sandbox.fault('_blob.put', { status: 503, delay: 400 });
    await uploadFromBuf(base(randomBytes(9000)));
    expect(apiCalls('createUpload')).toHaveLength(2);
    expect(await stored('some/object')).toHaveProperty('hashes');
  });

  it('renews a PUT URL that storage finds expired at first use', async () => {
    sandbox.fault('_blob.put', {
      status: 403,
      body: '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
    });
    const data = randomBytes(9000);
    await uploadFromBuf({ ...base(data), maxRetries: 0 });
    expect(apiCalls('createUpload')).toHaveLength(2);
    expect(blobRequests('PUT').map((r) => r.status)).toEqual([403, 200]);
    const { buf } = await downloadToBuf({ name: 'some/object', objectService });
    expect(buf.equals(data)).toBe(true);
  });

  it('puts small data when the service declines dataInline, without reading it twice', async () => {
    await restart({ inlineLimit: 0 });
    sandbox.fault('_blob.put', { status: 500 });
    const data = randomBytes(10);
    let readers = 0;
    await upload({
      ...base(data),
      data: undefined,
      contentLength: 10,
      readerFactory: () => {
        readers++;
        return [data];
      },
    });
    expect(readers).toBe(1);
    expect(blobRequests('PUT')).toHaveLength(2);
  });

  it('fails without retrying when the reader gives fewer bytes than contentLength', async () => {
    const error = await rejectionOf(
      upload({
        ...base(Buffer.alloc(0)),
        data: undefined,
        contentLength: 20_000,
        readerFactory: () => [randomBytes(10_000)],
      }),
      TaskclusterFailure,
    );
    expect(error.code).toBe('ContentLengthMismatch');
    expect(blobRequests('PUT').length).toBeLessThanOrEqual(1);
    expect(apiCalls('finishUpload')).toHaveLength(0);
  });

  it('fails without retrying when the reader breaks', async () => {
    let readers = 0;
    const readerFactory = () => {
      readers++;
      return Readable.from(
        (function* broken() {
          yield randomBytes(10_000);
          throw new Error('disk on fire');
        })(),
      );
    };
    const error = await rejectionOf(
      upload({
        ...base(Buffer.alloc(0)),
        data: undefined,
        contentLength: 20_000,
        readerFactory,
      }),
      TaskclusterFailure,
    );
    expect(error.code).toBe('ReaderError');
    expect(error.message).toContain('disk on fire');
    expect(readers).toBe(1);
  });

  it('accepts the official client names object, streamFactory and retries', async () => {
    sandbox.fault('_blob.put', { status: 500, times: 2 });
    const data = randomBytes(9000);
    const error = await rejectionOf(
      upload({
        projectId: 'p',
        name: 'n',
        contentType: 't',
        contentLength: 9000,
        expires,
        object: objectService,
        streamFactory: () => [data],
        retries: 1,
      }),
      TaskclusterFailure,
    );
    expect(error.statusCode).toBe(500);
    expect(blobRequests('PUT')).toHaveLength(2);
  });

  it.each([
    ['no object service', { objectService: undefined }, /objectService must be a client/],
    ['a missing projectId', { projectId: undefined }, /projectId must be a non-empty string/],
    ['a bad expires', { expires: 'soon' }, /expires must be a Date/],
    ['two sources', { readerFactory: () => [] }, /exactly one of readerFactory, data, file/],
    [
      'a wrong contentLength',
      { contentLength: 3 },
      /contentLength is 3 but the data holds 4 bytes/,
    ],
    ['an unknown key', { contentlength: 4 }, /unknown argument 'contentlength'/],
    [
      'both names of one argument',
      { object: {} },
      /'object' and 'objectService' name the same argument/,
    ],
    ['a negative maxRetries', { maxRetries: -1 }, /maxRetries must be a number >= 0/],
  ])('rejects %s before any request', async (_what, change, message) => {
    const error = await rejectionOf(
      upload({ ...base(Buffer.from('data')), ...change } as never),
      TaskclusterFailure,
    );
    expect(error.message).toMatch(message);
    expect(sandbox.requests).toHaveLength(0);
  });

  it('requires contentLength with a reader factory', async () => {
    const error = await rejectionOf(
      upload({
        ...base(Buffer.alloc(0)),
        data: undefined,
        readerFactory: () => [],
      }),
      TaskclusterFailure,
    );
    expect(error.message).toMatch(/contentLength is required/);
    expect(sandbox.requests).toHaveLength(0);
  });
});

describe('uploadFromFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tcdyn-upload-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('streams a file, taking its size as contentLength', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 7);
    await writeFile(join(dir, 'f'), data);
    const { hashes } = await uploadFromFile({
      ...base(data),
      data: undefined,
      file: join(dir, 'f'),
    });
    expect(hashes.sha256).toBe(sha('sha256', data));
    // The sandbox's storage refuses a PUT of another length than the signed one.
    expect(blobRequests('PUT').map((r) => r.status)).toEqual([200]);
  });

  it('rejects a missing file before any request', async () => {
    const error = await rejectionOf(
      uploadFromFile({
        ...base(Buffer.alloc(0)),
        data: undefined,
        file: join(dir, 'nope'),
      }),
      TaskclusterFailure,
    );
    expect(error.message).toMatch(/cannot read .*nope/);
    expect(sandbox.requests).toHaveLength(0);
  });
});
