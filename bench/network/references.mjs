// What reference discovery costs a new process, over TLS with a real round-trip delay:
// bundled versus remote first answer (requests, round trips, connections, bytes, time) and the
// on-disk cache across processes (cold, fresh, stale → one conditional request).
//
//   node bench/network/references.mjs [--package DIR] [--rounds 5] [--rtt 20] [--json]
//
// --package points at another checkout's built package (dist/) to measure it side by side:
// that is how the "before" column is made. A loopback HTTPS server holds the documents; a TCP
// proxy in front of it delays every chunk by half the RTT each way (and a new connection by
// one RTT, its TCP handshake), so a round trip costs what it costs on a network. Each case runs
// in a fresh process, `rounds` times; times are medians. bench/network/run.mjs runs this file.
import { createServer as createHttps } from 'node:https';
import { createServer as createTcp, connect } from 'node:net';
import { execFileSync, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  readdirSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const run = promisify(execFile);

function argument(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

function certificate(dir) {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(key), cert: readFileSync(cert), certFile: cert };
}

/** The documents served: this checkout's bundled snapshot, laid out like <rootUrl>/references/. */
async function documents(rootUrl) {
  const { bundledDocuments } = await import(join(ROOT, 'dist', 'references', 'bundled.js'));
  const docs = new Map();
  for (const { path, reference } of bundledDocuments()) {
    // The deployment is newer than the bundle: its queue has a method the bundle lacks.
    if (path === 'queue/v1/api.json')
      reference.entries.push({
        ...reference.entries.find((e) => e.name === 'task'),
        name: 'taskNext',
      });
    docs.set(`/references/${path}`, JSON.stringify(reference));
  }
  const manifest = { references: [...docs.keys()].map((p) => rootUrl + p) };
  docs.set('/references/manifest.json', JSON.stringify(manifest));
  return docs;
}

function startServer(tls, counters) {
  let docs = new Map();
  const server = createHttps({ key: tls.key, cert: tls.cert }, (req, res) => {
    const exchange = { url: req.url, arrived: performance.now(), answered: Infinity };
    counters.exchanges.push(exchange);
    const body = req.url.startsWith('/api/')
      ? JSON.stringify({ status: { taskId: 'x', state: 'completed' } })
      : docs.get(req.url);
    if (body === undefined) res.writeHead(404, { 'content-type': 'application/json' });
    else {
      const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
      if (req.headers['if-none-match'] === etag) res.writeHead(304, { etag });
      else res.writeHead(200, { 'content-type': 'application/json', etag });
      if (req.headers['if-none-match'] === etag)
        return res.end(() => (exchange.answered = performance.now()));
    }
    res.end(body ?? '{}', () => (exchange.answered = performance.now()));
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => ok({ server, setDocs: (d) => (docs = d) })),
  );
}

/** A TCP proxy that delays each chunk by rtt/2 each way, and a new connection by one rtt. */
function startProxy(target, rtt, counters) {
  const later = (fn, ms) => setTimeout(fn, ms);
  const proxy = createTcp((client) => {
    counters.connections++;
    const upstream = connect(target, '127.0.0.1');
    let ready = false;
    const pending = [];
    later(() => {
      ready = true;
      for (const chunk of pending) upstream.write(chunk);
    }, rtt);
    client.on('data', (chunk) =>
      later(() => (ready ? upstream.write(chunk) : pending.push(chunk)), rtt / 2),
    );
    upstream.on('data', (chunk) => {
      counters.bytesDown += chunk.length;
      later(() => client.write(chunk), rtt / 2);
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', () => later(close, rtt));
    upstream.on('error', close).on('close', () => later(close, rtt));
  });
  return new Promise((ok) => proxy.listen(0, '127.0.0.1', () => ok(proxy)));
}

/** Request waves: the longest chain of requests each sent after the previous one was answered. */
function waves(exchanges) {
  const depth = exchanges.map(() => 1);
  exchanges.forEach((e, i) => {
    for (let j = 0; j < i; j++)
      if (exchanges[j].answered <= e.arrived) depth[i] = Math.max(depth[i], depth[j] + 1);
  });
  return Math.max(0, ...depth);
}

const CHILD = `
const [pkg, rootUrl, references, method] = process.argv.slice(1);
const { createClient } = await import(pkg + '/dist/index.js');
const started = performance.now();
const queue = createClient('queue', { rootUrl, references });
await queue[method]('x');
process.stdout.write(String(performance.now() - started));`;

async function oneProcess(pkg, rootUrl, references, env) {
  const [source, method] =
    references === 'auto, new method' ? ['auto', 'taskNext'] : [references, 'task'];
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', CHILD, pkg, rootUrl, source, method],
    { env },
  );
  return Number(stdout);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function ageCache(dir) {
  const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else utimesSync(path, old, old);
    }
  };
  // The package measured may have no cache at all (the "before" column).
  if (existsSync(dir)) walk(dir);
}

/** Run every case `rounds` times for the package at `pkg`; one row per case. */
export async function referencesBench({ pkg = ROOT, rounds = 5, rtt = 20 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tcdyn-bench-refs-'));
  const tls = certificate(dir);
  const counters = { connections: 0, bytesDown: 0, exchanges: [] };
  const { server, setDocs } = await startServer(tls, counters);
  const proxy = await startProxy(server.address().port, rtt, counters);
  const rootUrl = `https://127.0.0.1:${proxy.address().port}`;
  setDocs(await documents(rootUrl));
  const cacheHome = join(dir, 'cache');
  const base = { ...process.env, NODE_EXTRA_CA_CERTS: tls.certFile, XDG_CACHE_HOME: cacheHome };
  const off = { ...base, TASKCLUSTER_DYNAMIC_NO_CACHE: '1' };
  const on = { ...base, TASKCLUSTER_DYNAMIC_NO_CACHE: '0' };
  const cases = [
    ['bundled', 'bundled', off, () => {}],
    ['remote, no cache', 'remote', off, () => {}],
    ['auto, a method only the deployment has', 'auto, new method', off, () => {}],
    ['remote, cache cold', 'remote', on, () => rmSync(cacheHome, { recursive: true, force: true })],
    ['remote, cache fresh (2nd process)', 'remote', on, () => {}],
    ['remote, cache stale (revalidated)', 'remote', on, () => ageCache(cacheHome)],
  ];
  const samples = new Map(cases.map(([name]) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, references, env, before] of cases) {
      before();
      Object.assign(counters, { connections: 0, bytesDown: 0, exchanges: [] });
      const ms = await oneProcess(pkg, rootUrl, references, env);
      const refs = counters.exchanges.filter((e) => e.url.startsWith('/references/'));
      samples.get(name).push({
        ms,
        requests: counters.exchanges.length,
        references: refs.length,
        waves: waves(counters.exchanges),
        connections: counters.connections,
        kib: counters.bytesDown / 1024,
      });
    }
  }
  proxy.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
  return cases.map(([name]) => {
    const s = samples.get(name);
    const pick = (k) => median(s.map((x) => x[k]));
    return {
      case: name,
      requests: pick('requests'),
      referenceRequests: pick('references'),
      requestWaves: pick('waves'),
      connections: pick('connections'),
      kibDown: Number(pick('kib').toFixed(1)),
      firstAnswerMs: Number(pick('ms').toFixed(1)),
      rtts: Number((pick('ms') / rtt).toFixed(1)),
    };
  });
}

/** A Markdown table of the rows. */
export function referencesTable(rows, rtt) {
  const head = `| case (RTT ${rtt} ms) | requests | reference requests | request waves | connections | KiB down | first answer ms | ≈ RTTs |`;
  const lines = rows.map(
    (r) =>
      `| ${r.case} | ${r.requests} | ${r.referenceRequests} | ${r.requestWaves} | ${r.connections} | ${r.kibDown} | ${r.firstAnswerMs} | ${r.rtts} |`,
  );
  return [head, '|---|---|---|---|---|---|---|---|', ...lines].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rtt = Number(argument('rtt', '20'));
  const rows = await referencesBench({
    pkg: resolve(argument('package', ROOT)),
    rounds: Number(argument('rounds', '5')),
    rtt,
  });
  console.log(
    process.argv.includes('--json') ? JSON.stringify(rows, null, 2) : referencesTable(rows, rtt),
  );
}
