import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { gunzipSync } from 'node:zlib';
import { request as httpRequest } from 'node:http';
import { startSandbox, type Sandbox } from '../../lib/testing/index.js';
import { checkFault, createFaults } from '../../lib/testing/faults.js';
import { clientOf, rejection } from './sandbox-helpers.js';
import { stringAt } from '../helpers/answers.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

const ping = () => fetch(`${sandbox.rootUrl}/api/queue/v1/ping`);

/** The status and raw bytes of a GET, or the error that cut it. */
function rawGet(
  url: string,
): Promise<{ status?: number | undefined; bytes: Buffer; error?: Error | undefined }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let status: number | undefined;
    const done = (error?: Error) => {
      resolve({ status, bytes: Buffer.concat(chunks), error });
    };
    httpRequest(url, { agent: false }, (res) => {
      status = res.statusCode;
      res.on('data', (c: Buffer) => {
        chunks.push(c);
      });
      res.on('end', () => {
        done();
      });
      res.on('error', done);
      res.on('aborted', () => {
        done(new Error('aborted'));
      });
    })
      .on('error', done)
      .end();
  });
}

async function seededBlobUrl(content: string): Promise<string> {
  sandbox.seedArtifact({ taskId: 'fN1SbArXTPSVFNUvaOlinQ', name: 'public/a.txt', content });
  const queue = clientOf(sandbox, 'queue');
  return stringAt(await queue['artifact']('fN1SbArXTPSVFNUvaOlinQ', '0', 'public/a.txt'), 'url');
}

describe('Sandbox.fault', () => {
  it('answers a status with headers the next times calls, logging them, then serves normally', async () => {
    sandbox.fault('queue.ping', { status: 429, headers: { 'retry-after': '3' }, times: 2 });
    const first = await ping();
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '3']);
    expect(((await first.json()) as { code: string }).code).toBe('TooManyRequests');
    expect((await ping()).status).toBe(429);
    expect((await ping()).status).toBe(200);
    expect(sandbox.requests.map((r) => `${r.service}.${r.method} ${String(r.status)}`)).toEqual([
      'queue.ping 429',
      'queue.ping 429',
      'queue.ping 200',
    ]);
  });

  it('cuts the connection before any answer and logs status 0', async () => {
    sandbox.fault('ping', { reset: 'before-body' });
    await expect(ping()).rejects.toThrow('fetch failed');
    expect(sandbox.requests).toEqual([
      { service: 'queue', method: 'ping', path: '/api/queue/v1/ping', status: 0 },
    ]);
  });

  it('cuts the connection after reading a whole request body, without calling the service', async () => {
    sandbox.fault('queue.createTask', { reset: 'after-body' });
    const queue = clientOf(sandbox, 'queue');
    const err = await rejection(queue['createTask']('fN1SbArXTPSVFNUvaOlinQ', { a: 1 }));
    expect(err.name).toBe('TaskclusterConnectionError');
    expect(sandbox.requests.map((r) => r.status)).toEqual([0]);
  });

  it('waits before answering', async () => {
    sandbox.fault('queue.ping', { delay: 150 });
    const started = Date.now();
    expect((await ping()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('replaces the body with the given text', async () => {
    sandbox.fault('queue.ping', { body: '{"alive": tru' });
    const res = await ping();
    expect([res.status, await res.text()]).toEqual([200, '{"alive": tru']);
  });

  it('sends half of the body it announced, then cuts', async () => {
    const url = await seededBlobUrl('0123456789');
    sandbox.fault('_blob.get', { truncate: true });
    const { status, bytes, error } = await rawGet(url);
    expect(status).toBe(200);
    expect(bytes.toString()).toBe('01234');
    expect(error?.message).toMatch(/aborted/);
    expect((await rawGet(url)).bytes.toString()).toBe('0123456789');
  });

  it('flips one bit of the body, or gzips it', async () => {
    const url = await seededBlobUrl('abcdef');
    sandbox.fault('_blob.get', { tamper: true });
    expect((await rawGet(url)).bytes.toString()).toBe('abceef');
    sandbox.fault('_blob.get', { gzip: true });
    const res = await fetch(url);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.text()).toBe('abcdef');
    sandbox.fault('_blob.get', { gzip: true });
    expect(gunzipSync((await rawGet(url)).bytes).toString()).toBe('abcdef');
  });

  it('redirects to the same URL, which then answers normally', async () => {
    const url = await seededBlobUrl('moved');
    sandbox.fault('_blob.get', { redirect: true });
    const first = await rawGet(url);
    expect(first.status).toBe(302);
    const res = await fetch(url);
    expect([res.redirected, await res.text()]).toEqual([false, 'moved']);
    sandbox.fault('_blob.get', { redirect: true });
    const followed = await fetch(url);
    expect([followed.redirected, await followed.text()]).toEqual([true, 'moved']);
    expect(sandbox.requests.filter((r) => r.service === '_blob').map((r) => r.status)).toEqual([
      302, 200, 302, 200,
    ]);
  });

  it('applies to every call with times Infinity', async () => {
    sandbox.fault('ping', { status: 503, times: Infinity });
    for (let i = 0; i < 5; i++) expect((await ping()).status).toBe(503);
  });

  it.each<[string, unknown[], RegExp]>([
    ['an unknown route', ['nope', {}], /no method "nope"/],
    ['a status that is not HTTP', ['ping', { status: 99 }], /status must be an HTTP status/],
    ['zero times', ['ping', { times: 0 }], /times must be a positive integer/],
    ['a negative delay', ['ping', { delay: -1 }], /delay must be a number/],
    ['a bad truncate', ['ping', { truncate: 'x' }], /truncate must be true or a byte count/],
    ['a bad reset', ['ping', { reset: 'during' }], /reset must be/],
  ])('refuses %s', (_what, args, message) => {
    expect(() => {
      // Bad arguments on purpose: the call is typed loosely to send them.
      (sandbox.fault as (...a: unknown[]) => void)(...args);
    }).toThrow(message);
  });
});

describe('checkFault', () => {
  it('refuses a fault that is not an object', () => {
    expect(() => {
      checkFault('fault', null);
    }).toThrow(/a fault must be an object/);
  });
});

describe('createFaults', () => {
  it('queues the faults of one route in order', () => {
    const faults = createFaults();
    faults.add('ping', { status: 500, times: 2 });
    faults.add('ping', { reset: 'before-body' });
    const take = () => faults.take({ service: 'queue', method: 'ping' });
    expect([take()?.status, take()?.status, take()?.reset, take()]).toEqual([
      500,
      500,
      'before-body',
      undefined,
    ]);
  });

  it('prefers a service-qualified fault and uses each up', () => {
    const faults = createFaults();
    faults.add('ping', { status: 500 });
    faults.add('queue.ping', { status: 502, times: 2 });
    const take = () => faults.take({ service: 'queue', method: 'ping' })?.status;
    expect([take(), take(), take(), take()]).toEqual([502, 502, 500, undefined]);
  });
});
