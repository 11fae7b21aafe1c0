// lib/testing/get-response.ts: msw's getResponse loop without msw's main module.
import { describe, expect, it } from '@jest/globals';
import { HttpResponse, getResponse as mswGetResponse, http, passthrough } from 'msw';
import { getResponse } from '../../lib/testing/get-response.js';

const request = (path: string) => new Request(`http://127.0.0.1${path}`);

describe('getResponse', () => {
  it('answers with the first handler that responds, in order', async () => {
    const asked: string[] = [];
    const handlers = [
      http.get('*/a', () => {
        asked.push('a');
        return HttpResponse.text('from a');
      }),
      http.get('*/b', () => {
        asked.push('first b');
        return HttpResponse.text('first b');
      }),
      http.get('*/b', () => {
        asked.push('second b');
        return HttpResponse.text('second b');
      }),
    ];
    const response = await getResponse(handlers, request('/b'));
    expect(await response?.text()).toBe('first b');
    expect(asked).toEqual(['first b']);
  });

  it('moves on past a handler that matches without a response, and gives undefined when none answers', async () => {
    const handlers = [http.get('*/x', () => undefined), http.get('*/x', () => undefined)];
    expect(await getResponse(handlers, request('/x'))).toBeUndefined();
    expect(await getResponse(handlers, request('/elsewhere'), { quiet: true })).toBeUndefined();
  });

  it("answers as msw's own getResponse does", async () => {
    const handlers = [
      http.get('*/pass', () => passthrough()),
      http.get('*/none', () => undefined),
      http.all('*/json', () => HttpResponse.json({ ok: true }, { status: 201 })),
    ];
    for (const path of ['/pass', '/none', '/json', '/missing']) {
      const ours = await getResponse(handlers, request(path));
      const theirs = await mswGetResponse(handlers, request(path));
      expect([ours?.status, ours?.statusText, await ours?.text()]).toEqual([
        theirs?.status,
        theirs?.statusText,
        await theirs?.text(),
      ]);
    }
  });
});
