// Shared by the sandbox specs: clients on a sandbox, a valid task definition, and the error
// of a call expected to fail.
import { expect } from '@jest/globals';
import { createClient, type Client, type ClientOptions } from '../../lib/index.js';
import type { Sandbox } from '../../lib/testing/index.js';

/** A client of `sandbox` (root credentials unless others are given), without retries. */
export function clientOf(sandbox: Sandbox, name: string, options: ClientOptions = {}): Client {
  return createClient(name, {
    rootUrl: sandbox.rootUrl,
    credentials: sandbox.rootCredentials,
    references: 'bundled',
    maxRetries: 0,
    ...options,
  });
}

export function taskDefinition(overrides: Record<string, unknown> = {}) {
  const now = Date.now();
  return {
    taskQueueId: 'proj/ci-worker',
    created: new Date(now).toJSON(),
    deadline: new Date(now + 60 * 60 * 1000).toJSON(),
    payload: { command: ['true'] },
    metadata: {
      name: 'sandbox test',
      description: 'a task',
      owner: 'dev@example.com',
      source: 'https://example.com/repo',
    },
    ...overrides,
  };
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  expect('the call').toBe('rejected');
  return undefined;
}
