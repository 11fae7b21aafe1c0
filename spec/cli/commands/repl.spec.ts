import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENTS, json, startHawkServer, type HawkServer } from '../../helpers/hawk-server.js';
import { bundledReference } from '../../../lib/references/bundled.js';
import type { ApiReference } from '../../../lib/references/types.js';
import { createServer, type AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { run } from '../../../lib/cli/run.js';
import { tempDir } from '../helpers/run-cli.js';
import { memoryIo, runTcdyn } from '../helpers/run-tcdyn.js';

let server: HawkServer;
beforeEach(async () => {
  server = await startHawkServer();
});
afterEach(() => server.close());

const lines = (...input: string[]) => `${input.join('\n')}\n`;

describe('replCommand', () => {
  it('evaluates piped lines in order, awaiting each at top level', async () => {
    const { code, stdout } = await runTcdyn(['repl'], {
      input: lines(
        'await new Promise((resolve) => setTimeout(() => resolve("first"), 50))',
        '"second"',
      ),
    });
    expect(code).toBe(0);
    expect(stdout).toBe("tcdyn> 'first'\ntcdyn> 'second'\ntcdyn> ");
  });

  it('preloads every service client under its camelCase name, and the utilities', async () => {
    const { stdout } = await runTcdyn(['repl'], {
      input: lines(
        'typeof queue.createTask',
        'Object.keys(purgeCache).includes("purgeCache")',
        'queueEvents.taskCompleted({taskId: "abc"}).routingKeyPattern',
        'workerManager.listWorkerPools.entry.route',
        '[typeof createClient, typeof slugId, typeof fromNow, typeof scopeMatch, typeof createTemporaryCredentials, typeof upload, typeof downloadArtifact].join()',
        'fromNowJSON("1 day", new Date(0))',
      ),
    });
    expect(stdout.split('tcdyn> ').slice(1, -1)).toEqual([
      "'function'\n",
      'true\n',
      "'primary.abc.*.*.*.*.*.*.*.#'\n",
      "'/worker-pools'\n",
      "'function,function,function,function,function,function,function'\n",
      "'1970-01-02T00:00:00.000Z'\n",
    ]);
  });

  it('calls the deployment with the credentials of the environment', async () => {
    server.script(json(200, { taskId: 'abc', state: 'ok' }));
    const { stdout } = await runTcdyn(['repl'], {
      input: lines('(await queue.task("abc")).state'),
      env: {
        TASKCLUSTER_ROOT_URL: server.rootUrl,
        TASKCLUSTER_CLIENT_ID: 'tester',
        TASKCLUSTER_ACCESS_TOKEN: CLIENTS['tester'],
      },
    });
    expect(stdout).toContain("tcdyn> 'ok'\n");
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      url: '/api/queue/v1/task/abc',
      clientId: 'tester',
    });
  });

  it('documents a method with .help client.method, and lists commands with .help', async () => {
    const { stdout } = await runTcdyn(['repl'], {
      input: lines('.help queue.createTask', '.help queueEvents.taskCompleted', '.help'),
    });
    expect(stdout).toContain(
      'queue.createTask(taskId, payload) — Create New Task\n  PUT /api/queue/v1/task/<taskId>\n',
    );
    expect(stdout).toContain('  exchange: exchange/taskcluster-queue/v1/task-completed\n');
    expect(stdout).toContain(
      '.help     Show this list, or document a method: .help queue.createTask',
    );
    expect(stdout).toContain('.exit ');
  });

  it('keeps history in TCDYN_REPL_HISTORY on a terminal', async () => {
    const history = join(tempDir(), 'history');
    const { code, stdout } = await runTcdyn(['repl'], {
      input: lines('1 + 41', 'slugId().length'),
      env: { TCDYN_FORCE_TTY: '1', TCDYN_REPL_HISTORY: history },
    });
    expect(code).toBe(0);
    expect(stdout).toContain('Preloaded: auth, authEvents, ');
    expect(stdout).toContain('\n42\n');
    expect(readFileSync(history, 'utf8').split('\n').filter(Boolean)).toEqual([
      'slugId().length',
      '1 + 41',
    ]);
  });

  it('prints .help even when the input ends before its answer, on a terminal with a deployment to ask', async () => {
    // The deployment answers late (not with retried 503s, whose backoff only adds wall time).
    server.script(async (req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await json(404, { code: 'ResourceNotFound' })(req, res);
    });
    const env = {
      TCDYN_FORCE_TTY: '1',
      TCDYN_REPL_HISTORY: join(tempDir(), 'h'),
      TASKCLUSTER_ROOT_URL: server.rootUrl,
    };
    const { code, stdout } = await runTcdyn(['repl'], {
      input: lines('.help queue.createTask', '6 * 7'),
      env,
    });
    expect(code).toBe(0);
    // Typed ahead, `6 * 7` is answered while .help waits for the deployment; both must appear.
    expect(stdout).toContain('queue.createTask(taskId, payload)');
    expect(stdout).toContain('\n42\n');
  });

  it('answers .help from the bundle after one failed connection to an unreachable deployment', async () => {
    let connections = 0;
    const dead = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    try {
      const rootUrl = `http://127.0.0.1:${String((dead.address() as AddressInfo).port)}`;
      const { stdout } = await runTcdyn(['repl'], {
        input: lines('.help queue.createTask'),
        env: { TASKCLUSTER_ROOT_URL: rootUrl },
      });
      expect(stdout).toContain('queue.createTask(taskId, payload) — Create New Task\n');
      expect(connections).toBe(1);
    } finally {
      await new Promise((resolve) => dead.close(resolve));
    }
  });

  it('says when .help names a method the deployment no longer offers', async () => {
    const queue = structuredClone(bundledReference('queue')) as ApiReference;
    queue.entries = queue.entries.filter((e) => e.name !== 'declareProvisioner');
    server.script((req, res) =>
      json(req.url === '/references/queue/v1/api.json' ? 200 : 404, queue)(req, res),
    );
    const { stdout } = await runTcdyn(['repl'], {
      input: lines('.help queue.declareProvisioner'),
      env: { TASKCLUSTER_ROOT_URL: server.rootUrl },
    });
    expect(stdout).toContain(
      `queue.declareProvisioner is not offered by this deployment (${server.rootUrl})`,
    );
  });

  it('completes method names with Tab on a terminal', async () => {
    const stdin = new PassThrough();
    const { io, stdout } = memoryIo(
      { env: { TCDYN_FORCE_TTY: '1', TCDYN_REPL_HISTORY: join(tempDir(), 'h') } },
      stdin,
    );
    const exited = run(['repl'], io);
    stdin.write('queue.createTa\t');
    await stdout.until('queue.createTask');
    stdin.end('\n');
    expect(await exited).toBe(0);
    const out = stdout.bytes().toString('utf8');
    expect(out).toContain(
      '[Function: createTask] queue.createTask(taskId, payload) — Create New Task',
    );
  });
  it('prints a failed call as one line, code: message, with .stack on request', async () => {
    server.script(json(404, { code: 'ResourceNotFound', message: 'no such task' }));
    const { stdout } = await runTcdyn(['repl'], {
      input: lines(
        'await queue.task("abc")',
        '.stack',
        'e = await queue.task("b").catch((x) => x)',
        '"after"',
      ),
      env: { TASKCLUSTER_ROOT_URL: server.rootUrl },
    });
    expect(stdout).toMatch(/^tcdyn> Uncaught ResourceNotFound: [^\n]*no such task[^\n]*\ntcdyn> /);
    expect(stdout).toMatch(/\n {4}at /);
    expect(stdout).toContain("tcdyn> 'after'\n");
    // A caught error shown as a value keeps Node's full display.
    expect(stdout).toMatch(/tcdyn> TaskclusterRestFailure: no such task\n/);
  });

  it('answers a misspelt method with its suggestion instead of a function', async () => {
    const { stdout } = await runTcdyn(['repl'], { input: lines('queue.tsk', 'typeof queue.task') });
    expect(stdout).toContain('tcdyn> UnknownMethod: unknown method queue.tsk. Did you mean task');
    expect(stdout).not.toContain('[Function');
    expect(stdout).toContain("tcdyn> 'function'\n");
  });

  it('suggests near client names in .help', async () => {
    const { stdout } = await runTcdyn(['repl'], { input: lines('.help queu.createTask') });
    expect(stdout).toContain('queu.createTask is not a client in this REPL. Did you mean queue');
  });

  it('warns at start when no root URL is set, and not when one is', async () => {
    const without = await runTcdyn(['repl'], { input: lines('1') });
    expect(without.stderr).toContain('no root URL (set TASKCLUSTER_ROOT_URL or pass --root-url)');
    const withUrl = await runTcdyn(['repl'], {
      input: lines('1'),
      env: { TASKCLUSTER_ROOT_URL: server.rootUrl },
    });
    expect(withUrl.stderr).toBe('');
  });

  it('interrupts a pending await with Ctrl-C on a terminal and keeps going', async () => {
    const stdin = new PassThrough();
    const { io, stdout } = memoryIo(
      { env: { TCDYN_FORCE_TTY: '1', TCDYN_REPL_HISTORY: join(tempDir(), 'h') } },
      stdin,
    );
    const exited = run(['repl'], io);
    stdin.write('await new Promise(() => {})\n');
    await new Promise((resolve) => setTimeout(resolve, 100));
    stdin.write('\x03');
    await stdout.until('interrupted');
    stdin.write('6 * 7\n');
    await stdout.until('42');
    stdin.end('.exit\n');
    expect(await exited).toBe(0);
  });
});
