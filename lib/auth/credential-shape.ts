// What a credentials value may be: nothing, an object with a clientId/accessToken pair (and a
// certificate), or a provider function. Anything else fails at once, never silently anonymous.
import { failure } from '../errors.js';

/** The fields of credentials, as this module checks them (options.ts holds the public type). */
interface CredentialFields {
  clientId?: unknown;
  accessToken?: unknown;
  certificate?: unknown;
}

const describe = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;

/**
 * Refuse credentials that could not sign: not an object, a clientId without an accessToken
 * (or the reverse), fields that are not strings. `{}` and undefined mean anonymous.
 * `what` names where they came from (`option credentials`, `the credentials provider`).
 */
export function checkCredentialFields(what: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const hint = typeof value === 'string' ? ' (not a "clientId:accessToken" string)' : '';
    throw failure(
      `${what} must be an object {clientId, accessToken, certificate?}${hint}, got ${describe(value)}`,
      { code: 'InvalidCredentials' },
    );
  }
  const { clientId, accessToken, certificate } = value as CredentialFields;
  for (const [name, field] of [
    ['clientId', clientId],
    ['accessToken', accessToken],
  ] as const) {
    if (field !== undefined && (typeof field !== 'string' || field === ''))
      throw failure(`${what}: ${name} must be a non-empty string, got ${describe(field)}`, {
        code: 'InvalidCredentials',
      });
  }
  // The clientId travels in the Hawk header as id="…", where Hawk takes printable ASCII but `"` and `\`.
  if (typeof clientId === 'string' && !/^[\x20\x21\x23-\x5b\x5d-\x7e]+$/.test(clientId))
    throw failure(
      `${what}: clientId must be printable ASCII without " or \\ (it is sent in the Authorization header)`,
      { code: 'InvalidCredentials' },
    );
  if ((clientId === undefined) !== (accessToken === undefined)) {
    const missing = clientId === undefined ? 'clientId' : 'accessToken';
    throw failure(
      `${what}: ${missing} is missing (give both clientId and accessToken, or neither)`,
      {
        code: 'InvalidCredentials',
      },
    );
  }
  const certificateType = describe(certificate);
  if (certificate !== undefined && certificateType !== 'string' && certificateType !== 'object')
    throw failure(
      `${what}: certificate must be a JSON string or an object, got ${certificateType}`,
      {
        code: 'InvalidCredentials',
      },
    );
}
