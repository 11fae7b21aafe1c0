// `tcdyn services`: the services known to the bundled snapshot, a references folder, or a deployment.
import { referencesOption, stringOption, type Command } from '../args.js';
import { EXIT_OK, printJson, printLines, usageError } from '../output.js';
import { servicesOf } from '../references.js';

export const servicesCommand: Command = {
  name: 'services',
  summary: 'list the services (API and exchanges references) and their titles',
  usage: '[--remote] [--json]',
  details:
    'Without options, the bundled snapshot; with --remote, what the deployment at --root-url\n(or TASKCLUSTER_ROOT_URL) serves; with --references DIR, that folder.',
  options: {
    remote: {
      type: 'boolean',
      description: "list the deployment's services (same as --references remote)",
    },
    json: { type: 'boolean', description: 'print [{name, kind, title}] as JSON' },
  },
  examples: [
    'tcdyn services',
    'tcdyn services --remote --root-url https://tc.example.com',
    'tcdyn services --references ./refs --json',
  ],
  async run({ io, values, positionals }) {
    if (positionals.length)
      throw usageError(`services takes no arguments, got ${JSON.stringify(positionals[0])}`);
    const source = values['remote'] ? 'remote' : referencesOption(io, values);
    const rootUrl = (stringOption(values, 'root-url') ?? io.env['TASKCLUSTER_ROOT_URL'])?.replace(
      /\/+$/,
      '',
    );
    const services = await servicesOf(source, rootUrl);
    if (values['json']) {
      printJson(
        io,
        services.map(({ name, kind, title }) => ({ name, kind, title })),
      );
      return EXIT_OK;
    }
    const width = Math.max(0, ...services.map((s) => s.name.length));
    printLines(
      io,
      services.map((s) => `${s.name.padEnd(width)}  ${s.kind.padEnd(9)}  ${s.title}`.trimEnd()),
    );
    return EXIT_OK;
  },
};
