import { describe, it, expect } from '@jest/globals';
import { getResponse } from 'msw';
import { createBlobStore } from '../../../lib/testing/services/blob-store.js';
import type { SandboxRequest } from '../../../lib/testing/faults.js';

const ROOT = 'http://127.0.0.1:9';
const HOUR = 60 * 60 * 1000;

function store() {
  const requests: SandboxRequest[] = [];
  return { blobs: createBlobStore(ROOT, requests), requests };
}

async function send(
  blobs: ReturnType<typeof createBlobStore>,
  url: string,
  init: RequestInit = {},
) {
  const response = await getResponse(blobs.handlers(), new Request(url, init));
  if (!response) throw new Error(`no blob store handler answered ${url}`);
  return response;
}

describe('createBlobStore', () => {
  it('stores a PUT to a signed URL and serves it to a signed GET', async () => {
    const { blobs, requests } = store();
    const put = await send(blobs, blobs.signedUrl('PUT', 'a/b c', Date.now() + HOUR, 3), {
      method: 'PUT',
      body: 'abc',
      headers: { 'content-type': 'text/x' },
    });
    expect(put.status).toBe(200);
    const get = await send(blobs, blobs.signedUrl('GET', 'a/b c', Date.now() + HOUR));
    expect(get.headers.get('content-type')).toBe('text/x');
    expect(await get.text()).toBe('abc');
    expect(requests).toEqual([
      { service: '_blob', method: 'put', path: '/_blob/a/b%20c', status: 200 },
      { service: '_blob', method: 'get', path: '/_blob/a/b%20c', status: 200 },
    ]);
  });

  it.each<[string, (url: string) => [string, RequestInit], number, string]>([
    [
      'an Authorization header',
      (url) => [url, { method: 'PUT', body: 'abc', headers: { authorization: 'Hawk id="x"' } }],
      400,
      'InvalidArgument',
    ],
    [
      'a body of another length',
      (url) => [url, { method: 'PUT', body: 'abcd' }],
      400,
      'IncompleteBody',
    ],
    [
      'another key',
      (url) => [url.replace('/_blob/k', '/_blob/j'), { method: 'PUT', body: 'abc' }],
      403,
      'AccessDenied',
    ],
    [
      'a later expiry',
      (url) => [
        url.replace(/expires=\d+/, 'expires=99999999999999'),
        { method: 'PUT', body: 'abc' },
      ],
      403,
      'AccessDenied',
    ],
    ['another method', (url) => [url, { method: 'GET' }], 403, 'AccessDenied'],
  ])('refuses a PUT URL used with %s, storing nothing', async (_, change, status, code) => {
    const { blobs } = store();
    const [url, init] = change(blobs.signedUrl('PUT', 'k', Date.now() + HOUR, 3));
    const response = await send(blobs, url, init);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ code });
    expect(blobs.get('k')).toBeUndefined();
  });

  it('refuses an expired URL', async () => {
    const { blobs } = store();
    blobs.put('k', Buffer.from('x'), 'text/plain');
    const response = await send(blobs, blobs.signedUrl('GET', 'k', Date.now() - 1));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      code: 'AccessDenied',
      message: expect.stringMatching(/expired/),
    });
  });

  it('answers 404 for a signed URL to a missing blob', async () => {
    const { blobs } = store();
    expect((await send(blobs, blobs.signedUrl('GET', 'nothing', Date.now() + HOUR))).status).toBe(
      404,
    );
  });
});
