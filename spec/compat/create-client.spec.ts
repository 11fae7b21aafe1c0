// createClient(reference) as code written for the official client uses it: legacy references,
// mixed entries, entry names of any shape, options the official client refuses.
import { describe, it, expect } from '@jest/globals';
import { construct, fakeReference, IMPLEMENTATIONS } from './implementations.js';
import { at, methodOf } from '../helpers/answers.js';

const ROOT_URL = 'https://tc.example.com';

describe.each(IMPLEMENTATIONS)('createClient(reference) of %s', (_name, taskcluster) => {
  it('takes the service name from the legacy `name` when serviceName is missing', () => {
    const Fake = taskcluster.createClient(fakeReference());
    const client = construct(Fake, { rootUrl: ROOT_URL });
    expect(client.buildUrl(client['get'])).toBe(`${ROOT_URL}/api/fake2/v1/get-test`);
  });

  it('builds methods for both function and topic-exchange entries of one document', () => {
    const Mixed = taskcluster.createClient({
      ...fakeReference([
        {
          type: 'topic-exchange',
          name: 'thingDone',
          exchange: 'thing-done',
          routingKey: [
            { name: 'routingKeyKind', constant: 'primary', multipleWords: false, required: true },
            { name: 'thingId', multipleWords: false, required: true },
            { name: 'rest', multipleWords: true, required: false },
          ],
          schema: 'thing-done.json#',
        },
      ]),
      exchangePrefix: 'exchange/taskcluster-fake2/v1/',
    });
    const client = construct(Mixed, { rootUrl: ROOT_URL });
    expect(methodOf(client, 'thingDone')({ thingId: 't1' })).toEqual({
      exchange: 'exchange/taskcluster-fake2/v1/thing-done',
      routingKeyPattern: 'primary.t1.#',
      routingKeyReference: expect.any(Array),
    });
    expect(client.buildUrl(client['get'])).toBe(`${ROOT_URL}/api/fake2/v1/get-test`);
  });

  it('makes entries whose names are not camelCase callable under their own names', () => {
    const Odd = taskcluster.createClient(
      fakeReference([
        {
          type: 'function',
          name: 'get-thing',
          method: 'get',
          route: '/thing',
          args: [],
          query: [],
        },
        { type: 'function', name: 'Thing_2', method: 'get', route: '/thing2', args: [], query: [] },
      ]),
    );
    const client = construct(Odd, { rootUrl: ROOT_URL });
    expect(client.buildUrl(client['get-thing'])).toBe(`${ROOT_URL}/api/fake2/v1/thing`);
    expect(client.buildUrl(client['Thing_2'])).toBe(`${ROOT_URL}/api/fake2/v1/thing2`);
  });

  it('answers probe keys with undefined, so a client is never a thenable', () => {
    const client = construct(taskcluster.createClient(fakeReference()), { rootUrl: ROOT_URL });
    expect(client['then']).toBeUndefined();
    expect(client['toJSON']).toBeUndefined();
  });

  it.each([
    ['baseUrl', { baseUrl: 'https://queue.example.com/v1' }, /baseUrl has been deprecated!/],
    ['exchangePrefix', { exchangePrefix: 'exchange/x/' }, /exchangePrefix has been deprecated!/],
    ['stats', { stats: {} }, /monitoring client calls is no longer supported/],
  ])('refuses the %s option with the official message', (_option, options, message) => {
    const Fake = taskcluster.createClient(fakeReference());
    expect(() => construct(Fake, { rootUrl: ROOT_URL, ...options })).toThrow(message);
  });

  it('records fake calls by parameter name and calls the fake with the arguments as given', async () => {
    const seen: unknown[][] = [];
    const Fake = taskcluster.createClient(fakeReference());
    const client = construct(Fake, {
      rootUrl: ROOT_URL,
      fake: {
        param2: (...args: unknown[]) => {
          seen.push(args);
          return Promise.resolve({ ok: true });
        },
      },
    });
    await expect(methodOf(client, 'param2')('a', 'b')).resolves.toEqual({ ok: true });
    expect(seen).toEqual([['a', 'b']]);
    expect(at(client, 'fakeCalls', 'param2')).toEqual([{ param1: 'a', param2: 'b' }]);
  });
});
