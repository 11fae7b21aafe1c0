import { describe, it, expect } from '@jest/globals';
import { paginate } from '../../lib/testing/pagination.js';
import { answerOf } from '../../lib/testing/responses.js';

const ITEMS = Array.from({ length: 7 }, (_, i) => i);

function allPages(limit: string) {
  const pages: number[][] = [];
  let token: string | undefined;
  do {
    const query = new URLSearchParams({ limit });
    if (token) query.set('continuationToken', token);
    const page = paginate(ITEMS, query);
    pages.push(page.items);
    token = page.continuationToken;
  } while (token);
  return pages;
}

describe('paginate', () => {
  it.each<[string, number[][]]>([
    ['3', [[0, 1, 2], [3, 4, 5], [6]]],
    ['7', [ITEMS]],
    ['100', [ITEMS]],
    ['1', ITEMS.map((i) => [i])],
  ])('with limit %s yields %j', (limit, pages) => {
    expect(allPages(limit)).toEqual(pages);
  });

  it('gives everything without a token when no limit is set', () => {
    expect(paginate(ITEMS, new URLSearchParams())).toEqual({ items: ITEMS });
  });

  it.each([[{ limit: '0' }], [{ limit: 'ten' }], [{ continuationToken: 'not-a-token' }]])(
    'answers 400 to %j',
    async (query) => {
      let thrown: unknown;
      try {
        paginate(ITEMS, new URLSearchParams(query));
      } catch (err) {
        thrown = err;
      }
      const answer = answerOf(thrown);
      expect(answer?.status).toBe(400);
      expect(await answer?.json()).toMatchObject({ code: 'InputError' });
    },
  );
});
