import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { createHash } from 'node:crypto';
import { startSandbox, type Sandbox } from '../../../lib/testing/index.js';
import { TaskclusterFailure } from '../../../lib/errors.js';
import { clientOf, rejection, taskDefinition } from '../sandbox-helpers.js';
import { at, stringAt } from '../../helpers/answers.js';

const TASK_ID = 'fN1SbArXTPSVFNUvaOlinQ';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

describe('createArtifacts', () => {
  it('answers an s3 artifact with a URL that serves its content', async () => {
    sandbox.seedArtifact({
      taskId: TASK_ID,
      name: 'public/log.txt',
      content: 'hello',
      contentType: 'text/plain',
    });
    const answer: unknown = await clientOf(sandbox, 'queue')['artifact'](
      TASK_ID,
      0,
      'public/log.txt',
    );
    expect(answer).toEqual({
      storageType: 's3',
      url: expect.stringContaining(`${sandbox.rootUrl}/_blob/`),
    });
    const res = await fetch(stringAt(answer, 'url'));
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(await res.text()).toBe('hello');
  });

  it('answers a reference artifact with its URL', async () => {
    sandbox.seedArtifact({
      taskId: TASK_ID,
      name: 'public/ref',
      storageType: 'reference',
      url: 'https://example.com/x',
    });
    expect(await clientOf(sandbox, 'queue')['artifact'](TASK_ID, 0, 'public/ref')).toEqual({
      storageType: 'reference',
      url: 'https://example.com/x',
    });
  });

  it('answers an error artifact with its reason and message', async () => {
    sandbox.seedArtifact({
      taskId: TASK_ID,
      name: 'public/err',
      storageType: 'error',
      reason: 'file-missing-on-worker',
      message: 'gone',
    });
    expect(await clientOf(sandbox, 'queue')['artifact'](TASK_ID, 0, 'public/err')).toEqual({
      storageType: 'error',
      reason: 'file-missing-on-worker',
      message: 'gone',
    });
  });

  it('answers an object artifact with its name and credentials that download it, and nothing else', async () => {
    const content = Buffer.from('object bytes');
    sandbox.seedArtifact({
      taskId: TASK_ID,
      runId: 1,
      name: 'private/data.bin',
      storageType: 'object',
      content,
    });
    const answer: unknown = await clientOf(sandbox, 'queue')['artifact'](
      TASK_ID,
      1,
      'private/data.bin',
    );
    expect(answer).toEqual({
      storageType: 'object',
      name: `t/${TASK_ID}/1/private/data.bin`,
      credentials: {
        clientId: expect.any(String),
        accessToken: expect.any(String),
        certificate: expect.any(String),
      },
    });
    const credentials = {
      clientId: stringAt(answer, 'credentials', 'clientId'),
      accessToken: stringAt(answer, 'credentials', 'accessToken'),
      certificate: stringAt(answer, 'credentials', 'certificate'),
    };
    const object = clientOf(sandbox, 'object', { credentials });
    const download: unknown = await object['startDownload'](stringAt(answer, 'name'), {
      acceptDownloadMethods: { getUrl: true },
    });
    expect(at(download, 'hashes', 'sha256')).toBe(
      createHash('sha256').update(content).digest('hex'),
    );
    expect(
      Buffer.from(await (await fetch(stringAt(download, 'url'))).arrayBuffer()).equals(content),
    ).toBe(true);
    const err = await rejection(
      object['startDownload']('t/other', { acceptDownloadMethods: { getUrl: true } }),
    );
    expect(err.statusCode).toBe(403);
  });

  it("answers latestArtifact from the task's latest run, or the latest seeded run", async () => {
    await clientOf(sandbox, 'queue')['createTask'](TASK_ID, taskDefinition());
    sandbox.seedArtifact({
      taskId: TASK_ID,
      runId: 0,
      name: 'public/a',
      storageType: 'reference',
      url: 'https://example.com/0',
    });
    sandbox.seedArtifact({
      taskId: 'other',
      runId: 2,
      name: 'public/a',
      storageType: 'reference',
      url: 'https://example.com/2',
    });
    const queue = clientOf(sandbox, 'queue');
    expect(at(await queue['latestArtifact'](TASK_ID, 'public/a'), 'url')).toBe(
      'https://example.com/0',
    );
    expect(at(await queue['latestArtifact']('other', 'public/a'), 'url')).toBe(
      'https://example.com/2',
    );
    expect((await rejection(queue['latestArtifact']('none', 'public/a'))).statusCode).toBe(404);
  });

  it('lists artifacts in pages', async () => {
    for (const name of ['public/c', 'public/a', 'public/b'])
      sandbox.seedArtifact({ taskId: TASK_ID, name, content: name });
    const queue = clientOf(sandbox, 'queue');
    const first: unknown = await queue['listArtifacts'](TASK_ID, 0, { limit: 2 });
    expect(at(first, 'artifacts')).toEqual([
      {
        storageType: 's3',
        name: 'public/a',
        expires: expect.any(String),
        contentType: 'application/octet-stream',
      },
      {
        storageType: 's3',
        name: 'public/b',
        expires: expect.any(String),
        contentType: 'application/octet-stream',
      },
    ]);
    const second: unknown = await queue['listArtifacts'](TASK_ID, 0, {
      limit: 2,
      continuationToken: stringAt(first, 'continuationToken'),
    });
    expect(second).toEqual({ artifacts: [expect.objectContaining({ name: 'public/c' })] });
    expect(at(await queue['listLatestArtifacts'](TASK_ID), 'artifacts')).toHaveLength(3);
  });

  it('lets anonymous callers read public artifacts only', async () => {
    sandbox.seedArtifact({ taskId: TASK_ID, name: 'public/x', content: 'x' });
    sandbox.seedArtifact({ taskId: TASK_ID, name: 'private/x', content: 'x' });
    const anonymous = clientOf(sandbox, 'queue', { credentials: {} });
    expect(at(await anonymous['artifact'](TASK_ID, 0, 'public/x'), 'storageType')).toBe('s3');
    const err = await rejection(anonymous['artifact'](TASK_ID, 0, 'private/x'));
    expect(err.statusCode).toBe(403);
    expect(err.message).toMatch(/queue:get-artifact:private\/x/);
  });

  it('answers 404 for an artifact that was never seeded', async () => {
    expect(
      (await rejection(clientOf(sandbox, 'queue')['artifact'](TASK_ID, 0, 'public/none')))
        .statusCode,
    ).toBe(404);
  });

  it.each<[string, object, RegExp]>([
    ['no name', { taskId: TASK_ID }, /taskId and name must be strings/],
    ['a negative runId', { taskId: TASK_ID, name: 'a', runId: -1, content: 'x' }, /runId must be/],
    [
      'an unknown storageType',
      { taskId: TASK_ID, name: 'a', storageType: 'link', content: 'x' },
      /storageType must be one of/,
    ],
    ['an s3 artifact without content', { taskId: TASK_ID, name: 'a' }, /needs content/],
  ])('refuses to seed an artifact with %s', async (_, artifact, message) => {
    const seed = () => {
      sandbox.seedArtifact(artifact as never);
    };
    expect(seed).toThrow(TaskclusterFailure);
    expect(seed).toThrow(message);
    expect(at(await clientOf(sandbox, 'queue')['listArtifacts'](TASK_ID, 0), 'artifacts')).toEqual(
      [],
    );
  });
});
