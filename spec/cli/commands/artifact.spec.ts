import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  OBJECT_CLIENTS,
  startObjectService,
  type ObjectService,
} from '../../helpers/object-service.js';
import { ensureBuilt, runCli, tempDir } from '../helpers/run-cli.js';

beforeAll(ensureBuilt);

const TASK = 'fN1SbArXTPSVFNUvaOlinQ';
let svc: ObjectService;
let env: Record<string, string>;
beforeEach(async () => {
  svc = await startObjectService();
  env = {
    TASKCLUSTER_ROOT_URL: svc.rootUrl,
    TASKCLUSTER_CLIENT_ID: 'uploader',
    TASKCLUSTER_ACCESS_TOKEN: OBJECT_CLIENTS.uploader,
  };
});
afterEach(() => svc.close());

describe('artifactCommand', () => {
  it("writes the latest run's s3 artifact to stdout", async () => {
    const data = randomBytes(30_000);
    svc.artifacts.set(`${TASK}/latest/public/a.bin`, {
      storageType: 's3',
      url: svc.storeBlob(data, 'application/x-a'),
    });
    const { code, stdoutBytes, stderr } = await runCli(['artifact', TASK, 'public/a.bin'], { env });
    expect(code).toBe(0);
    expect(stdoutBytes.equals(data)).toBe(true);
    expect(stderr).toContain(`artifact ${TASK}/latest/public/a.bin: done: 30000 bytes`);
  });

  it('downloads a reference artifact of a given run to --out', async () => {
    svc.artifacts.set(`${TASK}/2/public/ref`, {
      storageType: 'reference',
      url: svc.storeBlob(Buffer.from('referenced'), 'text/plain'),
    });
    const out = join(tempDir(), 'ref.txt');
    const { code } = await runCli(['artifact', TASK, 'public/ref', '--run-id', '2', '--out', out], {
      env,
    });
    expect(code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('referenced');
    expect(
      svc.requests.some(
        (r) => r.path === `/api/queue/v1/task/${TASK}/runs/2/artifact-content/public%2Fref`,
      ),
    ).toBe(true);
  });

  it("exits 1 with the artifact's reason for an error artifact", async () => {
    svc.artifacts.set(`${TASK}/latest/public/broken`, {
      storageType: 'error',
      reason: 'file-missing-on-worker',
      message: 'no such file: build.zip',
    });
    const { code, stdout, stderr } = await runCli(['artifact', TASK, 'public/broken'], { env });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const body = JSON.parse(stderr.trim().split('\n').pop()!);
    expect(body).toMatchObject({
      code: 'ArtifactError',
      message: expect.stringContaining('no such file: build.zip'),
    });
  });

  it.each([
    [[TASK], 'expected <taskId> <name>'],
    [[TASK, 'a', '--run-id', 'last'], '--run-id must be a whole number'],
  ])('exits 2 without any request for %j', async (args, message) => {
    const { code, stderr } = await runCli(['artifact', ...args], { env });
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(svc.requests).toHaveLength(0);
  });
});
