import { describe, it, expect, afterEach } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { Agent, EnvHttpProxyAgent } from 'undici';
import { defaultDispatcher, resetDefaultDispatcher } from '../../lib/transport/dispatcher.js';
import { createClient } from '../../lib/index.js';

afterEach(async () => {
  await resetDefaultDispatcher();
});

describe('defaultDispatcher', () => {
  it('is one shared agent until reset', () => {
    const first = defaultDispatcher({});
    expect(defaultDispatcher({})).toBe(first);
    expect(first).toBeInstanceOf(Agent);
  });

  it.each([['HTTP_PROXY'], ['HTTPS_PROXY'], ['http_proxy'], ['https_proxy']])(
    'honours %s with a proxy agent',
    (name) => {
      expect(defaultDispatcher({ [name]: 'http://127.0.0.1:9' })).toBeInstanceOf(EnvHttpProxyAgent);
    },
  );

  it('sends API calls through the proxy named by HTTP_PROXY', async () => {
    const api: Server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ via: 'proxy', host: req.headers.host, url: req.url }));
    });
    // undici tunnels through the proxy with CONNECT; this proxy sends every tunnel to the local API server.
    const tunnels: string[] = [];
    const proxy: Server = createServer();
    proxy.on('connect', (req, client) => {
      tunnels.push(req.url ?? '');
      const upstream = connect((api.address() as AddressInfo).port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client).pipe(upstream);
      });
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      defaultDispatcher({
        HTTP_PROXY: `http://127.0.0.1:${String((proxy.address() as AddressInfo).port)}`,
      });
      const queue = createClient('queue', {
        rootUrl: 'http://tc.invalid',
        credentials: {},
        references: 'bundled',
        maxRetries: 0,
      });
      await expect(queue.ping()).resolves.toEqual({
        via: 'proxy',
        host: 'tc.invalid',
        url: '/api/queue/v1/ping',
      });
      expect(tunnels).toEqual(['tc.invalid:80']);
    } finally {
      await resetDefaultDispatcher();
      proxy.closeAllConnections();
      api.closeAllConnections();
      await new Promise((r) => proxy.close(r));
      await new Promise((r) => api.close(r));
    }
  });
});
