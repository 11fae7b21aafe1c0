// The on-disk reference cache: its folder, freshness, revalidation and atomic writes, across
// real processes on one loopback deployment.
// @slow: a dozen Node processes.
import { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startHawkServer, json, type HawkServer } from '../helpers/hawk-server.js';
import { ensureBuilt, ROOT } from '../cli/helpers/run-cli.js';
import { createClient } from '../../lib/index.js';
import { bundledReference } from '../../lib/references/bundled.js';
import type { ApiReference } from '../../lib/references/types.js';
import {
  CACHE_MAX_AGE_MS,
  cacheDirectory,
  cacheDisabled,
  diskCache,
  entryFile,
  environmentCache,
} from '../../lib/references/cache.js';
import { resetDeploymentDocuments, useDocumentCache } from '../../lib/references/documents.js';
import { parseJson } from '../helpers/answers.js';

const run = promisify(execFile);
const QUEUE = '/references/queue/v1/api.json';
let server: HawkServer;
let dir: string;
let etag = '"queue-1"';

beforeAll(async () => {
  await ensureBuilt();
  server = await startHawkServer();
});
afterAll(() => server.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tcdyn-cache-'));
  server.requests.length = 0;
  etag = '"queue-1"';
  server.script((req, res) => {
    if (req.url !== QUEUE) return json(200, { answered: req.url })(req, res);
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    return json(200, bundledReference('queue'), { etag })(req, res);
  });
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  useDocumentCache(() => environmentCache());
  resetDeploymentDocuments();
});

/** A separate Node process that makes one remote call with the built package (one bundle: it
 * loads in two thirds of the CPU time of dist/'s modules). */
async function processCall(env: Record<string, string> = {}): Promise<unknown> {
  const script = `
    const { createClient } = await import(${JSON.stringify(join(ROOT, 'pkg', 'index.js'))});
    const queue = createClient('queue', { rootUrl: process.argv[1], references: 'remote' });
    process.stdout.write(JSON.stringify(await queue.task('x')));`;
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', script, server.rootUrl],
    {
      env: { ...process.env, XDG_CACHE_HOME: dir, TASKCLUSTER_DYNAMIC_NO_CACHE: '0', ...env },
    },
  );
  return JSON.parse(stdout);
}

const referenceRequests = () =>
  server.requests
    .filter((r) => r.url.startsWith('/references/'))
    .map((r) => `${r.url} ${r.headers['if-none-match'] ?? '-'}`);
const entryOf = () => entryFile(join(dir, 'taskcluster-dynamic'), server.rootUrl, QUEUE);
const age = (file: string, ms: number) => {
  const then = new Date(Date.now() - ms);
  utimesSync(file, then, then);
};

describe('cacheDirectory', () => {
  it('honours XDG_CACHE_HOME, else uses the platform user cache folder', () => {
    expect(cacheDirectory({ XDG_CACHE_HOME: '/x' }, 'linux', '/h')).toBe('/x/taskcluster-dynamic');
    expect(cacheDirectory({}, 'linux', '/h')).toBe('/h/.cache/taskcluster-dynamic');
    expect(cacheDirectory({}, 'darwin', '/h')).toBe('/h/Library/Caches/taskcluster-dynamic');
  });

  it('is turned off by TASKCLUSTER_DYNAMIC_NO_CACHE', () => {
    expect(cacheDisabled({ TASKCLUSTER_DYNAMIC_NO_CACHE: '1' })).toBe(true);
    expect(cacheDisabled({ TASKCLUSTER_DYNAMIC_NO_CACHE: '0' })).toBe(false);
    expect(cacheDisabled({})).toBe(false);
    expect(environmentCache({ TASKCLUSTER_DYNAMIC_NO_CACHE: 'yes' })).toBeUndefined();
  });
});

describe('the reference cache across processes', () => {
  it('spares a second process any request while fresh, then costs one conditional request', async () => {
    await expect(processCall()).resolves.toEqual({ answered: '/api/queue/v1/task/x' });
    expect(referenceRequests()).toEqual([`${QUEUE} -`]);
    server.requests.length = 0;
    await expect(processCall()).resolves.toEqual({ answered: '/api/queue/v1/task/x' });
    expect(referenceRequests()).toEqual([]);
    age(entryOf(), CACHE_MAX_AGE_MS + 1000);
    await processCall();
    expect(referenceRequests()).toEqual([`${QUEUE} "queue-1"`]);
    // The 304 made the entry fresh again.
    server.requests.length = 0;
    await processCall();
    expect(referenceRequests()).toEqual([]);
  });

  it('takes the new document when the deployment changed it', async () => {
    await processCall();
    age(entryOf(), CACHE_MAX_AGE_MS + 1000);
    etag = '"queue-2"';
    await processCall();
    expect(parseJson(readFileSync(entryOf(), 'utf8'))).toMatchObject({ etag: '"queue-2"' });
  });

  it('ignores and rewrites a corrupt entry', async () => {
    await processCall();
    writeFileSync(entryOf(), '{"format":1,"url":"trunc');
    server.requests.length = 0;
    await expect(processCall()).resolves.toEqual({ answered: '/api/queue/v1/task/x' });
    expect(referenceRequests()).toEqual([`${QUEUE} -`]);
    expect(parseJson(readFileSync(entryOf(), 'utf8'))).toMatchObject({
      document: { serviceName: 'queue' },
    });
  });

  it('is neither read nor written with TASKCLUSTER_DYNAMIC_NO_CACHE=1', async () => {
    await processCall({ TASKCLUSTER_DYNAMIC_NO_CACHE: '1' });
    await processCall({ TASKCLUSTER_DYNAMIC_NO_CACHE: '1' });
    expect(referenceRequests()).toEqual([`${QUEUE} -`, `${QUEUE} -`]);
    expect(existsSync(join(dir, 'taskcluster-dynamic'))).toBe(false);
  });
});

describe('the reference cache in one process', () => {
  beforeEach(() => {
    useDocumentCache(() => diskCache(dir));
  });

  it('serves auto mode the cached reference: a removed method fails after one 304, unsent', async () => {
    const v106 = structuredClone(bundledReference('queue')) as ApiReference;
    v106.entries = v106.entries.filter((e) => e.name !== 'declareProvisioner');
    diskCache(dir).write(server.rootUrl, QUEUE, { document: v106, etag: '"queue-1"' });
    const queue = createClient('queue', { rootUrl: server.rootUrl });
    await expect(queue.task('x')).resolves.toEqual({ answered: '/api/queue/v1/task/x' });
    expect(referenceRequests()).toEqual([]);
    await expect(queue.declareProvisioner('p', {})).rejects.toMatchObject({ code: 'NotOffered' });
    // A name the cached reference lacks is checked once with the deployment: here, 304.
    expect(referenceRequests()).toEqual([`${QUEUE} "queue-1"`]);
    expect(server.requests.map((r) => r.url)).not.toContain('/api/queue/v1/provisioners/p');
  });

  it('asks once, conditionally, about a name its fresh cached reference lacks', async () => {
    const older = structuredClone(bundledReference('queue')) as ApiReference;
    older.entries = older.entries.filter((e) => e.name !== 'task');
    diskCache(dir).write(server.rootUrl, QUEUE, { document: older, etag: '"older"' });
    const queue = createClient('queue', { rootUrl: server.rootUrl, references: 'remote' });
    await expect(queue.task('x')).resolves.toEqual({ answered: '/api/queue/v1/task/x' });
    await expect(queue['nosuchMethod']?.()).rejects.toMatchObject({ code: 'UnknownMethod' });
    expect(referenceRequests()).toEqual([`${QUEUE} "older"`]);
    expect(parseJson(readFileSync(entryFile(dir, server.rootUrl, QUEUE), 'utf8'))).toMatchObject({
      etag: '"queue-1"',
    });
  });

  it('is skipped with referencesCache: false', async () => {
    const options = { rootUrl: server.rootUrl, references: 'remote', referencesCache: false };
    await createClient('queue', options).task('x');
    expect(existsSync(entryFile(dir, server.rootUrl, QUEUE))).toBe(false);
  });

  it('revalidates with If-Modified-Since when the deployment sends Last-Modified only', async () => {
    const stamp = 'Sat, 05 Dec 2026 08:00:00 GMT';
    server.script((req, res) => {
      if (req.url !== QUEUE) return json(200, { answered: req.url })(req, res);
      if (req.headers['if-modified-since'] === stamp) return json(304, undefined)(req, res);
      return json(200, bundledReference('queue'), { 'last-modified': stamp })(req, res);
    });
    const options = { rootUrl: server.rootUrl, references: 'remote' };
    await createClient('queue', options).ready();
    age(entryFile(dir, server.rootUrl, QUEUE), CACHE_MAX_AGE_MS + 1000);
    resetDeploymentDocuments();
    await expect(createClient('queue', options).ready()).resolves.toMatchObject({
      serviceName: 'queue',
    });
    const sent = server.requests.map((r) => r.headers['if-modified-since'] ?? '-');
    expect(sent).toEqual(['-', stamp]);
  });
});

describe('diskCache', () => {
  it('never shows a reader a torn entry while other processes rewrite it', async () => {
    const cache = diskCache(dir);
    const big = (n: number) => ({ serviceName: 'queue', filler: String(n).repeat(200_000) });
    cache.write('https://tc.example.com', QUEUE, { document: big(0) });
    const writer = (n: number) => `
      const { diskCache } = await import(${JSON.stringify(join(ROOT, 'dist', 'references', 'cache.js'))});
      const cache = diskCache(${JSON.stringify(dir)});
      for (let i = 0; i < 40; i++)
        cache.write('https://tc.example.com', ${JSON.stringify(QUEUE)}, { document: { serviceName: 'queue', filler: '${String(n)}'.repeat(200000) } });`;
    const writers = [1, 2, 3].map((n) =>
      run(process.execPath, ['--input-type=module', '-e', writer(n)]),
    );
    // An object, so the loop below sees the callback's write (a local would stay narrowed).
    const writing = { done: false };
    void Promise.all(writers).then(() => {
      writing.done = true;
    });
    const seen = new Set<string>();
    let reads = 0;
    while (!writing.done) {
      const entry = cache.read('https://tc.example.com', QUEUE);
      const filler = (entry?.document as { filler?: string } | undefined)?.filler ?? 'torn';
      seen.add(filler.length === 200_000 ? filler.charAt(0) : 'torn');
      reads++;
      // A pause between reads: a reader that spins takes the CPU the writers need, most of all
      // on a busy machine, and a few hundred reads are plenty to catch a torn entry.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await Promise.all(writers);
    expect(reads).toBeGreaterThan(10);
    expect(seen.has('torn')).toBe(false);
  });
});
