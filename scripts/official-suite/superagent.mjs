// The part of superagent the upstream credential tests use: `request.get(url)` resolving
// `{ok, status, body}`, rejecting with `err.response.statusCode` for an error status. It sends
// through undici's global dispatcher, like everything else in the run.
import { request } from 'undici';

async function get(url) {
  const res = await request(url);
  const text = await res.body.text();
  let body = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* a non-JSON body stays text */
  }
  const response = {
    ok: res.statusCode < 400,
    status: res.statusCode,
    statusCode: res.statusCode,
    body,
  };
  if (!response.ok) throw Object.assign(new Error(`HTTP ${res.statusCode}`), { response });
  return response;
}

export default { get };
