import { describe, it, expect } from '@jest/globals';
import { inspect } from 'node:util';
import { createClient, TaskclusterFailure } from '../../lib/index.js';
import { bundledReference } from '../../lib/references/bundled.js';
import { defined, methodOf } from '../helpers/answers.js';

const rootUrl = 'https://tc.example.com';
const credentials = { clientId: 'me', accessToken: 'proxy-spec-access-token' };
const queue = () => createClient('queue', { rootUrl, credentials, references: 'bundled' });
const queueEntries = () => defined(bundledReference('queue')).entries.map((e) => e.name);

describe('client Proxy', () => {
  it('lists every method of the reference in Object.keys', () => {
    expect(Object.keys(queue())).toEqual(queueEntries());
  });

  it('agrees between get, has, ownKeys and getOwnPropertyDescriptor', () => {
    const q = queue();
    for (const name of Object.keys(q)) {
      expect(name in q).toBe(true);
      expect(typeof q[name]).toBe('function');
      expect(Object.getOwnPropertyDescriptor(q, name)).toMatchObject({
        enumerable: true,
        value: q[name],
      });
    }
    expect('createTsk' in q).toBe(false);
    expect(Object.getOwnPropertyDescriptor(q, 'createTsk')).toBeUndefined();
  });

  it('caches each method function', () => {
    const q = queue();
    expect(q.createTask).toBe(q.createTask);
  });

  it.each([
    'then',
    'catch',
    'toJSON',
    'constructor',
    'asymmetricMatch',
    'nodeType',
    '$$typeof',
    '@@__IMMUTABLE_ITERABLE__@@',
    '_isMockFunction',
  ])('answers the probe key %s with undefined', (key) => {
    expect((queue() as Record<string, unknown>)[key]).toBeUndefined();
  });

  it('answers symbols with undefined', () => {
    expect(Reflect.get(queue(), Symbol.iterator)).toBeUndefined();
    expect(Reflect.get(queue(), Symbol.toPrimitive)).toBeUndefined();
  });

  it('is not mistaken for a promise', async () => {
    const q = queue();
    // Typed unknown so the await is a real question: does the runtime treat it as a thenable?
    const awaited: unknown = q;
    expect(await awaited).toBe(q);
    expect(await Promise.resolve(q)).toBe(q);
  });

  it('works with jest matchers', () => {
    const q = queue();
    expect(q).toBeDefined();
    expect(q).toBe(q);
    expect(q.task).toEqual(expect.any(Function));
  });

  it('refuses assignment and deletion', () => {
    // Seen as a plain record, as untyped code would write to it.
    const q: Record<string, unknown> = queue();
    expect(() => {
      q['createTask'] = 1;
    }).toThrow(TypeError);
    expect(() => {
      delete q['createTask'];
    }).toThrow(TypeError);
  });

  it('shows rootUrl, clientId and methods under util.inspect, never the accessToken', () => {
    const shown = inspect(queue(), { depth: 5 });
    expect(shown).toContain('queue client');
    expect(shown).toContain('createTask');
    expect(shown).toContain("clientId: 'me'");
    expect(shown).not.toContain(credentials.accessToken);
  });

  it('prints a method with its signature and title', () => {
    expect(inspect(queue().createTask)).toBe(
      '[Function: createTask] queue.createTask(taskId, payload) — Create New Task',
    );
    expect(queue().listTaskGroup.entry.name).toBe('listTaskGroup');
    expect(typeof queue().listTaskGroup.pages).toBe('function');
    expect(queue().task.pages).toBeUndefined();
  });

  it('fails an unknown method with the nearest names', async () => {
    await expect(queue()['createTsk']?.({})).rejects.toThrow(
      /unknown method queue\.createTsk\. Did you mean createTask/,
    );
    await expect(queue()['createTsk']?.({})).rejects.toBeInstanceOf(TaskclusterFailure);
  });

  it('fails an unknown service with the nearest names', async () => {
    const q = createClient('queu', { rootUrl, references: 'bundled' });
    await expect(methodOf(q, 'task')('x')).rejects.toThrow(
      /unknown Taskcluster service queu\. Did you mean queue/,
    );
    await expect(q.ready()).rejects.toThrow(/Did you mean queue/);
  });

  it.each([
    ['queue'],
    ['Queue'],
    ['purge-cache'],
    ['PurgeCache'],
    ['purgeCache'],
    ['queue-events'],
    ['QueueEvents'],
    ['WorkerManagerEvents'],
  ])('accepts the service name %s', async (name) => {
    const ref = await createClient(name, { references: 'bundled' }).ready();
    expect(ref.entries.length).toBeGreaterThan(0);
  });

  it('lists the reserved functions for tab completion through the prototype', () => {
    const proto: unknown = Object.getPrototypeOf(queue());
    expect(Object.getOwnPropertyNames(proto)).toEqual(
      expect.arrayContaining(['buildUrl', 'buildSignedUrl', 'use', 'ready', 'fakeCalls']),
    );
  });
});

describe('use', () => {
  it('returns a new client with merged options and leaves the original alone', () => {
    const q = queue();
    const other = q.use({ rootUrl: 'https://other.example.com' });
    expect(other).not.toBe(q);
    expect(other.buildUrl(other.ping)).toBe('https://other.example.com/api/queue/v1/ping');
    expect(q.buildUrl(q.ping)).toBe('https://tc.example.com/api/queue/v1/ping');
    expect(inspect(other)).toContain("clientId: 'me'");
  });
});
