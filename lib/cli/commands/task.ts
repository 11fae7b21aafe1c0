// `tcdyn task <status|def|artifacts|log|wait|cancel|rerun|retrigger> <taskId>`: everyday work
// on one task, through the queue client and the workflow helpers.
import { followLog, slugId, waitForTask, type TaskStatus } from '../../index.js';
import type { Command, CommandContext } from '../args.js';
import { EXIT_FAILURE, EXIT_OK, printJson, printLines, usageError } from '../output.js';
import {
  idOf,
  pollIntervalOf,
  queueOf,
  statusLine,
  wantsJson,
  WORKFLOW_OPTIONS,
} from '../workflow-io.js';
import type { QueueView } from '../queue-view.js';

type Client = ReturnType<typeof queueOf>;
const SUBCOMMANDS = ['status', 'def', 'artifacts', 'log', 'wait', 'cancel', 'rerun', 'retrigger'];

function printStatus(ctx: CommandContext, status: TaskStatus): void {
  if (wantsJson(ctx.io, ctx.values)) printJson(ctx.io, status);
  else printLines(ctx.io, [statusLine(status)]);
}

async function listArtifacts(ctx: CommandContext, queue: QueueView, taskId: string) {
  const names: Array<{ name: string; storageType: string; contentType: string }> = [];
  let continuationToken: string | undefined;
  do {
    const page = await queue.listLatestArtifacts(
      taskId,
      continuationToken ? { continuationToken } : {},
    );
    names.push(...page.artifacts);
    continuationToken = page.continuationToken;
  } while (continuationToken);
  if (wantsJson(ctx.io, ctx.values)) printJson(ctx.io, names);
  else
    printLines(
      ctx.io,
      names.map((a) => `${a.name}  ${a.storageType}  ${a.contentType}`),
    );
}

async function printLog(ctx: CommandContext, client: Client, taskId: string) {
  const queue: QueueView = client;
  const pollInterval = pollIntervalOf(ctx.values);
  if (ctx.values['follow'] !== true) {
    const { status } = await queue.status(taskId);
    if (!['completed', 'failed', 'exception'].includes(status.state))
      throw usageError(
        `task ${taskId} is ${status.state}: its log is complete once it resolves; use --follow`,
      );
  }
  for await (const chunk of followLog(
    client,
    taskId,
    pollInterval === undefined ? {} : { pollInterval },
  ))
    ctx.io.stdout.write(chunk);
}

async function retrigger(ctx: CommandContext, queue: QueueView, taskId: string) {
  const task = await queue.task(taskId);
  // The copy keeps the task's time spans, counted from now.
  const created = Date.parse(task.created);
  const now = Date.now();
  const shift = (date: string) => new Date(Date.parse(date) - created + now).toJSON();
  const newTaskId = slugId();
  const { status } = await queue.createTask(newTaskId, {
    ...task,
    created: new Date(now).toJSON(),
    deadline: shift(task.deadline),
    expires: shift(task.expires),
    retries: task.retries,
  });
  printStatus(ctx, status);
}

async function wait(ctx: CommandContext, queue: Client, taskId: string): Promise<number> {
  const pollInterval = pollIntervalOf(ctx.values);
  const onStatus = (s: TaskStatus) => {
    if (ctx.io.stderrIsTTY) ctx.io.stderr.write(`${statusLine(s)}\n`);
  };
  const status = await waitForTask(queue, taskId, {
    onStatus,
    ...(pollInterval === undefined ? {} : { pollInterval }),
  });
  printStatus(ctx, status);
  return status.state === 'completed' ? EXIT_OK : EXIT_FAILURE;
}

export const taskCommand: Command = {
  name: 'task',
  summary: 'look at and act on one task: status, definition, artifacts, log, wait, cancel, rerun',
  usage: `<${SUBCOMMANDS.join('|')}> <taskId>`,
  details: [
    'Output is text on a terminal and JSON when piped or with --json. `task wait` exits 0 when',
    'the task completed and 1 when it failed or ended in exception; `task log --follow` prints',
    'the live log as it is written. `task retrigger` creates a copy with a new taskId.',
  ].join('\n'),
  options: {
    ...WORKFLOW_OPTIONS,
    follow: { type: 'boolean', short: 'f', description: 'task log: follow the live log' },
  },
  examples: [
    'tcdyn task status fN1SbArXTPSVFNUvaOlinQ',
    'tcdyn task log --follow fN1SbArXTPSVFNUvaOlinQ',
    'tcdyn task wait fN1SbArXTPSVFNUvaOlinQ && echo passed',
  ],
  async run(ctx) {
    const [sub, taskId] = idOf(ctx.positionals, this.usage);
    if (!SUBCOMMANDS.includes(sub))
      throw usageError(`unknown task subcommand ${JSON.stringify(sub)}; expected ${this.usage}`);
    const client = queueOf(ctx.io, ctx.values);
    const queue: QueueView = client;
    switch (sub) {
      case 'status':
        printStatus(ctx, (await queue.status(taskId)).status);
        return EXIT_OK;
      case 'def':
        printJson(ctx.io, await queue.task(taskId));
        return EXIT_OK;
      case 'artifacts':
        await listArtifacts(ctx, queue, taskId);
        return EXIT_OK;
      case 'log':
        await printLog(ctx, client, taskId);
        return EXIT_OK;
      case 'wait':
        return wait(ctx, client, taskId);
      case 'cancel':
        printStatus(ctx, (await queue.cancelTask(taskId)).status);
        return EXIT_OK;
      case 'rerun':
        printStatus(ctx, (await queue.rerunTask(taskId)).status);
        return EXIT_OK;
      default:
        await retrigger(ctx, queue, taskId);
        return EXIT_OK;
    }
  },
};
