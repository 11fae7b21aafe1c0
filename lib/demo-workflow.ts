// `npm start`, the workflow part: the sandbox's built-in worker runs the demo's task group; the
// group is waited for, one task's log followed, and an artifact uploaded by a claimed run read back.
import { failure } from './errors.js';
import {
  createClient,
  downloadArtifactToBuf,
  followLog,
  fromNowJSON,
  slugId,
  uploadArtifact,
  waitForTaskGroup,
  type ClientOptions,
  type Credentials,
  type TaskStatus,
} from './index.js';

type Say = (text: string) => void;

/** The queue's answers the workflow reads, typed (without `tcdyn types` they are `any`). */
interface WorkflowQueue {
  listTaskGroup(taskGroupId: string): Promise<{ tasks: Array<{ status: TaskStatus }> }>;
  claimWork(
    taskQueueId: string,
    payload: { workerGroup: string; workerId: string; tasks: number },
  ): Promise<{ tasks: Array<{ credentials: Credentials; runId: number }> }>;
}

function manualTask(taskGroupId: string) {
  return {
    taskQueueId: 'demo/manual',
    projectId: 'demo',
    taskGroupId,
    created: fromNowJSON(''),
    deadline: fromNowJSON('1 hour'),
    payload: {},
    metadata: {
      name: 'claimed by the demo',
      description: 'made by npm start',
      owner: 'demo@example.com',
      source: 'https://example.com/demo',
    },
  };
}

/** Wait for the group, follow a task's log, then act as a worker that uploads an artifact. */
export async function workflow(options: ClientOptions, taskGroupId: string, say: Say) {
  const queue = createClient('queue', options);
  say('\n4. waitForTaskGroup: the built-in worker runs the group; counts as they change');
  const { counts } = await waitForTaskGroup(queue, taskGroupId, {
    pollInterval: 50,
    onProgress: (p) => {
      say(
        `   ${Object.entries(p.counts)
          .filter(([, n]) => n > 0)
          .map(([s, n]) => `${String(n)} ${s}`)
          .join(', ')}`,
      );
    },
  });
  say(`   done: ${String(counts.completed)} completed, ${String(counts.failed)} failed`);

  say("\n5. rerunTask, then followLog: the new run's log from its start to its end");
  const view: WorkflowQueue = queue;
  const { tasks } = await view.listTaskGroup(taskGroupId);
  const first = tasks[0];
  if (!first) throw failure(`task group ${taskGroupId} has no tasks`);
  await queue.rerunTask(first.status.taskId);
  for await (const chunk of followLog(queue, first.status.taskId, { pollInterval: 20 }))
    for (const line of Buffer.from(chunk).toString().trimEnd().split('\n')) say(`   | ${line}`);

  say('\n6. claimWork, uploadArtifact, reportCompleted: the demo as a worker of demo/manual');
  const taskId = slugId();
  await queue.createTask(taskId, manualTask(taskGroupId));
  const [claim] = (
    await view.claimWork('demo/manual', { workerGroup: 'demo', workerId: 'me', tasks: 1 })
  ).tasks;
  if (!claim) throw failure('claimWork returned no task for demo/manual');
  const worker = createClient('queue', { ...options, credentials: claim.credentials });
  const data = Buffer.from('all 3 checks passed\n');
  await uploadArtifact({
    queue: worker,
    taskId,
    runId: claim.runId,
    name: 'public/report.txt',
    contentType: 'text/plain',
    expires: fromNowJSON('1 day'),
    data,
  });
  await worker.reportCompleted(taskId, claim.runId);
  const { buf } = await downloadArtifactToBuf({
    taskId,
    name: 'public/report.txt',
    queueService: queue,
  });
  say(`   public/report.txt read back: ${JSON.stringify(buf.toString())}`);
}
