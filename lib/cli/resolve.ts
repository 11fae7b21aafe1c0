// From command-line words to a client, its reference and one entry: the deployment is asked
// (references "auto") only for what the bundle lacks; names that exist nowhere are usage errors.
import {
  createClient,
  type Client,
  type ClientOptions,
  type ExchangeEntry,
  type FunctionEntry,
  type Reference,
} from '../index.js';
import { findEntry } from './describe.js';
import { usageError, type Io } from './output.js';
import { editDistance } from '../client/suggest.js';
import { messageOf } from '../utils/message-of.js';

export interface LoadedService {
  client: Client;
  reference: Reference;
  /** The canonical client name (`queue`, `queue-events`). */
  name: string;
}

export interface ResolvedEntry<E = FunctionEntry | ExchangeEntry> extends LoadedService {
  entry: E;
}

/** The client name a reference serves: `queue`, `queue-events`. */
export const referenceName = (reference: Reference) =>
  'exchangePrefix' in reference ? `${reference.serviceName}-events` : reference.serviceName;

const hasRootUrl = (io: Io, options: ClientOptions) =>
  Boolean(options.rootUrl ?? io.env['TASKCLUSTER_ROOT_URL']);

/** The bundled reference of `service`, through a public client; undefined when the bundle lacks it. */
export const bundledReference = (
  service: string,
  options: ClientOptions = {},
): Promise<Reference | undefined> =>
  createClient(service, { ...options, references: 'bundled' })
    .ready()
    .catch(() => undefined);

/** A client for `service` with its reference loaded. */
export async function loadService(
  io: Io,
  service: string,
  options: ClientOptions,
): Promise<LoadedService> {
  const source = options.references ?? 'auto';
  const client = createClient(service, options);
  // Under auto, ready() would ask the deployment every time: the bundle answers what it knows.
  const bundled = source === 'auto' ? await bundledReference(service, options) : undefined;
  if (bundled) return { client, reference: bundled, name: referenceName(bundled) };
  try {
    const reference = await client.ready();
    return { client, reference, name: referenceName(reference) };
  } catch (err) {
    // Without a root URL, "auto" can only look in the bundle: the name is simply unknown there.
    if (source !== 'auto' || hasRootUrl(io, options)) throw err;
    throw usageError(
      `unknown service ${service} in the bundled references; pass --root-url to ask a deployment, or run 'tcdyn services'`,
      err,
    );
  }
}

/** ` Did you mean createTask?` for the nearest names, or nothing. */
export function suggestion(name: string, known: readonly string[]): string {
  const lower = name.toLowerCase();
  const near = known.filter(
    (k) =>
      editDistance(lower, k.toLowerCase()) <= Math.max(2, Math.floor(name.length / 4)) ||
      (lower.length > 3 && k.toLowerCase().includes(lower)),
  );
  return near.length ? ` Did you mean ${near.slice(0, 3).join(', ')}?` : '';
}

/** The entry `name` of `service`, looked up in the deployment too when the bundle lacks it (references "auto"). */
export async function resolveEntry(
  io: Io,
  service: string,
  name: string,
  options: ClientOptions,
): Promise<ResolvedEntry> {
  const loaded = await loadService(io, service, options);
  const entry = findEntry(loaded.reference, name);
  if (entry) return { ...loaded, entry };
  let known = loaded.reference.entries.map((e) => e.name);
  let unread = '';
  if ((options.references ?? 'auto') === 'auto' && hasRootUrl(io, options)) {
    const client = loaded.client.use({ references: 'remote' });
    const reference = await client.ready().catch((err: unknown) => {
      unread = ` (the deployment's references could not be read: ${messageOf(err)})`;
    });
    const remoteEntry = reference && findEntry(reference, name);
    if (reference && remoteEntry)
      return { client, reference, name: loaded.name, entry: remoteEntry };
    if (reference) known = reference.entries.map((e) => e.name);
  }
  const what = 'exchangePrefix' in loaded.reference ? 'exchange' : 'method';
  throw usageError(
    `unknown ${what} ${loaded.name}.${name}.${suggestion(name, known)}${unread} Run 'tcdyn help ${loaded.name}' for the list.`,
  );
}

/** The entry as an API method, or a usage error when it names an exchange. */
export function asFunction(resolved: ResolvedEntry): ResolvedEntry<FunctionEntry> {
  if (resolved.entry.type !== 'function') {
    throw usageError(
      `${resolved.name}.${resolved.entry.name} is an exchange; use 'tcdyn pattern ${resolved.name} ${resolved.entry.name}'`,
    );
  }
  return resolved as ResolvedEntry<FunctionEntry>;
}

/**
 * A client's method (or exchange pattern builder) by its reference name, called on the client.
 * A client's methods are `any` to the compiler; the CLI passes them parsed words and prints
 * whatever comes back, so it sees them as taking and returning `unknown`.
 */
export function methodOf(client: Client, name: string): (...args: unknown[]) => unknown {
  const method: unknown = client[name];
  if (typeof method !== 'function') throw usageError(`${name} is not a method of this client`);
  return (...args) => (method as (this: Client, ...args: unknown[]) => unknown).apply(client, args);
}
