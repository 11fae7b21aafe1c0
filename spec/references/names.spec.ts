import { describe, it, expect } from '@jest/globals';
import {
  clientName,
  pascalName,
  camelName,
  referenceClientName,
} from '../../lib/references/names.js';
import { bundledNames, bundledReference } from '../../lib/references/bundled.js';
import type { Reference } from '../../lib/references/types.js';
import { defined } from '../helpers/answers.js';

describe('clientName', () => {
  it.each([
    ['queue', 'queue'],
    ['Queue', 'queue'],
    ['purge-cache', 'purge-cache'],
    ['PurgeCache', 'purge-cache'],
    ['purgeCache', 'purge-cache'],
    ['purge_cache', 'purge-cache'],
    ['purge cache', 'purge-cache'],
    ['QueueEvents', 'queue-events'],
    ['queue-events', 'queue-events'],
    ['WorkerManagerEvents', 'worker-manager-events'],
    ['workerManager', 'worker-manager'],
    ['Github', 'github'],
    ['Object', 'object'],
  ])('reads %s as %s', (name, expected) => {
    expect(clientName(name)).toBe(expected);
  });
});

describe('pascalName', () => {
  it.each([
    ['queue', 'Queue'],
    ['queue-events', 'QueueEvents'],
    ['purge-cache', 'PurgeCache'],
    ['worker-manager-events', 'WorkerManagerEvents'],
    ['PurgeCache', 'PurgeCache'],
    ['purgeCache', 'PurgeCache'],
  ])('turns %s into %s', (name, expected) => {
    expect(pascalName(name)).toBe(expected);
  });
});

describe('camelName', () => {
  it.each([
    ['queue', 'queue'],
    ['purge-cache', 'purgeCache'],
    ['QueueEvents', 'queueEvents'],
    ['worker-manager', 'workerManager'],
  ])('turns %s into %s', (name, expected) => {
    expect(camelName(name)).toBe(expected);
  });
});

describe('referenceClientName', () => {
  it.each(bundledNames())('names the bundled reference of %s after itself', (name) => {
    expect(referenceClientName(defined(bundledReference(name)))).toBe(name);
  });

  it.each([
    [
      { $schema: '/schemas/common/api-reference-v0.json#', serviceName: 'hand', entries: [] },
      'hand',
    ],
    [
      { $schema: '/schemas/common/exchanges-reference-v0.json#', serviceName: 'hand', entries: [] },
      'hand-events',
    ],
    [
      { $schema: '', serviceName: 'hand', exchangePrefix: 'exchange/hand/v1/', entries: [] },
      'hand-events',
    ],
  ])('names %p %s', (reference, expected) => {
    expect(referenceClientName(reference as Reference)).toBe(expected);
  });

  it.each(bundledNames())('round-trips %s through the class name', (name) => {
    expect(clientName(pascalName(name))).toBe(name);
  });
});
