// Node-only, like all of lib/cli. tcdyn's pure core: picks the subcommand, answers --help, and
// turns every outcome into an exit status (0 ok, 1 API or transfer error, 2 usage error). It
// touches only the streams and environment of the Io it is given, so specs run it in-process;
// main.ts is the process shell.
import { readFileSync } from 'node:fs';
import { commandHelp, parseCommand, programHelp, type Command } from './args.js';
import { COMMANDS } from './commands/index.js';
import { EXIT_OK, EXIT_USAGE, reportError, usageError, type Io } from './output.js';
import { suggestion } from './resolve.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return `tcdyn ${pkg.version ?? 'unknown'}\n`;
}

const wantsHelp = (argv: readonly string[]) => {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((word) => word === '--help' || word === '-h');
};

function commandNamed(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (!command)
    throw usageError(
      `unknown command ${JSON.stringify(name)}.${suggestion(
        name,
        COMMANDS.map((c) => c.name),
      )}`,
    );
  return command;
}

async function runCommand(command: Command, argv: string[], io: Io): Promise<number> {
  // `__complete` gets the words typed so far, which may well include --help.
  if (!command.hidden && wantsHelp(argv)) {
    io.stdout.write(commandHelp(command));
    return EXIT_OK;
  }
  const { values, positionals } = command.customParse
    ? { values: {}, positionals: [] }
    : parseCommand(command, argv);
  if (command === COMMANDS.find((c) => c.name === 'help') && positionals.length === 0) {
    io.stdout.write(programHelp(COMMANDS));
    return EXIT_OK;
  }
  return command.run({ io, values, positionals, argv });
}

/** Run tcdyn with `argv` (the words after the program name); resolves with the exit status. */
export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(programHelp(COMMANDS));
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h') {
    io.stdout.write(programHelp(COMMANDS));
    return EXIT_OK;
  }
  if (name === '--version') {
    io.stdout.write(version());
    return EXIT_OK;
  }
  let command: Command | undefined;
  try {
    command = commandNamed(name);
    return await runCommand(command, rest, io);
  } catch (err) {
    return reportError(io, err, command?.name);
  }
}
