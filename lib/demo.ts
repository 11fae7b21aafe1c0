// `npm start`: the client end to end on a sandbox deployment started in this process, with
// no network: every step prints what it does and what came back. Uses only the public API.
import {
  createClient,
  slugId,
  fromNowJSON,
  uploadFromBuf,
  downloadToBuf,
  TaskclusterFailure,
  type ClientOptions,
  type TaskStatus,
} from './index.js';
import { startSandbox } from './testing/index.js';
import { workflow } from './demo-workflow.js';

const say = (text: string) => process.stdout.write(`${text}\n`);
const step = (n: number, text: string) => say(`\n${String(n)}. ${text}`);
const show = (label: string, value: unknown) =>
  say(`   ${label}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);

function taskDefinition(taskGroupId: string, name: string, exitCode = 0) {
  return {
    taskQueueId: 'demo/worker',
    projectId: 'demo',
    schedulerId: '-',
    taskGroupId,
    created: fromNowJSON(''),
    deadline: fromNowJSON('1 hour'),
    expires: fromNowJSON('1 day'),
    payload: { command: ['echo', name], exitCode },
    metadata: {
      name,
      description: 'made by npm start',
      owner: 'demo@example.com',
      source: 'https://example.com/demo',
    },
  };
}

/** The queue's answers the demo reads, typed (without `tcdyn types` they are `any`). */
interface DemoQueue {
  createTask(taskId: string, task: object): Promise<{ status: TaskStatus }>;
  task(taskId: string): Promise<{ metadata: { name: string } }>;
  listTaskGroup: {
    pages(
      taskGroupId: string,
      query: { limit: number },
    ): AsyncIterable<{ tasks: Array<{ status: TaskStatus }> }>;
  };
}

async function tasks(options: ClientOptions) {
  const queue: DemoQueue = createClient('queue', options);
  const taskGroupId = slugId();
  step(1, `queue.createTask: three tasks in task group ${taskGroupId}`);
  const firstTaskId = slugId();
  const taskIds = [firstTaskId, slugId(), slugId()];
  for (const [i, taskId] of taskIds.entries()) {
    const { status } = await queue.createTask(
      taskId,
      taskDefinition(taskGroupId, `demo task ${String(i + 1)}`, i === 2 ? 1 : 0),
    );
    show(taskId, status.state);
  }
  step(2, 'queue.task: read the first one back');
  const task = await queue.task(firstTaskId);
  show('metadata.name', task.metadata.name);
  step(3, 'queue.listTaskGroup.pages: page through the group, two tasks a page');
  let page = 0;
  for await (const { tasks: members } of queue.listTaskGroup.pages(taskGroupId, { limit: 2 })) {
    show(`page ${String(++page)}`, members.map((m) => m.status.taskId).join(', '));
  }
  return { taskId: firstTaskId, taskGroupId };
}

const SECRET = 'project/demo/database';

async function secretsAndObjects(options: ClientOptions) {
  step(7, 'secrets.set and secrets.get');
  const secrets = createClient('secrets', options);
  await secrets.set(SECRET, { secret: { password: 'hunter2' }, expires: fromNowJSON('1 day') });
  const reader: { get(name: string): Promise<{ secret: unknown }> } = secrets;
  const stored = await reader.get(SECRET);
  show('read back', stored.secret);

  step(8, 'object upload and download, with sha256 and sha512 verified');
  const objectService = createClient('object', options);
  const data = Buffer.alloc(64 * 1024, 'taskcluster ');
  const name = `demo/${slugId()}`;
  await uploadFromBuf({
    projectId: 'demo',
    name,
    contentType: 'text/plain',
    expires: fromNowJSON('1 day'),
    data,
    objectService,
  });
  const { buf, contentType } = await downloadToBuf({ name, objectService });
  show(
    'uploaded then downloaded',
    `${String(buf.length)} bytes of ${contentType}, identical: ${String(buf.equals(data))}`,
  );
}

async function signedUrlAndPattern(options: ClientOptions, secretName: string, taskId: string) {
  step(9, 'secrets.buildSignedUrl: a URL that lets anyone GET the secret for 60 seconds');
  const secrets = createClient('secrets', options);
  const url = secrets.buildSignedUrl(secrets.get, secretName, { expiration: 60 });
  show('url', url.replace(/bewit=.*/, 'bewit=…'));
  // Fetched as a browser or curl would: with the URL alone, not through a client.
  const signed = await fetch(url);
  show(
    `GET with the bewit → ${String(signed.status)}`,
    ((await signed.json()) as { secret: unknown }).secret,
  );
  const plain = await fetch(url.replace(/\?bewit=.*/, ''));
  show(`GET without it → ${String(plain.status)}`, ((await plain.json()) as { code: string }).code);

  step(10, 'queue-events.taskCompleted: a Pulse routing-key pattern (no Pulse connection)');
  const { exchange, routingKeyPattern } = createClient('queue-events').taskCompleted({ taskId });
  show('exchange', exchange);
  show('routingKeyPattern', routingKeyPattern);
}

const READER = {
  clientId: 'demo/reader',
  accessToken: 'demo-reader-token',
  scopes: ['queue:get-task:*'],
};

async function insufficientScopes(rootUrl: string, taskId: string, reader = READER) {
  step(
    11,
    `a call with too few scopes fails clearly (${reader.clientId} holds only ${reader.scopes.join(' ')})`,
  );
  const queue = createClient('queue', { rootUrl, credentials: reader, maxRetries: 0 });
  try {
    await queue.cancelTask(taskId);
  } catch (error) {
    if (!(error instanceof TaskclusterFailure)) throw error;
    // The message is the service's; which call failed is in `method`.
    const lines = `${error.method ?? ''}: ${error.message}`
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('```'));
    show(
      `${error.name} ${String(error.statusCode)} ${String(error.code)}: ${String(error.method)}`,
      lines.slice(0, 9).join('\n     '),
    );
    return;
  }
  say('   the sandbox accepted a call it should have refused');
  process.exitCode = 1;
}

async function main() {
  const sandbox = await startSandbox({
    clients: [READER],
    worker: { runTime: 150, taskQueueIds: ['demo/worker'] },
  });
  say(
    `taskcluster-dynamic demo on a sandbox deployment at ${sandbox.rootUrl} (in this process, no network)`,
  );
  try {
    const options = { rootUrl: sandbox.rootUrl, credentials: sandbox.rootCredentials };
    const { taskId, taskGroupId } = await tasks(options);
    await workflow(options, taskGroupId, say);
    await secretsAndObjects(options);
    await signedUrlAndPattern(options, SECRET, taskId);
    await insufficientScopes(sandbox.rootUrl, taskId);
    say(
      `\nDone: ${String(sandbox.requests.length)} requests served, every one signed and checked.`,
    );
  } finally {
    await sandbox.close();
  }
}

await main();
