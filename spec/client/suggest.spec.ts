import { describe, it, expect } from '@jest/globals';
import { nearestNames, didYouMean } from '../../lib/client/suggest.js';
import { bundledNames, bundledReference } from '../../lib/references/bundled.js';
import { compileReference } from '../../lib/client/descriptors.js';
import { defined } from '../helpers/answers.js';

const QUEUE = compileReference(defined(bundledReference('queue'))).names;
const SERVICES = bundledNames();

describe('nearestNames', () => {
  it.each([
    ['createTsk', QUEUE, 'createTask'],
    ['createtask', QUEUE, 'createTask'],
    ['CREATETASK', QUEUE, 'createTask'],
    ['getartifact', QUEUE, 'getArtifact'],
    ['listTaskGroups', QUEUE, 'listTaskGroup'],
    ['statu', QUEUE, 'status'],
    ['queu', SERVICES, 'queue'],
    ['queue-event', SERVICES, 'queue-events'],
    ['secret', SERVICES, 'secrets'],
    ['workermanager', SERVICES, 'worker-manager'],
  ])('puts the nearest name to %s first', (name, candidates, expected) => {
    expect(nearestNames(name, candidates)[0]).toBe(expected);
  });

  it.each([
    ['zzzzzzzzzz', QUEUE],
    ['xyz', ['ping']],
    ['anything', []],
  ])('suggests nothing for %s when no name is near', (name, candidates) => {
    expect(nearestNames(name, candidates)).toEqual([]);
  });

  it('returns at most count names, without duplicates', () => {
    expect(nearestNames('task', ['task', 'task', 'tasks', 'tasker', 'taskz'], 2)).toEqual([
      'task',
      'tasks',
    ]);
    expect(nearestNames('task', QUEUE)).toHaveLength(3);
  });

  it('orders equally near names alphabetically', () => {
    expect(nearestNames('ab', ['ac', 'aa'])).toEqual(['aa', 'ac']);
  });
});

describe('didYouMean', () => {
  it.each([
    ['creatTask', QUEUE, ' Did you mean createTask'],
    ['zzzzzzzzzz', QUEUE, ''],
  ])('suggests for %s', (name, candidates, start) => {
    const text = didYouMean(name, candidates);
    expect(text.startsWith(start)).toBe(true);
    expect(text === '' || text.endsWith('?')).toBe(true);
  });

  it('lists names separated by commas', () => {
    expect(didYouMean('tas', ['task', 'tasks'])).toBe(' Did you mean task, tasks?');
  });
});
