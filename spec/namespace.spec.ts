import { member } from './helpers/nth.js';
import { describe, it, expect } from '@jest/globals';
import tcOfficial from 'taskcluster-client';
import tc, { createClient, optionsFromEnvironment, TaskclusterFailure } from '../lib/index.js';
import type { ClientClass } from '../lib/namespace.js';
import { at, defined, methodOf } from './helpers/answers.js';
import { bundledReference } from '../lib/references/bundled.js';
import type { ApiReference } from '../lib/references/types.js';

const ROOT_URL = 'https://tc.example.com';
const official = tcOfficial as unknown as Record<
  string,
  new (options: {
    rootUrl: string;
  }) => Record<string, unknown>
>;

/** `tc[name]`, checked to be a class: the namespace types names it does not know loosely. */
function classNamed(name: string): ClientClass {
  const value: unknown = tc[name];
  if (!isClass(value)) throw new Error(`expected a client class tc.${name}`);
  return value;
}
function isClass(value: unknown): value is ClientClass {
  return typeof value === 'function';
}

const HAND: ApiReference = {
  $schema: '/schemas/common/api-reference-v0.json#',
  serviceName: 'hand',
  apiVersion: 'v2',
  entries: [
    {
      type: 'function',
      name: 'thing',
      method: 'get',
      route: '/thing/<thingId>',
      args: ['thingId'],
      title: 'A thing',
    },
  ],
};

describe('the default export', () => {
  it('makes new tc.Queue({rootUrl}) a queue client', () => {
    const queue = new tc.Queue({ rootUrl: ROOT_URL, references: 'bundled' });
    expect(queue.buildUrl(queue.task, 'abc')).toBe(`${ROOT_URL}/api/queue/v1/task/abc`);
    expect(Object.keys(queue)).toContain('createTask');
  });

  it('makes new tc.QueueEvents() build routing-key patterns without a rootUrl', () => {
    const events = new tc.QueueEvents({ references: 'bundled' });
    expect(events.taskCompleted({ taskId: 'x' })).toMatchObject({
      exchange: 'exchange/taskcluster-queue/v1/task-completed',
      routingKeyPattern: 'primary.x.*.*.*.*.*.*.*.#',
    });
  });

  it.each([
    ['PurgeCache', 'purgeCache', 'p', `${ROOT_URL}/api/purge-cache/v1/purge-cache/p`],
    ['WorkerManager', 'workerPool', 'a/b', `${ROOT_URL}/api/worker-manager/v1/worker-pool/a%2Fb`],
    ['Object', 'object', 'n', `${ROOT_URL}/api/object/v1/metadata/n`],
    ['Secrets', 'get', 'a b', `${ROOT_URL}/api/secrets/v1/secret/a%20b`],
  ])('makes any PascalCase name a client class: tc.%s', (className, method, param, url) => {
    const Cls = classNamed(className);
    expect(Cls.name).toBe(className);
    expect(new Cls({ rootUrl: ROOT_URL, references: 'bundled' }).buildUrl(method, param)).toBe(url);
  });

  it('gives the same class for the same name', () => {
    expect(tc.Queue).toBe(tc.Queue);
  });

  it('has no client class for lower-case names', () => {
    expect(tc['queue']).toBeUndefined();
  });

  it('gives a class for an unknown service whose calls name the nearest services', async () => {
    const client = new (classNamed('Queu'))({ rootUrl: ROOT_URL, references: 'bundled' });
    await expect(methodOf(client, 'task')('x')).rejects.toThrow(
      /unknown Taskcluster service queu\. Did you mean queue/,
    );
  });

  it('keeps the named exports', () => {
    expect(tc.TaskclusterFailure).toBe(TaskclusterFailure);
    expect(tc.optionsFromEnvironment).toBe(optionsFromEnvironment);
  });

  it('makes tc.createClient(reference) return a class for that reference', () => {
    const Hand = tc.createClient(HAND, 'Hand');
    expect(Hand.name).toBe('Hand');
    const hand = new Hand({ rootUrl: ROOT_URL });
    expect(hand.buildUrl('thing', 'a/b')).toBe(`${ROOT_URL}/api/hand/v2/thing/a%2Fb`);
    expect(at(hand, 'thing', 'entryReference')).toBe(HAND.entries[0]);
  });

  it('makes tc.createClient(reference) work for a bundled reference', () => {
    const Queue = tc.createClient(defined(bundledReference('queue')));
    expect(new Queue({ rootUrl: ROOT_URL }).buildUrl('task', 't')).toBe(
      `${ROOT_URL}/api/queue/v1/task/t`,
    );
  });

  it('makes tc.createClient(name, options) a client, as the named export does', () => {
    const queue = tc.createClient('queue', { rootUrl: ROOT_URL, references: 'bundled' });
    expect(queue.buildUrl('task', 't')).toBe(
      createClient('queue', { rootUrl: ROOT_URL, references: 'bundled' }).buildUrl('task', 't'),
    );
  });

  it('reads the environment with tc.fromEnvVars()', () => {
    expect(tc.fromEnvVars()).toEqual(optionsFromEnvironment(process.env));
  });

  it("gives each method the official client's entryReference", () => {
    const ours = new tc.Queue({ rootUrl: ROOT_URL, references: 'bundled' });
    const theirs = new (member(official, 'Queue'))({ rootUrl: ROOT_URL });
    for (const name of ['task', 'createTask', 'listTaskGroup', 'getArtifact']) {
      const method = member(ours, name);
      expect(at(method, 'entryReference')).toEqual(at(member(theirs, name), 'entryReference'));
      expect(at(method, 'entryReference')).toBe(at(method, 'entry'));
    }
  });

  it('gives namespace clients externalBuildUrl', () => {
    const queue = new tc.Queue({ rootUrl: `${ROOT_URL}/`, references: 'bundled' });
    expect(queue.externalBuildUrl(queue.task, 'abc')).toBe(`${ROOT_URL}/api/queue/v1/task/abc`);
  });
});
