// npm run bench:faults: 10 000 calls (64 in flight) through the fault-injecting sandbox, each
// with its own seeded fault plan, and the table of what the retry policy promised and did.
// Runs the built package (dist/); `npm run bench:faults` builds it first.
import { startSandbox } from '../../dist/testing/index.js';
import { runFaultLoad, scenariosFor } from '../../dist/testing/fault-load.js';

const calls = Number(process.env.CALLS ?? 10_000);
// The timeout scenario's retry must be answered within its deadline: 64 calls in flight through
// one in-process sandbox on a busy machine take up to a few seconds each, so the deadline is
// generous. Timeout calls wait it out beside the load, so it adds little to the run.
const plan = {
  calls,
  concurrency: Number(process.env.CONCURRENCY ?? 64),
  seed: 15,
  attemptTimeout: Number(process.env.ATTEMPT_TIMEOUT ?? 5_000),
};
const sandbox = await startSandbox();
const started = performance.now();
const report = await runFaultLoad(sandbox, plan);
const seconds = (performance.now() - started) / 1000;
await sandbox.close();

const mix = new Map();
for (const s of scenariosFor(plan)) mix.set(s.name, (mix.get(s.name) ?? 0) + 1);
const unexpected = report.unexpected.length;
const rows = [
  ['calls', `${report.calls} (${plan.concurrency} in flight, ${seconds.toFixed(1)} s)`],
  ['failures (all expected by their scenario)', String(report.failures)],
  ['unexpected outcomes', String(unexpected)],
  ['attempts expected / seen', `${report.attemptsExpected} / ${report.attemptsSeen}`],
  ['p50 / p99 per call', `${report.p50.toFixed(1)} ms / ${report.p99.toFixed(1)} ms`],
  ['peak RSS', `${(report.peakRss / 2 ** 20).toFixed(0)} MiB`],
  ['open sockets / timers after', `${report.openSockets} / ${report.openTimers}`],
  [
    'secrets shown (errors, inspect, debug lines)',
    `${report.leaks.length} of ${report.debugLines} debug lines and ${report.failures} errors`,
  ],
];
console.log('| measure | value |\n|---|---|');
for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
console.log('\n| scenario | calls |\n|---|---|');
for (const [name, n] of mix) console.log(`| ${name} | ${n} |`);
const byScenario = new Map();
for (const line of report.unexpected) {
  const name = /\((.*?)\)/.exec(line)?.[1] ?? '?';
  byScenario.set(name, (byScenario.get(name) ?? 0) + 1);
}
for (const [name, n] of byScenario) console.log(`unexpected in ${name}: ${n}`);
for (const line of report.unexpected.slice(0, 10)) console.log(`unexpected: ${line}`);
for (const line of report.leaks.slice(0, 3)) console.log(`leak: ${line}`);
process.exitCode =
  unexpected || report.leaks.length || report.attemptsSeen !== report.attemptsExpected ? 1 : 0;
