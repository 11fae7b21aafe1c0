import { describe, it, expect } from '@jest/globals';
import { scopeMatch, scopesMatch } from '../../lib/auth/scopes.js';
import { TaskclusterFailure } from '../../lib/errors.js';

const CASES: Array<[string, string[], string[][], boolean]> = [
  ['no alternatives is never satisfied', ['*'], [], false],
  ['one empty alternative is always satisfied', [], [[]], true],
  ['an empty alternative among others is satisfied', [], [['a'], []], true],
  ['no assumed scopes satisfy nothing', [], [['a']], false],
  ['an exact match', ['queue:create-task'], [['queue:create-task']], true],
  ['a different scope', ['queue:create-task'], [['queue:cancel-task']], false],
  ['`*` alone matches anything', ['*'], [['queue:create-task:proj/worker']], true],
  ['`*` alone matches the empty scope', ['*'], [['']], true],
  ['`*` alone matches a required `*`', ['*'], [['*']], true],
  ['the empty assumed scope matches only the empty scope', [''], [['']], true],
  ['the empty assumed scope is no wildcard', [''], [['a']], false],
  [
    'a trailing star matches by prefix',
    ['queue:create-task:*'],
    [['queue:create-task:low/worker']],
    true,
  ],
  [
    'a trailing star matches the bare prefix',
    ['queue:create-task:*'],
    [['queue:create-task:']],
    true,
  ],
  [
    'a trailing star needs the whole prefix',
    ['queue:create-task:*'],
    [['queue:create-task']],
    false,
  ],
  [
    'a prefix without a star is not a wildcard',
    ['queue:create-task:'],
    [['queue:create-task:low/worker']],
    false,
  ],
  [
    'a scope is not satisfied by a longer one',
    ['queue:create-task:low'],
    [['queue:create-task']],
    false,
  ],
  [
    'a required star is literal: matched by the same star',
    ['assume:repo:*'],
    [['assume:repo:*']],
    true,
  ],
  [
    'a required star is literal: a shorter wildcard covers it',
    ['assume:*'],
    [['assume:repo:*']],
    true,
  ],
  [
    'a required star is literal: a concrete scope does not',
    ['assume:repo:x'],
    [['assume:repo:*']],
    false,
  ],
  [
    'a required star is literal: a narrower wildcard does not',
    ['assume:repo:x*'],
    [['assume:repo:*']],
    false,
  ],
  ['a star in the middle is literal', ['a*b'], [['aXb']], false],
  ['a star in the middle matches itself', ['a*b'], [['a*b']], true],
  ['only the last star is a wildcard', ['a*b*'], [['a*bcd']], true],
  ['only the last star is a wildcard (not the first)', ['a*b*'], [['aXbcd']], false],
  ['a double star ends in a wildcard after a literal star', ['a**'], [['a*x']], true],
  ['a double star needs its literal star', ['a**'], [['ax']], false],
  ['matching is case-sensitive', ['Queue:*'], [['queue:create-task']], false],
  ['every scope of a set is needed', ['a', 'b'], [['a', 'b', 'c']], false],
  ['a set satisfied by several assumed scopes', ['a', 'b*', 'c'], [['a', 'bee', 'c']], true],
  ['the second alternative is enough', ['b'], [['a'], ['b']], true],
  ['no alternative satisfied', ['c'], [['a'], ['b']], false],
  ['duplicates change nothing', ['a', 'a'], [['a', 'a']], true],
  ['unicode matches exactly', ['secrets:get:café'], [['secrets:get:café']], true],
  ['unicode under a wildcard', ['secrets:get:日本/*'], [['secrets:get:日本/東京']], true],
  ['unicode is not normalised', ['secrets:get:caf\u00e9'], [['secrets:get:cafe\u0301']], false],
  ['emoji under a wildcard', ['project:🚀*'], [['project:🚀-launch']], true],
  ['whitespace is significant', ['a '], [['a']], false],
  ['a wildcard does not match a shorter scope', ['abc*'], [['ab']], false],
];

describe('scopeMatch', () => {
  it.each(CASES)('%s', (_title, assumed, required, expected) => {
    expect(scopeMatch(assumed, required)).toBe(expected);
  });

  it('leaves its arguments untouched', () => {
    const assumed = Object.freeze(['a*']);
    const required = Object.freeze([Object.freeze(['ab'])]);
    expect(scopeMatch(assumed, required)).toBe(true);
  });

  it.each([
    [null, [['a']], /assumedScopes must be an array of strings, got null/],
    ['a', [['a']], /assumedScopes must be an array of strings, got the string "a"/],
    [{ 0: 'a', length: 1 }, [['a']], /assumedScopes must be an array of strings, got object/],
    [['a', 1], [['a']], /assumedScopes\[1\] must be a string, got number/],
    [['a', ['b']], [['a']], /assumedScopes\[1\] must be a string, got an array/],
    [['a'], undefined, /requiredScopeSets must be an array of arrays of strings, got undefined/],
    [['a'], 'a', /requiredScopeSets must be an array of arrays of strings/],
    [
      ['a'],
      ['a'],
      /requiredScopeSets\[0\] must be an array of strings, got the string "a" \(wrap it: \[\["a"\]\]\)/,
    ],
    [['a'], [['a'], 'b'], /requiredScopeSets\[1\] must be an array of strings/],
    [['a'], [['a', null]], /requiredScopeSets\[0\]\[1\] must be a string, got null/],
    [['a'], [[], [{}]], /requiredScopeSets\[1\]\[0\] must be a string, got object/],
    // eslint-disable-next-line no-sparse-arrays -- a hole (not an explicit undefined) is the input under test
    [['a'], [['a', , 'b']], /requiredScopeSets\[0\]\[1\] must be a string, got undefined/],
  ])('refuses assumedScopes %p with requiredScopeSets %p', (assumed, required, message) => {
    const call = () => scopeMatch(assumed as string[], required as string[][]);
    expect(call).toThrow(TaskclusterFailure);
    expect(call).toThrow(message);
  });
});

describe('scopesMatch', () => {
  it('is scopeMatch under another name', () => {
    expect(scopesMatch).toBe(scopeMatch);
    expect(scopesMatch(['a*'], [['ab']])).toBe(true);
  });
});
