import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../../lib/testing/index.js';
import { clientOf, rejection, taskDefinition } from '../sandbox-helpers.js';
import { at, listAt, stringAt } from '../../helpers/answers.js';

const GROUP = 'gN1SbArXTPSVFNUvaOlinQ';
const id = (letter: string) => `fN1SbArXTPSVFNUvaOl${letter}nQ`;
const taskIds = [id('A'), id('B'), id('C'), id('D'), id('E')] as const;

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

describe('createQueue', () => {
  it('stores a task with its defaults and a pending run', async () => {
    const queue = clientOf(sandbox, 'queue');
    const status = at(await queue['createTask'](taskIds[0], taskDefinition()), 'status');
    expect(status).toMatchObject({
      taskId: taskIds[0],
      provisionerId: 'proj',
      workerType: 'ci-worker',
      taskQueueId: 'proj/ci-worker',
      schedulerId: '-',
      projectId: 'none',
      taskGroupId: taskIds[0],
      retriesLeft: 5,
      state: 'pending',
      runs: [
        { runId: 0, state: 'pending', reasonCreated: 'scheduled', scheduled: expect.any(String) },
      ],
    });
    const task: unknown = await queue['task'](taskIds[0]);
    expect(task).toMatchObject({
      priority: 'lowest',
      routes: [],
      scopes: [],
      dependencies: [],
      requires: 'all-completed',
      tags: {},
      extra: {},
    });
    expect(Date.parse(stringAt(task, 'expires')) - Date.parse(stringAt(task, 'deadline'))).toBe(
      365 * 24 * 60 * 60 * 1000,
    );
    expect(await queue['status'](taskIds[0])).toEqual({ status });
  });

  it('accepts the same definition again and refuses a different one with 409', async () => {
    const queue = clientOf(sandbox, 'queue');
    const definition = taskDefinition();
    await queue['createTask'](taskIds[0], definition);
    expect(
      stringAt(await queue['createTask'](taskIds[0], { ...definition }), 'status', 'taskId'),
    ).toBe(taskIds[0]);
    const err = await rejection(
      queue['createTask'](taskIds[0], { ...definition, payload: { other: 1 } }),
    );
    expect(err.statusCode).toBe(409);
    expect(err.code).toBe('RequestConflict');
  });

  it('leaves a task with unresolved dependencies unscheduled', async () => {
    const queue = clientOf(sandbox, 'queue');
    await queue['createTask'](taskIds[0], taskDefinition());
    const status = at(
      await queue['createTask'](taskIds[1], taskDefinition({ dependencies: [taskIds[0]] })),
      'status',
    );
    expect(status).toMatchObject({ state: 'unscheduled', runs: [] });
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['no task queue', { taskQueueId: undefined }, /give taskQueueId/],
    ['a task queue that disagrees', { provisionerId: 'a', workerType: 'b' }, /disagrees/],
    ['an unknown priority', { priority: 'urgent' }, /unknown priority/],
    ['no metadata', { metadata: undefined }, /payload\.metadata must be an object/],
  ])('answers 400 to a task with %s', async (_, overrides, message) => {
    const err = await rejection(
      clientOf(sandbox, 'queue')['createTask'](taskIds[0], taskDefinition(overrides)),
    );
    expect(err.statusCode).toBe(400);
    expect(err.message).toMatch(message);
  });

  it('answers 404 for an unknown task', async () => {
    const err = await rejection(clientOf(sandbox, 'queue')['task'](taskIds[0]));
    expect(err.statusCode).toBe(404);
    expect(err.code).toBe('ResourceNotFound');
  });

  it('pages through a task group with continuationToken, honouring limit', async () => {
    const queue = clientOf(sandbox, 'queue');
    for (const taskId of taskIds)
      await queue['createTask'](taskId, taskDefinition({ taskGroupId: GROUP }));
    const first: unknown = await queue['listTaskGroup'](GROUP, { limit: 2 });
    expect(first).toMatchObject({
      taskGroupId: GROUP,
      schedulerId: '-',
      expires: expect.any(String),
      continuationToken: expect.any(String),
    });
    expect(listAt(first, 'tasks').map((t) => at(t, 'status', 'taskId'))).toEqual(
      taskIds.slice(0, 2),
    );
    expect(at(first, 'tasks', 0, 'task', 'metadata', 'name')).toBe('sandbox test');
    const seen: string[] = [];
    await queue['listTaskGroup'](GROUP, {
      query: { limit: 2 },
      paginationHandler: (page: unknown) => {
        seen.push(...listAt(page, 'tasks').map((t) => stringAt(t, 'status', 'taskId')));
      },
    });
    expect(seen).toEqual(taskIds);
    const pages = sandbox.requests.filter((r) => r.method === 'listTaskGroup');
    expect(pages).toHaveLength(4);
    const last: unknown = await queue['listTaskGroup'](GROUP, { limit: 10 });
    expect(last).not.toHaveProperty('continuationToken');
  });

  it('answers 404 for an empty task group', async () => {
    expect((await rejection(clientOf(sandbox, 'queue')['listTaskGroup'](GROUP))).statusCode).toBe(
      404,
    );
  });

  it('refuses a task that joins a group of another scheduler', async () => {
    const queue = clientOf(sandbox, 'queue');
    await queue['createTask'](taskIds[0], taskDefinition({ taskGroupId: GROUP }));
    const err = await rejection(
      queue['createTask'](taskIds[1], taskDefinition({ taskGroupId: GROUP, schedulerId: 'other' })),
    );
    expect(err.statusCode).toBe(409);
  });

  it('cancels a pending task as exception/canceled', async () => {
    const queue = clientOf(sandbox, 'queue');
    await queue['createTask'](taskIds[0], taskDefinition());
    const status = at(await queue['cancelTask'](taskIds[0]), 'status');
    expect(at(status, 'state')).toBe('exception');
    expect(at(status, 'runs')).toEqual([
      expect.objectContaining({
        state: 'exception',
        reasonResolved: 'canceled',
        resolved: expect.any(String),
      }),
    ]);
    expect(at(await queue['status'](taskIds[0]), 'status', 'state')).toBe('exception');
  });

  it('enforces cancelTask scopes with the scheduler and group of the task', async () => {
    const canceller = {
      clientId: 'c',
      accessToken: 'c-token-0123456789abcdefghijklmnopqrstu',
      scopes: [`queue:cancel-task:-/${GROUP}/*`],
    };
    await sandbox.close();
    sandbox = await startSandbox({ clients: [canceller] });
    await clientOf(sandbox, 'queue')['createTask'](
      taskIds[0],
      taskDefinition({ taskGroupId: GROUP }),
    );
    await clientOf(sandbox, 'queue')['createTask'](taskIds[1], taskDefinition());
    const queue = clientOf(sandbox, 'queue', { credentials: canceller });
    expect(at(await queue['cancelTask'](taskIds[0]), 'status', 'state')).toBe('exception');
    const err = await rejection(queue['cancelTask'](taskIds[1]));
    expect(err.statusCode).toBe(403);
    expect(err.message).toMatch(new RegExp(`queue:cancel-task:-/${taskIds[1]}/${taskIds[1]}`));
  });
});
