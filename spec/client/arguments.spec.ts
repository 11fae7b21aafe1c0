import { describe, it, expect } from '@jest/globals';
import { parseArguments, isPlainObject, serializePayload } from '../../lib/client/arguments.js';
import { compileReference, type FunctionDescriptor } from '../../lib/client/descriptors.js';
import { bundledReference } from '../../lib/references/bundled.js';
import type { ApiReference, FunctionEntry } from '../../lib/references/types.js';
import { TaskclusterFailure } from '../../lib/errors.js';
import { defined } from '../helpers/answers.js';

function bundled(service: string, name: string): FunctionDescriptor {
  const d = compileReference(defined(bundledReference(service))).methods.get(name);
  if (d?.kind !== 'function') throw new TypeError(`no function ${service}.${name} in the bundle`);
  return d;
}

const entry = (name: string, fields: Partial<FunctionEntry>): FunctionEntry => ({
  type: 'function',
  name,
  method: 'get',
  route: `/${name}`,
  args: [],
  ...fields,
});

const HAND_REFERENCE: ApiReference = {
  $schema: '/schemas/common/api-reference-v0.json#',
  serviceName: 'hand',
  apiVersion: 'v1',
  entries: [
    entry('inputOnly', { method: 'post', input: 'v1/anything.json' }),
    entry('limitless', { route: '/limitless/<id>', args: ['id'], query: ['continuationToken'] }),
  ],
};

function hand(name: string): FunctionDescriptor {
  return compileReference(HAND_REFERENCE).methods.get(name) as FunctionDescriptor;
}

const TASK = { provisionerId: 'p', workerType: 'w', payload: {}, metadata: { name: 'n' } };
const handler = (page: unknown) => page;

type Case = [string, FunctionDescriptor, unknown[], Record<string, unknown>];

const POSITIONAL: Case[] = [
  ['no arguments', bundled('queue', 'ping'), [], { params: {} }],
  ['a string param', bundled('queue', 'task'), ['abc'], { params: { taskId: 'abc' } }],
  ['a number param', bundled('queue', 'task'), [42], { params: { taskId: 42 } }],
  [
    'params then payload',
    bundled('queue', 'createTask'),
    ['abc', TASK],
    { params: { taskId: 'abc' }, payload: TASK },
  ],
  [
    'several params then payload',
    bundled('queue', 'claimTask'),
    ['t', 0, { workerGroup: 'g' }],
    { params: { taskId: 't', runId: 0 }, payload: { workerGroup: 'g' } },
  ],
  [
    'params then query',
    bundled('queue', 'listTaskGroup'),
    ['g', { limit: 10 }],
    { params: { taskGroupId: 'g' }, query: { limit: 10 } },
  ],
  [
    'an undefined query',
    bundled('queue', 'listTaskGroup'),
    ['g', undefined],
    { params: { taskGroupId: 'g' } },
  ],
  [
    'a boolean query value',
    bundled('queue', 'listWorkers'),
    ['p', 'w', { quarantined: true }],
    { params: { provisionerId: 'p', workerType: 'w' }, query: { quarantined: true } },
  ],
  [
    'payload then query',
    bundled('queue', 'tasks'),
    [{ taskIds: ['a'] }, { limit: 2 }],
    { params: {}, payload: { taskIds: ['a'] }, query: { limit: 2 } },
  ],
  [
    'a lone query for a method without params',
    bundled('queue', 'listProvisioners'),
    [{ limit: 5 }],
    { params: {}, query: { limit: 5 } },
  ],
];

const PAYLOAD_FIRST: Case[] = [
  [
    'payload, then the one param',
    bundled('queue', 'createTask'),
    [TASK, { taskId: 'abc' }],
    { params: { taskId: 'abc' }, payload: TASK },
  ],
  [
    'payload, then several params',
    bundled('queue', 'createArtifact'),
    [{ storageType: 's3' }, { taskId: 't', runId: 1, name: 'a/b' }],
    { params: { taskId: 't', runId: 1, name: 'a/b' }, payload: { storageType: 's3' } },
  ],
  [
    'a free-form payload, then the params',
    bundled('hooks', 'triggerHook'),
    [{ query: 1 }, { hookGroupId: 'g', hookId: 'h' }],
    { params: { hookGroupId: 'g', hookId: 'h' }, payload: { query: 1 } },
  ],
];

const NAMED: Case[] = [
  [
    'params and payload',
    bundled('queue', 'createTask'),
    [{ params: { taskId: 'abc' }, payload: TASK }],
    { params: { taskId: 'abc' }, payload: TASK },
  ],
  [
    'params only',
    bundled('queue', 'task'),
    [{ params: { taskId: 'x' } }],
    { params: { taskId: 'x' } },
  ],
  [
    'params, query and a handler',
    bundled('queue', 'listTaskGroup'),
    [{ params: { taskGroupId: 'g' }, query: { limit: 10 }, paginationHandler: handler }],
    { params: { taskGroupId: 'g' }, query: { limit: 10 }, paginationHandler: handler },
  ],
  [
    'a paginationLimit that becomes the limit query',
    bundled('queue', 'listTaskGroup'),
    [{ params: { taskGroupId: 'g' }, query: { limit: 10 }, paginationLimit: 3 }],
    { params: { taskGroupId: 'g' }, query: { limit: 3 }, paginationLimit: 3 },
  ],
  [
    'query only, for a method without params',
    bundled('queue', 'listProvisioners'),
    [{ query: { limit: 3 } }],
    { params: {}, query: { limit: 3 } },
  ],
  [
    'paginationLimit only, for a method without params',
    bundled('queue', 'listProvisioners'),
    [{ paginationLimit: 7 }],
    { params: {}, query: { limit: 7 }, paginationLimit: 7 },
  ],
  [
    'payload and query, for a method without params',
    bundled('queue', 'tasks'),
    [{ payload: { taskIds: [] }, query: { limit: 1 } }],
    { params: {}, payload: { taskIds: [] }, query: { limit: 1 } },
  ],
  [
    'payload only, for a method without params',
    hand('inputOnly'),
    [{ payload: { a: 1 } }],
    { params: {}, payload: { a: 1 } },
  ],
  [
    'a free-form payload with named keys inside',
    bundled('hooks', 'triggerHook'),
    [{ params: { hookGroupId: 'g', hookId: 'h' }, payload: { params: 1, query: 2 } }],
    { params: { hookGroupId: 'g', hookId: 'h' }, payload: { params: 1, query: 2 } },
  ],
];

const TRAILING: Case[] = [
  [
    'a query',
    bundled('queue', 'listTaskGroup'),
    ['g', { query: { limit: 10 } }],
    { params: { taskGroupId: 'g' }, query: { limit: 10 } },
  ],
  [
    'a query and a handler',
    bundled('queue', 'listTaskGroup'),
    ['g', { query: { limit: 10 }, paginationHandler: handler }],
    { params: { taskGroupId: 'g' }, query: { limit: 10 }, paginationHandler: handler },
  ],
  [
    'a handler alone',
    bundled('queue', 'listTaskGroup'),
    ['g', { paginationHandler: handler }],
    { params: { taskGroupId: 'g' }, paginationHandler: handler },
  ],
  [
    'a paginationLimit',
    bundled('queue', 'listTaskGroup'),
    ['g', { paginationLimit: 5 }],
    { params: { taskGroupId: 'g' }, query: { limit: 5 }, paginationLimit: 5 },
  ],
];

const LONE_OBJECT: Case[] = [
  [
    'an empty object for a method with input is a payload',
    hand('inputOnly'),
    [{}],
    { params: {}, payload: {} },
  ],
  [
    'an empty object for a method with a query is a query',
    bundled('queue', 'listProvisioners'),
    [{}],
    { params: {}, query: {} },
  ],
  [
    'an object with other keys besides named ones is a payload',
    hand('inputOnly'),
    [{ payload: 1, other: 2 }],
    { params: {}, payload: { payload: 1, other: 2 } },
  ],
  [
    '{params} alone for a method without URL params is a payload',
    hand('inputOnly'),
    [{ params: {} }],
    { params: {}, payload: { params: {} } },
  ],
  [
    '{params} for a method with URL params is the named form',
    bundled('queue', 'task'),
    [{ params: { taskId: 't' } }],
    { params: { taskId: 't' } },
  ],
  [
    '{payload} for a method without URL params is the named form',
    hand('inputOnly'),
    [{ payload: [1] }],
    { params: {}, payload: [1] },
  ],
  [
    '{paginationHandler} for a method without URL params is the named form',
    bundled('queue', 'listProvisioners'),
    [{ paginationHandler: handler }],
    { params: {}, paginationHandler: handler },
  ],
  [
    'an array for a method with input is a payload',
    hand('inputOnly'),
    [[{ params: {} }]],
    { params: {}, payload: [{ params: {} }] },
  ],
];

const FREE_FORM: Case[] = [
  [
    'a trailing {query} after params is the payload',
    bundled('hooks', 'triggerHook'),
    ['g', 'h', { query: { limit: 1 } }],
    { params: { hookGroupId: 'g', hookId: 'h' }, payload: { query: { limit: 1 } } },
  ],
  [
    'a trailing {paginationHandler} after params is the payload',
    bundled('hooks', 'triggerHook'),
    ['g', 'h', { paginationLimit: 4 }],
    { params: { hookGroupId: 'g', hookId: 'h' }, payload: { paginationLimit: 4 } },
  ],
  [
    'a trailing {params} after params is the payload',
    bundled('hooks', 'triggerHook'),
    ['g', 'h', { params: { hookId: 'x' } }],
    { params: { hookGroupId: 'g', hookId: 'h' }, payload: { params: { hookId: 'x' } } },
  ],
  [
    'an empty payload',
    bundled('hooks', 'triggerHook'),
    ['g', 'h', {}],
    { params: { hookGroupId: 'g', hookId: 'h' }, payload: {} },
  ],
  [
    'a null payload',
    bundled('hooks', 'triggerHook'),
    ['g', 'h', null],
    { params: { hookGroupId: 'g', hookId: 'h' }, payload: null },
  ],
];

describe('parseArguments', () => {
  describe.each([
    ['form 1 (positional)', POSITIONAL],
    ['form 2 (payload first)', PAYLOAD_FIRST],
    ['form 3 (one named object)', NAMED],
    ['form 4 (params, then a named object)', TRAILING],
    ['the lone-object rule', LONE_OBJECT],
    ['free-form payloads', FREE_FORM],
  ])('%s', (_form, cases) => {
    it.each(cases)('reads %s', (_name, d, args, expected) => {
      expect(parseArguments(d, args)).toEqual(expected);
    });
  });

  it('never reads form 4 for a method with input', () => {
    const d = bundled('queue', 'tasks');
    expect(() => parseArguments(d, [{ taskIds: [] }, { query: { limit: 1 } }])).toThrow(
      'queue.tasks(payload, [query]): unknown query key "query" (expected one of: continuationToken, limit)',
    );
  });

  it("keeps the caller's arguments untouched", () => {
    const named = { params: { taskGroupId: 'g' }, query: { limit: 10 }, paginationLimit: 3 };
    const copy = structuredClone(named);
    parseArguments(bundled('queue', 'listTaskGroup'), [named]);
    expect(named).toEqual(copy);
  });
});

type ErrorCase = [string, FunctionDescriptor, unknown[], string];

const ERRORS: ErrorCase[] = [
  [
    'one argument too few',
    bundled('queue', 'createTask'),
    ['abc'],
    'queue.createTask(taskId, payload): expected 2 arguments, got 1',
  ],
  [
    'no arguments',
    bundled('queue', 'createTask'),
    [],
    'queue.createTask(taskId, payload): expected 2 arguments, got 0',
  ],
  [
    'one argument too many',
    bundled('queue', 'createTask'),
    ['abc', TASK, {}],
    'queue.createTask(taskId, payload): expected 2 arguments, got 3',
  ],
  [
    'a missing param',
    bundled('queue', 'task'),
    [],
    'queue.task(taskId): expected 1 argument, got 0',
  ],
  [
    'an argument for a method without any',
    bundled('queue', 'ping'),
    ['x'],
    'queue.ping(): expected 0 arguments, got 1',
  ],
  [
    'too many for a method with a query',
    bundled('queue', 'listTaskGroup'),
    ['g', {}, {}],
    'queue.listTaskGroup(taskGroupId, [query]): expected 1 or 2 arguments, got 3',
  ],
  [
    'an object param',
    bundled('queue', 'task'),
    [{}],
    'queue.task(taskId): URL parameter taskId must be a string or a number, got object',
  ],
  [
    'a null param',
    bundled('queue', 'task'),
    [null],
    'queue.task(taskId): URL parameter taskId must be a string or a number, got null',
  ],
  [
    'an array param',
    bundled('queue', 'task'),
    [['a']],
    'queue.task(taskId): URL parameter taskId must be a string or a number, got an array',
  ],
  [
    'a NaN param',
    bundled('queue', 'task'),
    [NaN],
    'queue.task(taskId): URL parameter taskId must be a string or a number, got number',
  ],
  [
    'a boolean param',
    bundled('queue', 'task'),
    [true],
    'queue.task(taskId): URL parameter taskId must be a string or a number, got boolean',
  ],
  [
    'an undefined param',
    bundled('queue', 'createTask'),
    [undefined, TASK],
    'queue.createTask(taskId, payload): URL parameter taskId must be a string or a number, got undefined',
  ],
  [
    'a string query',
    bundled('queue', 'listTaskGroup'),
    ['g', 'limit=5'],
    'queue.listTaskGroup(taskGroupId, [query]): query must be an object',
  ],
  [
    'a null query',
    bundled('queue', 'listTaskGroup'),
    ['g', null],
    'queue.listTaskGroup(taskGroupId, [query]): query must be an object',
  ],
  [
    'an object query value',
    bundled('queue', 'listTaskGroup'),
    ['g', { limit: {} }],
    'queue.listTaskGroup(taskGroupId, [query]): query value limit must be a string, number or boolean',
  ],
  [
    'a function payload',
    bundled('queue', 'createTask'),
    ['t', () => 1],
    'queue.createTask(taskId, payload): payload must be JSON data',
  ],
  [
    'named params that are not an object',
    bundled('queue', 'createTask'),
    [{ params: 'x', payload: TASK }],
    'queue.createTask(taskId, payload): params must be an object of URL parameters',
  ],
  [
    'an undefined payload',
    bundled('queue', 'createTask'),
    ['t', undefined],
    'queue.createTask(taskId, payload): missing payload',
  ],
  [
    'a named call without payload',
    bundled('queue', 'createTask'),
    [{ params: { taskId: 't' } }],
    'queue.createTask(taskId, payload): missing payload',
  ],
  [
    '{query} alone for a method with input',
    hand('inputOnly'),
    [{ query: 1 }],
    'hand.inputOnly(payload): missing payload',
  ],
  [
    'a payload for a method without input',
    bundled('queue', 'task'),
    [{ params: { taskId: 't' }, payload: {} }],
    'queue.task(taskId): this method takes no payload',
  ],
  [
    'an unknown query key',
    bundled('queue', 'listTaskGroup'),
    ['g', { limt: 1 }],
    'queue.listTaskGroup(taskGroupId, [query]): unknown query key "limt" (expected one of: continuationToken, limit)',
  ],
  [
    'an unknown key in a named query',
    bundled('queue', 'listTaskGroup'),
    [{ params: { taskGroupId: 'g' }, query: { x: 1 } }],
    'queue.listTaskGroup(taskGroupId, [query]): unknown query key "x" (expected one of: continuationToken, limit)',
  ],
  [
    'a query for a method without one',
    bundled('queue', 'task'),
    [{ params: { taskId: 't' }, query: { limit: 1 } }],
    'queue.task(taskId): this method takes no query',
  ],
  [
    '{params} after a method without URL params',
    bundled('queue', 'listProvisioners'),
    [{ params: {}, limit: 1 }],
    'queue.listProvisioners([query]): unknown query key "params" (expected one of: continuationToken, limit)',
  ],
  [
    'a param given twice',
    bundled('queue', 'listTaskGroup'),
    ['g', { params: { taskGroupId: 'g' } }],
    'queue.listTaskGroup(taskGroupId, [query]): URL parameters given twice: positionally and in params {taskGroupId}',
  ],
  [
    'an unknown named param',
    bundled('queue', 'createTask'),
    [{ params: { taskId: 't', runId: 0 }, payload: TASK }],
    'queue.createTask(taskId, payload): unknown URL parameter runId',
  ],
  [
    'a missing named param',
    bundled('queue', 'createTask'),
    [{ params: {}, payload: TASK }],
    'queue.createTask(taskId, payload): missing URL parameter taskId',
  ],
  [
    'too few params after a payload',
    bundled('queue', 'claimTask'),
    [{}, { taskId: 't' }],
    'queue.claimTask(taskId, runId, payload): after a payload, expected an object of exactly the URL parameters {taskId, runId}, got {taskId}',
  ],
  [
    'other params after a payload',
    bundled('queue', 'createTask'),
    [TASK, { taskID: 't' }],
    'queue.createTask(taskId, payload): after a payload, expected an object of exactly the URL parameters {taskId}, got {taskID}',
  ],
  [
    'a zero paginationLimit',
    bundled('queue', 'listTaskGroup'),
    ['g', { paginationLimit: 0 }],
    'queue.listTaskGroup(taskGroupId, [query]): paginationLimit must be a positive integer',
  ],
  [
    'a fractional paginationLimit',
    bundled('queue', 'listTaskGroup'),
    ['g', { paginationLimit: 1.5 }],
    'queue.listTaskGroup(taskGroupId, [query]): paginationLimit must be a positive integer',
  ],
  [
    'a string paginationLimit',
    bundled('queue', 'listProvisioners'),
    [{ paginationLimit: '5' }],
    'queue.listProvisioners([query]): paginationLimit must be a positive integer',
  ],
  [
    'a paginationLimit without a limit query',
    hand('limitless'),
    ['x', { paginationLimit: 5 }],
    'hand.limitless(id, [query]): paginationLimit needs a method that takes a limit query',
  ],
  [
    'a paginationHandler that is not a function',
    bundled('queue', 'listTaskGroup'),
    ['g', { paginationHandler: 'x' }],
    'queue.listTaskGroup(taskGroupId, [query]): paginationHandler must be a function',
  ],
];

describe('parseArguments errors', () => {
  it.each(ERRORS)('rejects %s, naming the method', (_name, d, args, message) => {
    let error: unknown;
    try {
      parseArguments(d, args);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TaskclusterFailure);
    expect((error as TaskclusterFailure).message).toBe(message);
    expect((error as TaskclusterFailure).code).toBe('InvalidArguments');
    expect((error as TaskclusterFailure).method).toBe(d.label);
  });
});

describe('isPlainObject', () => {
  it.each([
    [{}, true],
    [{ a: 1 }, true],
    [Object.create(null), true],
    [[], false],
    [null, false],
    [undefined, false],
    ['x', false],
    [1, false],
  ])('says %p is %p', (value, expected) => {
    expect(isPlainObject(value)).toBe(expected);
  });
});

describe('parseArguments with an empty URL parameter', () => {
  it('accepts it, as the root namespace of the index needs', () => {
    const d = compileReference(defined(bundledReference('index'))).methods.get(
      'listNamespaces',
    ) as FunctionDescriptor;
    expect(parseArguments(d, ['', {}]).params).toEqual({ namespace: '' });
  });
});

describe('parseArguments with URL parameters that no URL can carry', () => {
  it.each([
    ['.', /URL parameter taskId cannot be '\.': URLs resolve it as a path step/],
    ['..', /URL parameter taskId cannot be '\.\.'/],
    ['a\uD800b', /URL parameter taskId holds a lone UTF-16 surrogate/],
    ['\uDC00', /lone UTF-16 surrogate/],
  ])('refuses %j with a TaskclusterFailure', (value, message) => {
    const call = () => parseArguments(bundled('queue', 'task'), [value]);
    expect(call).toThrow(TaskclusterFailure);
    expect(call).toThrow(message);
  });

  it('accepts dots inside a value and well-formed surrogate pairs', () => {
    for (const value of ['...', '.a', 'a..b', 'x\uD83D\uDE00'])
      expect(parseArguments(bundled('queue', 'task'), [value]).params).toEqual({ taskId: value });
  });

  it('refuses a lone surrogate in a query value', () => {
    const d = bundled('queue', 'listTaskGroup');
    expect(() => parseArguments(d, ['g', { continuationToken: '\uD800' }])).toThrow(
      /query value continuationToken holds a lone UTF-16 surrogate/,
    );
  });
});

describe('serializePayload', () => {
  const d = () => bundled('queue', 'createTask');
  const circular: Record<string, unknown> = {};
  circular['self'] = circular;

  it.each([
    ['a BigInt', { n: 10n }, /the payload cannot be sent as JSON: .*BigInt/],
    ['a cycle', circular, /the payload cannot be sent as JSON: .*circular/i],
    [
      'a toJSON that throws',
      {
        toJSON() {
          throw new Error('no');
        },
      },
      /cannot be sent as JSON: no/,
    ],
  ])('refuses %s with a TaskclusterFailure', (_what, payload, message) => {
    const call = () => serializePayload(d(), payload);
    expect(call).toThrow(TaskclusterFailure);
    expect(call).toThrow(message);
  });

  it('gives the JSON text of a payload', () => {
    expect(serializePayload(d(), { a: [1, 'b'] })).toBe('{"a":[1,"b"]}');
  });
});
