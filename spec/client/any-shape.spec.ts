// One error type for everything: thousands of random argument and option shapes thrown at every
// method of every bundled service give a result or a TaskclusterFailure, never a TypeError,
// URIError or RangeError, and a call refused for its shape sends nothing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createClient,
  TaskclusterConnectionError,
  TaskclusterFailure,
  TaskclusterRestFailure,
  type Client,
} from '../../lib/index.js';
import { bundledNames, bundledReference } from '../../lib/references/bundled.js';
import { prng, randomArguments, randomOptions } from '../support/random-shapes.js';

const SEED = 20_261_205;
const SHAPES_PER_METHOD = 16;

let server: Server;
let rootUrl: string;
let received = 0;
beforeAll(async () => {
  // Any request gets 200 {}: the client's answer to a shape it sends is then a result.
  server = createServer((req, res) => {
    received++;
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  rootUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    }),
);

interface Outcome {
  kind: 'value' | 'failure';
  error?: unknown;
}

/** Run `act` (sync or async), classifying a throw; anything but a TaskclusterFailure fails the test. */
async function outcome(act: () => unknown): Promise<Outcome> {
  try {
    await act();
    return { kind: 'value' };
  } catch (error) {
    return { kind: 'failure', error };
  }
}

function methodsOf(service: string): string[] {
  const reference = bundledReference(service) as { entries: Array<{ name: string; type: string }> };
  return reference.entries.map((e) => e.name);
}

/** A client with random option overrides, or the failure creating it gave. */
function clientWith(service: string, random: () => number): Client | TaskclusterFailure {
  const options = {
    rootUrl,
    credentials: { clientId: 'prop-tester', accessToken: 'prop-tester-token-0123456789' },
    references: 'bundled',
    maxRetries: 0,
    ...randomOptions(random),
  };
  try {
    return createClient(service, options as never);
  } catch (error) {
    return error as TaskclusterFailure;
  }
}

describe('every bundled method', () => {
  it('answers any argument and option shape with a result or a TaskclusterFailure, sending nothing when it refuses', async () => {
    const random = prng(SEED);
    // Stack traces are what a refusal costs most under Jest (source-mapped); none are asserted here.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    const foreign: string[] = [];
    let calls = 0;
    let refused = 0;
    for (const service of bundledNames()) {
      for (const method of methodsOf(service)) {
        // One client (with random options) per method and half-round: clients are cheap, not free.
        let client = clientWith(service, random);
        for (let i = 0; i < SHAPES_PER_METHOD; i++) {
          if (i === SHAPES_PER_METHOD / 2) client = clientWith(service, random);
          const args = randomArguments(random);
          const current = client;
          const before = received;
          const form = random();
          const result =
            current instanceof Error
              ? { kind: 'failure' as const, error: current }
              : await outcome(() =>
                  form < 0.8
                    ? (current[method] as (...a: unknown[]) => unknown)(...args)
                    : form < 0.9
                      ? current.buildUrl(method, ...args)
                      : current.buildSignedUrl(method, ...args),
                );
          calls++;
          if (result.kind === 'value') continue;
          const { error } = result;
          if (!(error instanceof TaskclusterFailure)) {
            foreign.push(`${service}.${method} #${String(i)}: ${String(error)}`);
            continue;
          }
          expect(error.message.length).toBeGreaterThan(0);
          // A refusal (not an answer from the server, not a lost connection) sent nothing.
          if (
            !(
              error instanceof TaskclusterRestFailure || error instanceof TaskclusterConnectionError
            )
          ) {
            refused++;
            if (received !== before)
              foreign.push(
                `${service}.${method} #${String(i)} sent before failing: ${error.message}`,
              );
          }
        }
      }
    }
    Error.stackTraceLimit = stackTraceLimit;
    expect(foreign).toEqual([]);
    expect(calls).toBeGreaterThan(3000);
    // The generator is meant to mostly produce refusals, and some calls that go through.
    expect(refused).toBeGreaterThan(calls / 2);
    expect(received).toBeGreaterThan(50);
  });
});
