import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createClient, TaskclusterFailure } from '../../lib/index.js';
import {
  downloadArtifact,
  downloadArtifactToBuf,
  downloadArtifactToFile,
  downloadManagedArtifact,
  uploadFromBuf,
} from '../../lib/objects/index.js';
import {
  OBJECT_CLIENTS,
  startObjectService,
  type ObjectService,
} from '../helpers/object-service.js';

const TASK = 'fN1SbArXTPSVFNUvaOlinQ';
const clientOptions = (svc: ObjectService, clientId: string) => ({
  rootUrl: svc.rootUrl,
  credentials: { clientId, accessToken: OBJECT_CLIENTS[clientId] },
  references: 'bundled',
  delayFactor: 1,
});

let svc: ObjectService;
let queueService: ReturnType<typeof createClient>;
beforeEach(async () => {
  svc = await startObjectService();
  queueService = createClient('queue', clientOptions(svc, 'uploader'));
});
afterEach(() => svc.close());

const blobGets = () =>
  svc.requests.filter((r) => r.method === 'GET' && !r.path.startsWith('/api/'));
const queueCalls = () =>
  svc.requests.filter((r) => r.path.startsWith('/api/queue/')).map((r) => r.path);

/** An object in the object service, published as an object artifact readable with its own credentials. */
async function objectArtifact(key: string, data: Buffer) {
  const objectService = createClient('object', clientOptions(svc, 'uploader'));
  await uploadFromBuf({
    projectId: 'p',
    name: 't/public/log',
    contentType: 'text/plain',
    expires: new Date(Date.now() + 1e6),
    objectService,
    data,
  });
  svc.artifacts.set(key, {
    storageType: 'object',
    name: 't/public/log',
    credentials: { clientId: 'artifact-reader', accessToken: OBJECT_CLIENTS['artifact-reader'] },
  });
  svc.requests.length = 0;
}

describe('downloadArtifact', () => {
  it('downloads an s3 artifact of the latest run when runId is omitted', async () => {
    const data = randomBytes(70_000);
    svc.artifacts.set(`${TASK}/latest/public/a.bin`, {
      storageType: 's3',
      url: svc.storeBlob(data, 'application/x-a'),
    });
    const chunks: Buffer[] = [];
    const contentType = await downloadArtifact({
      taskId: TASK,
      name: 'public/a.bin',
      queueService,
      writerFactory: () =>
        new Writable({
          write(c, _e, cb) {
            chunks.push(c);
            cb();
          },
        }),
    });
    expect(contentType).toBe('application/x-a');
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    expect(queueCalls()).toEqual([`/api/queue/v1/task/${TASK}/artifact-content/public%2Fa.bin`]);
  });

  it('asks for the given run and follows a reference artifact through redirects', async () => {
    const data = randomBytes(500);
    svc.faults.redirectGets = true;
    svc.artifacts.set(`${TASK}/2/public/ref`, {
      storageType: 'reference',
      url: svc.storeBlob(data, 'text/x-ref'),
    });
    const { buf } = await downloadArtifactToBuf({
      taskId: TASK,
      runId: 2,
      name: 'public/ref',
      queueService,
    });
    expect(buf.equals(data)).toBe(true);
    expect(queueCalls()).toEqual([
      `/api/queue/v1/task/${TASK}/runs/2/artifact-content/public%2Fref`,
    ]);
    expect(blobGets()).toHaveLength(2);
  });

  it('retries an s3 download cut mid-way', async () => {
    const data = randomBytes(300_000);
    svc.faults.cutGets = 1;
    svc.artifacts.set(`${TASK}/0/a`, { storageType: 's3', url: svc.storeBlob(data, 'x/y') });
    const { buf } = await downloadArtifactToBuf({
      taskId: TASK,
      runId: '0',
      name: 'a',
      queueService,
    });
    expect(buf.equals(data)).toBe(true);
    expect(blobGets()).toHaveLength(2);
  });

  it('downloads an object artifact with the credentials the queue gave, verifying its hashes', async () => {
    const data = randomBytes(20_000);
    await objectArtifact(`${TASK}/0/public/log`, data);
    const { buf, contentType } = await downloadArtifactToBuf({
      taskId: TASK,
      runId: 0,
      name: 'public/log',
      queueService,
    });
    expect(buf.equals(data)).toBe(true);
    expect(contentType).toBe('text/plain');
    const startDownload = svc.requests.find((r) =>
      r.path.startsWith('/api/object/v1/start-download/'),
    );
    expect(startDownload?.clientId).toBe('artifact-reader');
    expect(svc.requests.find((r) => r.path.startsWith('/api/queue/'))?.clientId).toBe('uploader');
  });

  it("does not narrow the artifact credentials by the queue client's authorizedScopes", async () => {
    await objectArtifact(`${TASK}/0/public/log`, Buffer.from('x'));
    const narrowed = createClient('queue', {
      ...clientOptions(svc, 'uploader'),
      authorizedScopes: ['queue:get-artifact:public/*'],
    });
    await downloadArtifactToBuf({
      taskId: TASK,
      runId: 0,
      name: 'public/log',
      queueService: narrowed,
    });
    const [queueCall, objectCall] = svc.requests.filter((r) => r.path.startsWith('/api/'));
    expect(queueCall.headers.authorization).toMatch(/ ext="/);
    expect(objectCall.clientId).toBe('artifact-reader');
    expect(objectCall.headers.authorization).not.toMatch(/ ext="/);
  });

  it('fails on a tampered object artifact', async () => {
    await objectArtifact(`${TASK}/0/public/log`, randomBytes(20_000));
    svc.faults.tamper = true;
    const error = await downloadArtifactToBuf({
      taskId: TASK,
      runId: 0,
      name: 'public/log',
      queueService,
    }).catch((e) => e);
    expect(error.code).toBe('HashMismatch');
  });

  it('raises an error artifact with its reason and message', async () => {
    svc.artifacts.set(`${TASK}/latest/public/broken`, {
      storageType: 'error',
      reason: 'file-missing-on-worker',
      message: 'no such file: build.zip',
    });
    const error = await downloadArtifactToBuf({
      taskId: TASK,
      name: 'public/broken',
      queueService,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(TaskclusterFailure);
    expect(error.code).toBe('ArtifactError');
    expect(error.reason).toBe('file-missing-on-worker');
    expect(error.message).toContain('no such file: build.zip');
    expect(blobGets()).toHaveLength(0);
  });

  it('refuses an unknown storage type', async () => {
    svc.artifacts.set(`${TASK}/latest/l`, { storageType: 'link' });
    const error = await downloadArtifactToBuf({ taskId: TASK, name: 'l', queueService }).catch(
      (e) => e,
    );
    expect(error.code).toBe('ArtifactStorageTypeUnsupported');
  });

  it.each([
    ['no taskId', { taskId: undefined }, /taskId must be a non-empty string/],
    ['a negative runId', { runId: -1 }, /runId must be a whole number >= 0/],
    ['a non-numeric runId', { runId: 'latest' }, /runId must be a whole number >= 0/],
    [
      'no queue client',
      { queueService: undefined },
      /queueService must be a client with artifact, latestArtifact/,
    ],
  ])('rejects %s before any request', async (_what, change, message) => {
    const error = await downloadArtifactToBuf({
      taskId: TASK,
      name: 'a',
      queueService,
      ...change,
    } as never).catch((e) => e);
    expect(error.message).toMatch(message);
    expect(svc.requests).toHaveLength(0);
  });
});

describe('downloadArtifactToFile', () => {
  it('writes the artifact to the file, accepting the official name queue', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tcdyn-artifact-'));
    try {
      await objectArtifact(`${TASK}/latest/public/log`, Buffer.from('log line\n'));
      await downloadArtifactToFile({
        taskId: TASK,
        name: 'public/log',
        queue: queueService,
        file: join(dir, 'log.txt'),
      });
      expect(await readFile(join(dir, 'log.txt'), 'utf8')).toBe('log line\n');
      expect(await readdir(dir)).toEqual(['log.txt']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('requires a file', async () => {
    const error = await downloadArtifactToFile({
      taskId: TASK,
      name: 'public/log',
      queueService,
    } as never).catch((e) => e);
    expect(error.message).toMatch(/^downloadArtifactToFile: file must be a non-empty string/);
    expect(svc.requests).toHaveLength(0);
  });
});

describe('downloadManagedArtifact', () => {
  it('refuses a reference artifact without fetching its URL', async () => {
    svc.artifacts.set(`${TASK}/latest/public/ref`, {
      storageType: 'reference',
      url: svc.storeBlob(Buffer.from('x'), 'text/plain'),
    });
    const error = await downloadManagedArtifact({
      taskId: TASK,
      name: 'public/ref',
      queueService,
      writerFactory: () => new Writable(),
    }).catch((e) => e);
    expect(error).toBeInstanceOf(TaskclusterFailure);
    expect(error.code).toBe('ArtifactStorageTypeRejected');
    expect(blobGets()).toHaveLength(0);
  });

  it('downloads an s3 artifact', async () => {
    svc.artifacts.set(`${TASK}/1/public/s3`, {
      storageType: 's3',
      url: svc.storeBlob(Buffer.from('managed'), 'text/plain'),
    });
    const chunks: Buffer[] = [];
    await downloadManagedArtifact({
      taskId: TASK,
      runId: 1,
      name: 'public/s3',
      queueService,
      streamFactory: () =>
        new Writable({
          write(c, _e, cb) {
            chunks.push(c);
            cb();
          },
        }),
    });
    expect(Buffer.concat(chunks).toString()).toBe('managed');
  });
});

describe('downloadArtifact edge cases', () => {
  it('reads an object artifact with a queue client that was given a reference document', async () => {
    const data = randomBytes(30_000);
    await objectArtifact(`${TASK}/latest/public/log`, data);
    const { bundledReference } = await import('../../lib/references/bundled.js');
    const queue = createClient('queue', {
      ...clientOptions(svc, 'uploader'),
      references: bundledReference('queue')!,
    });
    const { buf } = await downloadArtifactToBuf({
      taskId: TASK,
      name: 'public/log',
      queueService: queue,
    });
    expect(buf.equals(data)).toBe(true);
  });

  it.each(['s3', 'reference'])(
    'refuses a %s artifact without a url, fetching nothing',
    async (storageType) => {
      svc.artifacts.set(`${TASK}/latest/public/nourl`, { storageType });
      const error = await downloadArtifactToBuf({
        taskId: TASK,
        name: 'public/nourl',
        queueService,
      }).catch((e: any) => e);
      expect(error).toBeInstanceOf(TaskclusterFailure);
      expect(error.code).toBe('ArtifactStorageTypeUnsupported');
      expect(error.message).toMatch(/without a usable url/);
      expect(blobGets()).toHaveLength(0);
    },
  );
});
