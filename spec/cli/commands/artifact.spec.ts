import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sandbox } from '../../../lib/testing/index.js';
import {
  startObjectDeployment,
  UPLOADER,
  type ObjectDeployment,
} from '../../objects/sandbox-deployment.js';
import { createClient } from '../../../lib/index.js';
import { tempDir } from '../helpers/run-cli.js';
import { runTcdyn } from '../helpers/run-tcdyn.js';
import { parseJson } from '../../helpers/answers.js';

const TASK = 'fN1SbArXTPSVFNUvaOlinQ';
const OTHER = 'Wn8-KYdvQ0qv2RHXH6P5ZA';
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

describe('artifactCommand', () => {
  it("writes the latest run's s3 artifact to stdout", async () => {
    const data = randomBytes(30_000);
    sandbox.seedArtifact({
      taskId: TASK,
      name: 'public/a.bin',
      content: data,
      contentType: 'application/x-a',
    });
    const { code, stdoutBytes, stderr } = await runTcdyn(['artifact', TASK, 'public/a.bin'], {
      env,
    });
    expect(code).toBe(0);
    expect(stdoutBytes.equals(data)).toBe(true);
    expect(stderr).toContain(`artifact ${TASK}/latest/public/a.bin: done: 30000 bytes`);
  });

  it('downloads a reference artifact of a given run to --out', async () => {
    // A reference artifact pointing at the storage URL of another task's artifact.
    sandbox.seedArtifact({ taskId: OTHER, name: 'public/target', content: 'referenced' });
    const queue = createClient('queue', { rootUrl: sandbox.rootUrl, references: 'bundled' });
    const { url } = (await queue.artifact(OTHER, 0, 'public/target')) as { url: string };
    sandbox.seedArtifact({
      taskId: TASK,
      runId: 2,
      name: 'public/ref',
      storageType: 'reference',
      url,
    });
    const out = join(tempDir(), 'ref.txt');
    const { code } = await runTcdyn(
      ['artifact', TASK, 'public/ref', '--run-id', '2', '--out', out],
      {
        env,
      },
    );
    expect(code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('referenced');
    expect(
      sandbox.requests.some(
        (r) => r.path === `/api/queue/v1/task/${TASK}/runs/2/artifact-content/public%2Fref`,
      ),
    ).toBe(true);
  });

  it("exits 1 with the artifact's reason for an error artifact", async () => {
    sandbox.seedArtifact({
      taskId: TASK,
      name: 'public/broken',
      storageType: 'error',
      reason: 'file-missing-on-worker',
      message: 'no such file: build.zip',
    });
    const { code, stdout, stderr } = await runTcdyn(['artifact', TASK, 'public/broken'], { env });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const body = parseJson(stderr.trim().split('\n').at(-1) ?? '');
    expect(body).toMatchObject({
      code: 'ArtifactError',
      message: expect.stringContaining('no such file: build.zip'),
    });
  });

  it.each([
    [[TASK], 'expected <taskId> <name>'],
    [[TASK, 'a', '--run-id', 'last'], '--run-id must be a whole number'],
  ])('exits 2 without any request for %j', async (args, message) => {
    const { code, stderr } = await runTcdyn(['artifact', ...args], { env });
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(sandbox.requests).toHaveLength(0);
  });
});
