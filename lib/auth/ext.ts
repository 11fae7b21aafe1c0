// The Hawk `ext` field Taskcluster reads: base64 JSON of {certificate?, authorizedScopes?}.
import type { Credentials } from '../options.js';
import { failure } from '../errors.js';
import { base64, utf8 } from '../utils/bytes.js';

/** The ext value for these credentials and authorized scopes, or undefined when neither applies. */
export function hawkExt(
  credentials: Credentials | undefined,
  authorizedScopes: readonly string[] | undefined,
): string | undefined {
  const ext: { certificate?: unknown; authorizedScopes?: readonly string[] } = {};
  const certificate = credentials?.certificate;
  if (certificate) {
    if (typeof certificate === 'string') {
      try {
        ext.certificate = JSON.parse(certificate);
      } catch (cause) {
        throw failure('credentials.certificate is not valid JSON', { cause });
      }
    } else {
      ext.certificate = certificate;
    }
  }
  if (authorizedScopes) ext.authorizedScopes = authorizedScopes;
  return Object.keys(ext).length ? base64(utf8(JSON.stringify(ext))) : undefined;
}
