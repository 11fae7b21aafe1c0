// The candidates behind shell completion: `tcdyn __complete <words...>` answers with the words
// that may follow, from the command registry and from the references the client sees (the same
// resolution as `tcdyn call`), so a method a deployment added yesterday completes today.
import { createClient, type Reference } from '../index.js';
import { GLOBAL_OPTIONS, type Command } from './args.js';
import { inCwd, type Io } from './output.js';
import { deploymentServices, servicesOf } from './references.js';
import { loadService } from './resolve.js';

/** Commands whose first two arguments are a service and one of its entries, and which entries fit. */
const ENTRY_KINDS: Record<string, 'function' | 'exchange' | 'any'> = {
  call: 'function',
  url: 'function',
  'signed-url': 'function',
  pattern: 'exchange',
  help: 'any',
};

const VALUED = new Set(['root-url', 'references']);
const SOURCES = new Set(['bundled', 'remote', 'auto']);

interface Words {
  /** The positional words before the one being completed. */
  before: string[];
  /** The word being completed (maybe empty). */
  current: string;
  rootUrl: string | undefined;
  references: string | undefined;
}

/** Split completed words into positionals and the options that choose references; the last word is the current one. */
export function splitWords(io: Io, words: readonly string[]): Words {
  const before: string[] = [];
  const found: Record<string, string | undefined> = {};
  const done = words.slice(0, -1);
  for (let i = 0; i < done.length; i++) {
    const word = done[i] ?? '';
    const option = /^--([^=]+)(?:=(.*))?$/.exec(word);
    if (!option) {
      if (!word.startsWith('-')) before.push(word);
      continue;
    }
    const [, name = '', inline] = option;
    if (!VALUED.has(name)) continue;
    found[name] = inline ?? done[++i];
  }
  const references = found['references'];
  return {
    before,
    current: words.at(-1) ?? '',
    rootUrl: (found['root-url'] ?? io.env['TASKCLUSTER_ROOT_URL'])?.replace(/\/+$/, ''),
    references:
      references === undefined || SOURCES.has(references) ? references : inCwd(io, references),
  };
}

/** Service names: the bundle (or the folder), and under auto the deployment's too when a root URL is known. */
async function serviceNames(w: Words): Promise<string[]> {
  const listed = (await servicesOf(w.references, w.rootUrl)).map((s) => s.name);
  if (w.references !== undefined || !w.rootUrl) return listed;
  const remote = await deploymentServices(w.rootUrl).catch(() => []);
  return [...listed, ...remote.map((s) => s.name)];
}

// Exchange entries are typed `topic-exchange`; anything not a function is one.
const entryNames = (reference: Reference, kind: string) =>
  reference.entries
    .filter((e) => kind === 'any' || (kind === 'function') === (e.type === 'function'))
    .map((e) => e.name);

/** Entry names of `service`, as `tcdyn call` resolves them (bundle first, then the deployment). */
async function methodNames(io: Io, w: Words, service: string, kind: string): Promise<string[]> {
  const options = {
    ...(w.rootUrl ? { rootUrl: w.rootUrl } : {}),
    ...(w.references ? { references: w.references } : {}),
  };
  const { reference } = await loadService(io, service, options);
  const names = entryNames(reference, kind);
  if (w.references !== undefined || !w.rootUrl) return names;
  const remote = await createClient(service, { ...options, references: 'remote' })
    .ready()
    .catch(() => undefined);
  return remote ? [...names, ...entryNames(remote, kind)] : names;
}

function optionNames(command: Command | undefined): string[] {
  return Object.keys({ ...GLOBAL_OPTIONS, ...command?.options }).map((name) => `--${name}`);
}

/** The candidates for the last of `words` (the words after `tcdyn`), sorted, without duplicates. */
export async function completionCandidates(
  io: Io,
  commands: readonly Command[],
  words: readonly string[],
): Promise<string[]> {
  const w = splitWords(io, words);
  const [name, service, ...rest] = w.before;
  const command = commands.find((c) => c.name === name);
  let all: string[] = [];
  if (w.current.startsWith('-')) all = optionNames(command);
  else if (name === undefined) all = commands.map((c) => c.name);
  else if (command && ENTRY_KINDS[command.name] && rest.length === 0) {
    const kind = ENTRY_KINDS[command.name] ?? 'any';
    all = service === undefined ? await serviceNames(w) : await methodNames(io, w, service, kind);
  }
  return [...new Set(all.filter((c) => c.startsWith(w.current)))].sort();
}
