import { describe, it, expect } from '@jest/globals';
import { inspect } from 'node:util';
import { leanCopy, optionsPrototype } from '../lib/lean-options.js';

interface Shape {
  a: number;
  b: string | undefined;
  c: readonly string[] | undefined;
}

const UNSET = optionsPrototype<Shape>({ a: 1, b: undefined, c: undefined });

describe('optionsPrototype', () => {
  it('returns a frozen copy of the values', () => {
    expect(Object.isFrozen(UNSET)).toBe(true);
    expect(UNSET).toEqual({ a: 1, b: undefined, c: undefined });
  });
});

describe('leanCopy', () => {
  it('holds as its own only the values that differ from the prototype', () => {
    const lean = leanCopy<Shape>({ a: 1, b: 'x', c: undefined }, UNSET);
    expect(Object.keys(lean)).toEqual(['b']);
    expect(Object.getPrototypeOf(lean)).toBe(UNSET);
    expect([lean.a, lean.b, lean.c]).toEqual([1, 'x', undefined]);
  });

  it('returns a frozen object', () => {
    const lean = leanCopy<Shape>({ a: 2, b: undefined, c: ['s'] }, UNSET);
    expect(Object.isFrozen(lean)).toBe(true);
    expect(() => {
      (lean as { a: number }).a = 3;
    }).toThrow(TypeError);
    expect(lean.a).toBe(2);
  });

  it('keeps -0 apart from 0', () => {
    const zero = optionsPrototype({ n: 0 });
    expect(Object.is(leanCopy({ n: -0 }, zero).n, -0)).toBe(true);
  });

  it('is shown by util.inspect with inherited fields too', () => {
    const shown = inspect(leanCopy<Shape>({ a: 1, b: 'x', c: undefined }, UNSET));
    expect(shown).toBe("{ a: 1, b: 'x', c: undefined }");
  });
});
