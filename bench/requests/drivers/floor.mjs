// The floor: raw undici.request on a shared keep-alive Agent, a fresh @hapi/hawk header per call.
import { Agent, request } from 'undici';
import Hawk from '@hapi/hawk';

/** A driver: task(taskId) and createTask(taskId, payload) against rootUrl. */
export function open({ rootUrl, credentials }) {
  const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
  const hawkCredentials = {
    id: credentials.clientId,
    key: credentials.accessToken,
    algorithm: 'sha256',
  };
  const call = async (method, url, payload) => {
    const { header } = Hawk.client.header(url, method, { credentials: hawkCredentials });
    const headers = { authorization: header };
    let body;
    if (payload !== undefined) {
      body = JSON.stringify(payload);
      headers['content-type'] = 'application/json';
    }
    const res = await request(url, { method, headers, body, dispatcher });
    if (res.statusCode >= 400) throw new Error(`HTTP ${res.statusCode}`);
    return res.body.json();
  };
  return {
    task: (taskId) => call('GET', `${rootUrl}/api/queue/v1/task/${encodeURIComponent(taskId)}`),
    createTask: (taskId, payload) =>
      call('PUT', `${rootUrl}/api/queue/v1/task/${encodeURIComponent(taskId)}`, payload),
  };
}
