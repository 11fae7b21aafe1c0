// npm run bench:transfer: builds the package into a private directory, starts the stand-in
// object service, then runs every transfer (size × direction × driver) in a fresh child process
// per round, the driver order rotating each round, and prints medians: throughput, ratio to the
// floor, CPU time, peak RSS.
import { execFile, fork } from 'node:child_process';
import { once } from 'node:events';
import { rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DIRECTIONS, DRIVERS, MiB, SIZES } from './common.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const run = promisify(execFile);
const REPO = here('../..');
// Our own build, so that someone rebuilding dist/ meanwhile cannot change the code under test.
const BUILD = join(REPO, 'node_modules', '.cache', 'tcdyn-bench-transfer');

async function build() {
  await rm(BUILD, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  await run(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', join(BUILD, 'dist')], {
    cwd: REPO,
  }).catch((err) => {
    // tsc still emits when files elsewhere in the tree have type errors; the build is usable.
    process.stderr.write(`tsc reported errors (the build is used anyway):\n${err.stdout}`);
  });
  await symlink(join(REPO, 'references'), join(BUILD, 'references'));
}

async function child(driver, direction, size, port) {
  const env = { ...process.env, TCDYN_BENCH_DIST: join(BUILD, 'dist') };
  const { stdout } = await run(
    process.execPath,
    [here('driver.mjs'), driver, direction, String(size), String(port)],
    { env },
  );
  return JSON.parse(stdout.trim().split('\n').pop());
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

await build();
const server = fork(here('server.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const [{ port }] = await once(server, 'message');
/** results[size][direction][driver] = one measure per round */
const results = {};
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const size of SIZES) {
      for (const direction of DIRECTIONS) {
        const order = DRIVERS.map((_, i) => DRIVERS[(i + round) % DRIVERS.length]);
        for (const driver of order) {
          ((results[size] ??= {})[direction] ??= {})[driver] ??= [];
          results[size][direction][driver].push(await child(driver, direction, size, port));
        }
      }
    }
    process.stderr.write(`round ${round + 1}/${ROUNDS} done\n`);
  }
} finally {
  server.disconnect();
  await rm(BUILD, { recursive: true, force: true });
}

const f0 = (n) => n.toFixed(0);
const rows = [];
const rss = {};
const ratios = [];
for (const size of SIZES) {
  for (const direction of DIRECTIONS) {
    const { floor, ours } = results[size][direction];
    const ratio = median(ours.map((o, i) => o.mbps / floor[i].mbps));
    ratios.push(ratio);
    const oursRss = median(ours.map((o) => o.peakRssMB));
    (rss[direction] ??= []).push(oursRss);
    const m = (runs, key) => median(runs.map((r) => r[key]));
    rows.push(
      `| ${size / MiB} MiB | ${direction} | ${f0(m(floor, 'mbps'))} | ${f0(m(ours, 'mbps'))} | ${ratio.toFixed(2)} | ` +
        `${m(floor, 'cpuSeconds').toFixed(2)} | ${m(ours, 'cpuSeconds').toFixed(2)} | ${f0(m(floor, 'peakRssMB'))} | ${f0(oursRss)} |`,
    );
  }
}
console.log(
  `${ROUNDS} rounds, medians (ratio: median of per-round ratios); MB = 10^6 bytes; CPU s = user + system time` +
    ` of the driver process during the transfer; node ${process.version}, ${process.platform}, ${cpus().length} CPUs.\n`,
);
console.log(
  '| size | direction | floor MB/s | ours MB/s | ours / floor | floor CPU s | ours CPU s | floor peak RSS MB | ours peak RSS MB |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
console.log(rows.join('\n'));
console.log('');
const verdict = (ok) => (ok ? 'met' : 'MISSED');
console.log(
  `throughput >= 0.9 x floor: ${verdict(ratios.every((r) => r >= 0.9))} (lowest ${Math.min(...ratios).toFixed(2)})`,
);
console.log(
  `peak RSS < 150 MB: ${verdict(
    Object.values(rss)
      .flat()
      .every((mb) => mb < 150),
  )}`,
);
for (const direction of DIRECTIONS) {
  const [small, large] = rss[direction];
  const off = (large / small - 1) * 100;
  console.log(
    `${direction}: peak RSS at 1 GiB is ${off.toFixed(1)} % off that at 256 MiB (within 15 %: ${verdict(Math.abs(off) <= 15)})`,
  );
}
