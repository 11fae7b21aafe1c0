// Who may call the sandbox: the root client it creates, the permanent clients and roles given
// at start, and the anonymous role that unauthenticated calls get.
import { randomBytes } from 'node:crypto';
import { failure } from '../errors.js';
import { expandScopes, type Role } from './roles.js';
import type { Issuer } from './certificate.js';

/** A permanent client given to `startSandbox`. */
export interface SandboxClient {
  clientId: string;
  accessToken: string;
  scopes: string[];
  description?: string;
}

export const ROOT_CLIENT_ID = 'static/taskcluster/root';

// Real deployments let anyone read public artifacts; a role named `anonymous` replaces this.
const DEFAULT_ANONYMOUS: Role = { roleId: 'anonymous', scopes: ['queue:get-artifact:public/*'] };

export interface ClientDirectory {
  readonly root: { clientId: string; accessToken: string };
  readonly created: string;
  /** A permanent client (the root included) with its expanded scopes. */
  permanent(clientId: string): (SandboxClient & { expandedScopes: string[] }) | undefined;
  issuer(clientId: string): Issuer | undefined;
  expand(scopes: readonly string[]): string[];
  anonymousScopes(): string[];
}

/** The clients and roles of one sandbox. */
export function createClientDirectory(
  clients: readonly SandboxClient[] = [],
  roles: readonly Role[] = [],
): ClientDirectory {
  const root: SandboxClient = {
    clientId: ROOT_CLIENT_ID,
    accessToken: randomBytes(33).toString('base64url'),
    scopes: ['*'],
    description: 'sandbox root client',
  };
  const byId = new Map<string, SandboxClient>([[root.clientId, root]]);
  for (const client of clients) {
    checkClient(client);
    byId.set(client.clientId, { ...client, scopes: [...client.scopes] });
  }
  const allRoles = roles.some((r) => r.roleId === 'anonymous')
    ? [...roles]
    : [...roles, DEFAULT_ANONYMOUS];
  const expand = (scopes: readonly string[]) => expandScopes(scopes, allRoles);
  const permanent = (clientId: string) => {
    const client = byId.get(clientId);
    return client && { ...client, expandedScopes: expand(client.scopes) };
  };
  return {
    root: { clientId: root.clientId, accessToken: root.accessToken },
    created: new Date().toJSON(),
    permanent,
    issuer: (clientId) => {
      const client = permanent(clientId);
      return client && { clientId, accessToken: client.accessToken, scopes: client.expandedScopes };
    },
    expand,
    anonymousScopes: () => expand(['assume:anonymous']),
  };
}

/** A client as given by a JavaScript caller: checked, not trusted to match its type. */
function checkClient(given: unknown): void {
  const client = given as Partial<Record<keyof SandboxClient, unknown>> | null | undefined;
  const ok =
    client &&
    typeof client.clientId === 'string' &&
    typeof client.accessToken === 'string' &&
    Array.isArray(client.scopes) &&
    client.scopes.every((s) => typeof s === 'string');
  if (!ok)
    throw failure('startSandbox: each client needs {clientId, accessToken, scopes: string[]}');
}
