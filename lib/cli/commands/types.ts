// `tcdyn types`: a declaration module that gives typed clients the payload, response and
// message types of a deployment, from the references and schemas in a folder.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { expectPositionals, stringOption, type Command } from '../args.js';
import { EXIT_OK, asUsage, inCwd, printLines, usageError } from '../output.js';
import { bundledReference, referenceName } from '../resolve.js';
import type { Reference } from '../../index.js';
// The declaration generator has no public route (it is the CLI's alone), so it is imported directly.
import { readDeploymentFolder } from '../../types/generate/deployment-folder.js';
import { typesDeclarations } from '../../types/generate/declarations.js';
import { missingPeers } from '../../testing/peers.js';

const SOURCES = new Set(['bundled', 'remote', 'auto']);
const SCHEMA_TYPES = 'json-schema-to-ts';
const LISTED = 8;

/** `; typed too, as the bundled references lack them: service web-server, queue.newMethod`. */
function unbundledNote(services: string[], methods: string[]): string {
  const names = [...services.map((s) => `service ${s}`), ...methods];
  if (!names.length) return '';
  const shown =
    names.length > LISTED
      ? [...names.slice(0, LISTED), `${String(names.length - LISTED)} more`]
      : names;
  return `; typed too, as the bundled references lack them: ${shown.join(', ')}`;
}

/** The bundled reference of each service in `references`, through public clients, as the synchronous lookup the generator takes. */
async function bundledLookup(
  references: readonly Reference[],
): Promise<(name: string) => Reference | undefined> {
  const names = references.map(referenceName);
  const found = await Promise.all(names.map((name) => bundledReference(name)));
  const byName = new Map(names.map((name, i) => [name, found[i]]));
  return (name) => byName.get(name);
}

export const typesCommand: Command = {
  name: 'types',
  summary: 'write TypeScript payload and response types for the services in a references folder',
  usage: '--references DIR --out FILE',
  details:
    'DIR is a folder from `tcdyn refs pull` (or any folder with references/ and schemas/ laid out\n' +
    'like a deployment). FILE augments the clients of taskcluster-dynamic: include it in your\n' +
    "TypeScript project and `createClient('queue').createTask(taskId, payload)` checks the payload.\n" +
    'Services and methods that the bundled references lack are typed too. Schemas the folder\n' +
    'lacks are reported on stderr and typed loosely.',
  options: {
    out: {
      type: 'string',
      short: 'o',
      value: 'FILE',
      description: 'the declaration file to write (.ts or .d.ts)',
    },
    module: {
      type: 'string',
      value: 'NAME',
      description: 'the module to augment (default taskcluster-dynamic)',
    },
  },
  examples: [
    'tcdyn refs pull --root-url https://tc.example.com --out ./tc-refs',
    'tcdyn types --references ./tc-refs --out src/taskcluster-types.d.ts',
  ],
  async run({ io, values, positionals }) {
    expectPositionals(this, positionals, 0);
    const dir = stringOption(values, 'references');
    const out = stringOption(values, 'out');
    if (!dir || SOURCES.has(dir))
      throw usageError('--references DIR is required: a folder from `tcdyn refs pull`');
    if (!out) throw usageError('--out FILE is required');
    const folder = asUsage(() => readDeploymentFolder(inCwd(io, dir)));
    const source = relative(dirname(inCwd(io, out)), inCwd(io, dir)) || '.';
    const { text, keys, services, methods, missing } = typesDeclarations(
      folder.references,
      folder.schema,
      {
        module: stringOption(values, 'module'),
        source,
        bundled: await bundledLookup(folder.references),
      },
    );
    await mkdir(dirname(inCwd(io, out)), { recursive: true });
    await writeFile(inCwd(io, out), text);
    if (missing.length) io.stderr.write(`not in ${dir} (typed loosely): ${missing.join(', ')}\n`);
    // The declarations' FromSchema comes from an optional peer dependency.
    if ((await missingPeers([SCHEMA_TYPES])).length)
      io.stderr.write(
        `${out} needs ${SCHEMA_TYPES} to compile: npm install --save-dev ${SCHEMA_TYPES}\n`,
      );
    printLines(io, [
      `wrote ${out}: payload and response types of ${String(keys.length)} methods and exchanges${unbundledNote(services, methods)}`,
    ]);
    return EXIT_OK;
  },
};
