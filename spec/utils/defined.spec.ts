import { describe, expect, it } from '@jest/globals';
import { definedOnly } from '../../lib/utils/defined.js';

describe('definedOnly', () => {
  it('drops the keys whose value is undefined and keeps falsy ones', () => {
    const out = definedOnly({ a: undefined, b: 0, c: '', d: null, e: false, f: 'x' });
    expect(out).toStrictEqual({ b: 0, c: '', d: null, e: false, f: 'x' });
    expect('a' in out).toBe(false);
  });

  it('returns a new object and leaves the argument as it was', () => {
    const given = { a: undefined, b: 1 };
    expect(definedOnly(given)).not.toBe(given);
    expect(Object.keys(given)).toEqual(['a', 'b']);
  });
});
