import { describe, it, expect, beforeEach } from '@jest/globals';
import type { LookupAddress } from 'node:dns';
import { cachedLookup, clearDnsCache } from '../../lib/transport/lookup.js';

const resolve = (options: { all?: boolean; family?: number }) =>
  new Promise<{ address: string | LookupAddress[]; family?: number | undefined }>((ok, fail) => {
    cachedLookup('localhost', options, (error, address, family) => {
      if (error) fail(error);
      else ok({ address, family });
    });
  });

beforeEach(() => {
  clearDnsCache();
});

describe('cachedLookup', () => {
  it('answers a second lookup of a name from its cache, with the same addresses', async () => {
    const first = await resolve({ all: true });
    const second = await resolve({ all: true });
    // The very array the first lookup stored: no second getaddrinfo made a new one.
    expect(second.address).toBe(first.address);
    clearDnsCache();
    expect((await resolve({ all: true })).address).not.toBe(first.address);
  });

  it('gives one address of the family asked for', async () => {
    const { address, family } = await resolve({ family: 4 });
    expect(family).toBe(4);
    expect(address).toBe('127.0.0.1');
  });

  it('fails with ENOTFOUND for a name that does not resolve', async () => {
    await expect(
      new Promise((ok, fail) => {
        cachedLookup('name.invalid', {}, (error) => {
          if (error) fail(error);
          else ok(undefined);
        });
      }),
    ).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});
