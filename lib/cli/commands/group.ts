// `tcdyn group <list|status|wait|cancel> <taskGroupId>`: a task group's tasks, their counts by
// state, waiting for the group, and sealing then cancelling it.
import { countTaskGroup, waitForTaskGroup, type TaskGroupCounts } from '../../index.js';
import { listOption, type Command, type CommandContext } from '../args.js';
import { EXIT_FAILURE, EXIT_OK, printJson, printLines, usageError } from '../output.js';
import {
  confirm,
  idOf,
  pollIntervalOf,
  queueOf,
  statusLine,
  wantsJson,
  WORKFLOW_OPTIONS,
} from '../workflow-io.js';

import type { QueueView } from '../queue-view.js';

type Queue = ReturnType<typeof queueOf>;
const SUBCOMMANDS = ['list', 'status', 'wait', 'cancel'];
const STATES = ['unscheduled', 'pending', 'running', 'completed', 'failed', 'exception'];

const countsLine = (counts: TaskGroupCounts) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${String(n)} ${state}`)
    .join(', ') || 'no tasks';

function statesOf(ctx: CommandContext): Set<string> | undefined {
  const states = listOption(ctx.values, 'state');
  const unknown = states.filter((s) => !STATES.includes(s));
  if (unknown.length)
    throw usageError(`unknown state ${unknown.join(', ')}; states are ${STATES.join(', ')}`);
  return states.length ? new Set(states) : undefined;
}

/** Print each page's tasks as it arrives: a large group is never held whole. */
async function list(ctx: CommandContext, queue: QueueView, taskGroupId: string) {
  const only = statesOf(ctx);
  const json = wantsJson(ctx.io, ctx.values);
  let continuationToken: string | undefined;
  do {
    const page = await queue.listTaskGroup(
      taskGroupId,
      continuationToken ? { continuationToken } : {},
    );
    const shown = page.tasks.filter((t) => !only || only.has(t.status.state));
    for (const { status, task } of shown) {
      const name = task.metadata.name;
      if (json)
        ctx.io.stdout.write(
          `${JSON.stringify({ taskId: status.taskId, state: status.state, name })}\n`,
        );
      else printLines(ctx.io, [statusLine(status, name)]);
    }
    continuationToken = page.continuationToken;
  } while (continuationToken);
}

async function wait(ctx: CommandContext, queue: Queue, taskGroupId: string) {
  const pollInterval = pollIntervalOf(ctx.values);
  const { counts } = await waitForTaskGroup(queue, taskGroupId, {
    onProgress: (p) => {
      if (ctx.io.stderrIsTTY) ctx.io.stderr.write(`${taskGroupId}: ${countsLine(p.counts)}\n`);
    },
    ...(pollInterval === undefined ? {} : { pollInterval }),
  });
  report(ctx, taskGroupId, counts);
  return counts.failed + counts.exception === 0 ? EXIT_OK : EXIT_FAILURE;
}

function report(ctx: CommandContext, taskGroupId: string, counts: TaskGroupCounts) {
  if (wantsJson(ctx.io, ctx.values)) printJson(ctx.io, { taskGroupId, counts });
  else printLines(ctx.io, [`${taskGroupId}: ${countsLine(counts)}`]);
}

async function cancel(ctx: CommandContext, queue: QueueView, taskGroupId: string) {
  const asks = ctx.io.stdinIsTTY && ctx.io.stderrIsTTY && ctx.values['yes'] !== true;
  if (
    asks &&
    !(await confirm(ctx.io, `Seal task group ${taskGroupId} and cancel its open tasks?`))
  ) {
    ctx.io.stderr.write('nothing done\n');
    return EXIT_FAILURE;
  }
  // Sealed first, so that no task created meanwhile escapes the cancellation.
  await queue.sealTaskGroup(taskGroupId);
  const result = await queue.cancelTaskGroup(taskGroupId);
  if (wantsJson(ctx.io, ctx.values)) printJson(ctx.io, result);
  else
    printLines(ctx.io, [
      `${taskGroupId}: sealed; ${String(result.cancelledCount)} of ${String(result.taskGroupSize)} tasks cancelled`,
    ]);
  return EXIT_OK;
}

export const groupCommand: Command = {
  name: 'group',
  summary: 'a task group: list its tasks, count them by state, wait for it, seal and cancel it',
  usage: `<${SUBCOMMANDS.join('|')}> <taskGroupId>`,
  details: [
    '`group wait` exits 0 when every task completed and 1 when any failed or ended in exception.',
    '`group cancel` seals the group, then cancels its open tasks; on a terminal it asks first',
    'unless --yes. Output is text on a terminal and JSON (lines, for list) when piped or with --json.',
  ].join('\n'),
  options: {
    ...WORKFLOW_OPTIONS,
    state: {
      type: 'string',
      multiple: true,
      value: 'STATE',
      description: 'group list: only tasks in this state',
    },
    yes: { type: 'boolean', short: 'y', description: 'group cancel: do not ask' },
  },
  examples: [
    'tcdyn group status fN1SbArXTPSVFNUvaOlinQ',
    'tcdyn group list fN1SbArXTPSVFNUvaOlinQ --state failed --state exception',
    'tcdyn group cancel --yes fN1SbArXTPSVFNUvaOlinQ',
  ],
  async run(ctx) {
    const [sub, taskGroupId] = idOf(ctx.positionals, this.usage);
    if (!SUBCOMMANDS.includes(sub))
      throw usageError(`unknown group subcommand ${JSON.stringify(sub)}; expected ${this.usage}`);
    const queue = queueOf(ctx.io, ctx.values);
    switch (sub) {
      case 'list':
        await list(ctx, queue, taskGroupId);
        return EXIT_OK;
      case 'status':
        report(ctx, taskGroupId, await countTaskGroup(queue, taskGroupId));
        return EXIT_OK;
      case 'wait':
        return wait(ctx, queue, taskGroupId);
      default:
        return cancel(ctx, queue, taskGroupId);
    }
  },
};
