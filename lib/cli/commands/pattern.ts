// `tcdyn pattern <service>-events <exchange> [--key value]...`: the exchange and routing-key
// pattern to bind a Pulse queue to; the options are the exchange's own routing-key names.
import {
  clientOptionsFrom,
  parseCommand,
  type Command,
  type OptionSpec,
  type OptionValues,
} from '../args.js';
import { asUsage, EXIT_OK, printJson, usageError } from '../output.js';
import { methodOf, resolveEntry } from '../resolve.js';
import type { ExchangeEntry } from '../../index.js';

const FLAGS = new Set(['-h', '--help']);

/**
 * A first look at the command line, before the exchange's routing-key options are known:
 * the words that are neither options nor option values (every option but -h takes a value),
 * and the values of --root-url and --references.
 */
function firstLook(argv: readonly string[]): { words: string[]; values: OptionValues } {
  const words: string[] = [];
  const values: OptionValues = {};
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '--';
    if (word === '--') return { words: [...words, ...argv.slice(i + 1)], values };
    if (!word.startsWith('-')) words.push(word);
    else if (FLAGS.has(word)) continue;
    else {
      const [flag, inline] = word.includes('=')
        ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]
        : [word, argv[++i]];
      if (flag === '--root-url' || flag === '--references') values[flag.slice(2)] = inline;
    }
  }
  return { words, values };
}

function keyOptions(entry: ExchangeEntry): Record<string, OptionSpec> {
  const keys = entry.routingKey.filter((k) => k.constant === undefined);
  return Object.fromEntries(
    keys.map((k) => [k.name, { type: 'string', value: 'VALUE', description: k.summary ?? '' }]),
  );
}

export const patternCommand: Command = {
  name: 'pattern',
  summary: 'print the exchange and routing-key pattern for Pulse messages of an exchange',
  usage: '<service>-events <exchange> [--<routing key> VALUE]...',
  details:
    'Each routing-key word not given is * (# for multi-word keys); constants are filled in.\nRun `tcdyn help <service>-events <exchange>` for the routing-key names.',
  options: {},
  customParse: true,
  examples: [
    'tcdyn pattern queue-events taskCompleted --taskId fN1SbArXTPSVFNUvaOlinQ',
    'tcdyn pattern queue-events taskDefined --provisionerId proj-releng --workerType linux',
  ],
  async run({ io, argv }) {
    const {
      words: [service, exchange],
      values,
    } = firstLook(argv);
    if (!service || !exchange) throw usageError(`expected ${this.usage}`);
    const resolved = await resolveEntry(io, service, exchange, clientOptionsFrom(io, values));
    if (resolved.entry.type !== 'topic-exchange')
      throw usageError(`${resolved.name}.${exchange} is an API method; use 'tcdyn call'`);
    const entry = resolved.entry;
    const options = keyOptions(entry);
    let parsed;
    try {
      parsed = parseCommand(this, argv, options);
    } catch (err) {
      const names =
        Object.keys(options)
          .map((k) => `--${k}`)
          .join(', ') || 'none';
      throw usageError(
        `${(err as Error).message}; the routing keys of ${resolved.name}.${entry.name} are ${names}`,
      );
    }
    if (parsed.positionals.length !== 2)
      throw usageError(
        `expected ${this.usage}, got ${String(parsed.positionals.length)} arguments`,
      );
    const keys = Object.fromEntries(
      entry.routingKey
        .filter((k) => parsed.values[k.name] !== undefined)
        .map((k) => [k.name, parsed.values[k.name]]),
    );
    const binding = asUsage(() => methodOf(resolved.client, entry.name)(keys)) as {
      exchange: string;
      routingKeyPattern: string;
    };
    printJson(io, { exchange: binding.exchange, routingKeyPattern: binding.routingKeyPattern });
    return EXIT_OK;
  },
};
