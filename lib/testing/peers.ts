// Node-only: the sandbox's server side lives in optional peer dependencies (a client's users do
// not install a test server); this finds which are missing and says how to install them.
import { failure } from '../errors.js';

/** What the sandbox loads, as package.json lists them under peerDependencies. */
export const SANDBOX_PEERS = ['msw', '@hapi/hawk', 'taskcluster-lib-scopes'] as const;

const isNotFound = (error: unknown, name: string) => {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    String(message).includes(`'${name}'`)
  );
};

/** The peers that cannot be imported; any other import failure is rethrown. */
export async function missingPeers(
  names: readonly string[] = SANDBOX_PEERS,
  // msw's HTTP part is what the sandbox loads; its main module would load graphql as well.
  load: (name: string) => Promise<unknown> = (name) =>
    import(name === 'msw' ? 'msw/core/http' : name),
): Promise<string[]> {
  const missing = await Promise.all(
    names.map((name) =>
      load(name).then(
        () => undefined,
        (error: unknown) => {
          if (isNotFound(error, name)) return name;
          throw error;
        },
      ),
    ),
  );
  return missing.filter((name): name is string => name !== undefined);
}

/** Fail with one line naming the install command when a peer is missing. */
export async function assertPeers(what: string, names: readonly string[] = SANDBOX_PEERS) {
  const missing = await missingPeers(names);
  if (missing.length === 0) return;
  throw failure(
    `${what} needs ${missing.join(', ')}: npm install --save-dev ${missing.join(' ')}`,
    { code: 'MissingPeerDependency' },
  );
}
