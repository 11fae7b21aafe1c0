import { definedOnly } from '../../lib/utils/defined.js';
import { describe, it, expect } from '@jest/globals';
import { inspect } from 'node:util';
import Hawk from '@hapi/hawk';
import { bewit, createSigner, hawkHeader, nonce } from '../../lib/auth/hawk.js';
import { parseOrigin } from '../../lib/client/urls.js';
import { hawkExt } from '../../lib/auth/ext.js';

const KEY = 'hawk-spec-access-token-0123456789';
const credentialsFunc = (id: string) => ({ id, key: KEY, algorithm: 'sha256' });
const request = (url: string, headers: Record<string, string> = {}) => {
  const { pathname, search, host } = new URL(url);
  return { method: 'GET', url: pathname + search, headers: { host, ...headers } };
};

describe('hawkHeader', () => {
  it.each([
    ['http://127.0.0.1:8080', '/api/queue/v1/task/abc', undefined],
    [
      'https://tc.example.com',
      '/api/queue/v1/task-group/g/list?limit=5&continuationToken=a%20b',
      undefined,
    ],
    [
      'https://TC.Example.com/prefix',
      '/prefix/api/secrets/v1/secret/a%2Fb',
      hawkExt(undefined, ['secrets:get:a/b']),
    ],
  ])('signs a request to %s%s that @hapi/hawk verifies', async (root, resource, ext) => {
    const signer = createSigner('me', KEY, ext);
    const ts = Math.floor(Date.now() / 1000);
    const header = hawkHeader(signer, 'GET', parseOrigin(root), resource, ts, nonce());
    const origin = new URL(root);
    const req = {
      method: 'GET',
      url: resource,
      headers: { host: origin.host, authorization: header },
    };
    // A bare request object has no socket: tell the server the port the client signed for.
    const { credentials, artifacts } = await Hawk.server.authenticate(req, credentialsFunc, {
      port: parseOrigin(root).port,
    });
    expect(credentials.id).toBe('me');
    expect(artifacts.ext ?? undefined).toBe(ext);
  });

  it("matches @hapi/hawk's own header for the same timestamp and nonce", () => {
    const signer = createSigner('me', KEY, hawkExt(undefined, ['a']));
    const ours = hawkHeader(
      signer,
      'PUT',
      parseOrigin('https://tc.example.com'),
      '/api/queue/v1/task/x',
      1_700_000_000,
      'n0nce',
    );
    const theirs = Hawk.client.header('https://tc.example.com/api/queue/v1/task/x', 'PUT', {
      credentials: { id: 'me', key: KEY, algorithm: 'sha256' },
      ...definedOnly({ ext: signer.ext }),
      timestamp: 1_700_000_000,
      nonce: 'n0nce',
    }).header;
    expect(ours).toBe(theirs);
  });

  it('makes a different nonce every time', () => {
    const seen = new Set(Array.from({ length: 5000 }, nonce));
    expect(seen.size).toBe(5000);
  });

  it('holds no access token that inspection could show', () => {
    expect(
      inspect(createSigner('me', KEY, undefined), { showHidden: true, depth: 5 }),
    ).not.toContain(KEY);
  });
});

describe('bewit', () => {
  const url = 'https://tc.example.com/api/queue/v1/task/abc/artifacts/public%2Flog?x=1';

  it("matches @hapi/hawk's bewit for the same time", () => {
    const signer = createSigner('me', KEY, hawkExt(undefined, ['queue:get-artifact:*']));
    const now = 1_700_000_000_000;
    const theirs = Hawk.client.getBewit(url, {
      credentials: { id: 'me', key: KEY, algorithm: 'sha256' },
      ttlSec: 60,
      ...definedOnly({ ext: signer.ext }),
      localtimeOffsetMsec: now - Date.now(),
    });
    expect(bewit(signer, url, 60, now)).toBe(theirs);
  });

  it('is accepted by @hapi/hawk until it expires', async () => {
    const signer = createSigner('me', KEY, undefined);
    const fresh = bewit(signer, url, 60);
    await expect(
      Hawk.server.authenticateBewit(request(`${url}&bewit=${fresh}`), credentialsFunc, {
        port: 443,
      }),
    ).resolves.toBeDefined();
    const stale = bewit(signer, url, 60, Date.now() - 120_000);
    await expect(
      Hawk.server.authenticateBewit(request(`${url}&bewit=${stale}`), credentialsFunc, {
        port: 443,
      }),
    ).rejects.toThrow(/expired/i);
  });
});
