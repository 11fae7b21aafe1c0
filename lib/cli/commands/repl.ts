// `tcdyn repl`: a Node REPL with every service client preloaded under its camelCase name, the
// utilities, top-level await, `.help client.method`, and a history file in the home folder.
import repl, { type REPLServer } from 'node:repl';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import * as tc from '../../index.js';
import {
  clientOptionsFrom,
  referencesOption,
  stringOption,
  type Command,
  type OptionValues,
} from '../args.js';
import { descriptionDoc, serviceDoc } from '../describe.js';
import { EXIT_OK, type Io } from '../output.js';
import { wrapEval } from '../repl-eval.js';
import { messageOf } from '../../utils/message-of.js';
import { didYouMean } from '../../client/suggest.js';
import { camelName, servicesOf } from '../references.js';

const UTILITIES = [
  'createClient',
  'slugId',
  'stableSlugId',
  'fromNow',
  'fromNowJSON',
  'scopeMatch',
  'createTemporaryCredentials',
  'upload',
  'uploadFromBuf',
  'uploadFromFile',
  'download',
  'downloadToBuf',
  'downloadToFile',
  'downloadArtifact',
  'downloadArtifactToBuf',
  'downloadArtifactToFile',
  'optionsFromEnvironment',
] as const;

/** What `.help` reads of a client in the REPL's context. */
type HelpClient = Pick<tc.Client, 'ready' | 'describe'>;

const isClientValue = (value: unknown): value is HelpClient =>
  typeof (value as { ready?: unknown } | undefined)?.ready === 'function';

/** `.help queue.createTask`, `.help queue`, or the list of REPL commands. */
async function helpText(server: REPLServer, topic: string): Promise<string> {
  const [variable, method] = topic.split('.');
  const client: unknown = variable ? server.context[variable] : undefined;
  if (!topic || !variable || !isClientValue(client)) {
    const commands = Object.entries(server.commands).map(
      ([name, c]) => `.${name.padEnd(8)} ${c?.help ?? ''}`,
    );
    const clients = Object.keys(server.context).filter((k) => isClientValue(server.context[k]));
    const lead = topic
      ? `${topic} is not a client in this REPL.${didYouMean(variable ?? topic, clients)}\n`
      : '';
    return `${lead}${commands.join('\n')}\n\n.help <client>.<method> documents a method, e.g. .help queue.createTask\n`;
  }
  const reference = await client.ready();
  if (!method) return serviceDoc(variable, reference);
  // describe() answers from the reference that serves the client now (the deployment's when known).
  return descriptionDoc(variable, client.describe(method));
}

/**
 * Piped input is fed one line at a time, each after the previous one has been evaluated:
 * without a terminal the REPL would read on while an `await` is pending and mix up the output.
 */
function feedLines(io: Io): { input: PassThrough; next: () => void } {
  const input = new PassThrough();
  const pending: string[] = [];
  let ended = false;
  let waiting = false;
  const next = () => {
    const line = pending.shift();
    if (line !== undefined) input.write(`${line}\n`);
    else if (ended) input.end();
    else waiting = true;
  };
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    pending.push(line);
    if (waiting) {
      waiting = false;
      next();
    }
  });
  lines.on('close', () => {
    ended = true;
    if (waiting) {
      waiting = false;
      next();
    }
  });
  return { input, next };
}

function historyPath(io: Io): string {
  return io.env['TCDYN_REPL_HISTORY'] || join(homedir(), '.tcdyn_repl_history');
}

async function preload(io: Io, values: OptionValues) {
  const options = clientOptionsFrom(io, values);
  const rootUrl = (stringOption(values, 'root-url') ?? io.env['TASKCLUSTER_ROOT_URL'])?.replace(
    /\/+$/,
    '',
  );
  const services = await servicesOf(
    values['remote'] ? 'remote' : referencesOption(io, values),
    rootUrl,
  );
  const context: Record<string, unknown> = {};
  for (const { name } of services)
    context[camelName(name)] = tc.createClient(name, {
      ...options,
      ...(values['remote'] ? { references: 'remote' } : {}),
    });
  for (const name of UTILITIES) context[name] = tc[name];
  return { context, names: services.map((s) => camelName(s.name)) };
}

export const replCommand: Command = {
  name: 'repl',
  summary: 'an interactive Node REPL with every service client and the utilities preloaded',
  usage: '[--remote]',
  details: [
    'Clients are named in camelCase (queue, auth, purgeCache, queueEvents, ...) and use the',
    "environment's credentials; `await` works at top level and Tab completes method names.",
    '`.help queue.createTask` documents a method. History is kept in ~/.tcdyn_repl_history',
    '(TCDYN_REPL_HISTORY overrides the path). Ctrl-C interrupts a pending `await`; a failed call',
    'prints one line (`code: message`) and `.stack` shows its full stack.',
  ].join('\n'),
  options: {
    remote: {
      type: 'boolean',
      description: "preload the deployment's services, with its references",
    },
  },
  examples: [
    'tcdyn repl',
    "tcdyn> await queue.task('fN1SbArXTPSVFNUvaOlinQ')",
    'tcdyn> .help queue.createTask',
  ],
  async run({ io, values }) {
    const { context, names } = await preload(io, values);
    if (!stringOption(values, 'root-url') && !io.env['TASKCLUSTER_ROOT_URL'])
      io.stderr.write(
        'tcdyn: no root URL (set TASKCLUSTER_ROOT_URL or pass --root-url): methods can be explored, calls will fail\n',
      );
    const terminal = io.stdinIsTTY && io.stdoutIsTTY;
    const feed = terminal ? undefined : feedLines(io);
    if (terminal)
      io.stdout.write(
        `Preloaded: ${names.join(', ')}, ${UTILITIES.slice(0, 7).join(', ')}, ... (.help for help)\n`,
      );
    // The main context: a Date or Uint8Array made at the prompt must pass the library's instanceof checks.
    const server = repl.start({
      prompt: 'tcdyn> ',
      input: feed?.input ?? io.stdin,
      output: io.stdout,
      terminal,
      ignoreUndefined: true,
      useGlobal: true,
      // Ctrl-C rejects a pending top-level `await` and returns to the prompt.
      breakEvalOnSigint: true,
    });
    const errors = wrapEval(server, io);
    server.defineCommand('stack', {
      help: 'Show the full stack of the last error printed as one line',
      action() {
        io.stdout.write(`${errors.lastError()?.stack ?? 'no error yet'}\n`);
        server.displayPrompt();
      },
    });
    Object.assign(server.context, context);
    const pending = new Set<Promise<unknown>>();
    server.defineCommand('help', {
      help: 'Show this list, or document a method: .help queue.createTask',
      action(topic: string) {
        // The answer may need a fetched reference; the REPL must not exit before it is printed.
        const answer = helpText(server, topic.trim())
          .then(
            (text) => io.stdout.write(text),
            (err: unknown) => io.stdout.write(`${messageOf(err)}\n`),
          )
          .finally(() => {
            server.displayPrompt();
          });
        pending.add(answer);
        void answer.finally(() => pending.delete(answer));
      },
    });
    if (feed) {
      const display = server.displayPrompt.bind(server);
      server.displayPrompt = (preserveCursor?: boolean) => {
        display(preserveCursor);
        feed.next();
      };
      feed.next();
    } else {
      server.setupHistory(historyPath(io), (err) => {
        if (err) io.stderr.write(`tcdyn: history disabled: ${err.message}\n`);
      });
    }
    await new Promise<void>((resolve) =>
      server.on('exit', () => {
        resolve();
      }),
    );
    await Promise.all(pending);
    return EXIT_OK;
  },
};
