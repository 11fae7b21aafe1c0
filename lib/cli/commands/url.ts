// `tcdyn url <service> <method> [params...]`: the URL of an API method, without calling it.
import type { Command } from '../args.js';
import { asUsage, EXIT_OK, printLines } from '../output.js';
import { urlTarget } from '../url-target.js';

export const urlCommand: Command = {
  name: 'url',
  summary: "print the URL of an API method's endpoint",
  usage: '<service> <method> [params...] [--query key=value]...',
  options: {
    query: { type: 'string', multiple: true, value: 'KEY=VALUE', description: 'a query parameter' },
  },
  examples: [
    'tcdyn url queue task fN1SbArXTPSVFNUvaOlinQ',
    'tcdyn url index findTask my.namespace.latest --root-url https://tc.example.com',
  ],
  async run(context) {
    const { client, entry, params, query } = await urlTarget(context, this.usage);
    printLines(context.io, [
      asUsage(() => client.buildUrl(entry.name, ...params, ...(query ? [query] : []))),
    ]);
    return EXIT_OK;
  },
};
