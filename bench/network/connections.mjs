// Connections and round trips per call, and exit lag, over TLS with a real round-trip delay:
// ours side by side with raw undici and the official client.
//
//   node bench/network/connections.mjs [--package DIR] [--rounds 3] [--rtt 20]
//
// A loopback HTTPS server answers every call at once; a TCP proxy in front of it delays each
// chunk by rtt/2 each way and a new connection by one rtt (its TCP handshake), and counts the
// connections it accepts. Each case runs in a fresh process per round; figures are medians.
// --package measures another checkout's built package (its dist/) as "ours": the "before" column.
import { execFile, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttps } from 'node:https';
import { connect, createServer as createTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const DRIVERS = ['ours', 'undici', 'official'];

const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

function selfSigned(dir) {
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
      .concat(['-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'])
      .concat(['-addext', 'subjectAltName=IP:127.0.0.1']),
    { stdio: 'ignore' },
  );
  return { key: readFileSync(key), cert: readFileSync(cert), certFile: cert };
}

async function listen(server) {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server.address().port;
}

/** Delays every chunk by rtt/2 each way and a new connection by rtt; counts connections. */
function delayingProxy(port, rtt, counter) {
  return createTcp((client) => {
    counter.connections++;
    const upstream = connect(port, '127.0.0.1');
    const opened = new Promise((ok) => setTimeout(ok, rtt));
    client.on('data', (chunk) =>
      setTimeout(() => void opened.then(() => upstream.write(chunk)), rtt / 2),
    );
    upstream.on('data', (chunk) => setTimeout(() => client.write(chunk), rtt / 2));
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const side of [client, upstream]) side.on('error', close).on('close', close);
  });
}

function child(driver, pkg, rootUrl, scenario, certFile) {
  return new Promise((ok, fail) => {
    const proc = execFile(
      process.execPath,
      [join(HERE, 'child.mjs'), driver, pkg, rootUrl, scenario],
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: certFile } },
      (error, stdout) => {
        if (error) return fail(error);
        ok({ ...JSON.parse(stdout.trim().split('\n').pop()), exitedAt });
      },
    );
    let exitedAt = 0;
    proc.on('exit', () => (exitedAt = Date.now()));
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function measure(pkg, rounds, rtt, tls, port, counter) {
  const rootUrl = `https://127.0.0.1:${port}`;
  const rows = Object.fromEntries(
    DRIVERS.map((d) => [d, { seq: [], seqConn: [], burst: [], burstConn: [], lag: [] }]),
  );
  for (let round = 0; round < rounds; round++) {
    for (const driver of DRIVERS) {
      const row = rows[driver];
      counter.connections = 0;
      const seq = await child(driver, pkg, rootUrl, 'sequential', tls.certFile);
      row.seq.push(seq.ms);
      row.seqConn.push(counter.connections);
      counter.connections = 0;
      row.burst.push((await child(driver, pkg, rootUrl, 'burst', tls.certFile)).ms);
      row.burstConn.push(counter.connections);
      const exit = await child(driver, pkg, rootUrl, 'exit', tls.certFile);
      row.lag.push(exit.exitedAt - exit.answeredAt);
    }
    process.stderr.write(`network round ${round + 1}/${rounds} done\n`);
  }
  return rows;
}

function table(rows, rtt) {
  const lines = [
    `RTT ${rtt} ms over TLS; medians of ${rows.ours.seq.length} rounds, a fresh process per case.\n`,
    '| driver | calls 1–5 (ms) | round trips per warm call | connections for 5 sequential calls | connections for 100 calls, 16 in flight | 100 calls, 16 in flight (ms) | exit lag after the answer (ms) |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const [driver, r] of Object.entries(rows)) {
    const calls = [0, 1, 2, 3, 4].map((i) => median(r.seq.map((s) => s[i])));
    const warm = median(calls.slice(2)) / rtt;
    lines.push(
      `| ${driver} | ${calls.map((c) => c.toFixed(0)).join(', ')} | ${warm.toFixed(1)} | ${median(r.seqConn)} | ${median(r.burstConn)} | ${median(r.burst).toFixed(0)} | ${median(r.lag).toFixed(0)} |`,
    );
  }
  return lines.join('\n');
}

const rtt = Number(option('rtt', '20'));
const rounds = Number(option('rounds', '3'));
const pkg = resolve(option('package', ROOT));
const dir = mkdtempSync(join(tmpdir(), 'tcdyn-network-'));
const tls = selfSigned(dir);
const server = createHttps({ key: tls.key, cert: tls.cert }, (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"alive":true}');
});
const counter = { connections: 0 };
const proxy = delayingProxy(await listen(server), rtt, counter);
try {
  const rows = await measure(pkg, rounds, rtt, tls, await listen(proxy), counter);
  console.log(table(rows, rtt));
} finally {
  proxy.close();
  server.closeAllConnections();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
