import { describe, it, expect } from '@jest/globals';
import tcOfficial from 'taskcluster-client';
import { exchangePrefixOf, routingKeyPattern } from '../../lib/exchanges/routing-key.js';
import { createClient } from '../../lib/client/create-client.js';
import { bundledNames, bundledReference } from '../../lib/references/bundled.js';
import { pascalName } from '../../lib/references/names.js';
import { isExchangesReference, type ExchangeEntry } from '../../lib/references/types.js';
import { TaskclusterFailure } from '../../lib/errors.js';
import { member, nth } from '../helpers/nth.js';
import { defined, methodOf } from '../helpers/answers.js';

const official = tcOfficial as unknown as Record<
  string,
  new (options: {
    rootUrl: string;
  }) => Record<string, (p?: unknown) => unknown>
>;

const PREFIX = 'exchange/hand/v1/';
const ENTRY: ExchangeEntry = {
  type: 'topic-exchange',
  name: 'thingHappened',
  exchange: 'thing-happened',
  schema: 'v1/thing-message.json#',
  routingKey: [
    { name: 'routingKeyKind', multipleWords: false, required: true, constant: 'primary' },
    { name: 'thingId', multipleWords: false, required: true },
    { name: 'runId', multipleWords: false, required: false },
    { name: 'path', multipleWords: true, required: false },
  ],
};
const LABEL = 'hand-events.thingHappened';

describe('exchangePrefixOf', () => {
  it.each([
    ['exchange/taskcluster-fake/v1/', 'exchange/taskcluster-fake/v1/'],
    ['exchange/taskcluster-fake/v1', 'exchange/taskcluster-fake/v1/'],
    ['', ''],
  ])('turns %j into %j', (prefix, expected) => {
    expect(exchangePrefixOf(prefix)).toBe(expected);
  });
});

describe('routingKeyPattern', () => {
  it.each([
    ['nothing', undefined, 'primary.*.*.#'],
    ['null', null, 'primary.*.*.#'],
    ['an empty object', {}, 'primary.*.*.#'],
    ['one word', { thingId: 'abc' }, 'primary.abc.*.#'],
    ['null and undefined values', { thingId: null, runId: undefined, path: null }, 'primary.*.*.#'],
    ['a number', { thingId: 'abc', runId: 0 }, 'primary.abc.0.#'],
    ['NaN, which is a number', { runId: NaN }, 'primary.*.NaN.#'],
    ['dots in a multi-word key', { path: 'a.b.c' }, 'primary.*.*.a.b.c'],
    ['wildcards given as values', { thingId: '*', path: '#' }, 'primary.*.*.#'],
    [
      'a value for a constant word, which the constant overrides',
      { routingKeyKind: 'other', thingId: 'x' },
      'primary.x.*.#',
    ],
    ['every key', { thingId: 't', runId: 2, path: 'p.q' }, 'primary.t.2.p.q'],
  ])('builds the pattern for %s', (_name, values, expected) => {
    expect(routingKeyPattern(PREFIX, ENTRY, values, LABEL).routingKeyPattern).toBe(expected);
  });

  it.each(['anything.#', 'primary.*.*.#', '', 'has.dots.in.words'])(
    'uses the string %p as the pattern as is',
    (pattern) => {
      expect(routingKeyPattern(PREFIX, ENTRY, pattern, LABEL).routingKeyPattern).toBe(pattern);
    },
  );

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])(
    'leaves out a routing key named %s that is not given',
    (name) => {
      const entry: ExchangeEntry = {
        ...ENTRY,
        routingKey: [
          { name, multipleWords: false, required: false },
          { name: 'rest', multipleWords: true, required: false },
        ],
      };
      expect(routingKeyPattern(PREFIX, entry, {}, LABEL).routingKeyPattern).toBe('*.#');
      const given = JSON.parse(`{"${name}": "x"}`) as Record<string, unknown>;
      expect(routingKeyPattern(PREFIX, entry, given, LABEL).routingKeyPattern).toBe('x.#');
    },
  );

  it('names the exchange with the exchange prefix', () => {
    expect(routingKeyPattern(PREFIX, ENTRY, {}, LABEL).exchange).toBe(
      'exchange/hand/v1/thing-happened',
    );
  });

  it('returns a copy of the routing-key reference', () => {
    const binding = routingKeyPattern(PREFIX, ENTRY, {}, LABEL);
    expect(binding.routingKeyReference).toEqual(ENTRY.routingKey);
    expect(binding.routingKeyReference).not.toBe(ENTRY.routingKey);
    nth(binding.routingKeyReference, 1).name = 'changed';
    expect(nth(ENTRY.routingKey, 1).name).toBe('thingId');
  });

  it('labels errors with the entry name by default', () => {
    expect(() => routingKeyPattern(PREFIX, ENTRY, { thingId: 'a.b' })).toThrow(
      "thingHappened: routing key thingId is a single word and cannot contain dots, got 'a.b'",
    );
  });

  it.each([
    [
      'a dot in a single word',
      { thingId: 'a.b' },
      `${LABEL}: routing key thingId is a single word and cannot contain dots, got 'a.b'`,
    ],
    [
      'a fractional number in a single word',
      { runId: 1.5 },
      `${LABEL}: routing key runId is a single word and cannot contain dots, got '1.5'`,
    ],
    [
      'a boolean',
      { runId: true },
      `${LABEL}: routing key runId must be a string or number, got boolean`,
    ],
    [
      'an object',
      { path: {} },
      `${LABEL}: routing key path must be a string or number, got object`,
    ],
    [
      'an array',
      { thingId: ['a'] },
      `${LABEL}: routing key thingId must be a string or number, got object`,
    ],
    [
      'an unknown key',
      { taskId: 'x' },
      `${LABEL}: unknown routing key taskId (expected one of: routingKeyKind, thingId, runId, path)`,
    ],
    [
      'a number instead of an object',
      5,
      `${LABEL}: expected an object of routing-key values or a pattern string`,
    ],
    [
      'an array instead of an object',
      ['a'],
      `${LABEL}: expected an object of routing-key values or a pattern string`,
    ],
  ])('rejects %s', (_name, values, message) => {
    let error: unknown;
    try {
      routingKeyPattern(PREFIX, ENTRY, values, LABEL);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TaskclusterFailure);
    expect((error as Error).message).toBe(message);
  });
});

const ROOT_URL = 'https://tc.example.com';
const EVENTS = bundledNames().filter((name) => name.endsWith('-events'));

function valueFor(key: ExchangeEntry['routingKey'][number], i: number): string | number {
  if (key.constant) return 'overridden';
  if (key.multipleWords) return 'many.words.#';
  return i % 3 === 0 ? i : `word-${String(i)}`;
}

function patternsFor(entry: ExchangeEntry): Array<[string, unknown]> {
  const all = Object.fromEntries(entry.routingKey.map((k, i) => [k.name, valueFor(k, i)]));
  const some = Object.fromEntries(
    entry.routingKey.filter((_, i) => i % 2 === 1).map((k, i) => [k.name, valueFor(k, i)]),
  );
  return [
    ['none', undefined],
    ['null', null],
    ['empty', {}],
    ['some', some],
    ['all', all],
    ['a string', 'custom.#'],
  ];
}

const DIFFERENTIAL = EVENTS.flatMap((service) => {
  const reference = defined(bundledReference(service));
  if (!isExchangesReference(reference)) throw new Error(`${service} has no exchanges`);
  return reference.entries.flatMap((entry) =>
    patternsFor(entry).map(([kind, pattern]) => [service, entry.name, kind, pattern] as const),
  );
});

describe('exchange methods against the official client', () => {
  it('covers every bundled exchanges reference', () => {
    expect(EVENTS.length).toBeGreaterThanOrEqual(5);
    for (const service of EVENTS) expect(official[pascalName(service)]).toBeDefined();
  });

  it.each(DIFFERENTIAL)(
    'builds %s.%s with %s keys as the official client does',
    (service, name, _kind, pattern) => {
      const ours = createClient(service, { rootUrl: ROOT_URL, references: 'bundled' });
      const theirs = new (member(official, pascalName(service)))({ rootUrl: ROOT_URL });
      expect(methodOf(ours, name)(pattern)).toEqual(theirs[name]?.(pattern));
    },
  );
});

describe('an exchange method', () => {
  it('refuses a second argument instead of ignoring it', () => {
    const events = createClient('queue-events', { references: 'bundled' });
    // Untyped JavaScript callers can pass two; the types already say one.
    const taskCompleted = methodOf(events, 'taskCompleted');
    expect(() => taskCompleted({ taskId: 'x' }, { runId: '1' })).toThrow(
      expect.objectContaining({
        code: 'InvalidArguments',
        message: expect.stringMatching(/at most 1 argument, got 2/),
      }),
    );
  });
});
