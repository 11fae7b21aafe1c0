// taskcluster-dynamic as built in dist/, with the bundled references (no network for references).
import { createClient } from '../../../dist/index.js';

/** A driver: task(taskId) and createTask(taskId, payload) against rootUrl. */
export function open(options) {
  return newClient(options);
}

/** One client instance (heap measure). */
export function newClient({ rootUrl, credentials }) {
  return createClient('queue', { rootUrl, credentials, references: 'bundled' });
}

/** A derived client (heap measure). */
export function use(client, overrides) {
  return client.use(overrides);
}
