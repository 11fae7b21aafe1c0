import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { json, type HawkServer } from '../../helpers/hawk-server.js';
import { deploymentReply, WIDGETS_API } from '../helpers/deployment.js';
import { startCliServer } from '../helpers/cli-server.js';
import { tempDir } from '../helpers/run-cli.js';
import { runTcdyn } from '../helpers/run-tcdyn.js';

let server: HawkServer;
beforeEach(async () => {
  ({ server } = await startCliServer({ deployment: true }));
});
afterEach(() => server.close());

describe('servicesCommand', () => {
  it('lists the bundled services with their kind and title, one per line, without network', async () => {
    const { code, stdout } = await runTcdyn(['services']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^queue +api +Queue Service$/));
    expect(lines).toContainEqual(expect.stringMatching(/^queue-events +exchanges +\S/));
    expect(lines).toContainEqual(expect.stringMatching(/^purge-cache +api /));
    expect(server.requests).toHaveLength(0);
  });

  it('prints one line of JSON when piped and indented JSON on a terminal', async () => {
    const piped = await runTcdyn(['services', '--json']);
    const tty = await runTcdyn(['services', '--json'], { env: { TCDYN_FORCE_TTY: '1' } });
    expect(piped.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(tty.stdout).toContain('\n  {\n    "name": "auth",');
    expect(JSON.parse(tty.stdout)).toEqual(JSON.parse(piped.stdout));
    expect(JSON.parse(piped.stdout)).toContainEqual({
      name: 'queue-events',
      kind: 'exchanges',
      title: 'Queue AMQP Exchanges',
    });
  });

  it("lists the deployment's services with --remote", async () => {
    const { code, stdout } = await runTcdyn([
      'services',
      '--remote',
      '--json',
      '--root-url',
      server.rootUrl,
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      { name: 'widgets', kind: 'api', title: 'Widgets Service' },
      { name: 'widgets-events', kind: 'exchanges', title: 'Widget Exchanges' },
    ]);
    expect(server.requests.map((r) => r.url)).toContain('/references/manifest.json');
  });

  it('reads the deployment through the references cache: a second listing asks nothing', async () => {
    // The cache the environment names (the client installs it when first loaded).
    const saved = {
      XDG_CACHE_HOME: process.env['XDG_CACHE_HOME'],
      TASKCLUSTER_DYNAMIC_NO_CACHE: process.env['TASKCLUSTER_DYNAMIC_NO_CACHE'],
    };
    Object.assign(process.env, { XDG_CACHE_HOME: tempDir(), TASKCLUSTER_DYNAMIC_NO_CACHE: '0' });
    try {
      const args = ['services', '--remote', '--json', '--root-url', server.rootUrl];
      const first = await runTcdyn(args);
      const asked = server.requests.length;
      const second = await runTcdyn(args);
      expect([first.code, second.code]).toEqual([0, 0]);
      expect(second.stdout).toBe(first.stdout);
      expect(server.requests.map((r) => r.url).sort()).toEqual([
        '/references/manifest.json',
        '/references/widgets/v1/api.json',
        '/references/widgets/v1/exchanges.json',
      ]);
      expect(server.requests).toHaveLength(asked);
    } finally {
      if (saved.XDG_CACHE_HOME === undefined) delete process.env['XDG_CACHE_HOME'];
      else process.env['XDG_CACHE_HOME'] = saved.XDG_CACHE_HOME;
      process.env['TASKCLUSTER_DYNAMIC_NO_CACHE'] = saved.TASKCLUSTER_DYNAMIC_NO_CACHE ?? '1';
    }
  });

  it('takes the root URL for --remote from TASKCLUSTER_ROOT_URL', async () => {
    const { code, stdout } = await runTcdyn(['services', '--remote'], {
      env: { TASKCLUSTER_ROOT_URL: server.rootUrl },
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^widgets +api +Widgets Service\n/);
  });

  it('lists the services of a references folder', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'widgets', 'v1'), { recursive: true });
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({ references: ['/references/widgets/v1/api.json'] }),
    );
    writeFileSync(join(dir, 'widgets', 'v1', 'api.json'), JSON.stringify(WIDGETS_API));
    const { code, stdout } = await runTcdyn(['services', '--references', dir]);
    expect(code).toBe(0);
    expect(stdout).toBe('widgets  api        Widgets Service\n');
  });

  it.each([
    [['services', '--remote'], 'remote references need a root URL'],
    [['services', '--references', '/nonexistent'], 'is not a references folder'],
    [['services', 'queue'], 'services takes no arguments'],
  ])('exits 2 for %j', async (args, message) => {
    const { code, stdout, stderr } = await runTcdyn(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  it('exits 1 with statusCode, code and message when the deployment cannot be read and says nothing', async () => {
    server.script((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{}');
    });
    const { code, stderr } = await runTcdyn(['services', '--remote', '--root-url', server.rootUrl]);
    expect(code).toBe(1);
    expect(JSON.parse(stderr)).toMatchObject({
      statusCode: 404,
      message: expect.stringContaining('/references/manifest.json'),
    });
  });

  it('retries the manifest after a 503 and a dropped connection', async () => {
    const docs = deploymentReply(server.rootUrl);
    server.script(
      json(503, { code: 'Unavailable' }),
      (_req, res) => {
        res.socket?.destroy();
      },
      docs,
    );
    const { code, stdout } = await runTcdyn(['services', '--remote', '--root-url', server.rootUrl]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^widgets +api +Widgets Service\n/);
    expect(server.requests.filter((r) => r.url === '/references/manifest.json')).toHaveLength(3);
  });
});
