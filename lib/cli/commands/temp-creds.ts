// `tcdyn temp-creds`: temporary credentials signed with the environment's permanent ones, as
// shell `export` lines (for eval) or JSON. The issuer's own accessToken is never printed.
import { listOption, stringOption, type Command } from '../args.js';
import {
  asUsage,
  EXIT_OK,
  printJson,
  printLines,
  shellQuote,
  usageError,
  type Io,
} from '../output.js';
import { createTemporaryCredentials, fromNow } from '../../index.js';

function issuerOf(io: Io) {
  const clientId = io.env['TASKCLUSTER_CLIENT_ID'];
  const accessToken = io.env['TASKCLUSTER_ACCESS_TOKEN'];
  if (!clientId || !accessToken) {
    throw usageError(
      'temp-creds signs with permanent credentials: set TASKCLUSTER_CLIENT_ID and TASKCLUSTER_ACCESS_TOKEN',
    );
  }
  const certificate = io.env['TASKCLUSTER_CERTIFICATE'];
  return { clientId, accessToken, ...(certificate ? { certificate } : {}) };
}

export const tempCredsCommand: Command = {
  name: 'temp-creds',
  summary:
    'create temporary credentials from TASKCLUSTER_CLIENT_ID/ACCESS_TOKEN (no request is made)',
  usage: '--expiry OFFSET --scopes SCOPE [SCOPE...] [--start OFFSET] [--name NAME] [--json]',
  details:
    'Prints `export TASKCLUSTER_...=` lines for `eval`, or with --json {clientId, accessToken, certificate}.\nAt most 31 days; --name makes named temporary credentials (the issuer needs auth:create-client:<name>).',
  options: {
    scopes: {
      type: 'string',
      multiple: true,
      value: 'SCOPE',
      description: 'a scope; further scopes may follow as arguments',
    },
    expiry: {
      type: 'string',
      value: 'OFFSET',
      description: 'when the credentials expire, e.g. "1 hour" (required)',
    },
    start: {
      type: 'string',
      value: 'OFFSET',
      description: 'when they become valid (default now; --start=-5min allows for clock skew)',
    },
    name: { type: 'string', value: 'NAME', description: 'clientId of named temporary credentials' },
    json: { type: 'boolean', description: 'print JSON instead of export lines' },
  },
  examples: [
    `eval "$(tcdyn temp-creds --expiry 1h --scopes 'queue:create-task:highest:proj/*' queue:scheduler-id:-)"`,
    'tcdyn temp-creds --expiry "2 days" --scopes secrets:get:my/secret --name my-robot --json',
  ],
  run({ io, values, positionals }) {
    const expiry = stringOption(values, 'expiry');
    if (!expiry) throw usageError('--expiry OFFSET is required, e.g. --expiry "1 hour"');
    if (!values['scopes'] && positionals.length)
      throw usageError(`scopes follow --scopes; got ${JSON.stringify(positionals[0])}`);
    const scopes = [...listOption(values, 'scopes'), ...positionals];
    const start = stringOption(values, 'start');
    const name = stringOption(values, 'name');
    const now = new Date();
    const credentials = asUsage(() =>
      createTemporaryCredentials({
        credentials: issuerOf(io),
        start: fromNow(start ?? '', now),
        expiry: fromNow(expiry, now),
        scopes,
        ...(name ? { clientId: name } : {}),
      }),
    );
    if (values['json']) {
      printJson(io, credentials);
    } else {
      printLines(io, [
        `export TASKCLUSTER_CLIENT_ID=${shellQuote(credentials.clientId)}`,
        `export TASKCLUSTER_ACCESS_TOKEN=${shellQuote(credentials.accessToken)}`,
        `export TASKCLUSTER_CERTIFICATE=${shellQuote(credentials.certificate)}`,
      ]);
    }
    return EXIT_OK;
  },
};
