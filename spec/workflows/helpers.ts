// A sandbox with its built-in worker and a root queue client, for the workflow specs.
import { createClient, slugId } from '../../lib/index.js';
import { startSandbox, type WorkerOptions } from '../../lib/testing/index.js';
import { taskDefinition } from '../testing/sandbox-helpers.js';

export async function startDeployment(worker: WorkerOptions | false = { runTime: 5 }) {
  const sandbox = await startSandbox({ worker });
  const queue = createClient('queue', {
    rootUrl: sandbox.rootUrl,
    credentials: sandbox.rootCredentials,
    references: 'bundled',
    maxRetries: 0,
  });
  const task = async (payload: object = { command: 'true' }, more: object = {}) => {
    const taskId = slugId();
    await queue.createTask(taskId, taskDefinition({ payload, ...more }));
    return taskId;
  };
  return { sandbox, queue, task };
}

export type Deployment = Awaited<ReturnType<typeof startDeployment>>;
