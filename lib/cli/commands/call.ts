// `tcdyn call <service> <method> [params...]`: one API call, its JSON response on stdout.
import { clientOptionsFrom, listOption, stringOption, type Command } from '../args.js';
import { callArguments } from '../method-args.js';
import { EXIT_OK, printJson, usageError } from '../output.js';
import { asFunction, methodOf, resolveEntry } from '../resolve.js';

/** Call with each page's continuationToken in the query (the last argument) until none comes back. */
async function eachPage(
  args: unknown[],
  hasQuery: boolean,
  call: (args: unknown[]) => unknown,
  print: (page: unknown) => void,
): Promise<void> {
  const base = hasQuery ? args.slice(0, -1) : args;
  const query = hasQuery ? (args[args.length - 1] as Record<string, unknown>) : {};
  let token: unknown;
  do {
    const page = (await call([
      ...base,
      { ...query, ...(token === undefined ? {} : { continuationToken: token }) },
    ])) as { continuationToken?: unknown } | undefined;
    print(page);
    token = page?.continuationToken;
  } while (token !== undefined && token !== null && token !== '');
}

export const callCommand: Command = {
  name: 'call',
  summary: 'call an API method and print its JSON response',
  usage: '<service> <method> [params...] [--payload FILE|-|JSON] [--query key=value]...',
  details: [
    'URL parameters are given in route order. The payload is read from a file, from stdin (-),',
    'or taken as JSON when it starts with {, [ or ". Credentials come from TASKCLUSTER_CLIENT_ID,',
    'TASKCLUSTER_ACCESS_TOKEN and TASKCLUSTER_CERTIFICATE. The response is indented on a terminal',
    'and on one line when piped. API errors exit with 1 and a JSON error body on stderr.',
  ].join('\n'),
  options: {
    payload: {
      type: 'string',
      value: 'FILE|-|JSON',
      description: 'the request payload, for methods that take one',
    },
    query: { type: 'string', multiple: true, value: 'KEY=VALUE', description: 'a query parameter' },
    all: {
      type: 'boolean',
      description: 'follow continuationToken: every page, one JSON document a line',
    },
  },
  examples: [
    'tcdyn call queue ping',
    'tcdyn call queue task fN1SbArXTPSVFNUvaOlinQ',
    'tcdyn call queue listTaskGroup fN1SbArXTPSVFNUvaOlinQ --query limit=10',
    'tcdyn call queue listTaskGroup fN1SbArXTPSVFNUvaOlinQ --all | jq -c ".tasks[]"',
    'tcdyn call queue createTask "$(tcdyn slugid)" --payload task.json',
    'echo \'{"reason": "test"}\' | tcdyn call hooks triggerHook my-group my-hook --payload -',
  ],
  async run({ io, values, positionals }) {
    const [service, method, ...params] = positionals;
    if (!service || !method) throw usageError(`expected ${this.usage}`);
    const options = clientOptionsFrom(io, values);
    const { client, entry, name } = asFunction(await resolveEntry(io, service, method, options));
    const args = await callArguments(io, name, entry, {
      params,
      payload: stringOption(values, 'payload'),
      query: listOption(values, 'query'),
    });
    if (!options.rootUrl && !io.env['TASKCLUSTER_ROOT_URL'])
      throw usageError('no root URL: pass --root-url URL or set TASKCLUSTER_ROOT_URL');
    const call = methodOf(client, entry.name);
    if (values['all'] !== true) {
      printJson(io, await call(...args));
      return EXIT_OK;
    }
    if (!(entry.query ?? []).includes('continuationToken'))
      throw usageError(
        `${name}.${entry.name} has no pages (no continuationToken query): drop --all`,
      );
    await eachPage(
      args,
      args.length > entry.args.length + (entry.input ? 1 : 0),
      (query) => call(...query),
      (page) => io.stdout.write(`${JSON.stringify(page)}\n`),
    );
    return EXIT_OK;
  },
};
