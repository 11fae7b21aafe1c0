// The package as a user installs it: `npm pack`, then a production install of the tarball into
// a fresh project (npm's cache first; the registry only for what it lacks). Budgets: at most
// 4 MB of node_modules in at most 5 packages, both as the bytes of the files (apparent size) and
// as the disk blocks they take (what `du` counts: a file of 100 bytes takes a 4 KiB block).
// @slow: npm pack and npm install.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import {
  lstatSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureBuilt, ROOT } from '../cli/helpers/run-cli.js';
import { numberAt, parseJson, recordAt, stringAt } from '../helpers/answers.js';

const INSTALL_BYTES_BUDGET = 4_000_000;
const INSTALL_PACKAGES_BUDGET = 5;
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = promisify(execFile);

let dir: string;

interface Usage {
  /** Apparent size: the sum of the files' sizes. */
  bytes: number;
  /** Disk usage as `du` counts it: the blocks of every file, folder and link (512 bytes each). */
  disk: number;
}

function folderUsage(path: string): Usage {
  const usage = { bytes: 0, disk: statSync(path).blocks * 512 };
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) {
      const inner = folderUsage(full);
      usage.bytes += inner.bytes;
      usage.disk += inner.disk;
    } else {
      const stat = lstatSync(full);
      if (entry.isFile()) usage.bytes += stat.size;
      usage.disk += stat.blocks * 512;
    }
  }
  return usage;
}

const node = (code: string) =>
  run(process.execPath, ['--input-type=module', '-e', code], { cwd: dir }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: unknown) => ({
      code: numberAt(error, 'code'),
      stdout: stringAt(error, 'stdout'),
      stderr: stringAt(error, 'stderr'),
    }),
  );

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tcdyn-install-'));
  const { stdout } = await run(
    NPM,
    ['pack', '--ignore-scripts', '--json', '--pack-destination', dir],
    { cwd: ROOT },
  );
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  writeFileSync(join(dir, 'package.json'), '{ "name": "app", "private": true, "type": "module" }');
  await run(
    NPM,
    [
      'install',
      '--omit=dev',
      '--prefer-offline',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      join(dir, filename),
    ],
    { cwd: dir },
  );
}, 240_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const QUEUE_SUBSET = join(ROOT, 'spec', 'types', 'fixtures', 'queue-subset');

describe('the packed tarball', () => {
  it('installs for production in at most 4 MB of node_modules, on disk too, and 5 packages', () => {
    const lock = parseJson(readFileSync(join(dir, 'node_modules', '.package-lock.json'), 'utf8'));
    const packages = Object.keys(recordAt(lock, 'packages')).filter((path) => path !== '');
    const { bytes, disk } = folderUsage(join(dir, 'node_modules'));
    process.stdout.write(
      `production install: ${(bytes / 1e6).toFixed(2)} MB of files, ${(disk / 1e6).toFixed(2)} MB on disk, in ${String(packages.length)} packages (${packages.join(', ')})\n`,
    );
    expect(packages.length).toBeLessThanOrEqual(INSTALL_PACKAGES_BUDGET);
    expect(bytes).toBeLessThanOrEqual(INSTALL_BYTES_BUDGET);
    expect(disk).toBeLessThanOrEqual(INSTALL_BYTES_BUDGET);
    expect(packages).not.toEqual(expect.arrayContaining(['node_modules/msw']));
  });

  it('builds clients and signs URLs without the optional peers', async () => {
    const { code, stdout, stderr } = await node(`
      import { createClient } from 'taskcluster-dynamic';
      const queue = createClient('queue', {
        rootUrl: 'https://tc.example.com',
        credentials: { clientId: 'me', accessToken: 'secret' },
      });
      console.log(queue.buildSignedUrl(queue.task, 'abc'));`);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^https:\/\/tc\.example\.com\/api\/queue\/v1\/task\/abc\?bewit=\S+\n$/);
  });

  it('fails to import ./testing with one line naming the install command', async () => {
    const { code, stderr } = await node(
      `await import('taskcluster-dynamic/testing').catch((e) => { console.error(e.message); process.exit(3); });`,
    );
    expect({ code, stderr }).toEqual({
      code: 3,
      stderr:
        'taskcluster-dynamic/testing needs msw, @hapi/hawk, taskcluster-lib-scopes: npm install --save-dev msw @hapi/hawk taskcluster-lib-scopes\n',
    });
  });

  it('runs tcdyn, whose types command names the optional peer its output needs', async () => {
    const tcdyn = join(dir, 'node_modules', '.bin', 'tcdyn');
    const { stdout } = await run(tcdyn, ['slugid'], { cwd: dir });
    expect(stdout).toMatch(/^[A-Za-z0-9_-]{22}\n$/);
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    await expect(run(tcdyn, ['--version'], { cwd: dir })).resolves.toMatchObject({
      stdout: `tcdyn ${version}\n`,
    });
    const { stderr } = await run(
      tcdyn,
      ['types', '--references', QUEUE_SUBSET, '--out', 'tc-types.d.ts'],
      { cwd: dir },
    );
    expect(stderr).toBe(
      'tc-types.d.ts needs json-schema-to-ts to compile: npm install --save-dev json-schema-to-ts\n',
    );
  });
});
