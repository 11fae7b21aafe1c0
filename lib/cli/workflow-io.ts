// What the task and group commands share: their queue client, whether to print JSON, the
// poll interval of waits, a status as one line of text, and a yes/no question on a terminal.
import { createInterface } from 'node:readline';
import { createClient, type TaskStatus } from '../index.js';
import {
  clientOptionsFrom,
  requireRootUrl,
  stringOption,
  type OptionSpec,
  type OptionValues,
} from './args.js';
import { usageError, type Io } from './output.js';

export const WORKFLOW_OPTIONS: Record<string, OptionSpec> = {
  json: { type: 'boolean', description: 'print JSON (the default when stdout is not a terminal)' },
  'poll-interval': {
    type: 'string',
    value: 'MS',
    description: 'first wait between polls of wait and --follow, in ms (default 5000)',
  },
};

/** The deployment's queue, with the command line's root URL and the environment's credentials. */
export const queueOf = (io: Io, values: OptionValues) =>
  createClient('queue', clientOptionsFrom(io, values, { rootUrl: requireRootUrl(io, values) }));

/** JSON when asked for, or when nobody reads stdout on a terminal. */
export const wantsJson = (io: Io, values: OptionValues) =>
  values['json'] === true || !io.stdoutIsTTY;

export function pollIntervalOf(values: OptionValues): number | undefined {
  const given = stringOption(values, 'poll-interval');
  if (given === undefined) return undefined;
  if (!/^\d+$/.test(given))
    throw usageError(`--poll-interval must be a whole number of ms, got ${JSON.stringify(given)}`);
  return Number(given);
}

/** `fN1SbArXTPSVFNUvaOlinQ  completed  (run 0 completed)`. */
export function statusLine(status: TaskStatus, name?: string): string {
  const runs = status.runs
    .map(
      (r) =>
        `run ${String(r.runId)} ${r.state}${r.reasonResolved && r.reasonResolved !== r.state ? ` (${r.reasonResolved})` : ''}`,
    )
    .join(', ');
  return [status.taskId, status.state.padEnd(11), name ?? '', runs ? `[${runs}]` : '']
    .filter(Boolean)
    .join('  ');
}

/** Ask on the terminal; true for y or yes. */
export async function confirm(io: Io, question: string): Promise<boolean> {
  io.stderr.write(`${question} [y/N] `);
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  try {
    for await (const line of lines) return /^y(es)?$/i.test(line.trim());
    return false;
  } finally {
    lines.close();
  }
}

/** The one positional id a subcommand takes, or a usage error. */
export function idOf(positionals: string[], usage: string): [string, string] {
  const [sub, id, ...rest] = positionals;
  if (!sub || !id || rest.length) throw usageError(`expected ${usage}`);
  return [sub, id];
}
