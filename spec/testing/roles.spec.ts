import { describe, it, expect } from '@jest/globals';
import { assumesRole, expandScopes } from '../../lib/testing/roles.js';

describe('assumesRole', () => {
  it.each<[string, string, boolean]>([
    ['assume:project:ci', 'project:ci', true],
    ['assume:project:ci', 'project:cd', false],
    ['assume:project:*', 'project:ci', true],
    ['assume:*', 'anything', true],
    ['*', 'anything', true],
    ['assume:repo:github.com/org/app:branch:main', 'repo:github.com/org/*', true],
    ['assume:repo:gitlab.com/org/app', 'repo:github.com/org/*', false],
    ['assume:project:c*', 'project:ci', true],
    ['queue:*', 'project:ci', false],
  ])('%s assumes %s: %s', (scope, roleId, expected) => {
    expect(assumesRole(scope, roleId)).toBe(expected);
  });
});

describe('expandScopes', () => {
  const roles = [
    { roleId: 'project:ci', scopes: ['queue:create-task:*', 'assume:worker:ci'] },
    { roleId: 'worker:*', scopes: ['secrets:get:worker/*'] },
    { roleId: 'unused', scopes: ['never'] },
  ];

  it('adds the scopes of assumed roles, transitively', () => {
    expect(expandScopes(['assume:project:ci'], roles)).toEqual([
      'assume:project:ci',
      'assume:worker:ci',
      'queue:create-task:*',
      'secrets:get:worker/*',
    ]);
  });

  it('leaves scopes without roles alone', () => {
    expect(expandScopes(['queue:get-task:x'], roles)).toEqual(['queue:get-task:x']);
  });

  it('stops on cycles', () => {
    const cyclic = [
      { roleId: 'a', scopes: ['assume:b', 'x'] },
      { roleId: 'b', scopes: ['assume:a', 'y'] },
    ];
    expect(expandScopes(['assume:a'], cyclic)).toEqual(['assume:a', 'assume:b', 'x', 'y']);
  });
});
