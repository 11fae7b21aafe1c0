// Node-only: the shared on-disk cache of deployment reference documents (node:fs, node:os).
// The browser path never imports this module; lib/index.ts installs it for Node (see
// documents.ts, useDocumentCache), so in a browser the cache is simply absent.
import {
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import type { CachedDocument, DocumentCache } from './documents.js';

/** How long a cached document is used without asking the deployment: one hour. */
export const CACHE_MAX_AGE_MS = 60 * 60 * 1000;

/** The environment variable that turns the cache off (any value but '' and '0'). */
export const NO_CACHE_VARIABLE = 'TASKCLUSTER_DYNAMIC_NO_CACHE';

const FORMAT = 1;

type Env = Record<string, string | undefined>;

/** `$XDG_CACHE_HOME/taskcluster-dynamic`, else the platform's user cache folder. */
export function cacheDirectory(
  env: Env = process.env,
  platform: string = process.platform,
  home: string = homedir(),
): string {
  if (env['XDG_CACHE_HOME']) return join(env['XDG_CACHE_HOME'], 'taskcluster-dynamic');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'taskcluster-dynamic');
  if (platform === 'win32' && env['LOCALAPPDATA'])
    return join(env['LOCALAPPDATA'], 'taskcluster-dynamic', 'Cache');
  return join(home, '.cache', 'taskcluster-dynamic');
}

/** Whether the environment turns the cache off. */
export function cacheDisabled(env: Env = process.env): boolean {
  const value = env[NO_CACHE_VARIABLE];
  return value !== undefined && value !== '' && value !== '0';
}

/** The file of one document: a folder per deployment (readable host, hashed full rootUrl), then its path. */
export function entryFile(dir: string, rootUrl: string, path: string): string {
  const url = new URL(rootUrl);
  const hash = createHash('sha256').update(rootUrl).digest('hex').slice(0, 12);
  const host = url.host.replace(/[^A-Za-z0-9.-]/g, '_');
  const parts = path.split('/').filter((p) => p && p !== '.' && p !== '..');
  return join(dir, `${host}-${hash}`, ...parts);
}

function parseEntry(text: string, url: string): CachedDocument | undefined {
  const entry = JSON.parse(text) as Partial<CachedDocument> & { format?: unknown; url?: unknown };
  // Anything else (an older format, another URL, a torn or hand-edited file) is a miss.
  if (entry.format !== FORMAT || entry.url !== url) return undefined;
  if (!entry.document || typeof entry.document !== 'object') return undefined;
  return {
    document: entry.document,
    ...(typeof entry.etag === 'string' ? { etag: entry.etag } : {}),
    ...(typeof entry.lastModified === 'string' ? { lastModified: entry.lastModified } : {}),
    fresh: false,
  };
}

/** The cache in folder `dir`, fresh for `maxAge` ms after a document was stored or revalidated. */
export function diskCache(dir: string, maxAge: number = CACHE_MAX_AGE_MS): DocumentCache {
  const fileOf = (rootUrl: string, path: string) => entryFile(dir, rootUrl, path);
  return {
    read(rootUrl, path, now = Date.now()) {
      const file = fileOf(rootUrl, path);
      try {
        const entry = parseEntry(readFileSync(file, 'utf8'), rootUrl + path);
        // The file's mtime is when it was stored or last revalidated.
        if (entry) entry.fresh = now - statSync(file).mtimeMs < maxAge;
        return entry;
      } catch {
        return undefined; // absent, unreadable or corrupt: fetched again and rewritten
      }
    },
    write(rootUrl, path, entry) {
      const file = fileOf(rootUrl, path);
      const { document, etag, lastModified } = entry;
      const text = JSON.stringify({
        format: FORMAT,
        url: rootUrl + path,
        etag,
        lastModified,
        document,
      });
      // A unique temp file renamed over the entry: readers see the old file or the new one, never a torn one.
      const temp = `${file}.${String(process.pid)}.${Math.random().toString(36).slice(2)}.tmp`;
      try {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(temp, text);
        renameSync(temp, file);
      } catch {
        // A read-only or full disk costs the cache, never the call.
        rmSync(temp, { force: true });
      }
    },
    touch(rootUrl, path) {
      try {
        const now = new Date();
        utimesSync(fileOf(rootUrl, path), now, now);
      } catch {
        // As above: without the cache the next process asks again.
      }
    },
  };
}

/** The cache the environment asks for: undefined when turned off. */
export function environmentCache(env: Env = process.env): DocumentCache | undefined {
  return cacheDisabled(env) ? undefined : diskCache(cacheDirectory(env));
}
