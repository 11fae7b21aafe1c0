import { describe, it, expect, beforeEach } from '@jest/globals';
import { createClient } from '../../lib/index.js';
import { resetDeploymentDocuments } from '../../lib/references/documents.js';

beforeEach(() => {
  resetDeploymentDocuments();
});

describe('describe', () => {
  it("returns an API entry's route, method, args, query, schemas, scopes and stability", () => {
    const queue = createClient('queue', { references: 'bundled' });
    const description = queue.describe('createTask');
    expect(description).toMatchObject({
      kind: 'function',
      name: 'createTask',
      signature: 'queue.createTask(taskId, payload)',
      title: 'Create New Task',
      stability: 'stable',
      method: 'PUT',
      route: '/task/<taskId>',
      path: '/api/queue/v1/task/<taskId>',
      args: ['taskId'],
      query: [],
      input: '/schemas/queue/v1/create-task-request.json#',
      output: '/schemas/queue/v1/task-status-response.json#',
    });
    expect(JSON.stringify(description.kind === 'function' && description.scopes)).toContain(
      'queue:create-task:project:<projectId>',
    );
    expect(Object.isFrozen(description)).toBe(true);
  });

  it('takes a method function as well as a name, and lists query keys', () => {
    const queue = createClient('queue', { references: 'bundled' });
    expect(queue.describe(queue.listTaskGroup)).toMatchObject({
      name: 'listTaskGroup',
      query: ['continuationToken', 'limit'],
      input: undefined,
    });
  });

  it("returns an exchange's full name, routing key and message schema", () => {
    const events = createClient('queue-events', { references: 'bundled' });
    const description = events.describe('taskDefined');
    expect(description).toMatchObject({
      kind: 'exchange',
      exchange: 'exchange/taskcluster-queue/v1/task-defined',
      schema: '/schemas/queue/v1/task-defined-message.json#',
    });
    expect(description.kind === 'exchange' && description.routingKey[0]).toMatchObject({
      name: 'routingKeyKind',
      constant: 'primary',
    });
  });

  it('refuses an unknown name with the nearest ones, and a remote reference not yet loaded', () => {
    const queue = createClient('queue', { references: 'bundled' });
    expect(() => queue.describe('createTsk')).toThrow(
      expect.objectContaining({
        code: 'UnknownMethod',
        message: expect.stringMatching(/createTask/),
      }),
    );
    expect(() => queue.describe(42 as never)).toThrow(/give a method name/);
    const remote = createClient('queue', { rootUrl: 'http://127.0.0.1:1', references: 'remote' });
    expect(() => remote.describe('createTask')).toThrow(/await client.ready\(\) first/);
  });
});
