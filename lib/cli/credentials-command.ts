// `--credentials-command CMD` (or TASKCLUSTER_CREDENTIALS_COMMAND): credentials from a command,
// since a shell cannot hand the client a function. The command runs in a shell when credentials
// are first needed, and its stdout is JSON {clientId, accessToken, certificate?, expires?} (what
// `tcdyn temp-creds --json` prints). It becomes the client's credentials provider, so its answer
// is cached until shortly before it expires, and concurrent calls share one run of it.
import { spawn } from 'node:child_process';
import {
  credentialSourceOf,
  type CredentialsProvider,
  type ProvidedCredentials,
} from '../auth/credential-provider.js';
import type { ClientOptions } from '../options.js';
import { checkCredentialFields } from '../auth/credential-shape.js';
import { failure } from '../errors.js';
import type { Io } from './output.js';

/** More output than any credentials: the command is stopped and its output refused. */
const MAX_OUTPUT = 64 * 1024;

const refuse = (command: string, why: string) =>
  failure(`credentials command ${JSON.stringify(command)} ${why}`, {
    code: 'CredentialsProviderFailed',
  });

/** The command's stdout; its stderr goes to the CLI's (a prompt or a warning is the user's). */
function output(io: Io, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const env = Object.fromEntries(
      Object.entries(io.env).filter((e): e is [string, string] => e[1] !== undefined),
    );
    const child = spawn(command, {
      shell: true,
      cwd: io.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let size = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT) child.kill();
      else chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => io.stderr.write(chunk));
    child.on('error', (cause) => {
      reject(refuse(command, `could not start: ${cause.message}`));
    });
    child.on('close', (status, signal) => {
      if (size > MAX_OUTPUT)
        reject(refuse(command, `printed more than ${String(MAX_OUTPUT)} bytes`));
      else if (status !== 0)
        reject(
          refuse(
            command,
            `exited with ${signal ? `signal ${signal}` : `status ${String(status)}`}`,
          ),
        );
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}

const SHAPE = 'expected {clientId, accessToken, certificate?, expires?}';

function jsonObject(command: string, text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw refuse(command, `printed no JSON (${String(text.length)} characters): ${SHAPE}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw refuse(command, `printed JSON that is not an object: ${SHAPE}`);
  return Object.fromEntries(Object.entries(parsed));
}

/** The credentials in the command's output; errors never quote it, since it holds a token. */
export function parseCredentials(command: string, text: string): ProvidedCredentials {
  const given = jsonObject(command, text);
  checkCredentialFields(`credentials command ${JSON.stringify(command)}`, given);
  const { clientId, accessToken, certificate, expires } = given;
  if (typeof clientId !== 'string' || typeof accessToken !== 'string')
    throw refuse(command, `printed no clientId and accessToken: ${SHAPE}`);
  if (expires !== undefined && typeof expires !== 'string' && typeof expires !== 'number')
    throw refuse(command, 'printed an expires that is neither a date string nor a time in ms');
  return {
    clientId,
    accessToken,
    ...(certificate === undefined
      ? {}
      : {
          certificate: typeof certificate === 'string' ? certificate : JSON.stringify(certificate),
        }),
    ...(expires === undefined ? {} : { expires }),
  };
}

// One provider per command line and command: every client of a run shares its cached answer.
const PROVIDERS = new WeakMap<Io, Map<string, CredentialsProvider>>();

/** The credentials provider that runs `command` for `io`'s command line. */
export function commandProvider(io: Io, command: string): CredentialsProvider {
  const byCommand = PROVIDERS.get(io) ?? new Map<string, CredentialsProvider>();
  PROVIDERS.set(io, byCommand);
  let provider = byCommand.get(command);
  if (!provider) {
    provider = async () => parseCredentials(command, await output(io, command));
    byCommand.set(command, provider);
  }
  return provider;
}

/** Run a provider now, for what signs synchronously (signed URLs); other credentials as they are. */
export async function fetchCredentials(credentials: ClientOptions['credentials']): Promise<void> {
  if (typeof credentials === 'function') await credentialSourceOf(credentials).current();
}
