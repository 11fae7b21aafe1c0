// Node-only: a bounded load through a fault-injecting sandbox (the reliability spec and
// `npm run bench:faults`): each call gets its own seeded fault plan keyed by its traceId, and
// the report compares every outcome and attempt count with what the retry policy promises.
import { inspect } from 'node:util';
import { Agent } from 'undici';
import { createClient, type Client } from '../client/create-client.js';
import { TaskclusterFailure } from '../errors.js';
import { MAX_RETRIES, scenariosFor, type Scenario } from './fault-scenarios.js';

export { SCENARIOS, scenariosFor, type Scenario } from './fault-scenarios.js';
import type { Sandbox } from './index.js';

export interface LoadPlan {
  calls: number;
  concurrency: number;
  seed: number;
  /**
   * The timeout scenario's per-attempt deadline (ms, default 2000); its first attempt is held
   * until the client gives up. A busy machine needs more: the retry must be answered within it.
   * Timeout calls wait beside the load, so the deadline adds to the run only once.
   */
  attemptTimeout?: number;
}

export interface LoadReport {
  calls: number;
  failures: number;
  /** Calls whose outcome or attempt count differs from the scenario's. */
  unexpected: string[];
  attemptsExpected: number;
  attemptsSeen: number;
  p50: number;
  p99: number;
  peakRss: number;
  /** Sockets and timers still open after the run, beyond those open before it. */
  openSockets: number;
  openTimers: number;
  /** Lines (errors, inspect output, debug lines) that showed a secret. */
  leaks: string[];
  /** Debug lines the client wrote (each checked for secrets). */
  debugLines: number;
}

const openHandles = () => {
  const info = process.getActiveResourcesInfo();
  return {
    sockets: info.filter((r) => r === 'TCPSocketWrap').length,
    timers: info.filter((r) => r === 'Timeout').length,
  };
};

/** Wait (up to a second) for sockets and timers to fall back to what was open before. */
async function settled(before: ReturnType<typeof openHandles>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const now = openHandles();
    if (now.sockets <= before.sockets && now.timers <= before.timers) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

/** Secrets that must appear nowhere: the token, a Hawk header, a MAC, a bewit. */
function leaksIn(text: string, token: string): boolean {
  return text.includes(token) || /Hawk id=|mac="[^[]|bewit=[^[&]/.test(text);
}

interface CallResult {
  ms: number;
  error: unknown;
}

/** The two auth methods the load calls; their answers are not read. */
interface LoadClient {
  currentScopes(): Promise<unknown>;
  expandScopes(payload: { scopes: string[] }): Promise<unknown>;
}

async function callOnce(client: Client, scenario: Scenario, traceId: string): Promise<CallResult> {
  const started = performance.now();
  // use() answers a plain Client; this one is a copy of the auth client, with its methods.
  const traced = client.use(
    scenario.timeout === undefined ? { traceId } : { traceId, timeout: scenario.timeout },
  ) as Client & LoadClient;
  try {
    await (scenario.call === 'get'
      ? traced.currentScopes()
      : traced.expandScopes({ scopes: ['assume:anonymous'] }));
    return { ms: performance.now() - started, error: undefined };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}

/** Why a call's outcome is not its scenario's, or undefined. */
function mismatch(scenario: Scenario, result: CallResult, attempts: number): string | undefined {
  const failed = result.error !== undefined;
  if (failed && !(result.error instanceof TaskclusterFailure))
    return `threw ${String(result.error)}, not a TaskclusterFailure`;
  if (failed === scenario.succeeds)
    return failed ? `failed: ${(result.error as Error).message}` : 'succeeded';
  if (attempts !== scenario.attempts)
    return `${String(attempts)} attempts, expected ${String(scenario.attempts)}`;
  return undefined;
}

/** Run `plan.calls` calls at `plan.concurrency` in flight against `sandbox`; see LoadReport. */
export async function runFaultLoad(sandbox: Sandbox, plan: LoadPlan): Promise<LoadReport> {
  const scenarios = scenariosFor(plan);
  const before = openHandles();
  const held = scenarios.filter((s) => s.timeout !== undefined).length;
  // Timeout calls wait beside the load (see worker), each on a connection of its own.
  const agent = new Agent({ connections: plan.concurrency + held });
  const token = sandbox.rootCredentials.accessToken;
  const debug = captureDebugLines();
  const client = createClient('auth', {
    rootUrl: sandbox.rootUrl,
    credentials: sandbox.rootCredentials,
    references: 'bundled',
    dispatcher: agent,
    maxRetries: MAX_RETRIES,
    delayFactor: 1,
    maxDelay: 20,
  });
  const traceOf = (i: number) => `load-${String(plan.seed)}-${String(i)}`;
  scenarios.forEach((s, i) => {
    for (const fault of s.faults)
      sandbox.fault(s.call === 'get' ? 'auth.currentScopes' : 'auth.expandScopes', {
        ...fault,
        traceId: traceOf(i),
      });
  });
  const results: CallResult[] = new Array<CallResult>(scenarios.length);
  let next = 0;
  let peakRss = process.memoryUsage.rss();
  const waiting: Array<Promise<void>> = [];
  const worker = async () => {
    while (next < scenarios.length) {
      const i = next++;
      const scenario = scenarios[i];
      if (!scenario) break;
      const call = callOnce(client, scenario, traceOf(i)).then((result) => {
        results[i] = result;
      });
      // A timeout call spends its first attempt waiting out its deadline: it waits beside the
      // load rather than idling one of its slots, so the run lasts about as long as its work.
      if (scenario.timeout === undefined) await call;
      else waiting.push(call);
      if (i % 64 === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }
  };
  try {
    await Promise.all(Array.from({ length: plan.concurrency }, worker));
    await Promise.all(waiting);
  } finally {
    debug.stop();
  }
  await agent.close();
  await settled(before);
  const shown = report(sandbox, plan, scenarios, results, { before, peakRss, token, traceOf });
  shown.debugLines = debug.lines.length;
  for (const line of debug.lines) if (leaksIn(line, token)) shown.leaks.push(`debug: ${line}`);
  return shown;
}

/**
 * Turn the client's debug lines on (read when a client is made) and collect what it writes to
 * stderr until `stop()`, instead of printing it.
 */
function captureDebugLines() {
  const lines: string[] = [];
  const previous = process.env['DEBUG_TASKCLUSTER_CLIENT'];
  process.env['DEBUG_TASKCLUSTER_CLIENT'] = '1';
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  return {
    lines,
    stop() {
      process.stderr.write = write;
      if (previous === undefined) delete process.env['DEBUG_TASKCLUSTER_CLIENT'];
      else process.env['DEBUG_TASKCLUSTER_CLIENT'] = previous;
    },
  };
}

function report(
  sandbox: Sandbox,
  plan: LoadPlan,
  scenarios: Scenario[],
  results: CallResult[],
  run: {
    before: ReturnType<typeof openHandles>;
    peakRss: number;
    token: string;
    traceOf: (i: number) => string;
  },
): LoadReport {
  const attemptsOf = new Map<string, number>();
  for (const r of sandbox.requests)
    if (r.traceId) attemptsOf.set(r.traceId, (attemptsOf.get(r.traceId) ?? 0) + 1);
  const unexpected: string[] = [];
  const leaks: string[] = [];
  results.forEach((result, i) => {
    const scenario = scenarios[i];
    if (!scenario) return;
    const why = mismatch(scenario, result, attemptsOf.get(run.traceOf(i)) ?? 0);
    if (why) unexpected.push(`call ${String(i)} (${scenario.name}): ${why}`);
    if (result.error !== undefined) {
      const shown = `${(result.error as Error).message}\n${inspect(result.error, { depth: 8 })}`;
      if (leaksIn(shown, run.token)) leaks.push(`call ${String(i)} (${scenario.name}): ${shown}`);
    }
  });
  const after = openHandles();
  const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
  return {
    calls: plan.calls,
    failures: results.filter((r) => r.error !== undefined).length,
    unexpected,
    attemptsExpected: scenarios.reduce((sum, s) => sum + s.attempts, 0),
    attemptsSeen: [...attemptsOf.values()].reduce((a, b) => a + b, 0),
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    peakRss: run.peakRss,
    openSockets: Math.max(0, after.sockets - run.before.sockets),
    openTimers: Math.max(0, after.timers - run.before.timers),
    leaks,
    debugLines: 0,
  };
}
