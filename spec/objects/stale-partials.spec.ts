// A download killed with SIGKILL leaves its temporary file; the next download to the same target
// removes it. The killed download is a real tcdyn process, stalled half way by the sandbox.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { downloadToFile, uploadFromBuf } from '../../lib/index.js';
import { removeStalePartials } from '../../lib/objects/temp-file.js';
import { ensureBuilt, spawnCli, tempDir } from '../cli/helpers/run-cli.js';
import { startObjectDeployment, UPLOADER, type ObjectDeployment } from './sandbox-deployment.js';
import { defined } from '../helpers/answers.js';

beforeAll(ensureBuilt, 120_000);

let deployment: ObjectDeployment;
beforeEach(async () => {
  deployment = await startObjectDeployment();
});
let child: ReturnType<typeof spawnCli> | undefined;
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await deployment.sandbox.close();
});

const DATA = randomBytes(256 * 1024);
const partials = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.partial'));

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('downloadToFile after a killed download', () => {
  it('removes the .partial file a SIGKILLed tcdyn left beside the target', async () => {
    const { sandbox, objectService } = deployment;
    await uploadFromBuf({
      projectId: 'p',
      name: 'p/data.bin',
      contentType: 'application/x-data',
      expires: new Date(Date.now() + 3_600_000),
      objectService,
      data: DATA,
    });
    const dir = tempDir();
    const target = join(dir, 'out.bin');
    sandbox.fault('_blob.get', { truncate: true, stall: true });
    child = spawnCli(['download', 'p/data.bin', '--out', target], {
      env: {
        TASKCLUSTER_ROOT_URL: sandbox.rootUrl,
        TASKCLUSTER_CLIENT_ID: UPLOADER.clientId,
        TASKCLUSTER_ACCESS_TOKEN: UPLOADER.accessToken,
      },
    });
    const started = child;
    const exited = new Promise<NodeJS.Signals | null>((resolve) => {
      started.on('exit', (_code, signal) => {
        resolve(signal);
      });
    });
    await until(() => partials(dir).length === 1, 'the partial file');
    const [left] = partials(dir);
    expect(left).toMatch(
      new RegExp(
        `^\\.out\\.bin\\.${String(defined(started.pid, 'the pid'))}-[0-9a-f]{12}\\.partial$`,
      ),
    );
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(partials(dir)).toEqual([left]);

    await downloadToFile({ name: 'p/data.bin', objectService, file: target });
    expect((await readFile(target)).equals(DATA)).toBe(true);
    expect(readdirSync(dir)).toEqual(['out.bin']);
  });
});

describe('removeStalePartials', () => {
  it("keeps a live process's file, another target's, and unrelated names", async () => {
    const dir = tempDir();
    const target = join(dir, 'a.txt');
    const live = `.a.txt.${String(process.ppid)}-0123456789ab.partial`;
    const keep = [
      live,
      '.b.txt.999999999-0123456789ab.partial',
      'a.txt.partial',
      '.a.txt.x.partial',
    ];
    const dead = '.a.txt.999999999-0123456789ab.partial';
    for (const name of [...keep, dead]) await writeFile(join(dir, name), 'x');
    expect(await removeStalePartials(target)).toEqual([dead]);
    expect(readdirSync(dir).sort()).toEqual([...keep].sort());
  });
});
