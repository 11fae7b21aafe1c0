// Shared by the sandbox specs: clients on a sandbox, a valid task definition, and the error
// of a call expected to fail.
import { createClient, type Client, type ClientOptions } from '../../lib/index.js';
import { TaskclusterFailure } from '../../lib/errors.js';
import type { Sandbox } from '../../lib/testing/index.js';
import type { KnownService, ServiceClients } from '../../lib/types/index.js';
import { rejectionOf } from '../helpers/answers.js';

/**
 * A client of `sandbox` (root credentials unless others are given), without retries. A known
 * service name gives its typed client, so answers have their schema's type.
 */
export function clientOf<N extends KnownService>(
  sandbox: Sandbox,
  name: N,
  options?: ClientOptions,
): ServiceClients[N];
export function clientOf(sandbox: Sandbox, name: string, options?: ClientOptions): Client;
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

/** The TaskclusterFailure a promise rejects with; fails the test when it resolves or throws another error. */
export function rejection(promise: Promise<unknown>): Promise<TaskclusterFailure> {
  return rejectionOf(promise, TaskclusterFailure);
}
