import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../../lib/testing/index.js';
import { clientOf, rejection, taskDefinition } from '../sandbox-helpers.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

describe('requireFields', () => {
  it('answers 400 naming a required field of the wrong type', async () => {
    const queue = clientOf(sandbox, 'queue');
    const err = await rejection(
      queue['createTask']('fN1SbArXTPSVFNUvaOlAnQ', taskDefinition({ metadata: 'none' })),
    );
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe('InputValidationError');
    expect(err.message).toContain('payload.metadata must be an object');
  });
});

describe('optionalField', () => {
  it.each([
    ['priority', 5, 'a string'],
    ['retries', '5', 'a number'],
    ['dependencies', ['a', 1], 'an array of strings'],
    ['tags', [], 'an object'],
  ])('answers 400 to %s of the wrong type, storing no task', async (field, value, expected) => {
    const queue = clientOf(sandbox, 'queue');
    const taskId = 'fN1SbArXTPSVFNUvaOlBnQ';
    const err = await rejection(queue['createTask'](taskId, taskDefinition({ [field]: value })));
    expect(err.statusCode).toBe(400);
    expect(err.message).toContain(`payload.${field} must be ${expected}`);
    expect((await rejection(queue['task'](taskId))).statusCode).toBe(404);
  });
});
