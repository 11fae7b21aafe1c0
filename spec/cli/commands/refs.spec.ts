import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { json, startHawkServer, type HawkServer } from '../../helpers/hawk-server.js';
import { deploymentReply, REACHABLE_SCHEMAS, WIDGETS_API } from '../helpers/deployment.js';
import { tempDir } from '../helpers/run-cli.js';
import { runTcdyn } from '../helpers/run-tcdyn.js';

const FIXTURE = '/work/shared/fixtures/taskcluster-references-v106.json';

let server: HawkServer;
beforeEach(async () => {
  server = await startHawkServer();
  server.script(deploymentReply(server.rootUrl));
});
afterEach(() => server.close());

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path).map((p) => `${name}/${p}`) : [name];
    })
    .sort();
}

describe('refsCommand', () => {
  it('writes the manifest, the references and every schema they reach, and nothing else', async () => {
    const out = tempDir();
    const { code, stdout } = await runTcdyn([
      'refs',
      'pull',
      '--root-url',
      server.rootUrl,
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      `wrote 2 references and ${String(REACHABLE_SCHEMAS.length)} schemas to ${out}\n`,
    );
    expect(filesUnder(join(out, 'references'))).toEqual([
      'manifest.json',
      'widgets/v1/api.json',
      'widgets/v1/exchanges.json',
    ]);
    expect(filesUnder(join(out, 'schemas'))).toEqual(REACHABLE_SCHEMAS);
    expect(JSON.parse(readFileSync(join(out, 'references/widgets/v1/api.json'), 'utf8'))).toEqual(
      WIDGETS_API,
    );
  });

  it('gives a folder that other commands use offline with --references', async () => {
    const out = tempDir();
    await runTcdyn(['refs', 'pull', '--out', out], {
      env: { TASKCLUSTER_ROOT_URL: server.rootUrl },
    });
    await server.close();
    const services = await runTcdyn(['services', '--references', out]);
    expect(services.stdout).toBe(
      'widgets         api        Widgets Service\nwidgets-events  exchanges  Widget Exchanges\n',
    );
    const help = await runTcdyn(['help', 'widgets', 'getWidget', '--references', out]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('widgets.getWidget(widgetId, [query]) — Get a Widget');
    const url = await runTcdyn([
      'url',
      'widgets',
      'getWidget',
      'w',
      '--references',
      out,
      '--root-url',
      'https://tc.example.com',
    ]);
    expect(url.stdout).toBe('https://tc.example.com/api/widgets/v1/widget/w\n');
    const missing = await runTcdyn(['help', 'queue', '--references', out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('unknown Taskcluster service queue');
  });

  it("exits 1 with the deployment's error body when it has no manifest", async () => {
    server.script(json(404, { code: 'ResourceNotFound', message: 'nothing here' }));
    const out = tempDir();
    const { code, stderr } = await runTcdyn([
      'refs',
      'pull',
      '--root-url',
      server.rootUrl,
      '--out',
      out,
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(stderr)).toEqual({ code: 'ResourceNotFound', message: 'nothing here' });
    expect(readdirSync(out)).toEqual([]);
  });

  it('retries a document that fails with 5xx, as API calls are retried', async () => {
    const docs = deploymentReply(server.rootUrl);
    let failures = 0;
    server.script((req, res) =>
      (req.url === '/schemas/widgets/v1/owner.json' && failures++ < 2
        ? json(503, { code: 'Unavailable' })
        : docs)(req, res),
    );
    const out = tempDir();
    const { code, stderr } = await runTcdyn([
      'refs',
      'pull',
      '--root-url',
      server.rootUrl,
      '--out',
      out,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(server.requests.filter((r) => r.url === '/schemas/widgets/v1/owner.json')).toHaveLength(
      3,
    );
    expect(filesUnder(join(out, 'schemas'))).toEqual(REACHABLE_SCHEMAS);
  });

  it('does not retry a refused request (401), and prints its body', async () => {
    server.script(
      json(401, { code: 'AuthenticationFailed', message: 'references are private here' }),
    );
    const { code, stderr } = await runTcdyn([
      'refs',
      'pull',
      '--root-url',
      server.rootUrl,
      '--out',
      tempDir(),
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(stderr)).toEqual({
      code: 'AuthenticationFailed',
      message: 'references are private here',
    });
    expect(server.requests.map((r) => r.url)).toEqual(['/references/manifest.json']);
  });

  it('exits 1 (not 2) when the manifest lists no references', async () => {
    server.script(json(200, { title: 'not a manifest' }));
    const { code, stderr } = await runTcdyn([
      'refs',
      'pull',
      '--root-url',
      server.rootUrl,
      '--out',
      tempDir(),
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(stderr)).toEqual({
      code: 'InvalidManifest',
      message: `${server.rootUrl}/references/manifest.json has no references list`,
    });
  });

  it('refuses a schema path that would leave the output folder (exit 1)', async () => {
    const docs = new Map<string, unknown>([
      ['/references/manifest.json', { references: ['/references/evil/v1/api.json'] }],
      [
        '/references/evil/v1/api.json',
        {
          serviceName: 'evil',
          entries: [
            {
              type: 'function',
              name: 'x',
              method: 'get',
              route: '/x',
              args: [],
              input: '/schemas/evil/..%2F..%2F..%2Fescape.json',
            },
          ],
        },
      ],
    ]);
    server.script((req, res) => json(200, docs.get(req.url) ?? { type: 'object' })(req, res));
    const out = tempDir();
    const { code, stderr } = await runTcdyn([
      'refs',
      'pull',
      '--root-url',
      server.rootUrl,
      '--out',
      join(out, 'inner'),
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(stderr)).toMatchObject({ code: 'UnsafePath' });
    expect(filesUnder(out).filter((p) => !p.startsWith('inner/'))).toEqual([]);
  });

  it.each([
    [['pull', '--root-url', 'http://127.0.0.1:9'], '--out DIR is required'],
    [['pull', '--out', 'x'], 'no root URL'],
    [
      ['push', '--out', 'x', '--root-url', 'http://127.0.0.1:9'],
      'expected pull --root-url URL --out DIR',
    ],
  ])('exits 2 for %j', async (args, message) => {
    const { code, stderr } = await runTcdyn(['refs', ...args]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  (existsSync(FIXTURE) ? it : it.skip)(
    'pulls every schema that the v106 references name, from a deployment serving them',
    async () => {
      const files = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Array<{
        filename: string;
        content: unknown;
      }>;
      const byPath = new Map(files.map((f) => [`/${f.filename}`, f.content]));
      server.script((req, res) =>
        json(byPath.has(req.url) ? 200 : 404, byPath.get(req.url) ?? { code: 'ResourceNotFound' })(
          req,
          res,
        ),
      );
      const out = tempDir();
      const { code, stderr } = await runTcdyn([
        'refs',
        'pull',
        '--root-url',
        server.rootUrl,
        '--out',
        out,
      ]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const pulled = new Set(filesUnder(join(out, 'schemas')));
      for (const { filename, content } of files.filter((f) =>
        /^references\/.+\/(api|exchanges)\.json$/.test(f.filename),
      )) {
        const doc = content as { serviceName: string; entries: Array<Record<string, string>> };
        for (const id of doc.entries
          .flatMap((e) => [e['input'], e['output'], e['schema']])
          .filter((id): id is string => id !== undefined && id !== '')) {
          expect([filename, pulled.has(`${doc.serviceName}/${id.replace(/#.*$/, '')}`)]).toEqual([
            filename,
            true,
          ]);
        }
      }
      expect(existsSync(join(out, 'references', 'queue', 'v1', 'api.json'))).toBe(true);
    },
  );
});

describe('tcdyn refs pull against the sandbox', () => {
  it('copies the references and skips, naming them, the schemas the deployment does not serve', async () => {
    const { startSandbox } = await import('../../../lib/testing/index.js');
    const sandbox = await startSandbox();
    const dir = tempDir();
    try {
      const { code, stdout, stderr } = await runTcdyn([
        'refs',
        'pull',
        '--root-url',
        sandbox.rootUrl,
        '--out',
        dir,
      ]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/wrote \d+ references and 0 schemas/);
      expect(stderr).toMatch(
        /does not serve \d+ schema\(s\) its references name, skipped: .*\/schemas\/common\/api-reference-v0\.json/,
      );
      const listed = await runTcdyn(['services', '--references', dir]);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toContain('queue');
    } finally {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
