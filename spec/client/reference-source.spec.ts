// Every references source crossed with a method it has (hit), one it lacks (miss) and a
// deployment that cannot be reached, through real clients and real loopback servers.
import { describe, it, expect, beforeAll, afterAll, beforeEach } from '@jest/globals';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHawkServer, json, CLIENTS, type HawkServer } from '../helpers/hawk-server.js';
import { createClient, TaskclusterConnectionError, type ClientOptions } from '../../lib/index.js';
import { bundledReference } from '../../lib/references/bundled.js';
import { resetDeploymentDocuments } from '../../lib/references/documents.js';
import { resetDirectoryCache } from '../../lib/references/directory.js';
import type { ApiReference } from '../../lib/references/types.js';

const credentials = { clientId: 'tester', accessToken: CLIENTS['tester'] };

/** The queue as a newer deployment serves it: one method removed, one added. */
function deploymentQueue(): ApiReference {
  const queue = structuredClone(bundledReference('queue')) as ApiReference;
  queue.entries = queue.entries.filter((e) => e.name !== 'declareProvisioner');
  queue.entries.push({
    type: 'function',
    name: 'shinyNewMethod',
    method: 'get',
    route: '/shiny/<thing>',
    args: ['thing'],
    query: [],
  });
  return queue;
}

let server: HawkServer;
let folder: string;
/** Accepts connections and drops them at once: a deployment that cannot be reached. */
let dead: Server;
let deadUrl: string;
let deadConnections = 0;

beforeAll(async () => {
  server = await startHawkServer();
  folder = mkdtempSync(join(tmpdir(), 'tcdyn-source-'));
  mkdirSync(join(folder, 'queue', 'v1'), { recursive: true });
  writeFileSync(
    join(folder, 'manifest.json'),
    JSON.stringify({ references: ['/references/queue/v1/api.json'] }),
  );
  writeFileSync(join(folder, 'queue', 'v1', 'api.json'), JSON.stringify(deploymentQueue()));
  dead = createServer((socket) => {
    deadConnections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
  deadUrl = `http://127.0.0.1:${String((dead.address() as AddressInfo).port)}`;
});
afterAll(async () => {
  await server.close();
  await new Promise((resolve) => dead.close(resolve));
  rmSync(folder, { recursive: true, force: true });
});
beforeEach(() => {
  resetDeploymentDocuments();
  resetDirectoryCache();
  deadConnections = 0;
  server.requests.length = 0;
  server.script((req, res) => {
    if (req.url === '/references/queue/v1/api.json') return json(200, deploymentQueue())(req, res);
    if (req.url.startsWith('/references/'))
      return json(404, { code: 'ResourceNotFound' })(req, res);
    return json(200, { answered: req.url })(req, res);
  });
});

type Source = 'bundled' | 'auto' | 'auto, deployment known' | 'remote' | 'folder' | 'object';

function optionsFor(source: Source, rootUrl: string): ClientOptions {
  const base = { rootUrl, credentials, maxRetries: 2, delayFactor: 1 };
  if (source === 'folder') return { ...base, references: folder };
  if (source === 'object') return { ...base, references: deploymentQueue() };
  if (source === 'auto' || source === 'auto, deployment known') return base;
  return { ...base, references: source };
}

async function clientFor(source: Source, rootUrl: string) {
  const queue = createClient('queue', optionsFor(source, rootUrl));
  if (source === 'auto, deployment known') await queue.ready();
  return queue;
}

const sent = () => server.requests.filter((r) => r.url.startsWith('/api/')).map((r) => r.url);
const fetched = () => server.requests.filter((r) => r.url.startsWith('/references/')).length;

type Outcome = { answer: string } | { code: string };

// [source, method, outcome, reference documents fetched]; `declareProvisioner` is only in the
// bundle, `shinyNewMethod` only in the deployment (and the folder and object, its copies).
const REACHABLE: Array<[Source, string, Outcome, number]> = [
  ['bundled', 'task', { answer: '/api/queue/v1/task/x' }, 0],
  ['bundled', 'shinyNewMethod', { code: 'UnknownMethod' }, 0],
  ['auto', 'task', { answer: '/api/queue/v1/task/x' }, 0],
  ['auto', 'shinyNewMethod', { answer: '/api/queue/v1/shiny/x' }, 1],
  ['auto', 'nosuchMethod', { code: 'UnknownMethod' }, 1],
  ['auto, deployment known', 'task', { answer: '/api/queue/v1/task/x' }, 1],
  ['auto, deployment known', 'shinyNewMethod', { answer: '/api/queue/v1/shiny/x' }, 1],
  ['auto, deployment known', 'declareProvisioner', { code: 'NotOffered' }, 1],
  ['remote', 'task', { answer: '/api/queue/v1/task/x' }, 1],
  ['remote', 'declareProvisioner', { code: 'NotOffered' }, 1],
  ['remote', 'nosuchMethod', { code: 'UnknownMethod' }, 1],
  ['folder', 'shinyNewMethod', { answer: '/api/queue/v1/shiny/x' }, 0],
  ['folder', 'declareProvisioner', { code: 'UnknownMethod' }, 0],
  ['object', 'shinyNewMethod', { answer: '/api/queue/v1/shiny/x' }, 0],
  ['object', 'nosuchMethod', { code: 'UnknownMethod' }, 0],
];

describe('reference sources, deployment reachable', () => {
  it.each(REACHABLE)('%s: queue.%s gives %j after %d reference fetches', async (...row) => {
    const [source, method, outcome, documents] = row;
    const queue = await clientFor(source, server.rootUrl);
    const call = (queue[method] as (x: string) => Promise<unknown>)('x');
    if ('answer' in outcome) {
      await expect(call).resolves.toEqual({ answered: outcome.answer });
      expect(sent()).toEqual([outcome.answer]);
    } else {
      await expect(call).rejects.toMatchObject({ code: outcome.code });
      expect(sent()).toEqual([]);
    }
    expect(fetched()).toBe(documents);
  });
});

// [source, what ready() gives ('reference', or what its error says), connection attempts]: the
// deployment drops every connection.
const UNREACHABLE: Array<[Source, string, number]> = [
  ['bundled', 'reference', 0],
  ['auto', 'reference', 1],
  ['remote', 'a connection error', 3],
  ['folder', 'reference', 0],
  ['object', 'reference', 0],
];

describe('reference sources, deployment unreachable', () => {
  it.each(UNREACHABLE)('%s: ready() gives %s after %d connections', async (...row) => {
    const [source, outcome, connections] = row;
    const queue = createClient('queue', optionsFor(source, deadUrl));
    if (outcome === 'reference') {
      const reference = await queue.ready();
      expect(reference.serviceName).toBe('queue');
    } else {
      await expect(queue.ready()).rejects.toBeInstanceOf(TaskclusterConnectionError);
    }
    expect(deadConnections).toBe(connections);
  });

  it('auto: a method the bundle lacks is refused after one connection attempt', async () => {
    const queue = createClient('queue', optionsFor('auto', deadUrl));
    await expect(queue['shinyNewMethod']?.('x')).rejects.toMatchObject({ code: 'UnknownMethod' });
    expect(deadConnections).toBe(1);
  });
});

describe('not offered by this deployment', () => {
  it('names the deployment and sends nothing', async () => {
    const queue = createClient('queue', { rootUrl: server.rootUrl, references: 'remote' });
    await queue.ready();
    await expect(queue.declareProvisioner('p', {})).rejects.toThrow(
      `queue.declareProvisioner is not offered by this deployment (${server.rootUrl}): its reference no longer lists it`,
    );
    expect(() => queue.buildUrl('declareProvisioner', 'p')).toThrow(/not offered/);
    expect(Object.keys(queue)).not.toContain('declareProvisioner');
    expect(sent()).toEqual([]);
  });

  it('refuses a bundled service the deployment does not list', async () => {
    server.script((req, res) => {
      if (req.url === '/references/manifest.json')
        return json(200, { references: ['/references/queue/v1/api.json'] })(req, res);
      return json(404, { code: 'ResourceNotFound' })(req, res);
    });
    const purge = createClient('purge-cache', { rootUrl: server.rootUrl });
    await expect(purge.ready()).rejects.toMatchObject({ code: 'NotOffered' });
    await expect(createClient('purge-cach', { rootUrl: server.rootUrl }).ready()).rejects.toThrow(
      /unknown Taskcluster service purge-cach/,
    );
  });
});
