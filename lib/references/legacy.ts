// Reference documents as the official client accepts them: older ones name their service in
// `name` (or only in `baseUrl` / `exchangePrefix`) instead of `serviceName`.
import type { Reference } from './types.js';

interface LegacyFields {
  serviceName?: unknown;
  name?: unknown;
  baseUrl?: unknown;
  exchangePrefix?: unknown;
}

/** The service a reference serves, read the official client's way: serviceName, name, baseUrl's host, exchangePrefix. */
export function legacyServiceName(reference: LegacyFields): string | undefined {
  if (typeof reference.serviceName === 'string' && reference.serviceName)
    return reference.serviceName;
  if (typeof reference.name === 'string' && reference.name) return reference.name;
  if (typeof reference.baseUrl === 'string')
    return reference.baseUrl.split('//')[1]?.split('.')[0] || undefined;
  if (typeof reference.exchangePrefix === 'string')
    return reference.exchangePrefix.split('/')[1]?.replace('taskcluster-', '') || undefined;
  return undefined;
}

/**
 * The reference itself when it has a serviceName, else a copy with the one the official client
 * would use, or `fallback` for a document that names no service at all.
 */
export function withServiceName<R extends Reference>(reference: R, fallback: string): R {
  if (typeof reference.serviceName === 'string' && reference.serviceName) return reference;
  const serviceName = legacyServiceName(reference) ?? fallback;
  return { ...reference, serviceName };
}
