// `tcdyn signed-url <service> <method> [params...]`: a GET URL carrying a Hawk bewit, so that
// a browser or curl can fetch it without credentials until it expires.
import { stringOption, type Command } from '../args.js';
import { asUsage, EXIT_OK, printLines, usageError } from '../output.js';
import { urlTarget } from '../url-target.js';
import { fetchCredentials } from '../credentials-command.js';

function expirationOf(given: string | undefined): number | undefined {
  if (given === undefined) return undefined;
  if (!/^\d+$/.test(given) || Number(given) <= 0)
    throw usageError(
      `--expiration must be a whole number of seconds > 0, got ${JSON.stringify(given)}`,
    );
  return Number(given);
}

export const signedUrlCommand: Command = {
  name: 'signed-url',
  summary: 'print a signed (bewit) URL for a GET method, using the credentials of the environment',
  usage: '<service> <method> [params...] [--query key=value]... [--expiration SECONDS]',
  options: {
    query: { type: 'string', multiple: true, value: 'KEY=VALUE', description: 'a query parameter' },
    expiration: {
      type: 'string',
      value: 'SECONDS',
      description: 'lifetime of the URL (default 900)',
    },
  },
  examples: [
    'tcdyn signed-url queue getLatestArtifact fN1SbArXTPSVFNUvaOlinQ private/build/log.txt',
    'curl -L "$(tcdyn signed-url secrets get my-secret --expiration 60)"',
  ],
  async run(context) {
    const expiration = expirationOf(stringOption(context.values, 'expiration'));
    const { client, entry, name, params, query, credentials } = await urlTarget(
      context,
      this.usage,
    );
    // Signing a URL is synchronous: a credentials command runs first.
    await fetchCredentials(credentials);
    if (entry.method.toUpperCase() !== 'GET')
      throw usageError(
        `${name}.${entry.name} is a ${entry.method.toUpperCase()} method; only GET methods can be signed`,
      );
    // The options object comes after the query, so a method with a query list gets one, empty or not.
    const args: unknown[] = [...params, ...(entry.query?.length ? [query ?? {}] : [])];
    if (expiration !== undefined) args.push({ expiration });
    printLines(context.io, [asUsage(() => client.buildSignedUrl(entry.name, ...args))]);
    return EXIT_OK;
  },
};
