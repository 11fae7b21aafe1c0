import { describe, expect, it } from '@jest/globals';
import { http, HttpResponse } from 'msw';
import { handlerIndex } from '../../lib/testing/handler-index.js';

const ok = () => HttpResponse.text('ok');
const [refs, schemas, auth, other] = [
  http.get('/references/:p', ok),
  http.get('/schemas/:p', ok),
  http.get('/api/auth/v1/:p', ok),
  http.get('/elsewhere', ok),
];
const all = [refs, schemas, auth, other];
const index = handlerIndex(
  [
    { prefixes: ['/references/', '/schemas/'], handlers: [refs, schemas] },
    { prefixes: ['/api/auth/v1/'], handlers: [auth] },
  ],
  all,
);

describe('handlerIndex', () => {
  it('offers a path only the handlers of the group whose prefix it starts with', () => {
    expect(index('/schemas/x.json')).toEqual([refs, schemas]);
    expect(index('/api/auth/v1/scopes/current')).toEqual([auth]);
  });

  it('offers every handler, in order, for a path no group claims', () => {
    expect(index('/elsewhere')).toBe(all);
    expect(index('/api/auth/v2/x')).toBe(all);
  });
});
