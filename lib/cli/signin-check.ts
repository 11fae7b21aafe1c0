// `tcdyn signin --check`: who the environment's credentials are, what they may do and until
// when. Scopes come from auth.currentScopes (which also proves the credentials work); expiry
// from the certificate for temporary credentials, else from auth.client.
import type { OptionValues } from './args.js';
import { clientOptionsFrom } from './args.js';
import { EXIT_OK, printJson, printLines, usageError, type Io } from './output.js';
import { createClient, optionsFromEnvironment } from '../index.js';

export interface CredentialsReport {
  clientId: string;
  type: 'permanent' | 'temporary';
  scopes: string[];
  expires?: string;
}

/** The certificate's expiry (ms since the epoch), or undefined when it has none readable. */
function certificateExpiry(certificate: unknown): string | undefined {
  const parsed: unknown =
    typeof certificate === 'string' ? JSON.parse(certificate) : (certificate ?? undefined);
  const expiry = (parsed as { expiry?: unknown } | undefined)?.expiry;
  return typeof expiry === 'number' ? new Date(expiry).toISOString() : undefined;
}

async function report(io: Io, values: OptionValues, rootUrl: string): Promise<CredentialsReport> {
  // optionsFromEnvironment keeps only a usable clientId/accessToken pair.
  if (!optionsFromEnvironment(io.env).credentials)
    throw usageError('no credentials: set TASKCLUSTER_CLIENT_ID and TASKCLUSTER_ACCESS_TOKEN');
  const clientId = io.env['TASKCLUSTER_CLIENT_ID'] ?? '';
  const certificate = io.env['TASKCLUSTER_CERTIFICATE'];
  const auth = createClient('auth', clientOptionsFrom(io, values, { rootUrl }));
  const { scopes } = (await auth.currentScopes()) as { scopes: string[] };
  if (certificate) {
    const expires = certificateExpiry(certificate);
    return { clientId, type: 'temporary', scopes, ...(expires ? { expires } : {}) };
  }
  const client = (await auth.client(clientId)) as { expires?: string };
  return {
    clientId,
    type: 'permanent',
    scopes,
    ...(client.expires ? { expires: client.expires } : {}),
  };
}

/** Print the report (JSON with --json or when piped); a refused credential exits 1 through the caller. */
export async function checkCredentials(
  io: Io,
  values: OptionValues,
  rootUrl: string,
): Promise<number> {
  const found = await report(io, values, rootUrl);
  if (values['json'] === true || !io.stdoutIsTTY) printJson(io, found);
  else
    printLines(io, [
      `clientId: ${found.clientId} (${found.type})`,
      `expires:  ${found.expires ?? 'unknown'}`,
      'scopes:',
      ...found.scopes.map((scope) => `  ${scope}`),
    ]);
  return EXIT_OK;
}
