// npm run bench: starts the stand-in queue, then runs every driver in a fresh child process per
// measure and round, interleaved (the order rotates each round), and prints the tables.
import { fork, execFile } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DRIVERS } from './common.mjs';
import { renderReport } from './report.mjs';

// Many short rounds rather than a few long ones: the median then shrugs off bursts of load from
// other work on the machine.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const CHILDREN = [
  { file: here('workload.mjs'), flags: [] },
  { file: here('first-answer.mjs'), flags: [] },
  { file: here('heap.mjs'), flags: ['--expose-gc'] },
];
const run = promisify(execFile);

async function child({ file, flags }, driver, port) {
  const { stdout } = await run(process.execPath, [...flags, file, driver, String(port)]);
  return JSON.parse(stdout.trim().split('\n').pop());
}

async function round(index, port) {
  const order = DRIVERS.map((_, i) => DRIVERS[(i + index) % DRIVERS.length]);
  const result = Object.fromEntries(DRIVERS.map((d) => [d, {}]));
  for (const spec of CHILDREN) {
    for (const driver of order) Object.assign(result[driver], await child(spec, driver, port));
  }
  return result;
}

const server = fork(here('server.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const [{ port }] = await once(server, 'message');
const started = performance.now();
const rounds = [];
try {
  for (let i = 0; i < ROUNDS; i++) {
    rounds.push(await round(i, port));
    process.stderr.write(
      `round ${i + 1}/${ROUNDS} done at ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
    );
  }
} finally {
  server.disconnect();
}
console.log(
  `${ROUNDS} rounds, medians of per-round values and of per-round ratios to the floor; node ${process.version}, ${process.platform}.\n`,
);
console.log(renderReport(rounds, DRIVERS));
