import { describe, it, expect } from '@jest/globals';
import {
  compileReference,
  type FunctionDescriptor,
  type ExchangeDescriptor,
} from '../../lib/client/descriptors.js';
import { bundledNames, bundledReference } from '../../lib/references/bundled.js';
import type { ApiReference } from '../../lib/references/types.js';
import { defined } from '../helpers/answers.js';

const compiled = (name: string) => compileReference(defined(bundledReference(name)));
const fn = (service: string, name: string) =>
  compiled(service).methods.get(name) as FunctionDescriptor;
const exchange = (service: string, name: string) =>
  compiled(service).methods.get(name) as ExchangeDescriptor;

describe('compileReference', () => {
  it.each([
    ['queue', 'ping', 'queue.ping()'],
    ['queue', 'task', 'queue.task(taskId)'],
    ['queue', 'createTask', 'queue.createTask(taskId, payload)'],
    ['queue', 'listTaskGroup', 'queue.listTaskGroup(taskGroupId, [query])'],
    ['queue', 'tasks', 'queue.tasks(payload, [query])'],
    ['queue', 'listProvisioners', 'queue.listProvisioners([query])'],
    ['queue', 'claimTask', 'queue.claimTask(taskId, runId, payload)'],
    [
      'hooks',
      'triggerHookWithToken',
      'hooks.triggerHookWithToken(hookGroupId, hookId, token, payload)',
    ],
    ['purge-cache', 'purgeCache', 'purge-cache.purgeCache(workerPoolId, payload)'],
  ])('gives %s.%s the signature %s', (service, name, signature) => {
    expect(fn(service, name).signature).toBe(signature);
  });

  it.each([
    [
      'queue-events',
      'taskCompleted',
      'queue-events.taskCompleted({taskId, runId, workerGroup, workerId, provisionerId, workerType, schedulerId, taskGroupId, reserved})',
    ],
    ['auth-events', 'clientCreated', 'auth-events.clientCreated({reserved})'],
    ['notify-events', 'notify', 'notify-events.notify({topic})'],
  ])(
    'gives the exchange %s.%s the signature %s, without constant words',
    (service, name, signature) => {
      expect(exchange(service, name).signature).toBe(signature);
    },
  );

  it.each([
    ['queue', 'listTaskGroup', true],
    ['queue', 'listProvisioners', true],
    ['queue', 'tasks', true],
    ['queue', 'task', false],
    ['queue', 'createTask', false],
    ['index', 'findTask', false],
    ['index', 'listNamespaces', true],
    ['hooks', 'listLastFires', true],
  ])('detects pagination of %s.%s as %p', (service, name, paginated) => {
    expect(fn(service, name).paginated).toBe(paginated);
  });

  it.each(bundledNames().filter((n) => !n.endsWith('-events')))(
    'marks exactly the %s methods with a continuationToken query as paginated',
    (service) => {
      for (const d of compiled(service).methods.values()) {
        const entry = (d as FunctionDescriptor).entry;
        expect((d as FunctionDescriptor).paginated).toBe(
          (entry.query ?? []).includes('continuationToken'),
        );
      }
    },
  );

  it('splits a route at its parameters', () => {
    const d = fn('queue', 'getArtifact');
    expect(d.routeParts).toEqual([
      '/task/',
      'taskId',
      '/runs/',
      'runId',
      '/artifacts/',
      'name',
      '',
    ]);
    expect(d.params).toEqual(['taskId', 'runId', 'name']);
    expect(d.httpMethod).toBe('GET');
    expect(d.hasInput).toBe(false);
    expect(d.label).toBe('queue.getArtifact');
  });

  it('describes input and query', () => {
    const d = fn('queue', 'tasks');
    expect(d.hasInput).toBe(true);
    expect([...d.query]).toEqual(['continuationToken', 'limit']);
    expect(d.httpMethod).toBe('POST');
  });

  it('compiles a document once, into frozen descriptors', () => {
    const reference = defined(bundledReference('queue'));
    const first = compileReference(reference);
    expect(compileReference(reference)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.names)).toBe(true);
    expect(Object.isFrozen(first.methods.get('task'))).toBe(true);
    expect(first.names).toEqual(reference.entries.map((e) => e.name));
  });

  it('reads the service, version and exchange prefix', () => {
    expect(compiled('queue')).toMatchObject({
      clientName: 'queue',
      serviceName: 'queue',
      apiVersion: 'v1',
      exchangePrefix: undefined,
    });
    expect(compiled('queue-events')).toMatchObject({
      clientName: 'queue-events',
      serviceName: 'queue',
      apiVersion: 'v1',
      exchangePrefix: 'exchange/taskcluster-queue/v1/',
    });
  });

  it('keeps only function entries of an API reference and defaults apiVersion to v1', () => {
    const reference = {
      $schema: '/schemas/common/api-reference-v0.json#',
      serviceName: 'hand',
      entries: [
        { type: 'function', name: 'one', method: 'get', route: '/one', args: [] },
        { type: 'something-else', name: 'two' },
      ],
    } as unknown as ApiReference;
    const result = compileReference(reference);
    expect(result.names).toEqual(['one']);
    expect(result.apiVersion).toBe('v1');
  });
});
