import { describe, it, expect, afterEach, beforeEach } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Agent,
  MockAgent,
  getGlobalDispatcher,
  interceptors,
  setGlobalDispatcher,
  type Dispatcher,
} from 'undici';
import {
  defaultDispatcher,
  dispatcherFor,
  isUndiciDefault,
  isUntouchedDefault,
  resetDefaultDispatcher,
} from '../../lib/transport/dispatcher.js';
import { createClient, download, fetchDeploymentJson } from '../../lib/index.js';

let original: Dispatcher;
beforeEach(() => {
  original = getGlobalDispatcher();
});
afterEach(async () => {
  setGlobalDispatcher(original);
  await resetDefaultDispatcher();
});

describe('isUntouchedDefault', () => {
  it('recognises the plain Agent undici makes for itself', () => {
    expect(isUntouchedDefault(new Agent())).toBe(true);
  });

  it.each([
    ['an Agent with options', () => new Agent({ connect: { rejectUnauthorized: false } })],
    ['a MockAgent', () => new MockAgent()],
    ['a composed Agent', () => new Agent().compose(interceptors.dump())],
    ['something else', () => ({ dispatch() {} })],
  ])('refuses %s', (_name, make) => {
    expect(isUntouchedDefault(make())).toBe(false);
  });
});

describe('dispatcherFor', () => {
  it('is the given dispatcher when there is one', () => {
    const given = new MockAgent();
    expect(dispatcherFor(given)).toBe(given);
  });

  it('is our tuned agent while the global dispatcher is the one undici installed', () => {
    expect(isUndiciDefault(original)).toBe(true);
    expect(dispatcherFor(undefined)).toBe(defaultDispatcher());
  });

  it('is the global dispatcher once a user sets one, and again ours when it is undone', () => {
    const mock = new MockAgent();
    setGlobalDispatcher(mock);
    expect(dispatcherFor(undefined)).toBe(mock);
    setGlobalDispatcher(original);
    expect(dispatcherFor(undefined)).toBe(defaultDispatcher());
  });

  it("is a user's plain new Agent(), though it looks like undici's own", () => {
    const plain = new Agent();
    expect(isUntouchedDefault(plain)).toBe(true);
    setGlobalDispatcher(plain);
    expect(isUndiciDefault(plain)).toBe(false);
    expect(dispatcherFor(undefined)).toBe(plain);
  });
});

describe('a global MockAgent', () => {
  let server: Server;
  let accepted = 0;
  let rootUrl: string;
  beforeEach(async () => {
    accepted = 0;
    server = createServer((_req, res) => res.end('{}'));
    server.on('connection', () => accepted++);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    rootUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('answers API calls from its interceptors', async () => {
    const mock = new MockAgent();
    mock.disableNetConnect();
    mock
      .get(rootUrl)
      .intercept({ path: '/api/queue/v1/ping' })
      .reply(200, { alive: true }, { headers: { 'content-type': 'application/json' } });
    setGlobalDispatcher(mock);
    const queue = createClient('queue', { rootUrl, references: 'bundled' });
    await expect(queue.ping()).resolves.toEqual({ alive: true });
    expect(accepted).toBe(0);
  });

  it('with disableNetConnect fails every unmocked request at once, none reaching the network', async () => {
    const mock = new MockAgent();
    mock.disableNetConnect();
    setGlobalDispatcher(mock);
    const queue = createClient('queue', { rootUrl, references: 'bundled', delayFactor: 10_000 });
    const started = Date.now();
    const failures = await Promise.all([
      queue.ping().catch((e: unknown) => e),
      fetchDeploymentJson(rootUrl, '/references/manifest.json').catch((e: unknown) => e),
      download({
        name: 'x',
        objectService: {
          startDownload: () =>
            Promise.resolve({
              method: 'getUrl',
              url: `${rootUrl}/blob`,
              expires: new Date(Date.now() + 60_000).toISOString(),
              hashes: {},
            }),
        },
        writerFactory: () => {
          throw new Error('never opened');
        },
      }).catch((e: unknown) => e),
    ]);
    for (const error of failures) {
      expect(error).toMatchObject({
        name: 'TaskclusterFailure',
        message: expect.stringMatching(/not (allowed|matched)|Mock/i),
      });
    }
    // Not retried (a 10 s backoff would show) and never connected.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(accepted).toBe(0);
  });

  it("sends API calls through a user's plain global Agent, not through ours", async () => {
    const plain = new Agent();
    const origins: string[] = [];
    plain.on('connect', (origin) => origins.push(String(origin)));
    const ours: string[] = [];
    defaultDispatcher().on('connect', (origin) => ours.push(String(origin)));
    setGlobalDispatcher(plain);
    const queue = createClient('queue', { rootUrl, references: 'bundled' });
    await queue.ping();
    await plain.close();
    expect(accepted).toBe(1);
    expect(origins).toEqual([`${rootUrl}/`]);
    expect(ours).toEqual([]);
  });
});
