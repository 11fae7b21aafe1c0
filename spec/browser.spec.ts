// The browser entry is the Node entry without what needs Node: nothing else is missing, and
// the namespace default export offers the same minus the same.
import { describe, it, expect } from '@jest/globals';
import * as browser from '../lib/browser.js';
import * as node from '../lib/index.js';

const NODE_ONLY = [
  'upload',
  'uploadFromBuf',
  'uploadFromFile',
  'download',
  'downloadToBuf',
  'downloadToFile',
  'downloadArtifact',
  'downloadArtifactToBuf',
  'downloadArtifactToFile',
  'downloadManagedArtifact',
  'uploadArtifact',
  'cacheDirectory',
  'CACHE_MAX_AGE_MS',
  'NO_CACHE_VARIABLE',
];

describe('lib/browser', () => {
  it('exports everything the Node entry does except the Node-only transfers and cache', () => {
    const missing = Object.keys(node).filter((name) => !(name in browser));
    expect(missing.sort()).toEqual(NODE_ONLY.filter((name) => name in node).sort());
    for (const name of Object.keys(browser).filter((key) => key !== 'default'))
      expect([name, browser[name as keyof typeof browser]]).toEqual([
        name,
        node[name as keyof typeof node],
      ]);
  });

  it('has a default namespace that builds clients like the Node one', () => {
    const Queue = browser.default.Queue as new (o: object) => { buildUrl: unknown };
    expect(typeof new Queue({ rootUrl: 'https://tc.example.com' }).buildUrl).toBe('function');
    expect(browser.default.slugid).toBe(node.default.slugid);
    const missing = Reflect.ownKeys(node.default).filter((key) => !(key in browser.default));
    expect(missing.sort()).toEqual(NODE_ONLY.filter((name) => name in node.default).sort());
  });
});
