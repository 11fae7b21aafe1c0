// `tcdyn scopes-match`: whether assumed scopes satisfy required scope sets (an OR of ANDs).
import { listOption, type Command } from '../args.js';
import { asUsage, EXIT_OK, printLines, usageError } from '../output.js';
import { scopeMatch } from '../../index.js';

function parseJsonArgument(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw usageError(`${what} must be JSON, got ${JSON.stringify(text)}`);
  }
}

export const scopesMatchCommand: Command = {
  name: 'scopes-match',
  summary: 'print true when the assumed scopes satisfy one of the required scope sets, else false',
  usage: "--scope SCOPE... --require SCOPE[,SCOPE...]... | '<assumed JSON>' '<required sets JSON>'",
  details:
    'Each --require is one set (its scopes joined by commas); any one satisfied set is enough.\nAn assumed scope ending in * matches every scope with that prefix. For scopes that contain\ncommas, give two JSON arguments: an array of scopes and an array of arrays of scopes.',
  options: {
    scope: { type: 'string', multiple: true, value: 'SCOPE', description: 'an assumed scope' },
    require: {
      type: 'string',
      multiple: true,
      value: 'SCOPES',
      description: 'a required set, comma-separated',
    },
  },
  examples: [
    "tcdyn scopes-match --scope 'queue:*' --require queue:create-task:low/w,queue:scheduler-id:-",
    'tcdyn scopes-match \'["assume:repo:*"]\' \'[["assume:repo:a"], ["admin"]]\'',
  ],
  run({ io, values, positionals }) {
    const flags = values['scope'] !== undefined || values['require'] !== undefined;
    let assumed: unknown;
    let required: unknown;
    if (flags) {
      if (positionals.length)
        throw usageError('give either --scope/--require or two JSON arguments, not both');
      assumed = listOption(values, 'scope');
      required = listOption(values, 'require').map((set) => set.split(',').filter(Boolean));
    } else {
      const [assumedText, requiredText] = positionals;
      if (positionals.length !== 2 || assumedText === undefined || requiredText === undefined)
        throw usageError(`expected ${this.usage}`);
      assumed = parseJsonArgument(assumedText, 'the assumed scopes');
      required = parseJsonArgument(requiredText, 'the required scope sets');
    }
    printLines(io, [
      String(asUsage(() => scopeMatch(assumed as string[], required as string[][]))),
    ]);
    return EXIT_OK;
  },
};
