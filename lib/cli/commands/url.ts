// `tcdyn url <service> <method> [params...]`: the URL of an API method, without calling it.
import { clientOptionsFrom, listOption, requireRootUrl, type Command } from '../args.js';
import { paramsOf, queryOf } from '../method-args.js';
import { asUsage, EXIT_OK, printLines, usageError } from '../output.js';
import { asFunction, resolveEntry } from '../resolve.js';

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
  async run({ io, values, positionals }) {
    const [service, method, ...words] = positionals;
    if (!service || !method) throw usageError(`expected ${this.usage}`);
    const rootUrl = requireRootUrl(io, values);
    const { client, entry, name } = asFunction(await resolveEntry(io, service, method, clientOptionsFrom(values, { rootUrl })));
    const query = queryOf(name, entry, listOption(values, 'query'));
    const params = paramsOf(name, entry, words);
    printLines(io, [asUsage(() => client.buildUrl(entry.name, ...params, ...(query ? [query] : [])))]);
    return EXIT_OK;
  },
};
