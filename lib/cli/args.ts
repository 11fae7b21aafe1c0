// Command definitions and their parsing with node:util parseArgs (built in: no dependency),
// the options every command shares, and the --help text built from the same definitions.
import { parseArgs } from 'node:util';
import { optionsFromEnvironment, type ClientOptions } from '../index.js';
import { inCwd, usageError, type Io } from './output.js';
import { commandProvider } from './credentials-command.js';

/** One option of a command, as shown in --help and given to parseArgs. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Placeholder shown in --help (`FILE`, `N`). */
  value?: string;
  description: string;
}

export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

/** What a command's run() receives. */
export interface CommandContext {
  io: Io;
  values: OptionValues;
  positionals: string[];
  /** The arguments after the command name, unparsed (for commands whose options come from a reference). */
  argv: string[];
}

/** A subcommand: its help text, its options, and what it does; run() resolves with the exit status. */
export interface Command {
  name: string;
  summary: string;
  /** Arguments after the command name, as shown in the usage line. */
  usage: string;
  options: Record<string, OptionSpec>;
  examples: string[];
  details?: string;
  /** main() leaves parsing to run(), which reads ctx.argv (options that come from a reference). */
  customParse?: boolean;
  /** Left out of --help and of completion (commands for scripts, like `__complete`). */
  hidden?: boolean;
  run(ctx: CommandContext): number | Promise<number>;
}

/** Options that every command accepts. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  'root-url': {
    type: 'string',
    value: 'URL',
    description: 'deployment root URL (default: $TASKCLUSTER_ROOT_URL)',
  },
  references: {
    type: 'string',
    value: 'DIR',
    description:
      'references: a folder from `tcdyn refs pull`, or bundled|remote|auto (default auto)',
  },
  'credentials-command': {
    type: 'string',
    value: 'CMD',
    description:
      'a command printing JSON credentials, run when needed (default: $TASKCLUSTER_CREDENTIALS_COMMAND)',
  },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

function parseConfig(specs: Record<string, OptionSpec>) {
  return Object.fromEntries(
    Object.entries(specs).map(([name, s]) => [
      name,
      {
        type: s.type,
        ...(s.short ? { short: s.short } : {}),
        ...(s.multiple ? { multiple: true } : {}),
      },
    ]),
  );
}

/** Parse a command's arguments; unknown options and missing values are usage errors. */
export function parseCommand(
  command: Command,
  argv: string[],
  extra: Record<string, OptionSpec> = {},
) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: parseConfig({ ...GLOBAL_OPTIONS, ...command.options, ...extra }),
      allowPositionals: true,
      strict: true,
    });
    return { values: values as OptionValues, positionals };
  } catch (err) {
    throw usageError((err as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

export const stringOption = (values: OptionValues, name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
};

export const listOption = (values: OptionValues, name: string): string[] => {
  const value = values[name];
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
};

const SOURCES = new Set(['bundled', 'remote', 'auto']);

/** --references: a source name as given, a folder made absolute against the command's folder. */
export function referencesOption(io: Io, values: OptionValues): string | undefined {
  const given = stringOption(values, 'references');
  return given === undefined || SOURCES.has(given) ? given : inCwd(io, given);
}

const stripSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * Client options from --root-url, --references, --credentials-command and the command's
 * environment (never the process's: run() may be one of many in a process). Environment
 * credentials, or its credentials command, go only to the environment's own deployment;
 * elsewhere the client is anonymous unless --credentials-command says otherwise.
 */
export function clientOptionsFrom(
  io: Io,
  values: OptionValues,
  extra: ClientOptions = {},
): ClientOptions {
  const fromEnv = optionsFromEnvironment(io.env);
  const rootUrl = extra.rootUrl ?? stringOption(values, 'root-url') ?? fromEnv.rootUrl;
  const references = referencesOption(io, values);
  const sameDeployment =
    rootUrl === undefined ||
    (fromEnv.rootUrl !== undefined && stripSlash(rootUrl) === stripSlash(fromEnv.rootUrl));
  return {
    ...extra,
    ...(rootUrl ? { rootUrl } : {}),
    ...(references ? { references } : {}),
    credentials: credentialsFrom(io, values, sameDeployment, fromEnv.credentials),
  };
}

function credentialsFrom(
  io: Io,
  values: OptionValues,
  sameDeployment: boolean,
  fromEnv: ClientOptions['credentials'],
): NonNullable<ClientOptions['credentials']> {
  const command =
    stringOption(values, 'credentials-command') ??
    (sameDeployment ? io.env['TASKCLUSTER_CREDENTIALS_COMMAND'] : undefined);
  if (command) return commandProvider(io, command);
  return (sameDeployment ? fromEnv : undefined) ?? {};
}

/** The deployment's root URL, or a usage error naming the option and the variable. */
export function requireRootUrl(io: Io, values: OptionValues): string {
  const rootUrl = stringOption(values, 'root-url') ?? io.env['TASKCLUSTER_ROOT_URL'];
  if (!rootUrl) throw usageError('no root URL: pass --root-url URL or set TASKCLUSTER_ROOT_URL');
  return rootUrl.replace(/\/+$/, '');
}

/** Exactly `min`..`max` positionals, or a usage error quoting the usage line. */
export function expectPositionals(
  command: Command,
  positionals: string[],
  min: number,
  max = min,
): void {
  if (positionals.length < min || positionals.length > max) {
    throw usageError(
      `expected ${command.usage}, got ${positionals.length ? positionals.map((p) => JSON.stringify(p)).join(' ') : 'no arguments'}`,
    );
  }
}

function optionLines(specs: Record<string, OptionSpec>): string[] {
  const shown = Object.entries(specs).map(([name, s]): [string, string] => {
    const flag = `${s.short ? `-${s.short}, ` : '    '}--${name}${s.value ? ` ${s.value}` : ''}`;
    return [flag, `${s.description}${s.multiple ? ' (repeatable)' : ''}`];
  });
  const width = Math.max(...shown.map(([flag]) => flag.length));
  return shown.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`);
}

/** `tcdyn <command> --help`. */
export function commandHelp(command: Command): string {
  const lines = [`Usage: tcdyn ${command.name} ${command.usage}`, '', command.summary];
  if (command.details) lines.push('', command.details);
  if (Object.keys(command.options).length)
    lines.push('', 'Options:', ...optionLines(command.options));
  lines.push('', 'Common options:', ...optionLines(GLOBAL_OPTIONS));
  if (command.examples.length)
    lines.push('', 'Examples:', ...command.examples.map((e) => `  ${e}`));
  return `${lines.join('\n')}\n`;
}

/** `tcdyn --help`. */
export function programHelp(all: readonly Command[]): string {
  const commands = all.filter((c) => !c.hidden);
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: tcdyn <command> [arguments] [options]',
    '',
    'Explore and call Taskcluster APIs from their reference documents.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Common options:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    'Environment: TASKCLUSTER_ROOT_URL, TASKCLUSTER_CLIENT_ID, TASKCLUSTER_ACCESS_TOKEN, TASKCLUSTER_CERTIFICATE,',
    'TASKCLUSTER_CREDENTIALS_COMMAND.',
    'Exit status: 0 success, 1 API or transfer error (JSON error body on stderr), 2 usage error.',
    "Run 'tcdyn <command> --help' for a command's arguments and examples.",
    '',
  ].join('\n');
}
