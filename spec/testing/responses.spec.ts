import { describe, it, expect } from '@jest/globals';
import { answerOf, isJson, serviceError } from '../../lib/testing/responses.js';

describe('serviceError', () => {
  it('is an Error that carries the error response to send', async () => {
    const thrown = serviceError(404, 'ResourceNotFound', 'no task x');
    expect(thrown).toBeInstanceOf(Error);
    const answer = answerOf(thrown);
    expect(answer?.status).toBe(404);
    expect(await answer?.json()).toEqual({ code: 'ResourceNotFound', message: 'no task x' });
  });
});

describe('answerOf', () => {
  it('finds no response in other thrown values', () => {
    expect(answerOf(new Error('crash'))).toBeUndefined();
    expect(answerOf(new Response(null, { status: 404 }))).toBeUndefined();
    expect(answerOf('404')).toBeUndefined();
  });
});

describe('isJson', () => {
  it('accepts objects only, not null or arrays', () => {
    expect(isJson({ a: 1 })).toBe(true);
    expect(isJson(null)).toBe(false);
    expect(isJson([1])).toBe(false);
    expect(isJson('{}')).toBe(false);
  });
});
