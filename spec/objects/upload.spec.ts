import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createClient, TaskclusterFailure, TaskclusterRestFailure } from '../../lib/index.js';
import { downloadToBuf, upload, uploadFromBuf, uploadFromFile } from '../../lib/objects/index.js';
import {
  OBJECT_CLIENTS,
  sha,
  startObjectService,
  type ObjectService,
} from '../helpers/object-service.js';

const SLUG = /^[A-Za-z0-9_-]{8}[Q-T][A-Za-z0-9_-][CGKOSWaeimquy26-][A-Za-z0-9_-]{10}[AQgw]$/;
const expires = new Date(Date.now() + 86_400_000);

let svc: ObjectService;
let objectService: ReturnType<typeof createClient>;
beforeEach(async () => {
  svc = await startObjectService();
  objectService = createClient('object', {
    rootUrl: svc.rootUrl,
    credentials: { clientId: 'uploader', accessToken: OBJECT_CLIENTS.uploader },
    references: 'bundled',
    delayFactor: 1,
  });
});
afterEach(() => svc.close());

const blobRequests = (method: string) =>
  svc.requests.filter((r) => r.method === method && r.path.startsWith('/blobs/'));
const apiCalls = (route: string) =>
  svc.requests.filter((r) => r.path.startsWith(`/api/object/v1/${route}/`));
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
    expect(svc.objects.get('some/object')).toMatchObject({
      finished: true,
      uploadId: result.uploadId,
    });
    const back = await downloadToBuf({ name: 'some/object', objectService });
    expect(back.buf.equals(data)).toBe(true);
    expect(back.contentType).toBe('application/x-test');
  });

  it('generates a slug uploadId and proposes inline data with its hashes', async () => {
    const data = Buffer.from('hello');
    const { uploadId } = await uploadFromBuf(base(data));
    expect(uploadId).toMatch(SLUG);
    const proposal = apiCalls('upload')[0].body as Record<string, any>;
    expect(proposal.proposedUploadMethods.dataInline.objectData).toBe(data.toString('base64'));
    expect(proposal.proposedUploadMethods.putUrl).toEqual({
      contentType: 'application/x-test',
      contentLength: 5,
    });
    expect(proposal.hashes.sha512).toBe(sha('sha512', data));
  });

  it('retries a PUT that fails with 500, reading the source afresh', async () => {
    svc.faults.putStatuses = [500];
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
    expect(svc.blobs.get(svc.objects.get('some/object')!.blob!)!.data!.equals(data)).toBe(true);
  });

  it('sends no Authorization header to the signed URL', async () => {
    await uploadFromBuf(base(randomBytes(9000)));
    expect(blobRequests('PUT')[0].headers.authorization).toBeUndefined();
    expect(apiCalls('upload')[0].clientId).toBe('uploader');
  });

  it('treats a 4xx answer to the PUT as final', async () => {
    svc.faults.putStatuses = [403, 403];
    const error = await uploadFromBuf(base(randomBytes(9000))).catch((e) => e);
    expect(error).toBeInstanceOf(TaskclusterRestFailure);
    expect(error.statusCode).toBe(403);
    expect(blobRequests('PUT')).toHaveLength(1);
    expect(apiCalls('finish-upload')).toHaveLength(0);
  });

  it('renews an expired PUT URL before retrying', async () => {
    svc.faults.urlLifetime = -1000;
    svc.faults.putStatuses = [503];
    await uploadFromBuf(base(randomBytes(9000)));
    expect(apiCalls('upload')).toHaveLength(2);
    expect(svc.objects.get('some/object')!.finished).toBe(true);
  });

  it('puts small data when the service declines dataInline, without reading it twice', async () => {
    svc.faults.acceptInline = false;
    svc.faults.putStatuses = [500];
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
    const error = await upload({
      ...base(Buffer.alloc(0)),
      data: undefined,
      contentLength: 20_000,
      readerFactory: () => [randomBytes(10_000)],
    }).catch((e) => e);
    expect(error).toBeInstanceOf(TaskclusterFailure);
    expect(error.code).toBe('ContentLengthMismatch');
    expect(blobRequests('PUT').length).toBeLessThanOrEqual(1);
    expect(apiCalls('finish-upload')).toHaveLength(0);
  });

  it('fails without retrying when the reader breaks', async () => {
    let readers = 0;
    const readerFactory = () => {
      readers++;
      return Readable.from(
        (async function* broken() {
          yield randomBytes(10_000);
          throw new Error('disk on fire');
        })(),
      );
    };
    const error = await upload({
      ...base(Buffer.alloc(0)),
      data: undefined,
      contentLength: 20_000,
      readerFactory,
    }).catch((e) => e);
    expect(error.code).toBe('ReaderError');
    expect(error.message).toContain('disk on fire');
    expect(readers).toBe(1);
  });

  it('accepts the official client names object, streamFactory and retries', async () => {
    svc.faults.putStatuses = [500, 500];
    const data = randomBytes(9000);
    const error = await upload({
      projectId: 'p',
      name: 'n',
      contentType: 't',
      contentLength: 9000,
      expires,
      object: objectService,
      streamFactory: () => [data],
      retries: 1,
    }).catch((e) => e);
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
    const error = await upload({ ...base(Buffer.from('data')), ...change } as never).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(TaskclusterFailure);
    expect(error.message).toMatch(message);
    expect(svc.requests).toHaveLength(0);
  });

  it('requires contentLength with a reader factory', async () => {
    const error = await upload({
      ...base(Buffer.alloc(0)),
      data: undefined,
      readerFactory: () => [],
    }).catch((e) => e);
    expect(error.message).toMatch(/contentLength is required/);
    expect(svc.requests).toHaveLength(0);
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
    expect(blobRequests('PUT')[0].headers['content-length']).toBe(String(data.length));
  });

  it('rejects a missing file before any request', async () => {
    const error = await uploadFromFile({
      ...base(Buffer.alloc(0)),
      data: undefined,
      file: join(dir, 'nope'),
    }).catch((e) => e);
    expect(error.message).toMatch(/cannot read .*nope/);
    expect(svc.requests).toHaveLength(0);
  });
});
