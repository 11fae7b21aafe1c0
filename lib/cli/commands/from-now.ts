// `tcdyn from-now <offset>`: the date an offset such as "2 days 3 hours" or "-1 year" away from now.
import { parseCommand, stringOption, type Command } from '../args.js';
import { asUsage, EXIT_OK, printLines, usageError } from '../output.js';
import { fromNowJSON } from '../../index.js';

function referenceDate(given: string | undefined): Date | undefined {
  if (given === undefined) return undefined;
  const ms = Date.parse(given);
  if (!Number.isFinite(ms))
    throw usageError(
      `--from must be a date such as 2024-05-01T12:00:00Z, got ${JSON.stringify(given)}`,
    );
  return new Date(ms);
}

export const fromNowCommand: Command = {
  name: 'from-now',
  summary: 'print the ISO date an offset away from now (or from --from)',
  usage: '<offset...> [--from DATE]',
  details:
    'Units from years down to seconds: y, mo, w, d, h, min, s and their long forms; a leading -\nmeans the past. The words of the offset may be given as one argument or several.',
  options: {
    from: { type: 'string', value: 'DATE', description: 'the reference date instead of now' },
  },
  examples: [
    'tcdyn from-now "2 days 3 hours"',
    'tcdyn from-now 1d2h',
    'tcdyn from-now -1 year',
    'tcdyn from-now 1h --from 2024-05-01T00:00:00Z',
  ],
  customParse: true,
  run({ io, argv }) {
    const { values, positionals } = parseCommand(this, separateOffset(argv));
    if (!positionals.length) throw usageError(`expected ${this.usage}`);
    const reference = referenceDate(stringOption(values, 'from'));
    printLines(io, [asUsage(() => fromNowJSON(positionals.join(' '), reference))]);
    return EXIT_OK;
  },
};

const VALUED = new Set(['--from', '--root-url', '--references']);

/**
 * Offsets may start with "-" ("-1 day"), which option parsing would take for an option: keep
 * the real options in front and put every other word after "--".
 */
export function separateOffset(argv: readonly string[]): string[] {
  const options: string[] = [];
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '--';
    if (word === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (VALUED.has(word)) options.push(word, argv[++i] ?? '');
    else if (/^--?[a-z]/i.test(word)) options.push(word);
    else words.push(word);
  }
  return [...options, '--', ...words];
}
