import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../../lib/index.js';
import { TaskclusterFailure } from '../../lib/errors.js';
import {
  directoryReferences,
  manifestEntryPath,
  resetDirectoryCache,
} from '../../lib/references/directory.js';

afterEach(() => {
  resetDirectoryCache();
});

const REFERENCE = {
  $schema: '/schemas/common/api-reference-v0.json#',
  serviceName: 'outside',
  apiVersion: 'v1',
  entries: [{ type: 'function', name: 'ping', method: 'get', route: '/ping', args: [] }],
};

/** A folder `<tmp>/refs` whose manifest names `entry`, and a reference document beside the folder. */
function folderNaming(entry: string): { root: string; folder: string } {
  const root = mkdtempSync(join(tmpdir(), 'tcdyn-refs-'));
  const folder = join(root, 'refs');
  mkdirSync(folder);
  writeFileSync(join(root, 'outside.json'), JSON.stringify(REFERENCE));
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify({ references: [entry] }));
  return { root, folder };
}

describe('manifestEntryPath', () => {
  it.each([
    ['https://tc.example.com/references/queue/v1/api.json', 'queue/v1/api.json'],
    ['/references/auth/v1/api.json', 'auth/v1/api.json'],
    ['queue/v1/api.json', 'queue/v1/api.json'],
    ['/a..b/c...json', 'a..b/c...json'],
  ])('reads %s as %s', (entry, path) => {
    expect(manifestEntryPath(entry)).toBe(path);
  });

  it.each([
    '../outside.json',
    '/references/../../etc/passwd',
    'queue/../../outside.json',
    'https://tc.example.com/references/..\\..\\outside.json',
    'C:/Windows/win.ini',
    'a\0b.json',
  ])('refuses %j, which leaves the folder', (entry) => {
    expect(() => manifestEntryPath(entry)).toThrow(TaskclusterFailure);
    expect(() => manifestEntryPath(entry)).toThrow(/leaves the references folder/);
  });
});

describe('directoryReferences', () => {
  it('never reads a document outside the folder its manifest is in', () => {
    const { root, folder } = folderNaming('../outside.json');
    try {
      expect(() => directoryReferences(folder)).toThrow(/"\.\.\/outside\.json", which leaves/);
      const client = createClient('outside', { rootUrl: 'http://127.0.0.1:9', references: folder });
      expect(() => client.buildUrl('ping')).toThrow(/leaves the references folder/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
