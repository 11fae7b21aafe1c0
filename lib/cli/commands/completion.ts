// `tcdyn completion <shell>` prints a completion script; the hidden `tcdyn __complete <words...>`
// is what that script calls back, printing the candidates for the last word one per line.
import { expectPositionals, type Command } from '../args.js';
import { completionCandidates } from '../complete.js';
import { COMPLETION_SCRIPTS } from '../completion-scripts.js';
import { EXIT_OK, printLines, usageError } from '../output.js';

const SHELLS = Object.keys(COMPLETION_SCRIPTS);

export const completionCommand: Command = {
  name: 'completion',
  summary: 'print a shell completion script for commands, services and methods',
  usage: `<${SHELLS.join('|')}>`,
  details:
    'The script asks tcdyn for services and method names as you type, from the references it\n' +
    'would use for `tcdyn call` (with --root-url or TASKCLUSTER_ROOT_URL, the deployment too).',
  options: {},
  examples: [
    'eval "$(tcdyn completion bash)"',
    'source <(tcdyn completion zsh)',
    'tcdyn completion fish > ~/.config/fish/completions/tcdyn.fish',
  ],
  run({ io, positionals }) {
    expectPositionals(this, positionals, 1);
    const script = COMPLETION_SCRIPTS[positionals[0] ?? ''];
    if (!script)
      throw usageError(`unknown shell ${JSON.stringify(positionals[0])}: expected ${this.usage}`);
    io.stdout.write(script);
    return Promise.resolve(EXIT_OK);
  },
};

/** Builds `__complete` over the registry it completes (given, as the registry lists this command too). */
export function completeCommand(commands: () => readonly Command[]): Command {
  return {
    name: '__complete',
    summary: 'the candidates for the last word, one per line (called by completion scripts)',
    usage: '<words...>',
    options: {},
    examples: [],
    hidden: true,
    customParse: true,
    async run({ io, argv }) {
      // A completion must never print an error into the user's command line: no answer instead.
      const candidates = await completionCandidates(
        io,
        commands().filter((c) => !c.hidden),
        argv,
      ).catch(() => []);
      printLines(io, candidates);
      return EXIT_OK;
    },
  };
}
