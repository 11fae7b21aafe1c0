import { describe, it, expect } from '@jest/globals';
import { fromNow as officialFromNow } from 'taskcluster-client';
import { fromNow, fromNowJSON, parseTimeOffset } from '../../lib/utils/from-now.js';
import { TaskclusterFailure } from '../../lib/errors.js';
import { nth } from '../helpers/nth.js';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const D = 24 * H;
const REFERENCE = new Date('2024-02-29T12:34:56.789Z');

const ACCEPTED: Array<[string, number]> = [
  ['', 0],
  ['   ', 0],
  ['2 days 3 hours 1 minute', 2 * D + 3 * H + MIN],
  ['- 1 year 2 months 3 weeks 5 seconds', -(365 * D + 60 * D + 21 * D + 5 * S)],
  ['1d2h3min', D + 2 * H + 3 * MIN],
  ['+1 hour', H],
  ['1y', 365 * D],
  ['1yr', 365 * D],
  ['1 year', 365 * D],
  ['2 years', 730 * D],
  ['1mo', 30 * D],
  ['1 month', 30 * D],
  ['3 months', 90 * D],
  ['1w', 7 * D],
  ['1wk', 7 * D],
  ['1 week', 7 * D],
  ['2 weeks', 14 * D],
  ['1d', D],
  ['1 day', D],
  ['2 days', 2 * D],
  ['1h', H],
  ['1hr', H],
  ['5 hours', 5 * H],
  ['1m', MIN],
  ['1min', MIN],
  ['1 minute', MIN],
  ['10 minutes', 10 * MIN],
  ['1s', S],
  ['1sec', S],
  ['1 second', S],
  ['30 seconds', 30 * S],
  ['1 YEAR 2 MONTHS', 365 * D + 60 * D],
  ['1Y2MO3W4D5H6M7S', 365 * D + 60 * D + 21 * D + 4 * D + 5 * H + 6 * MIN + 7 * S],
  ['  -  3 days  ', -3 * D],
  ['\t1d\n2h\r\n', D + 2 * H],
  ['0 days', 0],
  ['-0s', 0],
  ['1 mo 1 m', 30 * D + MIN],
  ['1m 1s', MIN + S],
  ['+ 5 minutes', 5 * MIN],
  ['001 day', D],
  ['-1y1mo1w1d1h1m1s', -(365 * D + 30 * D + 7 * D + D + H + MIN + S)],
  ['100 days', 100 * D],
  ['48h', 2 * D],
];

const REJECTED: string[] = [
  'abc',
  '1',
  'day',
  '1 hour 2 days',
  '1d 1d',
  '1.5 hours',
  '1,5 hours',
  '-',
  '+',
  ' - ',
  '--1d',
  '+-1d',
  '1 days 2',
  '1 yrs',
  '1 hrs',
  '1 mins',
  '1 secs',
  '1 wks',
  '1 dayss',
  '1 d a y',
  '- 1 day + 2 hours',
  '1 day -2 hours',
  '1x',
  'one day',
  '\uff11 day',
  '1 fortnight',
  '1mo1mo',
  '1 day ago',
  'in 1 day',
  '1 ms',
  'd1',
  '1 year, 2 days',
];

describe('fromNow', () => {
  it.each(ACCEPTED)('reads %j as an offset of %d ms', (text, ms) => {
    expect(fromNow(text, REFERENCE).getTime()).toBe(REFERENCE.getTime() + ms);
  });

  it.each(REJECTED)('refuses %j with a TaskclusterFailure that quotes it', (text) => {
    expect(() => fromNow(text, REFERENCE)).toThrow(TaskclusterFailure);
    expect(() => fromNow(text, REFERENCE)).toThrow(JSON.stringify(text));
  });

  it.each([[5], [null], [{}], [['1d']]])('refuses the non-string offset %p', (offset) => {
    expect(() => fromNow(offset as unknown as string, REFERENCE)).toThrow(
      /time offset must be a string/,
    );
  });

  it('refuses an offset that leaves the range of a Date', () => {
    expect(() => fromNow('300000000 years', REFERENCE)).toThrow(
      /"300000000 years" reaches beyond the range of a Date/,
    );
  });

  it.each([[new Date(Number.NaN)], ['2024-01-01'], [1700000000000]])(
    'refuses the reference %p',
    (reference) => {
      expect(() => fromNow('1d', reference as unknown as Date)).toThrow(
        /reference must be a valid Date/,
      );
    },
  );

  it('counts from the current time without a reference', () => {
    const before = Date.now();
    const result = fromNow('1 hour').getTime();
    expect(result).toBeGreaterThanOrEqual(before + H);
    expect(result).toBeLessThanOrEqual(Date.now() + H);
  });

  it('treats a missing offset as now', () => {
    expect(fromNow(undefined, REFERENCE).getTime()).toBe(REFERENCE.getTime());
  });

  it('leaves the reference untouched', () => {
    const reference = new Date(REFERENCE);
    fromNow('3 days', reference);
    expect(reference.getTime()).toBe(REFERENCE.getTime());
  });
});

describe('fromNowJSON', () => {
  it.each([
    ['1 day', '2024-03-01T12:34:56.789Z'],
    ['-1 year', '2023-03-01T12:34:56.789Z'],
    ['1mo', '2024-03-30T12:34:56.789Z'],
    ['', '2024-02-29T12:34:56.789Z'],
  ])('gives %j in Date#toJSON form as %s', (text, expected) => {
    expect(fromNowJSON(text, REFERENCE)).toBe(expected);
  });

  it('refuses what fromNow refuses', () => {
    expect(() => fromNowJSON('1 hour 1 day', REFERENCE)).toThrow('"1 hour 1 day"');
  });
});

describe('parseTimeOffset', () => {
  const zero = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

  it.each([
    ['', zero],
    ['-1d 2h', { ...zero, days: -1, hours: -2 }],
    [
      '1 year 2 months 3 weeks 4 days 5 hours 6 minutes 7 seconds',
      { years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7 },
    ],
    ['+12mo', { ...zero, months: 12 }],
    ['- 0 s', zero],
  ])('parses %j into its signed parts', (text, parts) => {
    expect(parseTimeOffset(text)).toStrictEqual(parts);
  });

  it('never gives a negative zero', () => {
    expect(Object.values(parseTimeOffset('-1d')).filter((n) => Object.is(n, -0))).toEqual([]);
  });

  it('quotes the input when it refuses', () => {
    expect(() => parseTimeOffset('2 days and 3 hours')).toThrow(
      '"2 days and 3 hours" is not a time offset',
    );
  });
});

// Every spelling of every unit, with and without a sign and spaces, plus pairs of units in
// order (accepted) and out of order (refused).
function corpus(): string[] {
  const spellings = [
    ['y', 'yr', 'year', 'years'],
    ['mo', 'month', 'months'],
    ['w', 'wk', 'week', 'weeks'],
    ['d', 'day', 'days'],
    ['h', 'hr', 'hour', 'hours'],
    ['m', 'min', 'minute', 'minutes'],
    ['s', 'sec', 'second', 'seconds'],
  ];
  const out = [...ACCEPTED.map(([text]) => text), ...REJECTED, '300000000 years'];
  for (const unit of spellings.flat()) {
    for (const sign of ['', '-', '+ ', ' - '])
      for (const gap of ['', ' ', '  '])
        out.push(`${sign}7${gap}${unit.toUpperCase()}`, `${sign}7${gap}${unit}`);
  }
  spellings.forEach((first, i) => {
    spellings.forEach((second, j) => {
      const [a, b] = [nth(first, 0), nth(second, 0)];
      if (i !== j) out.push(`3${a} 4${b}`, `-3 ${a}4 ${b}`);
    });
  });
  return out;
}

// The official client reads a lone sign as "now" and lets huge offsets become an Invalid Date;
// this package refuses both.
const KNOWN_DIVERGENCES = new Set(['-', '+', ' - ', '300000000 years']);

describe('fromNow (differential, against the official client)', () => {
  const expressions = corpus();
  const officialOutcome = (text: string): number | 'refused' => {
    try {
      return officialFromNow(text, REFERENCE).getTime();
    } catch {
      return 'refused';
    }
  };
  const ownOutcome = (text: string): number | 'refused' => {
    try {
      return fromNow(text, REFERENCE).getTime();
    } catch {
      return 'refused';
    }
  };

  it('covers a corpus with accepted and refused expressions', () => {
    const outcomes = expressions.map(officialOutcome);
    expect(outcomes.filter((o) => o === 'refused').length).toBeGreaterThan(40);
    expect(outcomes.filter((o) => o !== 'refused').length).toBeGreaterThan(200);
  });

  it('agrees with the official client wherever it accepts an expression', () => {
    const compared = expressions.filter(
      (text) => officialOutcome(text) !== 'refused' && !KNOWN_DIVERGENCES.has(text),
    );
    expect(compared.length).toBeGreaterThan(200);
    expect(compared.filter((text) => ownOutcome(text) !== officialOutcome(text))).toEqual([]);
  });

  it('refuses everything the official client refuses', () => {
    const refusedByOfficial = expressions.filter((text) => officialOutcome(text) === 'refused');
    expect(refusedByOfficial.filter((text) => ownOutcome(text) !== 'refused')).toEqual([]);
  });

  it('differs only on the known divergences', () => {
    const differing = expressions.filter((text) => officialOutcome(text) !== ownOutcome(text));
    expect(new Set(differing)).toEqual(KNOWN_DIVERGENCES);
  });
});

describe('fromNow with a Date from another realm', () => {
  it('accepts a reference made in a vm context, as in a REPL', async () => {
    const { runInNewContext } = await import('node:vm');
    const reference: unknown = runInNewContext('new Date("2024-01-01T00:00:00.000Z")');
    expect(reference instanceof Date).toBe(false);
    // A Date by its internal class, which holds across realms where instanceof does not.
    const isDate = (value: unknown): value is Date =>
      Object.prototype.toString.call(value) === '[object Date]';
    if (!isDate(reference)) throw new Error('expected a Date from the vm context');
    expect(fromNowJSON('1 day', reference)).toBe('2024-01-02T00:00:00.000Z');
  });
});
