import { describe, it, expect } from '@jest/globals';
import {
  expandTemplate,
  missingScopes,
  normalizeScopes,
  templateParams,
} from '../../lib/testing/scope-expression.js';
import type { ScopeExpression } from '../../lib/references/types.js';

const CREATE_TASK: ScopeExpression = {
  AllOf: [
    { each: '<scope>', for: 'scope', in: 'scopes' },
    { each: 'queue:route:<route>', for: 'route', in: 'routes' },
    'queue:create-task:project:<projectId>',
    {
      AnyOf: [
        {
          each: 'queue:create-task:<priority>:<provisionerId>/<workerType>',
          for: 'priority',
          in: 'priorities',
        },
      ],
    },
  ],
};

describe('templateParams', () => {
  it.each<[ScopeExpression, string[]]>([
    ['queue:get-task:<taskId>', ['taskId']],
    [CREATE_TASK, ['scopes', 'routes', 'projectId', 'priorities', 'provisionerId', 'workerType']],
    [
      { if: 'levelIsReadOnly', then: 'a:<bucket>', else: 'b:<prefix>' },
      ['levelIsReadOnly', 'bucket', 'prefix'],
    ],
    ['queue:list-provisioners', []],
  ])('lists the parameters of %j', (template, names) => {
    expect([...templateParams(template)].sort()).toEqual([...names].sort());
  });
});

describe('expandTemplate', () => {
  it.each<[string, ScopeExpression, Record<string, unknown>, unknown]>([
    ['substitutes a parameter', 'queue:get-task:<taskId>', { taskId: 'abc' }, 'queue:get-task:abc'],
    [
      'substitutes numbers',
      'queue:list-artifacts:<taskId>:<runId>',
      { taskId: 't', runId: 0 },
      'queue:list-artifacts:t:0',
    ],
    [
      'flattens for/in/each into the enclosing list',
      CREATE_TASK,
      {
        scopes: ['x:<y>'],
        routes: ['r1', 'r2'],
        projectId: 'p',
        priorities: ['high', 'low'],
        provisionerId: 'pr',
        workerType: 'wt',
      },
      {
        AllOf: [
          'x:<y>',
          'queue:route:r1',
          'queue:route:r2',
          'queue:create-task:project:p',
          { AnyOf: ['queue:create-task:high:pr/wt', 'queue:create-task:low:pr/wt'] },
        ],
      },
    ],
    [
      'wraps a top-level for/in/each in AllOf',
      { for: 'n', in: 'names', each: 'g:<n>' },
      { names: ['a'] },
      { AllOf: ['g:a'] },
    ],
    [
      'takes then when the condition holds',
      { if: 'ro', then: 'read', else: 'write' },
      { ro: true },
      'read',
    ],
    [
      'takes else when it does not',
      { if: 'ro', then: 'read', else: 'write' },
      { ro: false },
      'write',
    ],
    ['requires nothing without an else', { if: 'ro', then: 'read' }, { ro: false }, { AllOf: [] }],
  ])('%s', (_, template, params, expected) => {
    expect(expandTemplate(template, params)).toEqual(expected);
  });

  it.each<[ScopeExpression, Record<string, unknown>, RegExp]>([
    ['a:<missing>', {}, /missing is missing/],
    ['a:<p>', { p: ['x'] }, /p is not a string/],
    [{ for: 'n', in: 'names', each: 'g:<n>' }, { names: 'a' }, /names must be an array/],
    [{ if: 'ro', then: 'r' }, { ro: 'yes' }, /ro must be a boolean/],
  ])('refuses %j with %j', (template, params, message) => {
    expect(() => expandTemplate(template, params)).toThrow(message);
  });
});

describe('missingScopes', () => {
  it.each<[string[], Parameters<typeof missingScopes>[1], unknown]>([
    [['queue:*'], 'queue:get-task:x', undefined],
    [['queue:get-task:x*'], 'queue:get-task:x', undefined],
    [['queue:get-task:*x'], 'queue:get-task:yx', 'queue:get-task:yx'],
    [['a'], { AllOf: ['a', 'b'] }, 'b'],
    [['c'], { AnyOf: ['a', 'b'] }, { AnyOf: ['a', 'b'] }],
    [[], { AllOf: [] }, undefined],
    [['*'], { AnyOf: ['anything'] }, undefined],
  ])('with %j for %j is %j', (scopes, expression, expected) => {
    expect(missingScopes(scopes, expression)).toEqual(expected);
  });
});

describe('normalizeScopes', () => {
  it('sorts, deduplicates and drops scopes a star scope covers', () => {
    expect(normalizeScopes(['b', 'a:x', 'a:*', 'b', 'c'])).toEqual(['a:*', 'b', 'c']);
  });
});
