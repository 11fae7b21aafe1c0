import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { HawkServer } from '../../helpers/hawk-server.js';
import { startCliServer } from '../helpers/cli-server.js';
import { runTcdyn } from '../helpers/run-tcdyn.js';

let server: HawkServer;
beforeEach(async () => {
  ({ server } = await startCliServer({ deployment: true }));
});
afterEach(() => server.close());

describe('patternCommand', () => {
  it('fills the given routing-key words, constants, and * or # for the rest', async () => {
    const { code, stdout } = await runTcdyn([
      'pattern',
      'queue-events',
      'taskCompleted',
      '--taskId',
      'abc',
      '--runId=0',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      exchange: 'exchange/taskcluster-queue/v1/task-completed',
      routingKeyPattern: 'primary.abc.0.*.*.*.*.*.*.#',
    });
  });

  it("reads an exchange the bundle lacks from the deployment's references", async () => {
    const { code, stdout } = await runTcdyn([
      'pattern',
      '--root-url',
      server.rootUrl,
      'widgets-events',
      'widgetCreated',
      '--reserved',
      'a.b',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      exchange: 'exchange/widgets/v1/widget-created',
      routingKeyPattern: 'primary.*.a.b',
    });
  });

  it.each([
    [
      ['queue-events', 'taskCompleted', '--taskid', 'x'],
      "Unknown option '--taskid'; the routing keys of queue-events.taskCompleted are --taskId, --runId",
    ],
    [['queue-events', 'taskCompleted', '--taskId', 'a.b'], 'taskId'],
    [['queue-events', 'taskCompleted', 'extra'], 'expected <service>-events <exchange>'],
    [['queue-events', 'taskCompletd'], 'Did you mean taskCompleted?'],
    [['queue', 'task'], "is an API method; use 'tcdyn call'"],
    [['queue-events'], 'expected <service>-events <exchange>'],
  ])('exits 2 for %j', async (args, message) => {
    const { code, stdout, stderr } = await runTcdyn(['pattern', ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });
});
