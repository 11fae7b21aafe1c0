// Every attempt's reader source is closed, even when the PUT never connected; what undici
// refuses to send is not retried.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import { createClient, TaskclusterFailure, upload } from '../../lib/index.js';
import { startHawkServer, json, CLIENTS, type HawkServer } from '../helpers/hawk-server.js';
import { nth } from '../helpers/nth.js';
import { rejectionOf } from '../helpers/answers.js';

let server: HawkServer;
beforeEach(async () => {
  server = await startHawkServer();
});
afterEach(() => server.close());

const objectService = () =>
  createClient('object', {
    rootUrl: server.rootUrl,
    credentials: { clientId: 'tester', accessToken: CLIENTS['tester'] },
    references: 'bundled',
    delayFactor: 1,
    maxRetries: 2,
  });

function offerPutUrl(url: string, headers: Record<string, string> = {}) {
  server.script((req, res) =>
    json(200, {
      projectId: 'p',
      uploadId: 'u',
      expires: new Date(Date.now() + 3600_000).toJSON(),
      uploadMethod: { putUrl: { url, expires: new Date(Date.now() + 3600_000).toJSON(), headers } },
    })(req, res),
  );
}

function trackedReaders() {
  const sources: Readable[] = [];
  const readerFactory = () => {
    const source = Readable.from([Buffer.alloc(10_000, 1), Buffer.alloc(10_000, 2)]);
    sources.push(source);
    return source;
  };
  return { sources, readerFactory };
}

const args = {
  projectId: 'p',
  name: 'big',
  contentType: 'application/octet-stream',
  contentLength: 20_000,
  expires: new Date(Date.now() + 3600_000),
};

describe('upload sources', () => {
  it("closes every attempt's source when the storage URL refuses connections", async () => {
    offerPutUrl('http://127.0.0.1:1/blob');
    const { sources, readerFactory } = trackedReaders();
    const error = await rejectionOf(
      upload({ ...args, objectService: objectService(), readerFactory }),
      TaskclusterFailure,
    );
    expect(error.name).toBe('TaskclusterConnectionError');
    expect(sources).toHaveLength(3);
    expect(sources.every((s) => s.destroyed)).toBe(true);
  });

  it('does not retry a PUT that undici refuses to send, and closes its source', async () => {
    offerPutUrl(`${server.rootUrl}/blob`, { 'x-broken': 'a\nb' });
    const { sources, readerFactory } = trackedReaders();
    const error = await rejectionOf(
      upload({ ...args, objectService: objectService(), readerFactory }),
      TaskclusterFailure,
    );
    expect(error.name).toBe('TaskclusterFailure');
    expect(sources).toHaveLength(1);
    expect(nth(sources, 0).destroyed).toBe(true);
    expect(server.requests.filter((r) => r.url === '/blob')).toHaveLength(0);
  });
});
