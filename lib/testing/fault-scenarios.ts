// The scenarios of the fault load: each call's faults, and the attempts and outcome the retry
// policy (maxRetries 3) promises for them; drawn per call from a seeded PRNG.
import { failure } from '../errors.js';
import type { Fault } from './faults.js';
import type { LoadPlan } from './fault-load.js';

/** One call's faults and what the client must make of them. */
export interface Scenario {
  /** The per-call deadline of each attempt (only the timeout scenario has one), in ms. */
  timeout?: number;
  name: string;
  /** `get`: auth.currentScopes (GET); `post`: auth.expandScopes (POST, not idempotent). */
  call: 'get' | 'post';
  faults: Fault[];
  attempts: number;
  succeeds: boolean;
}

export const MAX_RETRIES = 3;
// The timeout scenario's own deadline per attempt (client.use({timeout})); every other call keeps
// the default 30 s, so that a slow shared machine cannot turn a healthy call into a timeout.
export const TIMEOUT_MS = 2_000;

/** The scenarios, with the attempts and outcome the policy (maxRetries 3) promises for each. */
export const SCENARIOS: readonly Scenario[] = [
  { name: 'ok', call: 'get', faults: [], attempts: 1, succeeds: true },
  { name: 'ok POST', call: 'post', faults: [], attempts: 1, succeeds: true },
  {
    name: '5xx burst',
    call: 'get',
    faults: [{ status: 500 }, { status: 502 }, { status: 503 }],
    attempts: 4,
    succeeds: true,
  },
  {
    name: '5xx burst POST',
    call: 'post',
    faults: [{ status: 503, times: 2 }],
    attempts: 3,
    succeeds: true,
  },
  {
    name: '5xx beyond retries',
    call: 'get',
    faults: [{ status: 503, times: 4 }],
    attempts: 4,
    succeeds: false,
  },
  {
    name: '429 Retry-After',
    call: 'get',
    faults: [{ status: 429, headers: { 'retry-after': '1' } }],
    attempts: 2,
    succeeds: true,
  },
  {
    name: 'reset before body',
    call: 'get',
    faults: [{ reset: 'before-body', times: 2 }],
    attempts: 3,
    succeeds: true,
  },
  {
    name: 'reset after body GET',
    call: 'get',
    faults: [{ reset: 'after-body' }],
    attempts: 2,
    succeeds: true,
  },
  // The request went out whole and the connection died: a POST may have been acted on.
  {
    name: 'reset after body POST',
    call: 'post',
    faults: [{ reset: 'after-body' }],
    attempts: 1,
    succeeds: false,
  },
  {
    name: 'timeout',
    call: 'get',
    faults: [{ delay: TIMEOUT_MS * 3 }],
    attempts: 2,
    succeeds: true,
  },
  {
    name: 'truncated JSON',
    call: 'get',
    faults: [{ truncate: true }],
    attempts: 2,
    succeeds: true,
  },
  {
    name: 'invalid JSON',
    call: 'get',
    faults: [{ body: '{"scopes": [' }],
    attempts: 1,
    succeeds: false,
  },
];

// Mostly healthy calls; the faulty ones in proportion, the slow timeout rarest.
const WEIGHTS = [30, 10, 8, 4, 3, 6, 6, 6, 4, 1, 6, 4];

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The scenario of each call, drawn by weight from a seeded PRNG. */
export function scenariosFor(plan: LoadPlan): Scenario[] {
  const random = prng(plan.seed);
  const total = WEIGHTS.reduce((a, b) => a + b, 0);
  const deadline = plan.attemptTimeout ?? TIMEOUT_MS;
  const timedOut: Scenario = {
    name: 'timeout',
    call: 'get',
    faults: [{ delay: deadline * 2 }],
    timeout: deadline,
    attempts: 2,
    succeeds: true,
  };
  return Array.from({ length: plan.calls }, () => {
    let roll = random() * total;
    const drawn =
      SCENARIOS[
        Math.max(
          0,
          WEIGHTS.findIndex((w) => (roll -= w) < 0),
        )
      ];
    if (!drawn) throw failure('scenariosFor: a weight without its scenario');
    return drawn.name === 'timeout' ? timedOut : drawn;
  });
}
