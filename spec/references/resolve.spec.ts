import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { mkdtempSync, mkdirSync, writeFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startHawkServer,
  json,
  CLIENTS,
  type HawkServer,
  type Reply,
} from '../helpers/hawk-server.js';
import { createClient } from '../../lib/index.js';
import { bundledReference } from '../../lib/references/bundled.js';
import { resetDeploymentDocuments } from '../../lib/references/documents.js';
import { resetDirectoryCache } from '../../lib/references/directory.js';
import type { ApiReference } from '../../lib/references/types.js';

const credentials = { clientId: 'tester', accessToken: CLIENTS['tester'] };

/** The bundled queue reference plus a method that no bundle has. */
function newerQueue(): ApiReference {
  const queue = structuredClone(bundledReference('queue')) as ApiReference;
  queue.entries.push({
    type: 'function',
    name: 'shinyNewMethod',
    method: 'get',
    route: '/shiny/<thing>',
    args: ['thing'],
    query: [],
    title: 'Added by the deployment yesterday',
  });
  return queue;
}

const documents = (rootUrl: string): Record<string, unknown> => ({
  '/references/manifest.json': {
    references: [
      `${rootUrl}/references/queue/v1/api.json`,
      `${rootUrl}/references/queue/v1/exchanges.json`,
    ],
  },
  '/references/queue/v1/api.json': newerQueue(),
  '/references/queue/v1/exchanges.json': bundledReference('queue-events'),
});

let server: HawkServer;
const references = () => server.requests.filter((r) => r.url.startsWith('/references/'));

function deployment(): Reply {
  return (req, res) => {
    const doc = documents(server.rootUrl)[req.url];
    if (doc) return json(200, doc)(req, res);
    return json(200, { answered: req.url })(req, res);
  };
}

beforeEach(async () => {
  resetDeploymentDocuments();
  server = await startHawkServer();
  server.script(deployment());
});
afterEach(async () => {
  await server.close();
});

describe('references: auto', () => {
  it('calls bundled methods without fetching references', async () => {
    const q = createClient('queue', { rootUrl: server.rootUrl, credentials });
    await q.task('abc');
    expect(references()).toHaveLength(0);
  });

  it('finds a method the bundle lacks in the deployment, fetching its one document once', async () => {
    const q = createClient('queue', { rootUrl: server.rootUrl, credentials });
    const [a, b] = await Promise.all([q['shinyNewMethod']?.('x'), q['shinyNewMethod']?.('y')]);
    expect(a).toEqual({ answered: '/api/queue/v1/shiny/x' });
    expect(b).toEqual({ answered: '/api/queue/v1/shiny/y' });
    await createClient('queue', { rootUrl: server.rootUrl })['shinyNewMethod']?.('z');
    expect(references().map((r) => r.url)).toEqual(['/references/queue/v1/api.json']);
    expect(Object.keys(q)).toContain('shinyNewMethod');
  });

  it('declares a method unknown to both with the nearest names', async () => {
    const q = createClient('queue', { rootUrl: server.rootUrl });
    await expect(q['shinyNewMethd']?.('x')).rejects.toThrow(
      /unknown method queue\.shinyNewMethd\. Did you mean shinyNewMethod/,
    );
  });
});

describe('references: auto, after ready()', () => {
  it('lists what the deployment adds and builds patterns for an exchange the bundle lacks', async () => {
    const events = structuredClone(bundledReference('queue-events')) as any;
    events.entries.push({ ...events.entries[0], name: 'brandNewExchange', exchange: 'brand-new' });
    server.script((req, res) => {
      if (req.url === '/references/queue/v1/exchanges.json') return json(200, events)(req, res);
      return deployment()(req, res);
    });
    const qe = createClient('queue-events', { rootUrl: server.rootUrl });
    expect(() => qe['brandNewExchange']?.({})).toThrow(/await client.ready\(\)/);
    const ref = await qe.ready();
    expect(ref.entries.map((e) => e.name)).toContain('brandNewExchange');
    expect(qe['brandNewExchange']?.({ taskId: 'x' }).exchange).toBe(
      'exchange/taskcluster-queue/v1/brand-new',
    );
    expect(Object.keys(qe)).toContain('brandNewExchange');
  });

  it('serves the bundle when the deployment cannot be reached', async () => {
    const q = createClient('queue', { rootUrl: 'http://127.0.0.1:1', maxRetries: 0 });
    const ref = await q.ready();
    expect(ref.entries.map((e) => e.name)).toContain('createTask');
  });

  it('builds URLs by name for a method only the deployment has', async () => {
    const q = createClient('queue', { rootUrl: server.rootUrl, credentials });
    await q.ready();
    expect(q.buildUrl('shinyNewMethod', 'thing 1')).toBe(
      `${server.rootUrl}/api/queue/v1/shiny/thing%201`,
    );
  });
});

describe('references: remote', () => {
  it('loads the deployment reference on ready() and lists its methods', async () => {
    const q = createClient('queue', { rootUrl: server.rootUrl, references: 'remote' });
    expect(Object.keys(q)).toEqual([]);
    const ref = await q.ready();
    expect(ref.entries.map((e) => e.name)).toContain('shinyNewMethod');
    expect(Object.keys(q)).toContain('shinyNewMethod');
  });

  it('retries a failing reference fetch like an API call', async () => {
    let failures = 1;
    server.script((req, res) => {
      if (req.url === '/references/queue/v1/api.json' && failures-- > 0)
        return json(503, {})(req, res);
      return deployment()(req, res);
    });
    const q = createClient('queue', {
      rootUrl: server.rootUrl,
      references: 'remote',
      delayFactor: 1,
    });
    await expect(q.ready()).resolves.toBeDefined();
    expect(references().map((r) => r.url)).toEqual([
      '/references/queue/v1/api.json',
      '/references/queue/v1/api.json',
    ]);
  });

  it('builds exchange patterns once the exchanges reference is loaded', async () => {
    const qe = createClient('queue-events', { rootUrl: server.rootUrl, references: 'remote' });
    expect(() => qe.taskDefined({})).toThrow(/await client.ready\(\)/);
    await qe.ready();
    expect(qe.taskDefined({ taskId: 'abc' }).exchange).toBe(
      'exchange/taskcluster-queue/v1/task-defined',
    );
  });
});

describe('references: bundled, a folder, an object', () => {
  it('declares a method the bundle lacks unknown without any request', async () => {
    const q = createClient('queue', { rootUrl: server.rootUrl, references: 'bundled' });
    await expect(q['shinyNewMethod']?.('x')).rejects.toThrow(
      /unknown method queue\.shinyNewMethod/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('reads a folder laid out like <rootUrl>/references', async () => {
    resetDirectoryCache();
    const dir = mkdtempSync(join(tmpdir(), 'tcdyn-refs-'));
    try {
      for (const [path, doc] of Object.entries(documents('https://tc.example.com'))) {
        const file = join(dir, path.replace('/references/', ''));
        mkdirSync(join(file, '..'), { recursive: true });
        writeFileSync(file, JSON.stringify(doc));
      }
      const q = createClient('queue', { rootUrl: server.rootUrl, references: dir });
      await expect(q['shinyNewMethod']?.('x')).resolves.toEqual({
        answered: '/api/queue/v1/shiny/x',
      });
      expect(references()).toHaveLength(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes a reference object', async () => {
    const q = createClient('queue', { rootUrl: server.rootUrl, references: newerQueue() });
    await expect(q['shinyNewMethod']?.('y')).resolves.toEqual({
      answered: '/api/queue/v1/shiny/y',
    });
  });
});

const FIXTURE = join(process.cwd(), '..', 'shared', 'fixtures', 'taskcluster-references-v106.json');

(existsSync(FIXTURE) ? describe : describe.skip)('references: a real v106 deployment', () => {
  it('calls a v106 method that the bundled snapshot lacks', async () => {
    const files = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Array<{
      filename: string;
      content: any;
    }>;
    const bundled = new Set(bundledReference('worker-manager')!.entries.map((e) => e.name));
    const wm = files.find((f) => f.filename === 'references/worker-manager/v1/api.json')!.content;
    const missing = wm.entries.find((e: any) => !bundled.has(e.name) && !e.input);
    expect(missing).toBeDefined();
    server.script((req, res) => {
      const path = req.url.replace(/^\//, '');
      if (path === 'references/manifest.json')
        return json(200, { references: ['/references/worker-manager/v1/api.json'] })(req, res);
      const file = files.find((f) => f.filename === path);
      return file ? json(200, file.content)(req, res) : json(200, { answered: req.url })(req, res);
    });
    const client = createClient('worker-manager', { rootUrl: server.rootUrl, credentials });
    const args = missing.args.map((a: string) => `${a}-1`);
    const route = missing.route.replace(/<([^>]+)>/g, (_: string, a: string) => `${a}-1`);
    await expect(client[missing.name]?.(...args)).resolves.toEqual({
      answered: `/api/worker-manager/v1${route}`,
    });
  });
});
