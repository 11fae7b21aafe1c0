// The examples of the README's "Objects and artifacts" section, run against the loopback deployment.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createClient, TaskclusterFailure } from '../../lib/index.js';
import {
  download,
  downloadArtifactToBuf,
  downloadManagedArtifact,
  downloadToFile,
  upload,
  uploadFromBuf,
  uploadFromFile,
} from '../../lib/objects/index.js';
import type { Sandbox } from '../../lib/testing/index.js';
import { startObjectDeployment, UPLOADER } from './sandbox-deployment.js';

let sandbox: Sandbox;
/**
 * The examples use paths relative to the working directory, as a user's script would. Jest's
 * worker threads cannot change directory, so each name is the temporary folder's file written
 * relative to where the specs run.
 */
const at = (name: string): string => relative(process.cwd(), join(dir, name));
let dir: string;
let rootUrl: string;
const credentials = { clientId: UPLOADER.clientId, accessToken: UPLOADER.accessToken };
beforeEach(async () => {
  ({ sandbox } = await startObjectDeployment());
  rootUrl = sandbox.rootUrl;
  dir = await mkdtemp(join(tmpdir(), 'tcdyn-readme-'));
});
afterEach(async () => {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

describe('README: objects', () => {
  it('uploads a file and downloads it to another', async () => {
    await writeFile(at('app.tar.gz'), 'pretend this is a tarball');
    // --- example ---
    const objectService = createClient('object', { rootUrl, credentials });
    const expires = new Date(Date.now() + 7 * 24 * 3600 * 1000);
    await uploadFromFile({
      projectId: 'my-project',
      name: 'builds/app.tar.gz',
      contentType: 'application/gzip',
      expires,
      objectService,
      file: at('app.tar.gz'),
    });
    const contentType = await downloadToFile({
      name: 'builds/app.tar.gz',
      objectService,
      file: at('copy.tar.gz'),
    });
    // --- end ---
    expect(contentType).toBe('application/gzip');
    expect(await readFile(at('copy.tar.gz'), 'utf8')).toBe('pretend this is a tarball');
  });

  it('reports progress to onProgress', async () => {
    await writeFile(at('app.tar.gz'), 'y'.repeat(30_000));
    const objectService = createClient('object', { rootUrl, credentials });
    const expires = new Date(Date.now() + 86_400_000);
    const file = at('app.tar.gz');
    const name = 'builds/app.tar.gz';
    await uploadFromFile({
      projectId: 'p',
      name,
      contentType: 'text/plain',
      expires,
      objectService,
      file,
    });
    const lines: string[] = [];
    const console = { error: (line: string) => lines.push(line) };
    // --- example ---
    await downloadToFile({
      name: 'builds/app.tar.gz',
      objectService,
      file: at('copy.tar.gz'),
      onProgress: (bytes, total, attempt) =>
        // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- the README's example as written there: numbers in a message
        console.error(`attempt ${attempt}: ${bytes} of ${total ?? '?'} bytes`),
    });
    // --- end ---
    expect(lines.at(-1)).toBe('attempt 1: 30000 of 30000 bytes');
  });

  it('streams with factories, one fresh stream per attempt', async () => {
    await writeFile(at('report.txt'), 'x'.repeat(20_000));
    const objectService = createClient('object', { rootUrl, credentials, delayFactor: 1 });
    const expires = new Date(Date.now() + 86_400_000);
    sandbox.fault('_blob.put', { status: 503 });
    // --- example ---
    const { size } = await stat(at('report.txt'));
    await upload({
      projectId: 'my-project',
      name: 'reports/today',
      contentType: 'text/plain',
      contentLength: size,
      expires,
      objectService,
      readerFactory: () => createReadStream(at('report.txt')),
    });
    await download({
      name: 'reports/today',
      objectService,
      writerFactory: () => createWriteStream(at('report-copy.txt')),
    });
    // --- end ---
    expect(await readFile(at('report-copy.txt'), 'utf8')).toBe('x'.repeat(20_000));
  });

  it('uploads from memory', async () => {
    const objectService = createClient('object', { rootUrl, credentials });
    const expires = new Date(Date.now() + 86_400_000);
    // --- example ---
    const { uploadId, hashes } = await uploadFromBuf({
      projectId: 'my-project',
      name: 'notes/hello',
      contentType: 'text/plain',
      expires,
      objectService,
      data: Buffer.from('hello'),
    });
    // --- end ---
    expect(uploadId).toHaveLength(22);
    expect(hashes.sha256).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
  });
});

describe('README: artifacts', () => {
  it('downloads artifacts, refusing references in the managed variant', async () => {
    const taskId = 'fN1SbArXTPSVFNUvaOlinQ';
    sandbox.seedArtifact({
      taskId,
      name: 'public/logs/live.log',
      content: 'log\n',
      contentType: 'text/plain',
    });
    sandbox.seedArtifact({
      taskId,
      name: 'public/build/target.zip',
      storageType: 'reference',
      url: 'https://example.com/target.zip',
    });
    // --- example ---
    const queue = createClient('queue', { rootUrl });
    const { buf, contentType } = await downloadArtifactToBuf({
      taskId,
      name: 'public/logs/live.log',
      queueService: queue,
    });
    try {
      await downloadManagedArtifact({
        taskId,
        runId: 0,
        name: 'public/build/target.zip',
        queueService: queue,
        file: at('target.zip'),
      });
    } catch (err) {
      if (!(err instanceof TaskclusterFailure && err.code === 'ArtifactStorageTypeRejected'))
        throw err;
    }
    // --- end ---
    expect(buf.toString()).toBe('log\n');
    expect(contentType).toBe('text/plain');
    await expect(stat(at('target.zip'))).rejects.toThrow(/ENOENT/);
  });
});
