// Exit lag, and what Liftoff-only parsing costs per call: ours side by side with raw undici, the
// official client, tcdyn and an empty Node process.
//
//   node bench/network/exit-lag.mjs [--package DIR] [--rounds 7] [--calls 3000] [--part exit|cost]
//
// Exit lag: a fresh process per case and round makes one call to a loopback HTTP server and
// prints the answer; the lag is from that line reaching us to the process's exit. "empty" prints
// without importing anything: Node's own exit time on this machine, the floor. "ours, flags left
// alone" runs ours with --wasm-tier-up on the command line, which makes the library keep out of
// V8's flags (lib/transport/parser-tiering.ts): how ours behaved before.
//
// Parser cost: client CPU and wall time per sequential call after a warm-up long enough for V8
// to optimise llhttp where it may, ours against ours with the flags left alone (llhttp on Liftoff
// code against llhttp optimised by TurboFan), a pair of processes per round.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(HERE, '..', '..');

const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Each case: the node arguments of its process (ROOT_URL is replaced by the server's). */
function exitCases(pkg) {
  const child = (driver, flags = []) => [
    ...flags,
    join(HERE, 'child.mjs'),
    driver,
    pkg,
    'ROOT_URL',
  ];
  const shipped = join(pkg, 'pkg', 'cli', 'main.js');
  const bin = existsSync(shipped) ? shipped : join(pkg, 'dist', 'cli', 'main.js');
  const tcdyn = [bin, 'call', 'queue', 'ping'];
  return {
    empty: [...child('empty'), 'exit'],
    ours: [...child('ours'), 'exit'],
    'ours, flags left alone': [...child('ours', ['--wasm-tier-up']), 'exit'],
    'raw undici': [...child('undici'), 'exit'],
    'official client': [...child('official'), 'exit'],
    tcdyn: [...tcdyn, '--references', 'bundled', '--root-url', 'ROOT_URL'],
  };
}

/** Run one process; resolves with ms from its first stdout chunk to its exit, and its output. */
function lagOf(args, rootUrl) {
  return new Promise((ok, fail) => {
    const proc = spawn(
      process.execPath,
      args.map((a) => a.replace('ROOT_URL', rootUrl)),
    );
    let firstOutput = 0;
    let output = '';
    proc.stdout.on('data', (chunk) => {
      firstOutput ||= performance.now();
      output += chunk;
    });
    proc.on('exit', (code) => {
      const exited = performance.now();
      if (code !== 0 || !firstOutput) return fail(new Error(`${args.join(' ')} exited ${code}`));
      ok({ lag: exited - firstOutput, output });
    });
  });
}

async function exitLag(cases, rounds, rootUrl) {
  const lags = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, args] of Object.entries(cases))
      lags[name].push((await lagOf(args, rootUrl)).lag);
    process.stderr.write(`exit lag round ${round + 1}/${rounds} done\n`);
  }
  return lags;
}

/** Per round, ours then ours with the flags left alone: client CPU and wall µs per call. */
async function parserCost(pkg, rounds, calls, rootUrl) {
  const flags = { liftoff: [], turbofan: ['--wasm-tier-up'] };
  const results = [];
  for (let round = 0; round < rounds; round++) {
    const result = {};
    for (const [name, extra] of Object.entries(flags)) {
      const args = [...extra, join(HERE, 'child.mjs'), 'ours', pkg, rootUrl, 'cpu', String(calls)];
      result[name] = JSON.parse((await lagOf(args, rootUrl)).output.trim().split('\n').pop());
    }
    results.push(result);
    process.stderr.write(`parser cost round ${round + 1}/${rounds} done\n`);
  }
  return results;
}

function exitTable(lags, rounds) {
  const lines = [
    `Exit lag over loopback HTTP, ms from the answer's line to the process's exit; medians of ${rounds} rounds.\n`,
    '| process | exit lag (ms) | minus an empty process (ms) | all rounds |',
    '|---|---:|---:|---|',
  ];
  const floor = median(lags.empty);
  for (const [name, xs] of Object.entries(lags)) {
    const all = xs.map((x) => x.toFixed(0)).join(' ');
    lines.push(
      `| ${name} | ${median(xs).toFixed(0)} | ${(median(xs) - floor).toFixed(0)} | ${all} |`,
    );
  }
  return lines.join('\n');
}

function costTable(results, calls) {
  const lines = [
    `Ours per sequential call after ${calls} warm-up calls, llhttp on Liftoff code against llhttp optimised (ours run with --wasm-tier-up); medians of ${results.length} rounds, and of the per-round ratios.\n`,
    '| measure | Liftoff | TurboFan | difference | per-round ratio | ratio range |',
    '|---|---:|---:|---:|---:|---|',
  ];
  for (const [key, title] of [
    ['cpuUs', 'client CPU (µs)'],
    ['wallUs', 'wall (µs)'],
  ]) {
    const [l, t] = ['liftoff', 'turbofan'].map((v) => median(results.map((r) => r[v][key])));
    const ratios = results.map((r) => r.liftoff[key] / r.turbofan[key]);
    const range = `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
    lines.push(
      `| ${title} | ${l.toFixed(1)} | ${t.toFixed(1)} | ${(l - t).toFixed(1)} | ${median(ratios).toFixed(3)} | ${range} |`,
    );
  }
  return lines.join('\n');
}

const rounds = Number(option('rounds', '7'));
const calls = Number(option('calls', '3000'));
const part = option('part', 'both');
const pkg = resolve(option('package', ROOT));
// A task-sized answer with a service's usual headers, so the parser has a realistic response.
const TASK = JSON.stringify({
  taskId: 'fN1SbArXTPSVFNUvaOlinQ',
  status: { state: 'completed' },
  pad: 'x'.repeat(900),
});
const server = createServer((_req, res) => {
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'x-for-request-id': '3b3a2f7c-5c8e-4a8e-9a57-0a1c2b3d4e5f',
    'x-taskcluster-endpoint': 'https://tc.example.com/api/queue/v1/ping',
    'cache-control': 'no-store no-cache must-revalidate',
    'strict-transport-security': 'max-age=31536000',
    etag: 'W/"3e8-abcdef0123456789"',
  });
  res.end(TASK);
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const rootUrl = `http://127.0.0.1:${server.address().port}`;
try {
  if (part !== 'cost') {
    console.log(exitTable(await exitLag(exitCases(pkg), rounds, rootUrl), rounds));
    if (part !== 'exit') console.log('');
  }
  if (part !== 'exit') console.log(costTable(await parserCost(pkg, rounds, calls, rootUrl), calls));
} finally {
  server.closeAllConnections();
  server.close();
}
