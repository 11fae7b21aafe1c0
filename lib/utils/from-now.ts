// Relative time offsets ("2 days 3 hours", "-1y", "1d2h3min"): the pure parser and the
// Date arithmetic on top of it. A month is 30 days and a year 365, as in every Taskcluster client.
import { failure } from '../errors.js';

/** The signed amount of each unit in a time offset; all parts share the offset's sign. */
export interface TimeOffset {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Highest unit first: the grammar only accepts units in this order, each at most once.
const UNITS: ReadonlyArray<readonly [keyof TimeOffset, string, number]> = Object.freeze([
  ['years', 'y(?:ears?|r)?', 365 * DAY],
  ['months', 'mo(?:nths?)?', 30 * DAY],
  ['weeks', 'w(?:eeks?|k)?', 7 * DAY],
  ['days', 'd(?:ays?)?', DAY],
  ['hours', 'h(?:ours?|r)?', HOUR],
  ['minutes', 'm(?:in(?:utes?)?)?', MINUTE],
  ['seconds', 's(?:ec(?:onds?)?)?', SECOND],
] as const);

const OFFSET_PATTERN = new RegExp(
  `^\\s*([-+])?${UNITS.map(([, unit]) => `(?:\\s*(\\d+)\\s*${unit})?`).join('')}\\s*$`,
  'i',
);

// Date's own range: ±100,000,000 days around the epoch.
const MAX_TIME = 8.64e15;

/**
 * Parse a time offset such as `"2 days 3 hours"`, `"- 1 year 2 months"` or `"1d2h3min"`
 * into its signed parts. `""` is the zero offset. Throws a `TaskclusterFailure` quoting the
 * input for anything else.
 *
 * @example parseTimeOffset('-1d 2h') // { years: 0, months: 0, weeks: 0, days: -1, hours: -2, minutes: 0, seconds: 0 }
 */
export function parseTimeOffset(text: string): TimeOffset {
  if (typeof (text as unknown) !== 'string')
    throw failure(`time offset must be a string, got ${typeof text}`);
  const match = OFFSET_PATTERN.exec(text);
  const amounts: (string | undefined)[] = match?.slice(2) ?? [];
  // A lone sign ("-", "+") is almost certainly a truncated expression, so it is refused.
  if (!match || (match[1] !== undefined && amounts.every((amount) => amount === undefined))) {
    throw failure(
      `${quote(text)} is not a time offset; expected units from years down to seconds, like "2 days 3 hours", "-1 year" or "1d2h3min"`,
    );
  }
  const sign = match[1] === '-' ? -1 : 1;
  const offset = {} as TimeOffset;
  UNITS.forEach(([name], i) => {
    // `|| 0` turns the -0 of a negated zero into 0.
    offset[name] = sign * Number(amounts[i] ?? 0) || 0;
  });
  return offset;
}

/**
 * The Date `offset` away from `reference` (default: now), e.g. `fromNow('1 hour')`,
 * `fromNow('-2 days', someDate)`.
 */
export function fromNow(offset: string = '', reference: Date = new Date()): Date {
  if (!isValidDate(reference)) {
    throw failure('fromNow: the reference must be a valid Date');
  }
  const parts = parseTimeOffset(offset);
  const delta = UNITS.reduce((sum, [name, , unitMs]) => sum + parts[name] * unitMs, 0);
  const time = reference.getTime() + delta;
  if (!(Math.abs(time) <= MAX_TIME)) {
    throw failure(`${quote(offset)} reaches beyond the range of a Date`);
  }
  return new Date(time);
}

/** Like {@link fromNow}, in `Date#toJSON()` form (`2024-05-01T12:00:00.000Z`). */
export function fromNowJSON(offset: string = '', reference: Date = new Date()): string {
  return fromNow(offset, reference).toJSON();
}

function quote(text: string): string {
  const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return JSON.stringify(shown);
}

/** A valid Date, from this realm or another (a REPL context, a vm sandbox): `instanceof Date` misses the latter. */
export function isValidDate(value: unknown): value is Date {
  return (
    Object.prototype.toString.call(value) === '[object Date]' &&
    !Number.isNaN((value as Date).getTime())
  );
}
