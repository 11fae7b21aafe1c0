// The default export: a drop-in namespace for code written against the official
// taskcluster-client, where any PascalCase name is a client class (`new tc.Queue(options)`).
import { createClient, type Client } from './client/create-client.js';
import type { ClientOptions } from './options.js';
import { environmentOptions } from './options.js';
import { processEnv } from './utils/environment.js';
import { clientName, pascalName, referenceClientName } from './references/names.js';
import type { Reference } from './references/types.js';
import { withServiceName } from './references/legacy.js';
import { bundledNames } from './references/bundled.js';
import { withConfigured } from './compat/official.js';
import type { KnownService, ServiceClients } from './types/index.js';

export type ClientClass<C = Client> = new (options?: ClientOptions) => C;

/** `Queue`, `QueueEvents`, `PurgeCache`...: the PascalCase names among the known services. */
type ClassName<K> = K extends `${string}-${string}`
  ? never
  : K extends Capitalize<K & string>
    ? K
    : never;

/** The drop-in namespace: the named exports, a typed class per known service, any other PascalCase name loosely. */
export type Namespace<E> = E & {
  readonly [K in KnownService as ClassName<K>]: ClientClass<ServiceClients[K]>;
} & {
  createClient<N extends KnownService>(name: N, options?: ClientOptions): ServiceClients[N];
  createClient(name: string, options?: ClientOptions): Client;
  createClient(reference: Reference, className?: string): ClientClass;
  fromEnvVars(): ClientOptions;
  /** The official client's `clients`: a class for each bundled service. */
  readonly clients: Readonly<Record<string, ClientClass>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- public type: the official namespace is untyped
  readonly [className: string]: any;
};

const classes = new Map<string, ClientClass>();

function namedClass(className: string, make: (options?: ClientOptions) => Client): ClientClass {
  // A constructor that returns the client Proxy: `new tc.Queue(...)` is the client itself.
  const cls = {
    [className]: function (options?: ClientOptions) {
      return make(options);
    },
  }[className];
  return cls as unknown as ClientClass;
}

/** The client class for a service name (`Queue`, `QueueEvents`, `PurgeCache`, ...). */
export function clientClass(name: string): ClientClass {
  const key = clientName(name);
  let cls = classes.get(key);
  if (!cls) {
    cls = namedClass(name, (options) => createClient(key, withConfigured(options)));
    classes.set(key, cls);
  }
  return cls;
}

/** The official client's createClient(reference): a class for that reference document. */
export function classForReference(reference: Reference, className = 'Client'): ClientClass {
  // Older documents name their service in `name`; the official client reads them, so do we.
  const ref = withServiceName(reference, clientName(className));
  const name = referenceClientName(ref);
  return namedClass(className, (options) => {
    const given = withConfigured(options);
    return createClient(name, { ...given, references: given.references ?? ref });
  });
}

/** The official client's `clients`: a class for each bundled service (`Auth`, `QueueEvents`, ...). */
export function clientClasses(): Record<string, ClientClass> {
  return Object.fromEntries(
    bundledNames().map((name) => [pascalName(name), clientClass(pascalName(name))]),
  );
}

/** The official client's fromEnvVars(). */
export function fromEnvVars(): ClientOptions {
  return environmentOptions(processEnv());
}

/** Build the namespace Proxy over the named exports. */
export function namespace<E extends Record<string, unknown>>(exports: E): Namespace<E> {
  const base = {
    ...exports,
    createClient: (ref: string | Reference, ...rest: unknown[]) =>
      typeof ref === 'string'
        ? createClient(ref, withConfigured(rest[0] as ClientOptions))
        : classForReference(ref, typeof rest[0] === 'string' && rest[0] ? rest[0] : 'Unknown'),
    fromEnvVars,
  };
  // Read on use: listing the bundled services at import would cost every program that never asks.
  let classes: Record<string, ClientClass> | undefined;
  Object.defineProperty(base, 'clients', {
    get: () => (classes ??= clientClasses()),
    enumerable: true,
  });
  return new Proxy(base, {
    get(target, key) {
      if (typeof key === 'string' && !(key in target) && /^[A-Z][A-Za-z0-9]*$/.test(key))
        return clientClass(key);
      return Reflect.get(target, key);
    },
    has(target, key) {
      return (
        Reflect.has(target, key) || (typeof key === 'string' && /^[A-Z][A-Za-z0-9]*$/.test(key))
      );
    },
  }) as unknown as Namespace<E>;
}
