// `tcdyn slugid`: fresh nice slug ids, or one stable slug per name for this invocation.
import { stringOption, type Command } from '../args.js';
import { EXIT_OK, printLines, usageError } from '../output.js';
import { slugId, stableSlugId } from '../../index.js';

function countOf(given: string | undefined): number {
  if (given === undefined) return 1;
  if (!/^\d+$/.test(given) || Number(given) < 1 || Number(given) > 10_000) {
    throw usageError(`-n must be a whole number from 1 to 10000, got ${JSON.stringify(given)}`);
  }
  return Number(given);
}

export const slugidCommand: Command = {
  name: 'slugid',
  summary: 'print nice slug ids (never starting with -), one per line',
  usage: '[-n N] | --stable NAME [NAME...]',
  details:
    'With --stable, one slug per name in the order given; a name given twice gets the same slug.',
  options: {
    number: { type: 'string', short: 'n', value: 'N', description: 'how many slugs (default 1)' },
    stable: { type: 'boolean', description: 'one stable slug per NAME argument' },
  },
  examples: ['tcdyn slugid', 'tcdyn slugid -n 3', 'tcdyn slugid --stable build test build'],
  run({ values, positionals, io }) {
    if (!values['stable'] && positionals.length)
      throw usageError(
        `slugid takes names only after --stable, got ${JSON.stringify(positionals[0])}`,
      );
    if (values['stable'] && values['number'] !== undefined)
      throw usageError('give either -n or --stable, not both');
    if (values['stable']) {
      if (!positionals.length) throw usageError('--stable needs at least one name');
      const gen = stableSlugId();
      printLines(
        io,
        positionals.map((name) => gen(name)),
      );
    } else {
      printLines(
        io,
        Array.from({ length: countOf(stringOption(values, 'number')) }, () => slugId()),
      );
    }
    return EXIT_OK;
  },
};
