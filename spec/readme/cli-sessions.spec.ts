// The README's `tcdyn` examples that move data or keep state (Objects and artifacts, REPL, Offline
// references), run as written with the built binary against the sandbox from lib/testing.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createClient, uploadFromBuf } from '../../lib/index.js';
import { startSandbox, type ReferenceFile, type Sandbox } from '../../lib/testing/index.js';
import { ROOT, tempDir } from '../cli/helpers/run-cli.js';
import { runTcdyn } from '../cli/helpers/run-tcdyn.js';
import { stringAt } from '../helpers/answers.js';

const TASK = 'fN1SbArXTPSVFNUvaOlinQ';
const DAY = 86_400_000;
const V106 =
  process.env['TC_REFERENCES_FIXTURE'] ??
  resolve(ROOT, '..', 'shared', 'fixtures', 'taskcluster-references-v106.json');

let sandbox: Sandbox;
let cwd: string;
beforeEach(async () => {
  sandbox = await startSandbox();
  cwd = tempDir();
});
afterEach(async () => {
  await sandbox.close();
  rmSync(cwd, { recursive: true, force: true });
});

const deploymentEnv = () => ({
  TASKCLUSTER_ROOT_URL: sandbox.rootUrl,
  TASKCLUSTER_CLIENT_ID: sandbox.rootCredentials.clientId,
  TASKCLUSTER_ACCESS_TOKEN: sandbox.rootCredentials.accessToken,
});
const tcdyn = (args: string[], extra: Record<string, string> = {}, input?: string) =>
  runTcdyn(args, { cwd, env: { ...deploymentEnv(), ...extra }, input });
const hex = (algorithm: string, data: Buffer) => createHash(algorithm).update(data).digest('hex');

describe('README: tcdyn, Objects and artifacts', () => {
  it('uploads a file, prints the upload as one line of JSON, and downloads it back to a file and to stdout', async () => {
    const data = randomBytes(100_000);
    writeFileSync(join(cwd, 'build.tar.gz'), data);
    const before = Date.now();
    const uploaded = await tcdyn([
      'upload',
      'build.tar.gz',
      '--project-id',
      'proj',
      '--name',
      'proj/builds/42.tar.gz',
      '--expires',
      '30 days',
    ]);
    expect(uploaded.code).toBe(0);
    expect(uploaded.stdout).toMatch(
      new RegExp(
        `^\\{"name":"proj/builds/42\\.tar\\.gz","uploadId":"[\\w-]{22}","hashes":\\{"sha256":"${hex('sha256', data)}","sha512":"${hex('sha512', data)}"\\}\\}\\n$`,
      ),
    );
    const objectService = createClient('object', {
      rootUrl: sandbox.rootUrl,
      credentials: sandbox.rootCredentials,
    });
    const expires = stringAt(await objectService.object('proj/builds/42.tar.gz'), 'expires');
    expect(Date.parse(expires)).toBeGreaterThanOrEqual(before + 30 * DAY);
    expect(Date.parse(expires)).toBeLessThanOrEqual(Date.now() + 30 * DAY);

    rmSync(join(cwd, 'build.tar.gz'));
    expect((await tcdyn(['download', 'proj/builds/42.tar.gz', '--out', 'build.tar.gz'])).code).toBe(
      0,
    );
    expect(readFileSync(join(cwd, 'build.tar.gz')).equals(data)).toBe(true);

    await uploadFromBuf({
      projectId: 'proj',
      name: 'proj/report.txt',
      contentType: 'text/plain',
      expires: new Date(Date.now() + DAY),
      objectService,
      data: Buffer.from('report\n'),
    });
    const report = await tcdyn(['download', 'proj/report.txt']);
    expect([report.code, report.stdout]).toEqual([0, 'report\n']);
  });

  it("writes the latest run's artifact to stdout and a given run's to --out", async () => {
    sandbox.seedArtifact({
      taskId: TASK,
      name: 'public/logs/live.log',
      content: 'log line\n',
      contentType: 'text/plain',
    });
    sandbox.seedArtifact({
      taskId: TASK,
      runId: 0,
      name: 'public/build/target.zip',
      storageType: 'object',
      content: 'zip bytes',
      contentType: 'application/zip',
    });
    const log = await tcdyn(['artifact', TASK, 'public/logs/live.log']);
    expect([log.code, log.stdout]).toEqual([0, 'log line\n']);
    const zip = await tcdyn([
      'artifact',
      TASK,
      'public/build/target.zip',
      '--run-id',
      '0',
      '--out',
      'target.zip',
    ]);
    expect([zip.code, zip.stdout, readFileSync(join(cwd, 'target.zip'), 'utf8')]).toEqual([
      0,
      '',
      'zip bytes',
    ]);
    expect(sandbox.requests.map((r) => r.method)).toEqual(
      expect.arrayContaining(['latestArtifact', 'artifact', 'startDownload']),
    );
  });
});

describe('README: tcdyn, REPL', () => {
  it('preloads the clients and utilities on a terminal, and awaits calls', async () => {
    await createClient('queue', {
      rootUrl: sandbox.rootUrl,
      credentials: sandbox.rootCredentials,
    }).createTask(TASK, {
      taskQueueId: 'proj/ci',
      created: new Date().toJSON(),
      deadline: new Date(Date.now() + DAY / 24).toJSON(),
      payload: {},
      metadata: {
        name: 'nightly',
        description: 'd',
        owner: 'me@example.com',
        source: 'https://example.com',
      },
    });
    const before = Date.now();
    const { code, stdout } = await tcdyn(
      ['repl'],
      { TCDYN_FORCE_TTY: '1', TCDYN_REPL_HISTORY: join(cwd, 'history') },
      [
        "(await queue.task('fN1SbArXTPSVFNUvaOlinQ')).metadata.name",
        "queueEvents.taskCompleted({taskId: 'abc'}).routingKeyPattern",
        "fromNowJSON('1 day')",
      ].join('\n') + '\n',
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Preloaded: auth, authEvents, github, .*, queue, queueEvents, secrets, workerManager, /,
    );
    expect(stdout).toContain("\n'nightly'\n");
    expect(stdout).toContain("\n'primary.abc.*.*.*.*.*.*.*.#'\n");
    const tomorrow = Date.parse(/\n'(\d{4}-\d\d-\d\dT[\d:.]+Z)'\n/.exec(stdout)?.[1] ?? '');
    expect(tomorrow).toBeGreaterThanOrEqual(before + DAY);
    expect(tomorrow).toBeLessThanOrEqual(Date.now() + DAY);
  });

  // Piped, so that each line waits for the one before: on a terminal, .help answers asynchronously.
  it('evaluates piped input, as in a script, and shows the help page with .help', async () => {
    const { code, stdout } = await tcdyn(
      ['repl'],
      {},
      'await queue.ping()\n.help queue.createTask\n',
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^tcdyn> \{ alive: true/);
    expect(stdout).toContain(`\ntcdyn> ${(await tcdyn(['help', 'queue', 'createTask'])).stdout}`);
    expect(sandbox.requests).toEqual([
      expect.objectContaining({ service: 'queue', method: 'ping', status: 200 }),
    ]);
  });
});

describe('README: tcdyn, Offline references', () => {
  const hasV106 = existsSync(V106);
  (hasV106 ? it : it.skip)(
    hasV106
      ? 'pulls the 41 references of a v106 deployment and serves every command from the folder offline'
      : `pulls the 41 references of a v106 deployment — SKIPPED: no fixture at ${V106}`,
    async () => {
      const v106 = await startSandbox({
        references: JSON.parse(readFileSync(V106, 'utf8')) as ReferenceFile[],
      });
      const pull = await tcdyn(['refs', 'pull', '--root-url', v106.rootUrl, '--out', './tc-refs']);
      await v106.close();
      expect(pull).toMatchObject({
        code: 0,
        stderr: '',
        stdout: expect.stringMatching(/^wrote 41 references and \d+ schemas to \.\/tc-refs\n$/),
      });

      const services = await tcdyn(['services', '--references', './tc-refs']);
      expect(services.stdout).toMatch(/^web-server +api +/m);
      expect(services.stdout).toMatch(/^worker-manager +api +/m);
      const help = await tcdyn([
        'help',
        'worker-manager',
        'createWorkerPool',
        '--references',
        './tc-refs',
      ]);
      expect(help.stdout).toMatch(
        /^worker-manager\.createWorkerPool\(workerPoolId, payload\) — Create Worker Pool\n/,
      );
      const types = await tcdyn([
        'types',
        '--references',
        './tc-refs',
        '--out',
        'src/taskcluster-types.d.ts',
      ]);
      expect(types).toMatchObject({
        code: 0,
        stderr: '',
        stdout: expect.stringMatching(/^wrote src\/taskcluster-types\.d\.ts: /),
      });
      expect(readFileSync(join(cwd, 'src', 'taskcluster-types.d.ts'), 'utf8')).toMatch(
        /'worker-manager\.createWorkerPool': \{ input: \w+; output: \w+ \}/,
      );
    },
    60_000,
  );
});
