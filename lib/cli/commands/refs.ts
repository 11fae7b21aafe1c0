// `tcdyn refs pull`: a deployment's references and schemas, for offline use with --references.
import { requireRootUrl, stringOption, type Command } from '../args.js';
import { EXIT_OK, inCwd, printLines, usageError } from '../output.js';
import { pullReferences } from '../pull.js';

export const refsCommand: Command = {
  name: 'refs',
  summary: "download a deployment's manifest, references and schemas into a folder",
  usage: 'pull --root-url URL --out DIR',
  details:
    'DIR receives references/manifest.json, references/<service>/v1/*.json and schemas/<service>/...\nwith every schema the references name and every schema those refer to. Use it with\n`--references DIR` on any command, or `tcdyn types --references DIR`.',
  options: {
    out: {
      type: 'string',
      short: 'o',
      value: 'DIR',
      description: 'the folder to write (required)',
    },
  },
  examples: [
    'tcdyn refs pull --root-url https://tc.example.com --out ./tc-refs',
    'tcdyn services --references ./tc-refs',
  ],
  async run({ io, values, positionals }) {
    if (positionals.length !== 1 || positionals[0] !== 'pull')
      throw usageError(`expected ${this.usage}`);
    const out = stringOption(values, 'out');
    if (!out) throw usageError('--out DIR is required');
    const rootUrl = requireRootUrl(io, values);
    const { references, schemas, skipped } = await pullReferences(rootUrl, inCwd(io, out));
    if (skipped.length)
      io.stderr.write(
        `the deployment does not serve ${String(skipped.length)} schema(s) its references name, skipped: ${skipped.join(', ')}\n`,
      );
    printLines(io, [
      `wrote ${String(references)} references and ${String(schemas)} schemas to ${out}`,
    ]);
    return EXIT_OK;
  },
};
