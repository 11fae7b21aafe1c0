// nock's API as the upstream tests use it, served by a global undici MockAgent: each
// `nock(base).get(path).reply(...)` becomes a MockAgent interceptor, `isDone()` asks the agent
// for pending interceptors, and `cleanAll()` installs a fresh agent as the global dispatcher.
// Loopback stays reachable (the run's sandbox and the tests' own servers); nothing else is.
import { isDeepStrictEqual } from 'node:util';
import { MockAgent, setGlobalDispatcher } from 'undici';

let agent;

function freshAgent() {
  agent = new MockAgent();
  agent.disableNetConnect();
  agent.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  setGlobalDispatcher(agent);
}
freshAgent();

/** `/a/b?y=2&x=1` → `/a/b?x=1&y=2`: nock matches a query regardless of order. */
function normalPath(path) {
  const [pathname, search = ''] = path.split('?');
  const params = new URLSearchParams(search);
  params.sort();
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

function headerObject(headers) {
  const out = {};
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2)
      out[String(headers[i]).toLowerCase()] = String(headers[i + 1]);
  } else {
    for (const [k, v] of Object.entries(headers ?? {}))
      out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

function bodyMatcher(expected) {
  if (expected === undefined) return undefined;
  if (typeof expected === 'string') return (body) => body === expected;
  return (body) => {
    try {
      return isDeepStrictEqual(JSON.parse(body), expected);
    } catch {
      return false;
    }
  };
}

/** nock's reply arguments (or a reply function's result) as a MockAgent reply. */
function asReply([statusCode, body, headers = {}]) {
  const out = { ...headers };
  const json = body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body);
  if (json && !Object.keys(out).some((k) => k.toLowerCase() === 'content-type'))
    out['content-type'] = 'application/json';
  return {
    statusCode,
    data: json ? JSON.stringify(body) : (body ?? ''),
    responseOptions: { headers: out },
  };
}

class Interceptor {
  constructor(scope, method, path, body) {
    Object.assign(this, { scope, method, path, body });
  }

  reply(statusOrFn, body, headers) {
    const { origin, prefix } = this.scope;
    const wanted = normalPath(prefix + this.path);
    agent
      .get(origin)
      .intercept({
        method: this.method,
        path: (p) => normalPath(p) === wanted,
        body: bodyMatcher(this.body),
      })
      .reply((opts) => {
        if (typeof statusOrFn !== 'function') return asReply([statusOrFn, body, headers]);
        const context = {
          req: { headers: headerObject(opts.headers), method: opts.method, path: opts.path },
        };
        return asReply(statusOrFn.call(context, opts.path, opts.body));
      });
    return this.scope;
  }
}

class Scope {
  constructor(base) {
    const url = new URL(base);
    this.origin = url.origin;
    this.prefix = url.pathname.replace(/\/$/, '');
  }
  get(path) {
    return new Interceptor(this, 'GET', path);
  }
  post(path, body) {
    return new Interceptor(this, 'POST', path, body);
  }
  put(path, body) {
    return new Interceptor(this, 'PUT', path, body);
  }
  delete(path, body) {
    return new Interceptor(this, 'DELETE', path, body);
  }
}

function nock(base) {
  return new Scope(base);
}
nock.isDone = () => agent.pendingInterceptors().length === 0;
nock.pendingMocks = () =>
  agent.pendingInterceptors().map((i) => `${i.method} ${i.origin}${String(i.path)}`);
nock.cleanAll = () => {
  freshAgent();
  return nock;
};

export default nock;
