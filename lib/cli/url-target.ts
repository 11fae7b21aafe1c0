// What `tcdyn url` and `tcdyn signed-url` share: `<service> <method> [params...] [--query k=v]`
// read into a client, its entry, and the arguments that build the method's URL.
import type { Client, ClientOptions, FunctionEntry } from '../index.js';
import { clientOptionsFrom, listOption, requireRootUrl, type CommandContext } from './args.js';
import { paramsOf, queryOf } from './method-args.js';
import { usageError } from './output.js';
import { asFunction, resolveEntry } from './resolve.js';

export interface UrlTarget {
  client: Client;
  entry: FunctionEntry;
  /** The service's client name, for messages. */
  name: string;
  params: string[];
  query: Record<string, string> | undefined;
  /** The client's credentials option (a provider for --credentials-command). */
  credentials: ClientOptions['credentials'];
}

/** The method a URL command names, with its params and query checked against the entry. */
export async function urlTarget(
  { io, values, positionals }: CommandContext,
  usage: string,
): Promise<UrlTarget> {
  const [service, method, ...words] = positionals;
  if (!service || !method) throw usageError(`expected ${usage}`);
  const rootUrl = requireRootUrl(io, values);
  const options = clientOptionsFrom(io, values, { rootUrl });
  const { client, entry, name } = asFunction(await resolveEntry(io, service, method, options));
  return {
    client,
    credentials: options.credentials,
    entry,
    name,
    params: paramsOf(name, entry, words),
    query: queryOf(name, entry, listOption(values, 'query')),
  };
}
