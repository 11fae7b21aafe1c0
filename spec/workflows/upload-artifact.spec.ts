import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  downloadArtifactToBuf,
  fromNow,
  TaskclusterFailure,
  uploadArtifact,
} from '../../lib/index.js';
import { rejectionOf } from '../helpers/answers.js';
import { tempDir } from '../cli/helpers/run-cli.js';
import { startDeployment, type Deployment } from './helpers.js';

let d: Deployment;
let taskId: string;
beforeEach(async () => {
  d = await startDeployment(false);
  taskId = await d.task();
  await d.queue.claimWork('proj/ci-worker', { workerGroup: 'g', workerId: 'w', tasks: 1 });
});
afterEach(() => d.sandbox.close());

const read = (name: string) =>
  downloadArtifactToBuf({ taskId, runId: 0, name, queueService: d.queue });

describe('uploadArtifact', () => {
  it('creates, uploads and finishes an object artifact that then reads back', async () => {
    const data = Buffer.from('hello, artifact\n');
    const result = await uploadArtifact({
      queue: d.queue,
      taskId,
      runId: 0,
      name: 'public/hello.txt',
      contentType: 'text/plain',
      expires: fromNow('1 day'),
      data,
    });
    expect(result.hashes.sha256).toMatch(/^[0-9a-f]{64}$/);
    const methods = d.sandbox.requests.map((r) => r.method);
    expect(methods.filter((m) => m !== 'claimWork' && m !== 'createTask')).toEqual([
      'createArtifact',
      'createUpload',
      'finishUpload',
      'finishArtifact',
    ]);
    const { buf, contentType } = await read('public/hello.txt');
    expect([buf.toString(), contentType]).toEqual([data.toString(), 'text/plain']);
  });

  it('uploads a file', async () => {
    const file = join(tempDir(), 'big.bin');
    writeFileSync(file, Buffer.alloc(20_000, 7));
    await uploadArtifact({
      queue: d.queue,
      taskId,
      runId: 0,
      name: 'public/big.bin',
      contentType: 'application/octet-stream',
      expires: fromNow('1 hour'),
      file,
    });
    expect((await read('public/big.bin')).buf.equals(Buffer.alloc(20_000, 7))).toBe(true);
  });

  it('fails with the queue error for a run that is not running, uploading nothing', async () => {
    await d.queue.reportCompleted(taskId, 0);
    const err = await rejectionOf(
      uploadArtifact({
        queue: d.queue,
        taskId,
        runId: 0,
        name: 'public/late.txt',
        contentType: 'text/plain',
        expires: fromNow('1 day'),
        data: Buffer.from('x'),
      }),
      TaskclusterFailure,
    );
    expect(err.statusCode).toBe(409);
    expect(d.sandbox.requests.some((r) => r.method === 'createUpload')).toBe(false);
  });

  it.each([
    ['no data source', {}, 'exactly one of data, file or readerFactory'],
    ['two sources', { data: Buffer.from('a'), file: '/x' }, 'exactly one of'],
    ['a bad expiry', { data: Buffer.from('a'), expires: 'soon' }, 'expires must be a date'],
    ['a bad runId', { data: Buffer.from('a'), runId: -1 }, 'runId must be a whole number'],
  ])('refuses %s before sending anything', async (_what, extra, message) => {
    const before = d.sandbox.requests.length;
    const err = await rejectionOf(
      uploadArtifact({
        queue: d.queue,
        taskId,
        runId: 0,
        name: 'public/a',
        contentType: 'text/plain',
        expires: fromNow('1 day'),
        ...extra,
      }),
      TaskclusterFailure,
    );
    expect(err.message).toContain(message);
    expect(d.sandbox.requests.length).toBe(before);
  });
});
