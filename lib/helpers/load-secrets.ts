// loadSecrets: one secret of the secrets service (or local secrets, without a request) merged
// over defaults, whole or by prefix, with the required keys checked.
import { failure } from '../errors.js';
import type { Client } from '../client/create-client.js';

/** A plain object of secret values. */
export type SecretValues = Record<string, unknown>;

/** Options of {@link loadSecrets}; all optional. */
export interface LoadSecretsOptions {
  /** Merge only these top-level sections of the secret, in this order (later ones win). */
  prefixes?: readonly string[] | undefined;
  /** Keys that must be present once everything is merged. */
  required?: readonly string[] | undefined;
  /** Defaults the secret overrides. */
  existing?: SecretValues | undefined;
  /** Used instead of the secrets service, without any request (local development). */
  localSecrets?: SecretValues | null | undefined;
}

/** Anything with the secrets service's `get(name)`, such as `createClient('secrets')`. */
export type SecretsService =
  | Client
  | {
      /** Reads one secret, as the secrets service's `get(name)` does. */
      get(name: string): Promise<unknown>;
    };

const WHAT = 'loadSecrets(secretsService, name, options)';

const isPlainObject = (value: unknown): value is SecretValues =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((s) => typeof s === 'string');

/**
 * Load the secret `name` (its `secret` field) and return `existing` with the secret merged over
 * it: whole, or with `prefixes` only those sections in order. With `localSecrets` nothing is
 * fetched and those values stand in for the secret. Fails naming every `required` key that is
 * still missing. Merges are shallow; the result is a fresh object.
 *
 * @example const secrets = await loadSecrets(createClient('secrets'), 'project/app/ci', { prefixes: ['common', 'ci'], required: ['API_TOKEN'] });
 */
export async function loadSecrets(
  secretsService: SecretsService | null | undefined,
  name: string | null | undefined,
  options: LoadSecretsOptions = {},
): Promise<SecretValues> {
  const { prefixes = [], required = [], existing = {}, localSecrets } = checkOptions(options);
  const all = isPlainObject(localSecrets) ? localSecrets : await fetchSecret(secretsService, name);
  let secrets: SecretValues = { ...existing };
  if (prefixes.length === 0) {
    secrets = { ...secrets, ...all };
  } else {
    for (const prefix of prefixes) secrets = { ...secrets, ...section(all, prefix, name) };
  }
  const missing = required.filter((key) => !Object.hasOwn(secrets, key));
  if (missing.length > 0) {
    const source = isPlainObject(localSecrets)
      ? 'the local secrets'
      : `secret ${JSON.stringify(name)}`;
    throw failure(
      `${WHAT}: missing required ${missing.length === 1 ? 'key' : 'keys'} ${missing.join(', ')} in ${source}${prefixes.length ? ` (prefixes ${prefixes.join(', ')})` : ''}`,
      { code: 'MissingSecrets', missing },
    );
  }
  return secrets;
}

function checkOptions(options: unknown): LoadSecretsOptions {
  if (!isPlainObject(options)) throw failure(`${WHAT}: options must be an object`);
  // From JS callers any field may hold anything, null included.
  const { prefixes, required, existing, localSecrets } = options as Record<
    keyof LoadSecretsOptions,
    unknown
  >;
  if (prefixes !== undefined && !isStringList(prefixes))
    throw failure(`${WHAT}: options.prefixes must be an array of strings`);
  if (required !== undefined && !isStringList(required))
    throw failure(`${WHAT}: options.required must be an array of strings`);
  if (existing !== undefined && existing !== null && !isPlainObject(existing))
    throw failure(`${WHAT}: options.existing must be an object`);
  if (localSecrets !== undefined && localSecrets !== null && !isPlainObject(localSecrets)) {
    throw failure(`${WHAT}: options.localSecrets must be an object`);
  }
  return { prefixes, required, existing: existing ?? undefined, localSecrets };
}

async function fetchSecret(
  secretsService: SecretsService | null | undefined,
  name: unknown,
): Promise<SecretValues> {
  if (typeof name !== 'string' || !name)
    throw failure(`${WHAT}: name must be a non-empty string (or pass options.localSecrets)`);
  if (typeof secretsService?.get !== 'function')
    throw failure(
      `${WHAT}: secretsService must be a secrets client, such as createClient('secrets')`,
    );
  const answer = (await (secretsService as { get(name: string): Promise<unknown> }).get(name)) as
    | { secret?: unknown }
    | undefined;
  const secret = answer?.secret ?? {};
  if (!isPlainObject(secret))
    throw failure(`${WHAT}: secret ${JSON.stringify(name)} does not hold an object`);
  return secret;
}

function section(all: SecretValues, prefix: string, name: unknown): SecretValues {
  const part = Object.hasOwn(all, prefix) ? all[prefix] : undefined;
  if (part === undefined || part === null) return {};
  if (!isPlainObject(part))
    throw failure(
      `${WHAT}: section ${JSON.stringify(prefix)} of secret ${JSON.stringify(name)} is not an object`,
    );
  return part;
}
