import { describe, it, expect } from '@jest/globals';
import { isDebugEnabled } from '../lib/debug.js';

describe('isDebugEnabled', () => {
  it.each([
    [{}, false],
    [{ DEBUG_TASKCLUSTER_CLIENT: '1' }, true],
    [{ DEBUG_TASKCLUSTER_CLIENT: '' }, false],
    [{ DEBUG: '' }, false],
    [{ DEBUG: 'taskcluster-client' }, true],
    [{ DEBUG: '*' }, true],
    [{ DEBUG: 'taskcluster-*' }, true],
    [{ DEBUG: 'task*client' }, true],
    [{ DEBUG: 'taskcluster' }, false],
    [{ DEBUG: 'taskcluster-client-extra' }, false],
    [{ DEBUG: 'express,taskcluster-client' }, true],
    [{ DEBUG: 'express, taskcluster-client' }, true],
    [{ DEBUG: 'express taskcluster-client' }, true],
    [{ DEBUG: 'express,,other' }, false],
    [{ DEBUG: '*,-taskcluster-client' }, false],
    [{ DEBUG: '-taskcluster-client,*' }, false],
    [{ DEBUG: '*,-taskcluster-*' }, false],
    [{ DEBUG: '*,-express' }, true],
    [{ DEBUG: '-taskcluster-client' }, false],
    [{ DEBUG: 'taskcluster.client' }, false],
    [{ DEBUG: '-*', DEBUG_TASKCLUSTER_CLIENT: '1' }, true],
  ])('reads %p as %p', (env, expected) => {
    expect(isDebugEnabled(env)).toBe(expected);
  });
});
