// Service name forms: `queue`, `purge-cache`, `queue-events` (client names, the canonical
// form), `Queue`, `PurgeCache`, `QueueEvents` (the official client's class names), camelCase.
import { isExchangesReference, type Reference } from './types.js';

/** `PurgeCache`, `purgeCache`, `purge_cache`, `purge-cache` → `purge-cache`. */
export function clientName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[_\s]+/g, '-')
    .toLowerCase();
}

/** `queue-events` → `QueueEvents`. */
export function pascalName(name: string): string {
  return clientName(name)
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** `purge-cache` → `purgeCache`. */
export function camelName(name: string): string {
  const pascal = pascalName(name);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** The client name a reference document serves: its serviceName, plus `-events` for exchanges. */
export function referenceClientName(reference: Reference): string {
  return isExchangesReference(reference)
    ? `${reference.serviceName}-events`
    : reference.serviceName;
}
