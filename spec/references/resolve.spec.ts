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
import {
  isExchangesReference,
  type ApiReference,
  type ExchangesReference,
} from '../../lib/references/types.js';
import { nth } from '../helpers/nth.js';
import { at, listAt, parseJson, recordAt, stringAt } from '../helpers/answers.js';

const credentials = { clientId: 'tester', accessToken: CLIENTS['tester'] };

/** A copy of the bundled API reference of `name`. */
function bundledApi(name: string): ApiReference {
  const reference = bundledReference(name);
  if (!reference || isExchangesReference(reference)) throw new Error(`no bundled API ${name}`);
  return structuredClone(reference);
}

/** A copy of the bundled exchanges reference of `name`. */
function bundledExchanges(name: string): ExchangesReference {
  const reference = bundledReference(name);
  if (!reference || !isExchangesReference(reference))
    throw new Error(`no bundled exchanges ${name}`);
  return structuredClone(reference);
}

/** The bundled queue reference plus a method that no bundle has. */
function newerQueue(): ApiReference {
  const queue = bundledApi('queue');
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
    await expect(
      Promise.all([q['shinyNewMethod']?.('x'), q['shinyNewMethod']?.('y')]),
    ).resolves.toEqual([
      { answered: '/api/queue/v1/shiny/x' },
      { answered: '/api/queue/v1/shiny/y' },
    ]);
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
    const events = bundledExchanges('queue-events');
    events.entries.push({
      ...nth(events.entries, 0),
      name: 'brandNewExchange',
      exchange: 'brand-new',
    });
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
    const files = listAt(parseJson(readFileSync(FIXTURE, 'utf8')));
    const file = (path: string) => files.find((f) => stringAt(f, 'filename') === path);
    const bundled = new Set(bundledApi('worker-manager').entries.map((e) => e.name));
    const wm = at(file('references/worker-manager/v1/api.json'), 'content');
    const missing = recordAt(
      listAt(wm, 'entries').find(
        (e) => !bundled.has(stringAt(e, 'name')) && recordAt(e)['input'] === undefined,
      ),
    );
    server.script((req, res) => {
      const found = file(req.url.replace(/^\//, ''));
      if (req.url === '/references/manifest.json')
        return json(200, { references: ['/references/worker-manager/v1/api.json'] })(req, res);
      return found
        ? json(200, at(found, 'content'))(req, res)
        : json(200, { answered: req.url })(req, res);
    });
    const client = createClient('worker-manager', { rootUrl: server.rootUrl, credentials });
    const args = listAt(missing, 'args').map((a) => `${stringAt(a)}-1`);
    const route = stringAt(missing, 'route').replace(/<([^>]+)>/g, (_, a: string) => `${a}-1`);
    await expect(client[stringAt(missing, 'name')]?.(...args)).resolves.toEqual({
      answered: `/api/worker-manager/v1${route}`,
    });
  });
});
