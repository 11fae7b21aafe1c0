import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { downloadToBuf } from '../../../lib/index.js';
import type { Sandbox } from '../../../lib/testing/index.js';
import {
  sha,
  startObjectDeployment,
  UPLOADER,
  type ObjectDeployment,
} from '../../objects/sandbox-deployment.js';
import { tempDir } from '../helpers/run-cli.js';
import { runTcdyn } from '../helpers/run-tcdyn.js';
import { methodOf } from '../../helpers/answers.js';

let deployment: ObjectDeployment;
let sandbox: Sandbox;
let env: Record<string, string>;
beforeEach(async () => {
  deployment = await startObjectDeployment();
  ({ sandbox } = deployment);
  env = {
    TASKCLUSTER_ROOT_URL: sandbox.rootUrl,
    TASKCLUSTER_CLIENT_ID: UPLOADER.clientId,
    TASKCLUSTER_ACCESS_TOKEN: UPLOADER.accessToken,
  };
});
afterEach(() => sandbox.close());

function fileOf(data: Buffer): string {
  const path = join(tempDir(), 'data.bin');
  writeFileSync(path, data);
  return path;
}

const stored = (name: string) => downloadToBuf({ name, objectService: deployment.objectService });
const storedData = async (name: string) => (await stored(name)).buf;

describe('uploadCommand', () => {
  it('uploads a file, prints the upload as JSON and plain progress lines when piped', async () => {
    const data = randomBytes(100_000);
    const { code, stdout, stderr } = await runTcdyn(
      [
        'upload',
        fileOf(data),
        '--project-id',
        'proj',
        '--name',
        'proj/a.bin',
        '--content-type',
        'application/x-a',
        '--expires',
        '2 days',
      ],
      { env },
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      name: 'proj/a.bin',
      uploadId: expect.any(String),
      hashes: { sha256: sha('sha256', data), sha512: sha('sha512', data) },
    });
    expect(await methodOf(deployment.objectService, 'object')('proj/a.bin')).toMatchObject({
      projectId: 'proj',
    });
    const { buf, contentType } = await stored('proj/a.bin');
    expect([buf.equals(data), contentType]).toEqual([true, 'application/x-a']);
    expect(stderr).toMatch(
      /^upload proj\/a\.bin: started \(97\.7 KiB\)\nupload proj\/a\.bin: done: 100000 bytes in \d+\.\ds \([\d.]+ \w+\/s\)\n$/,
    );
    expect(stderr).not.toContain('\r');
  });

  it('draws a progress bar with percentage, rate and ETA on a terminal', async () => {
    const data = randomBytes(50_000);
    const { code, stdout, stderr } = await runTcdyn(
      ['upload', fileOf(data), '--project-id', 'p', '--name', 'p/b'],
      { env: { ...env, TCDYN_FORCE_TTY: '1' } },
    );
    expect(code).toBe(0);
    expect(stdout).toContain('\n  "uploadId": ');
    expect(stderr).toContain('\r\x1b[Kupload p/b  [');
    expect(stderr).toMatch(/ETA \d+s/);
    expect(stderr).toContain(`[${'#'.repeat(24)}]  100%  48.8 KiB / 48.8 KiB`);
    expect(stderr).toMatch(/\nupload p\/b: done: 50000 bytes/);
  });

  it('uploads stdin', async () => {
    const { code } = await runTcdyn(
      ['upload', '-', '--project-id', 'p', '--name', 'p/stdin.txt', '--content-type', 'text/plain'],
      { env, input: 'hello from stdin' },
    );
    expect(code).toBe(0);
    expect((await storedData('p/stdin.txt')).toString()).toBe('hello from stdin');
  });

  it('reads the file again when the PUT is retried, and says so', async () => {
    const data = randomBytes(20_000);
    sandbox.fault('_blob.put', { status: 503 });
    const { code, stderr } = await runTcdyn(
      ['upload', fileOf(data), '--project-id', 'p', '--name', 'p/retried'],
      { env },
    );
    expect(code).toBe(0);
    expect(stderr).toContain('upload p/retried: retrying (attempt 2)');
    expect((await storedData('p/retried')).equals(data)).toBe(true);
  });

  it('exits 1 with the JSON error when the service refuses the credentials', async () => {
    const { code, stderr } = await runTcdyn(
      ['upload', fileOf(Buffer.from('x')), '--project-id', 'p', '--name', 'p/x'],
      {
        env: { ...env, TASKCLUSTER_ACCESS_TOKEN: 'not-the-right-token-at-all' },
      },
    );
    expect(code).toBe(1);
    expect(JSON.parse(stderr.split('\n').find((l) => l.startsWith('{')) ?? 'null')).toMatchObject({
      code: 'AuthenticationFailed',
    });
    expect(stderr).not.toContain('not-the-right-token-at-all');
  });

  it.each([
    [['/nonexistent', '--project-id', 'p', '--name', 'n'], 'cannot read /nonexistent: ENOENT'],
    [['FILE', '--name', 'n'], '--project-id and --name are required'],
    [
      ['FILE', '--project-id', 'p', '--name', 'n', '--expires', 'whenever'],
      '--expires must be an offset',
    ],
    [['--project-id', 'p', '--name', 'n'], 'expected <file|->'],
  ])('exits 2 without any request for %j', async (args, message) => {
    const file = fileOf(Buffer.from('data'));
    const { code, stderr } = await runTcdyn(
      ['upload', ...args.map((a) => (a === 'FILE' ? file : a))],
      { env },
    );
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(sandbox.requests).toHaveLength(0);
  });
});
