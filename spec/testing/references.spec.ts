import { describe, it, expect, afterEach } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startSandbox, type Sandbox } from '../../lib/testing/index.js';
import { bundledDocuments, bundledReference } from '../../lib/references/bundled.js';
import { TaskclusterFailure } from '../../lib/errors.js';
import { clientOf, rejection } from './sandbox-helpers.js';
import type { ReferenceFile } from '../../lib/testing/references.js';
import { at, listAt, stringAt } from '../helpers/answers.js';

const FIXTURE = join(process.cwd(), '..', 'shared', 'fixtures', 'taskcluster-references-v106.json');

const WIDGETS = {
  $schema: '/schemas/common/api-reference-v0.json#',
  serviceName: 'widgets',
  apiVersion: 'v1',
  title: 'Widgets',
  description: '',
  entries: [
    {
      type: 'function',
      name: 'ping',
      method: 'get',
      route: '/ping',
      args: [],
      stability: 'stable',
    },
    {
      type: 'function',
      name: 'widget',
      method: 'get',
      route: '/widget/<widgetId>',
      args: ['widgetId'],
      stability: 'stable',
      output: 'v1/widget.json#',
    },
  ],
};
const WIDGET_SCHEMA = { $id: '/schemas/widgets/v1/widget.json#', type: 'object' };

let sandbox: Sandbox | undefined;
let dir: string | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const getJson = async (url: string) => {
  const res = await fetch(url);
  const body: unknown = await res.json();
  return { status: res.status, body };
};

function writeTree(files: Record<string, unknown>): string {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-refs-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), JSON.stringify(content));
  }
  return dir;
}

describe('referenceHandlers', () => {
  it('serves the bundled manifest with URLs on the sandbox, and every document it lists', async () => {
    sandbox = await startSandbox();
    const { body: manifest } = await getJson(`${sandbox.rootUrl}/references/manifest.json`);
    const { rootUrl } = sandbox;
    const bundled = bundledDocuments().map(({ path }) => `${rootUrl}/references/${path}`);
    expect(at(manifest, 'references')).toEqual(bundled);
    for (const url of bundled) expect((await getJson(url)).status).toBe(200);
    const { body: queue } = await getJson(`${sandbox.rootUrl}/references/queue/v1/api.json`);
    expect(queue).toEqual(bundledReference('queue'));
  });

  it("is enough for a client that reads the deployment's own references", async () => {
    sandbox = await startSandbox();
    const queue = clientOf(sandbox, 'queue', { references: 'remote' });
    expect(await queue['ping']()).toMatchObject({ alive: true });
  });

  it('serves a folder laid out like <rootUrl>/references, with its sibling schemas, and its services', async () => {
    const root = writeTree({
      'references/manifest.json': { references: ['/references/widgets/v1/api.json'] },
      'references/widgets/v1/api.json': WIDGETS,
      'schemas/widgets/v1/widget.json': WIDGET_SCHEMA,
    });
    sandbox = await startSandbox({ references: join(root, 'references') });
    expect((await getJson(`${sandbox.rootUrl}/references/manifest.json`)).body).toEqual({
      references: [`${sandbox.rootUrl}/references/widgets/v1/api.json`],
    });
    expect((await getJson(`${sandbox.rootUrl}/schemas/widgets/v1/widget.json`)).body).toEqual(
      WIDGET_SCHEMA,
    );
    expect((await getJson(`${sandbox.rootUrl}/api/widgets/v1/ping`)).body).toMatchObject({
      alive: true,
    });
    expect((await getJson(`${sandbox.rootUrl}/api/widgets/v1/widget/w1`)).status).toBe(501);
    expect((await getJson(`${sandbox.rootUrl}/api/queue/v1/ping`)).status).toBe(404);
  });

  it('serves reference documents and {filename, content} files given as an array', async () => {
    sandbox = await startSandbox({
      references: [
        WIDGETS as never,
        { filename: 'schemas/widgets/v1/widget.json', content: WIDGET_SCHEMA },
      ],
    });
    expect((await getJson(`${sandbox.rootUrl}/references/widgets/v1/api.json`)).body).toEqual(
      WIDGETS,
    );
    expect((await getJson(`${sandbox.rootUrl}/schemas/widgets/v1/widget.json`)).body).toEqual(
      WIDGET_SCHEMA,
    );
  });

  it('answers 404 for a document or schema it does not have', async () => {
    sandbox = await startSandbox();
    expect((await getJson(`${sandbox.rootUrl}/references/nothing/v1/api.json`)).status).toBe(404);
    expect((await getJson(`${sandbox.rootUrl}/schemas/queue/v1/task.json`)).body).toMatchObject({
      code: 'ResourceNotFound',
    });
  });

  (existsSync(FIXTURE) ? it : it.skip)(
    'serves the v106 references and schemas of the fixture',
    async () => {
      const files: ReferenceFile[] = listAt(JSON.parse(readFileSync(FIXTURE, 'utf8'))).map((f) => ({
        filename: stringAt(f, 'filename'),
        content: at(f, 'content'),
      }));
      sandbox = await startSandbox({ references: files });
      const { body: task } = await getJson(`${sandbox.rootUrl}/schemas/queue/v1/task.json`);
      expect(at(task, '$id')).toBe('/schemas/queue/v1/task.json#');
      const { body: manifest } = await getJson(`${sandbox.rootUrl}/references/manifest.json`);
      expect(at(manifest, 'references')).toContain(
        `${sandbox.rootUrl}/references/queue/v1/logs.json`,
      );
      expect(await clientOf(sandbox, 'queue', { references: 'remote' })['ping']()).toMatchObject({
        alive: true,
      });
    },
  );

  it.each<[string, unknown]>([
    ['a folder without a manifest', '/nonexistent/folder'],
    ['an object', { queue: {} }],
    ['an array of other things', [{ foo: 1 }]],
  ])('refuses %s', async (_, references) => {
    const err = await rejection(startSandbox({ references: references as never }));
    expect(err).toBeInstanceOf(TaskclusterFailure);
    expect(err.message).toMatch(/^startSandbox: /);
  });
});
