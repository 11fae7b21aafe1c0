// The README's "Workflows" example, verbatim inside the test, and its "Tasks and task groups"
// commands, against a sandbox whose built-in worker runs the tasks.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import {
  createClient,
  followLog,
  fromNow,
  slugId,
  uploadArtifact,
  waitForTask,
  waitForTaskGroup,
} from '../../lib/index.js';
import { runTcdyn } from '../cli/helpers/run-tcdyn.js';
import { startDeployment, type Deployment } from '../workflows/helpers.js';
import { parseJson, stringAt } from '../helpers/answers.js';

let d: Deployment;
beforeEach(async () => {
  d = await startDeployment({ runTime: 30, taskQueueIds: ['proj/ci-worker'] });
});
afterEach(() => d.sandbox.close());

describe('README: Workflows', () => {
  it('runs the example', async () => {
    const rootUrl = d.sandbox.rootUrl;
    const credentials = d.sandbox.rootCredentials;
    const taskGroupId = slugId();
    const taskId = await d.task({ command: 'make check' }, { taskGroupId });
    const claimedTaskId = await d.task({}, { taskGroupId, taskQueueId: 'proj/manual' });
    const claimed: unknown = await d.queue.claimWork('proj/manual', {
      workerGroup: 'g',
      workerId: 'w',
      tasks: 1,
    });
    const workerQueue = createClient('queue', {
      rootUrl,
      credentials: {
        clientId: stringAt(claimed, 'tasks', 0, 'credentials', 'clientId'),
        accessToken: stringAt(claimed, 'tasks', 0, 'credentials', 'accessToken'),
        certificate: stringAt(claimed, 'tasks', 0, 'credentials', 'certificate'),
      },
    });
    const written: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(Buffer.from(chunk as Uint8Array).toString());
      return true;
    });
    const stderr = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const queue = createClient('queue', { rootUrl, credentials });
      for await (const chunk of followLog(queue, taskId)) process.stdout.write(chunk);
      const status = await waitForTask(queue, taskId, { timeout: 60 * 60 * 1000 });
      expect(['completed', 'failed', 'exception']).toContain(status.state);

      // (uploaded first here: the claimed run must still be running)
      await uploadArtifact({
        queue: workerQueue,
        taskId: claimedTaskId,
        runId: 0,
        name: 'public/report.txt',
        contentType: 'text/plain',
        expires: fromNow('1 day'),
        data: Buffer.from('all checks passed\n'),
      });

      await workerQueue.reportCompleted(claimedTaskId, 0); // (the worker's run ends)

      const { counts } = await waitForTaskGroup(queue, taskGroupId, {
        pollInterval: 50,
        onProgress: ({ counts }) => {
          console.error(`${String(counts.running)} running, ${String(counts.pending)} pending`);
        },
      });
      expect(counts.failed + counts.exception).toBe(0); // 0 when the whole group passed

      expect(status.state).toBe('completed');
      expect(counts).toMatchObject({ completed: 2, failed: 0, exception: 0 });
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    expect(written.join('')).toContain('$ make check\n');
    await expect(d.queue.artifact(claimedTaskId, 0, 'public/report.txt')).resolves.toMatchObject({
      storageType: 'object',
    });
  });

  it('runs the task and group commands as shown', async () => {
    const group = slugId();
    const taskId = await d.task({ command: 'make' }, { taskGroupId: group });
    const env = {
      TASKCLUSTER_ROOT_URL: d.sandbox.rootUrl,
      TASKCLUSTER_CLIENT_ID: d.sandbox.rootCredentials.clientId,
      TASKCLUSTER_ACCESS_TOKEN: d.sandbox.rootCredentials.accessToken,
    };
    const run = (...args: string[]) => runTcdyn([...args, '--poll-interval', '5'], { env });
    expect((await run('task', 'log', '--follow', taskId)).stdout).toContain('$ make\n');
    expect((await run('task', 'wait', taskId)).code).toBe(0);
    expect(parseJson((await run('group', 'status', group)).stdout)).toMatchObject({
      counts: { completed: 1 },
    });
    expect((await run('group', 'list', group, '--state', 'failed')).stdout).toBe('');
    expect((await run('group', 'wait', group)).code).toBe(0);
    expect(parseJson((await run('group', 'cancel', group)).stdout)).toMatchObject({
      cancelledCount: 0,
    });
  });
});
