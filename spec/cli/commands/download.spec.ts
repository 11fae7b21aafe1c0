import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { uploadFromBuf } from '../../../lib/index.js';
import type { Sandbox } from '../../../lib/testing/index.js';
import {
  startObjectDeployment,
  UPLOADER,
  type ObjectDeployment,
} from '../../objects/sandbox-deployment.js';
import { tempDir } from '../helpers/run-cli.js';
import { runTcdyn } from '../helpers/run-tcdyn.js';
import { parseJson } from '../../helpers/answers.js';

let deployment: ObjectDeployment;
let sandbox: Sandbox;
let env: Record<string, string>;
const DATA = randomBytes(64 * 1024);

beforeEach(async () => {
  deployment = await startObjectDeployment();
  ({ sandbox } = deployment);
  env = {
    TASKCLUSTER_ROOT_URL: sandbox.rootUrl,
    TASKCLUSTER_CLIENT_ID: UPLOADER.clientId,
    TASKCLUSTER_ACCESS_TOKEN: UPLOADER.accessToken,
  };
  const { objectService } = deployment;
  await uploadFromBuf({
    projectId: 'p',
    name: 'p/data.bin',
    contentType: 'application/x-data',
    expires: new Date(Date.now() + 3_600_000),
    objectService,
    data: DATA,
  });
  setUp = sandbox.requests.length;
});
afterEach(() => sandbox.close());
let setUp = 0;

describe('downloadCommand', () => {
  it('writes the verified object to --out and reports it in plain lines when piped', async () => {
    const dir = tempDir();
    const { code, stdout, stderr } = await runTcdyn(
      ['download', 'p/data.bin', '--out', join(dir, 'out.bin')],
      { env },
    );
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(readFileSync(join(dir, 'out.bin')).equals(DATA)).toBe(true);
    expect(readdirSync(dir)).toEqual(['out.bin']);
    expect(stderr).toMatch(
      /^download p\/data\.bin: started \(64\.0 KiB\)\ndownload p\/data\.bin: done: 65536 bytes in \d+\.\ds \(.*\/s\), application\/x-data\n$/,
    );
  });

  it('writes the bytes to stdout without --out', async () => {
    const { code, stdoutBytes } = await runTcdyn(['download', 'p/data.bin'], { env });
    expect(code).toBe(0);
    expect(stdoutBytes.equals(DATA)).toBe(true);
  });

  it('redraws bytes and rate in place on a terminal', async () => {
    const { code, stderr } = await runTcdyn(
      ['download', 'p/data.bin', '-o', join(tempDir(), 'x')],
      {
        env: { ...env, TCDYN_FORCE_TTY: '1' },
      },
    );
    expect(code).toBe(0);
    expect(stderr).toMatch(
      // eslint-disable-next-line no-control-regex -- the terminal's erase-line escape is what is checked
      /\r\x1b\[Kdownload p\/data\.bin {2}\[#{24}\] {2}100% {2}64\.0 KiB \/ 64\.0 KiB {2}[\d.]+ \w+\/s\n/,
    );
  });

  it('retries a cut transfer into a fresh file and leaves only the complete one', async () => {
    sandbox.fault('_blob.get', { truncate: true });
    const dir = tempDir();
    const { code, stderr } = await runTcdyn(
      ['download', 'p/data.bin', '--out', join(dir, 'out.bin')],
      { env },
    );
    expect(code).toBe(0);
    expect(stderr).toContain('download p/data.bin: retrying (attempt 2)');
    expect(readFileSync(join(dir, 'out.bin')).equals(DATA)).toBe(true);
    expect(readdirSync(dir)).toEqual(['out.bin']);
  });

  it('refuses to retry once bytes went to stdout (exit 1)', async () => {
    sandbox.fault('_blob.get', { truncate: true });
    const { code, stderr } = await runTcdyn(['download', 'p/data.bin'], { env });
    expect(code).toBe(1);
    expect(parseJson(stderr.trim().split('\n').at(-1) ?? '')).toMatchObject({
      message: expect.stringContaining(
        'bytes were already written to stdout; retry with --out FILE',
      ),
    });
  });

  it('exits 1 on a hash mismatch and leaves no file behind', async () => {
    sandbox.fault('_blob.get', { tamper: true, times: Infinity });
    const dir = tempDir();
    const { code, stderr } = await runTcdyn(
      ['download', 'p/data.bin', '--out', join(dir, 'out.bin')],
      { env },
    );
    expect(code).toBe(1);
    expect(parseJson(stderr.trim().split('\n').at(-1) ?? '')).toMatchObject({
      code: 'HashMismatch',
    });
    expect(existsSync(join(dir, 'out.bin'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('exits 1 with the API error for an unknown object', async () => {
    const { code, stderr } = await runTcdyn(
      ['download', 'p/nothing', '--out', join(tempDir(), 'x')],
      { env },
    );
    expect(code).toBe(1);
    expect(parseJson(stderr.trim().split('\n').at(-1) ?? '')).toMatchObject({
      code: 'ResourceNotFound',
    });
  });

  it.each([
    [[], 'expected <name>'],
    [['a', 'b'], 'expected <name>'],
  ])('exits 2 for %j', async (args, message) => {
    const { code, stderr } = await runTcdyn(['download', ...args], { env });
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(sandbox.requests).toHaveLength(setUp);
  });
});
