import { describe, it, expect } from '@jest/globals';
import { assertPeers, missingPeers, SANDBOX_PEERS } from '../../lib/testing/peers.js';
import { TaskclusterFailure } from '../../lib/errors.js';

describe('missingPeers', () => {
  it('finds every sandbox peer installed here (they are devDependencies)', async () => {
    expect(await missingPeers()).toEqual([]);
    expect(SANDBOX_PEERS).toEqual(['msw', '@hapi/hawk', 'taskcluster-lib-scopes']);
  });

  it('names the packages that cannot be imported, in the order asked', async () => {
    expect(await missingPeers(['no-such-package-tcdyn', 'msw', '@no-such/scope-tcdyn'])).toEqual([
      'no-such-package-tcdyn',
      '@no-such/scope-tcdyn',
    ]);
  });

  it('rethrows a peer that is there but fails to load', async () => {
    const broken = Object.assign(new Error("Cannot find module 'other' imported from msw"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    await expect(missingPeers(['msw'], () => Promise.reject(broken))).rejects.toBe(broken);
  });
});

describe('assertPeers', () => {
  it('fails with one line naming the install command', async () => {
    const error = await assertPeers('the sandbox', ['msw', 'no-such-package-tcdyn']).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TaskclusterFailure);
    expect(error).toMatchObject({
      code: 'MissingPeerDependency',
      message:
        'the sandbox needs no-such-package-tcdyn: npm install --save-dev no-such-package-tcdyn',
    });
  });

  it('resolves when every peer is there', async () => {
    await expect(assertPeers('the sandbox')).resolves.toBeUndefined();
  });
});
