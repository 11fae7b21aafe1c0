import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createClient, TaskclusterFailure, type ClientOptions } from '../../lib/index.js';
import {
  downloadArtifact,
  downloadArtifactToBuf,
  downloadArtifactToFile,
  downloadManagedArtifact,
} from '../../lib/objects/index.js';
import type { Sandbox, SeedArtifact } from '../../lib/testing/index.js';
import { startObjectDeployment, UPLOADER } from './sandbox-deployment.js';
import type { ServiceClients } from '../../lib/types/index.js';
import { defined, rejectionOf, stringAt } from '../helpers/answers.js';

const TASK = 'fN1SbArXTPSVFNUvaOlinQ';
const S3_EXPIRED =
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>';
const OTHER_TASK = 'Wn8-KYdvQ0qv2RHXH6P5ZA';

let sandbox: Sandbox;
let queueService: ServiceClients['queue'];
let clientOptions: ClientOptions;
/** Requests before this index were set-up. */
let since = 0;
beforeEach(async () => {
  ({ sandbox } = await startObjectDeployment());
  clientOptions = {
    rootUrl: sandbox.rootUrl,
    credentials: { clientId: UPLOADER.clientId, accessToken: UPLOADER.accessToken },
    references: 'bundled',
    delayFactor: 1,
  };
  queueService = createClient('queue', clientOptions);
  since = 0;
});
afterEach(() => sandbox.close());

const seen = () => sandbox.requests.slice(since);
const blobGets = () => seen().filter((r) => r.service === '_blob' && r.method === 'get');
const queueCalls = () =>
  seen()
    .filter((r) => r.service === 'queue')
    .map((r) => r.path);

/** Seed artifacts, then count requests from here on. */
function seed(...artifacts: SeedArtifact[]) {
  for (const artifact of artifacts) sandbox.seedArtifact(artifact);
  since = sandbox.requests.length;
}

/** A signed storage URL holding `content` (an s3 artifact of another task). */
async function storageUrl(content: string | Buffer, contentType: string): Promise<string> {
  sandbox.seedArtifact({ taskId: OTHER_TASK, name: 'target', content, contentType });
  return stringAt(await queueService['artifact'](OTHER_TASK, 0, 'target'), 'url');
}

/** Answer the next artifact-content call with `body` whatever the queue holds (a hostile queue). */
function queueAnswers(runId: number | 'latest', name: string, body: unknown) {
  seed({ taskId: TASK, runId: runId === 'latest' ? 0 : runId, name, content: 'x' });
  sandbox.fault(runId === 'latest' ? 'latestArtifact' : 'artifact', {
    body: JSON.stringify(body),
  });
}

describe('downloadArtifact', () => {
  it('downloads an s3 artifact of the latest run when runId is omitted', async () => {
    const data = randomBytes(70_000);
    seed({ taskId: TASK, name: 'public/a.bin', content: data, contentType: 'application/x-a' });
    const chunks: Buffer[] = [];
    const contentType = await downloadArtifact({
      taskId: TASK,
      name: 'public/a.bin',
      queueService,
      writerFactory: () =>
        new Writable({
          write(c: Buffer, _e, cb) {
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
    const url = await storageUrl(data, 'text/x-ref');
    seed({ taskId: TASK, runId: 2, name: 'public/ref', storageType: 'reference', url });
    sandbox.fault('_blob.get', { redirect: true });
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
    seed({ taskId: TASK, name: 'a', content: data, contentType: 'x/y' });
    sandbox.fault('_blob.get', { truncate: true });
    const { buf } = await downloadArtifactToBuf({
      taskId: TASK,
      runId: '0',
      name: 'a',
      queueService,
    });
    expect(buf.equals(data)).toBe(true);
    expect(blobGets()).toHaveLength(2);
  });

  it('renews an s3 URL that storage finds expired at first use by asking the queue again', async () => {
    const data = randomBytes(5_000);
    seed({ taskId: TASK, name: 'public/late.bin', content: data });
    sandbox.fault('_blob.get', { status: 403, body: S3_EXPIRED });
    const { buf } = await downloadArtifactToBuf({
      taskId: TASK,
      runId: 0,
      name: 'public/late.bin',
      queueService,
      maxRetries: 0,
    });
    expect(buf.equals(data)).toBe(true);
    const asked = `/api/queue/v1/task/${TASK}/runs/0/artifact-content/public%2Flate.bin`;
    expect(queueCalls()).toEqual([asked, asked]);
    expect(blobGets().map((r) => r.status)).toEqual([403, 200]);
  });

  it('renews an expired s3 URL once only, and never a reference URL', async () => {
    seed({ taskId: TASK, name: 's3', content: 'x' });
    sandbox.fault('_blob.get', { status: 403, body: S3_EXPIRED, times: 2 });
    const s3 = downloadArtifactToBuf({ taskId: TASK, name: 's3', queueService });
    expect(await rejectionOf(s3, TaskclusterFailure)).toMatchObject({
      statusCode: 403,
      code: 'StorageRequestFailed',
    });
    expect(queueCalls()).toHaveLength(2);
    const url = await storageUrl('y', 'text/plain');
    seed({ taskId: TASK, name: 'ref', storageType: 'reference', url });
    sandbox.fault('_blob.get', { status: 403, body: S3_EXPIRED });
    const ref = downloadArtifactToBuf({ taskId: TASK, name: 'ref', queueService });
    expect(await rejectionOf(ref, TaskclusterFailure)).toMatchObject({ statusCode: 403 });
    expect(queueCalls()).toHaveLength(1);
  });

  it('downloads an object artifact with the credentials the queue gave, verifying its hashes', async () => {
    const data = randomBytes(20_000);
    seed({
      taskId: TASK,
      name: 'public/log',
      storageType: 'object',
      content: data,
      contentType: 'text/plain',
    });
    const { buf, contentType } = await downloadArtifactToBuf({
      taskId: TASK,
      runId: 0,
      name: 'public/log',
      queueService,
    });
    expect(buf.equals(data)).toBe(true);
    expect(contentType).toBe('text/plain');
    const startDownload = seen().find((r) => r.method === 'startDownload');
    // The queue hands out temporary credentials issued by the deployment's root client.
    expect(startDownload?.clientId).toBe(sandbox.rootCredentials.clientId);
    expect(seen().find((r) => r.service === 'queue')?.clientId).toBe('uploader');
  });

  it("does not narrow the artifact credentials by the queue client's authorizedScopes", async () => {
    seed({ taskId: TASK, name: 'public/log', storageType: 'object', content: 'x' });
    const narrowed = createClient('queue', {
      ...clientOptions,
      authorizedScopes: ['queue:get-artifact:public/*'],
    });
    await downloadArtifactToBuf({
      taskId: TASK,
      runId: 0,
      name: 'public/log',
      queueService: narrowed,
    });
    // Narrowed to queue:get-artifact:public/*, the object call would answer 403.
    const [queueCall, objectCall] = seen().filter((r) => r.service !== '_blob');
    expect([queueCall?.status, objectCall?.status]).toEqual([200, 200]);
    expect(objectCall?.clientId).toBe(sandbox.rootCredentials.clientId);
  });

  it('fails on a tampered object artifact', async () => {
    seed({ taskId: TASK, name: 'public/log', storageType: 'object', content: randomBytes(20_000) });
    sandbox.fault('_blob.get', { tamper: true, times: Infinity });
    const error = await rejectionOf(
      downloadArtifactToBuf({
        taskId: TASK,
        runId: 0,
        name: 'public/log',
        queueService,
      }),
      TaskclusterFailure,
    );
    expect(error.code).toBe('HashMismatch');
  });

  it('raises an error artifact with its reason and message', async () => {
    seed({
      taskId: TASK,
      name: 'public/broken',
      storageType: 'error',
      reason: 'file-missing-on-worker',
      message: 'no such file: build.zip',
    });
    const error = await rejectionOf(
      downloadArtifactToBuf({
        taskId: TASK,
        name: 'public/broken',
        queueService,
      }),
      TaskclusterFailure,
    );
    expect(error.code).toBe('ArtifactError');
    expect(error.reason).toBe('file-missing-on-worker');
    expect(error.message).toContain('no such file: build.zip');
    expect(blobGets()).toHaveLength(0);
  });

  it('refuses an unknown storage type', async () => {
    queueAnswers('latest', 'l', { storageType: 'link' });
    const error = await rejectionOf(
      downloadArtifactToBuf({ taskId: TASK, name: 'l', queueService }),
      TaskclusterFailure,
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
    const error = await rejectionOf(
      downloadArtifactToBuf({
        taskId: TASK,
        name: 'a',
        queueService,
        ...change,
      } as never),
      TaskclusterFailure,
    );
    expect(error.message).toMatch(message);
    expect(sandbox.requests).toHaveLength(0);
  });
});

describe('downloadArtifactToFile', () => {
  it('writes the artifact to the file, accepting the official name queue', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tcdyn-artifact-'));
    try {
      seed({ taskId: TASK, name: 'public/log', storageType: 'object', content: 'log line\n' });
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
    const error = await rejectionOf(
      downloadArtifactToFile({
        taskId: TASK,
        name: 'public/log',
        queueService,
      }),
      TaskclusterFailure,
    );
    expect(error.message).toMatch(/^downloadArtifactToFile: file must be a non-empty string/);
    expect(sandbox.requests).toHaveLength(0);
  });
});

describe('downloadManagedArtifact', () => {
  it('refuses a reference artifact without fetching its URL', async () => {
    const url = await storageUrl('x', 'text/plain');
    seed({ taskId: TASK, name: 'public/ref', storageType: 'reference', url });
    const error = await rejectionOf(
      downloadManagedArtifact({
        taskId: TASK,
        name: 'public/ref',
        queueService,
        writerFactory: () => new Writable(),
      }),
      TaskclusterFailure,
    );
    expect(error.code).toBe('ArtifactStorageTypeRejected');
    expect(blobGets()).toHaveLength(0);
  });

  it('downloads an s3 artifact', async () => {
    seed({
      taskId: TASK,
      runId: 1,
      name: 'public/s3',
      content: 'managed',
      contentType: 'text/plain',
    });
    const chunks: Buffer[] = [];
    await downloadManagedArtifact({
      taskId: TASK,
      runId: 1,
      name: 'public/s3',
      queueService,
      streamFactory: () =>
        new Writable({
          write(c: Buffer, _e, cb) {
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
    seed({ taskId: TASK, name: 'public/log', storageType: 'object', content: data });
    const { bundledReference } = await import('../../lib/references/bundled.js');
    const queue = createClient('queue', {
      ...clientOptions,
      references: defined(bundledReference('queue'), 'the bundled queue reference'),
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
      queueAnswers('latest', 'public/nourl', { storageType });
      const error = await rejectionOf(
        downloadArtifactToBuf({
          taskId: TASK,
          name: 'public/nourl',
          queueService,
        }),
        TaskclusterFailure,
      );
      expect(error.code).toBe('ArtifactStorageTypeUnsupported');
      expect(error.message).toMatch(/without a usable url/);
      expect(blobGets()).toHaveLength(0);
    },
  );
});
