// Child: the request measures for one driver in a fresh process (sequential GET, 64 in flight,
// createTask), each after a warm-up, then the process's peak RSS.
import { childArgs, loadDriver, report, PAYLOAD, TASK_IDS } from './common.mjs';

// Long warm-ups: after 1 000 calls the next block of calls still ran ~40% slower than later ones.
const SEQUENTIAL = { warm: 2000, calls: 1500 };
const CONCURRENT = { warm: 1000, calls: 4000, inFlight: 64 };
const CREATE = { warm: 500, calls: 1000 };

/** Wall and client-CPU µs per call, one call at a time. */
async function sequential(fn, count) {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await fn(i);
  const wall = Number(process.hrtime.bigint() - started) / 1000 / count;
  const { user, system } = process.cpuUsage(cpu);
  return { wall, cpu: (user + system) / count };
}

async function concurrent(fn, count, inFlight) {
  let next = 0;
  const worker = async () => {
    while (next < count) await fn(next++);
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

const { driver, options } = childArgs();
const client = (await loadDriver(driver)).open(options);
const get = (i) => client.task(TASK_IDS[i % TASK_IDS.length]);
const put = (i) => client.createTask(TASK_IDS[i % TASK_IDS.length], PAYLOAD);

await sequential(get, SEQUENTIAL.warm);
const { wall: sequentialUs, cpu: sequentialCpuUs } = await sequential(get, SEQUENTIAL.calls);
await concurrent(get, CONCURRENT.warm, CONCURRENT.inFlight);
const concurrentPerSec = await concurrent(get, CONCURRENT.calls, CONCURRENT.inFlight);
await sequential(put, CREATE.warm);
const { wall: createTaskUs } = await sequential(put, CREATE.calls);
report({
  sequentialUs,
  sequentialCpuUs,
  concurrentPerSec,
  createTaskUs,
  peakRssBytes: process.resourceUsage().maxRSS * 1024,
});
process.exit(0);
