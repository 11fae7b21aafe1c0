// `tcdyn signin`: the official shell CLI's browser flow. A callback server on 127.0.0.1, the
// deployment's client-creation page (URL on stderr), and the new client's credentials as
// shell `export` lines on stdout, the only place the accessToken appears.
// `tcdyn signin --check` describes the environment's credentials instead.
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import {
  listOption,
  requireRootUrl,
  stringOption,
  type Command,
  type OptionValues,
} from '../args.js';
import { EXIT_OK, printLines, shellQuote, usageError, type Io } from '../output.js';
import { startSigninCallback } from '../signin-callback.js';
import { checkCredentials } from '../signin-check.js';

const DEFAULT_TIMEOUT_S = 300;
const DESCRIPTION = 'Temporary client for use on the command line (tcdyn signin)';

function timeoutOf(given: string | undefined): number {
  if (given === undefined) return DEFAULT_TIMEOUT_S * 1000;
  const seconds = Number(given);
  if (!/^\d+(\.\d+)?$/.test(given) || seconds <= 0)
    throw usageError(
      `--timeout must be a positive number of seconds, got ${JSON.stringify(given)}`,
    );
  return seconds * 1000;
}

/** `<rootUrl>/auth/clients/create?name=…&scope=…&expires=…&callback_url=…&description=…`. */
export function signinUrl(
  rootUrl: string,
  fields: { name: string; scopes: string[]; expires: string; callbackUrl: string },
): string {
  const query = new URLSearchParams({ name: fields.name, description: DESCRIPTION });
  for (const scope of fields.scopes) query.append('scope', scope);
  query.set('expires', fields.expires);
  query.set('callback_url', fields.callbackUrl);
  return `${rootUrl}/auth/clients/create?${query.toString()}`;
}

/** Best effort: a browser for a person at a terminal; failing to start one is not an error. */
function openBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : 'xdg-open';
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

async function signin(io: Io, opts: OptionValues, rootUrl: string): Promise<number> {
  const timeoutMs = timeoutOf(stringOption(opts, 'timeout'));
  const given = listOption(opts, 'scope');
  const callback = await startSigninCallback(timeoutMs);
  const url = signinUrl(rootUrl, {
    name: stringOption(opts, 'name') ?? `tcdyn-${hostname()}`,
    scopes: given.length ? given : ['*'],
    expires: stringOption(opts, 'expires') ?? '1d',
    callbackUrl: callback.url,
  });
  io.stderr.write(`Sign in with your browser: open\n  ${url}\nWaiting for its callback...\n`);
  if (io.stdoutIsTTY && opts['no-browser'] !== true) openBrowser(url);
  const { clientId, accessToken } = await callback.credentials;
  io.stderr.write(`Signed in as ${clientId}\n`);
  printLines(io, [
    `export TASKCLUSTER_CLIENT_ID=${shellQuote(clientId)}`,
    `export TASKCLUSTER_ACCESS_TOKEN=${shellQuote(accessToken)}`,
    `export TASKCLUSTER_ROOT_URL=${shellQuote(rootUrl)}`,
  ]);
  return EXIT_OK;
}

export const signinCommand: Command = {
  name: 'signin',
  summary: 'get credentials through the browser, as shell export lines (--check: describe current)',
  usage: '[--scope SCOPE]... [--expires 1d] [--name NAME] [--no-browser] | --check [--json]',
  details:
    "Starts a callback server on 127.0.0.1 and prints the deployment's client-creation page\n" +
    '(<rootUrl>/auth/clients/create?name=&scope=&expires=&callback_url=&description=) on stderr.\n' +
    'Once you create the client there, the page redirects to the callback with clientId and\n' +
    'accessToken, and signin prints `export` lines for eval. Scopes default to *, expiry to 1d.\n' +
    "--check calls auth.currentScopes with the environment's credentials and shows clientId,\n" +
    'scopes and expiry; it exits 1 when the credentials are refused.',
  options: {
    scope: {
      type: 'string',
      multiple: true,
      value: 'SCOPE',
      description: 'a scope to ask for (repeatable; default *)',
    },
    expires: {
      type: 'string',
      value: 'OFFSET',
      description: 'how long the client lives (default 1d)',
    },
    name: {
      type: 'string',
      value: 'NAME',
      description: 'the client name (default tcdyn-<hostname>)',
    },
    timeout: {
      type: 'string',
      value: 'SECONDS',
      description: `how long to wait for the callback (default ${String(DEFAULT_TIMEOUT_S)})`,
    },
    'no-browser': { type: 'boolean', description: 'only print the URL, never start a browser' },
    check: { type: 'boolean', description: 'describe the current credentials instead' },
    json: { type: 'boolean', description: 'with --check: print JSON' },
  },
  examples: ['eval "$(tcdyn signin --scope \'queue:*\' --expires 2h)"', 'tcdyn signin --check'],
  async run({ io, values, positionals }) {
    if (positionals.length)
      throw usageError(`signin takes no arguments; got ${JSON.stringify(positionals[0])}`);
    const rootUrl = requireRootUrl(io, values);
    if (values['check'] === true) return checkCredentials(io, values, rootUrl);
    return signin(io, values, rootUrl);
  },
};
