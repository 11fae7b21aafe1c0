import { describe, it, expect, afterEach } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import {
  TaskclusterFailure,
  TaskclusterRestFailure,
  TaskclusterAuthFailure,
  TaskclusterConnectionError,
  failure,
  restFailure,
  connectionError,
  isRetriable,
  redact,
  redactValue,
  registerSecret,
  resetSecrets,
  waitTimeout,
  aborted,
  FAILURE_CODES,
  isFailureCode,
} from '../lib/errors.js';
import * as publicSurface from '../lib/index.js';
import { json } from '../lib/transport/undici.js';
import { statusFailure, verdictOf } from '../lib/transport/classify.js';

const BRAND = Symbol.for('taskcluster-dynamic.error-kinds');
const HEADER = 'Hawk id="client", ts="1700000000", nonce="abc123", ext="e30=", mac="bWFjbWFjbWFj"';

afterEach(() => {
  resetSecrets();
});

/** An error class, as `instanceof` takes it. */
type Kind = abstract new (...args: never[]) => unknown;

describe('the TaskclusterFailure tree', () => {
  const cases: Array<[string, unknown, Kind[], Kind[]]> = [
    [
      'failure()',
      failure('x'),
      [TaskclusterFailure, Error],
      [TaskclusterRestFailure, TaskclusterAuthFailure, TaskclusterConnectionError],
    ],
    [
      'restFailure(500)',
      restFailure('x', { statusCode: 500 }),
      [TaskclusterFailure, TaskclusterRestFailure, Error],
      [TaskclusterAuthFailure, TaskclusterConnectionError],
    ],
    [
      'restFailure(401)',
      restFailure('x', { statusCode: 401 }),
      [TaskclusterFailure, TaskclusterRestFailure, TaskclusterAuthFailure],
      [TaskclusterConnectionError],
    ],
    ['restFailure(403)', restFailure('x', { statusCode: 403 }), [TaskclusterAuthFailure], []],
    [
      'restFailure(404)',
      restFailure('x', { statusCode: 404 }),
      [TaskclusterRestFailure],
      [TaskclusterAuthFailure],
    ],
    [
      'connectionError()',
      connectionError('x', new Error('reset')),
      [TaskclusterFailure, TaskclusterConnectionError, Error],
      [TaskclusterRestFailure, TaskclusterAuthFailure],
    ],
  ];

  it.each(cases)('makes %s an instance of exactly its kinds', (_name, error, kinds, notKinds) => {
    for (const kind of kinds) expect(error instanceof kind).toBe(true);
    for (const kind of notKinds) expect(error instanceof kind).toBe(false);
  });

  it.each([
    [failure('x'), 'TaskclusterFailure'],
    [restFailure('x', { statusCode: 500 }), 'TaskclusterRestFailure'],
    [restFailure('x', { statusCode: 401 }), 'TaskclusterAuthFailure'],
    [connectionError('x', undefined), 'TaskclusterConnectionError'],
  ])('names %p %s', (error, name) => {
    expect(error.name).toBe(name);
  });

  it('recognises an error from a second copy of the package by its brand', () => {
    const foreign = Object.assign(new Error('from elsewhere'), {
      [BRAND]: ['TaskclusterAuthFailure', 'TaskclusterRestFailure', 'TaskclusterFailure'],
    });
    expect(foreign instanceof TaskclusterFailure).toBe(true);
    expect(foreign instanceof TaskclusterRestFailure).toBe(true);
    expect(foreign instanceof TaskclusterAuthFailure).toBe(true);
    expect(foreign instanceof TaskclusterConnectionError).toBe(false);
    expect({ [BRAND]: ['TaskclusterFailure'] } instanceof TaskclusterFailure).toBe(true);
  });

  it.each([
    ['a plain Error', new Error('x')],
    ['an object with fields like a failure', { name: 'TaskclusterFailure', statusCode: 500 }],
    ['a brand that is not a list', { [BRAND]: 'TaskclusterFailure' }],
    ['null', null],
    ['a string', 'TaskclusterFailure'],
  ])('does not recognise %s', (_name, value) => {
    expect(value instanceof TaskclusterFailure).toBe(false);
  });

  it('carries the details given to the factory', () => {
    const cause = new Error('socket hang up');
    const error = restFailure('queue.task: 404', {
      statusCode: 404,
      code: 'ResourceNotFound',
      body: { message: 'no' },
      method: 'task',
      cause,
    });
    expect(error).toMatchObject({
      statusCode: 404,
      code: 'ResourceNotFound',
      body: { message: 'no' },
      method: 'task',
    });
    expect((error.cause as Error).message).toBe('socket hang up');
  });
});

describe('connectionError', () => {
  it.each([
    [Object.assign(new Error('t'), { code: 'UND_ERR_HEADERS_TIMEOUT' }), 'ECONNABORTED'],
    [Object.assign(new Error('t'), { code: 'UND_ERR_BODY_TIMEOUT' }), 'ECONNABORTED'],
    [Object.assign(new Error('t'), { name: 'TimeoutError' }), 'ECONNABORTED'],
    [Object.assign(new Error('r'), { code: 'ECONNREFUSED' }), 'ECONNREFUSED'],
    [new Error('r'), 'ECONNRESET'],
  ])('gives %p the code %s', (cause, code) => {
    expect(connectionError('x', cause).code).toBe(code);
  });
});

describe('redact', () => {
  it.each([
    ['an Authorization header', `Authorization: ${HEADER}`, 'Authorization: Hawk [redacted]'],
    [
      'a Hawk header inside JSON',
      JSON.stringify({ authorization: HEADER, url: '/x' }),
      '{"authorization":"Hawk [redacted]","url":"/x"}',
    ],
    [
      'a Hawk header in util.inspect output',
      inspect({ authorization: HEADER }, { breakLength: Infinity }),
      "{ authorization: 'Hawk [redacted]' }",
    ],
    [
      'a bewit as the first query param',
      'https://tc.example.com/a?bewit=YWJj&x=1',
      'https://tc.example.com/a?bewit=[redacted]&x=1',
    ],
    [
      'a bewit as a later query param',
      'GET https://tc.example.com/a?x=1&bewit=YWJj#f',
      'GET https://tc.example.com/a?x=1&bewit=[redacted]#f',
    ],
    [
      'an accessToken JSON field',
      '{"clientId":"c","accessToken":"s3cr3t-token"}',
      '{"clientId":"c","accessToken":"[redacted]"}',
    ],
    [
      'an accessToken JSON field with spaces',
      '{"accessToken": "s3cr3t-token", "x": 1}',
      '{"accessToken": "[redacted]", "x": 1}',
    ],
    [
      'an accessToken in util.inspect output',
      inspect({ accessToken: 's3cr3t-token' }),
      "{ accessToken: '[redacted]' }",
    ],
    [
      'an accessToken in JSON inside JSON',
      JSON.stringify(JSON.stringify({ accessToken: 's3cr3t-token' })),
      '"{\\"accessToken\\":\\"[redacted]\\"}"',
    ],
    ['an accessToken assignment', 'accessToken=s3cr3t-token', 'accessToken=[redacted]'],
    [
      'an access token variable',
      'TASKCLUSTER_ACCESS_TOKEN=s3cr3t-token',
      'TASKCLUSTER_ACCESS_TOKEN=[redacted]',
    ],
    [
      'text without secrets',
      'queue.task(taskId): expected 1 argument, got 0',
      'queue.task(taskId): expected 1 argument, got 0',
    ],
  ])('removes %s', (_name, text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('removes registered secrets wherever they appear', () => {
    registerSecret('registered-secret-value');
    expect(redact('token registered-secret-value and again registered-secret-value!')).toBe(
      'token [redacted] and again [redacted]!',
    );
  });

  it.each([undefined, '', 'abc'])('ignores a secret too short to register: %p', (secret) => {
    registerSecret(secret);
    expect(redact('abc def')).toBe('abc def');
  });

  it('forgets secrets on reset', () => {
    registerSecret('forgettable-secret');
    resetSecrets();
    expect(redact('forgettable-secret')).toBe('forgettable-secret');
  });

  it('redacts messages, stacks and causes at birth', () => {
    registerSecret('birth-secret-1234');
    const error = failure('failed with birth-secret-1234', { cause: new Error(`cause ${HEADER}`) });
    expect(error.message).toBe('failed with [redacted]');
    expect(error.stack).not.toContain('birth-secret-1234');
    expect((error.cause as Error).message).toBe('cause Hawk [redacted]');
    expect(inspect(error)).not.toContain('mac=');
  });
});

describe('redact (MACs)', () => {
  const MAC = 'Xq2cLmJ0h3Ry4TZ6YB0c5pQ9f8gHk1aWm2sE7dN4vUo=';

  it.each([
    ['a bare MAC', `Bad mac: ${MAC} does not match`, 'Bad mac: [redacted] does not match'],
    ['a labelled MAC', `expected mac="${MAC}"`, 'expected mac="[redacted]"'],
    ['a JSON mac field', `{"mac":"${MAC}"}`, '{"mac":"[redacted]"}'],
  ])('removes %s', (_what, text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('leaves hex digests and short base64 alone', () => {
    const hex = 'a'.repeat(64);
    expect(redact(`sha256 ${hex} and ext e30=`)).toBe(`sha256 ${hex} and ext e30=`);
  });
});

describe('redactValue', () => {
  it.each([
    ['a string', 'accessToken=abcdef', 'accessToken=[redacted]'],
    ['a number', 5, 5],
    ['null', null, null],
    [
      'accessToken fields at any depth',
      { credentials: { clientId: 'c', accessToken: 'abcdef' }, list: [{ AccessToken: 1 }] },
      {
        credentials: { clientId: 'c', accessToken: '[redacted]' },
        list: [{ AccessToken: '[redacted]' }],
      },
    ],
    [
      'strings inside arrays',
      [`see ${HEADER}`, 'https://x/y?bewit=abc'],
      ['see Hawk [redacted]', 'https://x/y?bewit=[redacted]'],
    ],
  ])('redacts %s', (_name, value, expected) => {
    expect(redactValue(value)).toEqual(expected);
  });

  it('leaves the given value untouched', () => {
    const body = { accessToken: 'abcdef' };
    redactValue(body);
    expect(body.accessToken).toBe('abcdef');
  });

  it('copes with a body nested thousands of levels deep', () => {
    const text = '{"a":'.repeat(4000) + '"deep"' + '}'.repeat(4000);
    const body = JSON.parse(text) as unknown;
    const error = restFailure('x', { statusCode: 500, body });
    let level: unknown = error.body;
    let depth = 0;
    while (level && typeof level === 'object') {
      level = (level as { a: unknown }).a;
      depth++;
    }
    expect([depth, level]).toEqual([32, '[nested too deep]']);
  });

  it('keeps a __proto__ key of a JSON body as a key, never as the prototype', () => {
    const body = JSON.parse('{"code":"X","__proto__":{"polluted":true,"code":"Y"}}') as object;
    const copy = redactValue(body) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy['polluted']).toBeUndefined();
    expect(Object.keys(copy)).toEqual(['code', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({
      polluted: true,
      code: 'Y',
    });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('redacts error bodies at birth', () => {
    const error = restFailure('x', {
      statusCode: 400,
      body: { message: 'bad', requestInfo: { accessToken: 'abcdef' } },
    });
    expect(error.body).toEqual({ message: 'bad', requestInfo: { accessToken: '[redacted]' } });
  });
});

describe('isRetriable', () => {
  it.each([
    ['a connection error', connectionError('x', new Error('reset')), true],
    [
      'a timeout',
      connectionError('x', Object.assign(new Error('t'), { code: 'UND_ERR_HEADERS_TIMEOUT' })),
      true,
    ],
    ['a 500', restFailure('x', { statusCode: 500 }), true],
    ['a 503', restFailure('x', { statusCode: 503 }), true],
    ['a 429', restFailure('x', { statusCode: 429 }), true],
    ['a 400', restFailure('x', { statusCode: 400 }), false],
    ['a 401', restFailure('x', { statusCode: 401 }), false],
    ['a 403', restFailure('x', { statusCode: 403 }), false],
    ['a 404', restFailure('x', { statusCode: 404 }), false],
    ['a usage failure', failure('x'), false],
    [
      'a failure with a 500 statusCode that is not a RestFailure',
      failure('bad JSON', { statusCode: 500 }),
      false,
    ],
    ['a plain Error', new Error('x'), false],
    ['undefined', undefined, false],
  ])('says %s is %p', (_name, error, expected) => {
    expect(isRetriable(error)).toBe(expected);
  });
});

describe('registerSecret bound', () => {
  it('forgets the oldest secret past 256 and keeps re-registered ones', () => {
    resetSecrets();
    registerSecret('first-secret-0000');
    registerSecret('kept-secret-0000');
    for (let i = 0; i < 255; i++) {
      if (i === 100) registerSecret('kept-secret-0000');
      registerSecret(`filler-secret-${String(i)}`);
    }
    expect(redact('first-secret-0000')).toBe('first-secret-0000');
    expect(redact('kept-secret-0000')).toBe('[redacted]');
    expect(redact('filler-secret-254')).toBe('[redacted]');
    resetSecrets();
  });
});

describe('FAILURE_CODES', () => {
  it('is frozen, without repeats, and exported from the package', () => {
    expect(Object.isFrozen(FAILURE_CODES)).toBe(true);
    expect(new Set(FAILURE_CODES).size).toBe(FAILURE_CODES.length);
    expect(publicSurface.FAILURE_CODES).toBe(FAILURE_CODES);
    expect(() => (FAILURE_CODES as unknown as string[]).push('Nope')).toThrow(TypeError);
  });

  it.each<[string, TaskclusterFailure]>([
    ['a timeout', connectionError('x', Object.assign(new Error('t'), { code: 'ETIMEDOUT' }))],
    ['a connection lost without a code', connectionError('x', new Error('gone'))],
    [
      'a storage answer',
      statusFailure('get', 502, {}, 'bad gateway', 1000, 'StorageRequestFailed'),
    ],
    ['a service answer without a code', statusFailure('queue.ping', 500, {}, '{}', 1000)],
    ['a waiter out of time', waitTimeout('x')],
    ['an abort', aborted('x')],
  ])('holds the code the library gives %s', (_, error) => {
    expect(isFailureCode(error.code)).toBe(true);
  });

  it('does not hold the codes services and undici choose', () => {
    const rest = restFailure('no such task', { statusCode: 404, code: 'ResourceNotFound' });
    const socket = connectionError('x', Object.assign(new Error('s'), { code: 'UND_ERR_SOCKET' }));
    expect([rest.code, socket.code]).toEqual(['ResourceNotFound', 'UND_ERR_SOCKET']);
    expect([isFailureCode(rest.code), isFailureCode(socket.code), isFailureCode(1)]).toEqual([
      false,
      false,
      false,
    ]);
  });
});

describe('FailureDetails', () => {
  it('copies only the documented fields onto an error, whatever untyped code passes', () => {
    const details = { code: 'Aborted', retryAfter: 5, secretHint: 'x', missing: ['A'] };
    const error = failure('x', details as Parameters<typeof failure>[1]);
    expect(Object.keys(error).sort()).toEqual(['code', 'missing']);
  });

  it("keeps a 503 answer's Retry-After beside the error, never on it", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '3' });
      res.end('{"code":"ServiceUnavailable","message":"busy"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/api/queue/v1/ping`;
    const request = { method: 'GET', url, headers: {}, label: 'queue.ping', idempotent: true };
    const limits = { timeout: 5000, maxResponseBytes: 1000, maxDelay: 30_000 };
    const error = await json(request, limits).then(
      () => undefined,
      (e: unknown) => e as TaskclusterFailure,
    );
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
    expect(error).toBeInstanceOf(TaskclusterRestFailure);
    expect(Object.keys(error ?? {}).sort()).toEqual(['body', 'code', 'method', 'statusCode']);
    expect(error).toMatchObject({
      statusCode: 503,
      code: 'ServiceUnavailable',
      method: 'queue.ping',
    });
    expect(inspect(error)).not.toMatch(/retryAfter|3000/);
    expect(verdictOf(error)).toMatchObject({ retriable: true, retryAfter: 3000 });
  });
});
