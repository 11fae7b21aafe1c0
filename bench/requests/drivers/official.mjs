// The official client, with its defaults: new Queue({rootUrl, credentials}).
import taskcluster from 'taskcluster-client';

/** A driver: task(taskId) and createTask(taskId, payload) against rootUrl. */
export function open(options) {
  return newClient(options);
}

/** One client instance (heap measure). */
export function newClient({ rootUrl, credentials }) {
  return new taskcluster.Queue({ rootUrl, credentials });
}

/** A derived client (heap measure). */
export function use(client, overrides) {
  return client.use(overrides);
}
