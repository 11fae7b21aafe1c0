// A TypeScript project that uses the built package as its users do: `tcdyn types` writes the
// declarations, then `tsc --noEmit` compiles files that use them (with the hand-written queue
// schemas always, with the real v106 schemas when ../shared/fixtures has them; never committed).
// @slow: tsc in a child process.
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ensureBuilt, ROOT, runCli, tempDir } from '../cli/helpers/run-cli.js';
import { stringAt } from '../helpers/answers.js';

const V106 =
  process.env['TC_REFERENCES_FIXTURE'] ??
  resolve(ROOT, '..', 'shared', 'fixtures', 'taskcluster-references-v106.json');
const QUEUE_SUBSET = join(ROOT, 'spec', 'types', 'fixtures', 'queue-subset');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

beforeAll(ensureBuilt, 300_000);

let dir: string;
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function consumerProject(files: Record<string, string>): string {
  dir = tempDir();
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'taskcluster-dynamic'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  const compilerOptions = {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules', '@types')],
  };
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions, files: ['tc-types.d.ts', ...Object.keys(files)] }),
  );
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function generate(project: string, references: string): Promise<string> {
  const { code, stderr } = await runCli([
    'types',
    '--references',
    references,
    '--out',
    join(project, 'tc-types.d.ts'),
  ]);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return readFileSync(join(project, 'tc-types.d.ts'), 'utf8');
}

/** What tsc prints: error lines (`file(line,col): error TSnnnn: ...`) and their indented details. */
async function compile(project: string): Promise<string> {
  // Resolves with, or rejects with an error that carries, what tsc printed.
  const result: unknown = await promisify(execFile)(process.execPath, [TSC, '-p', project], {
    cwd: project,
  }).catch((e: unknown) => e);
  return stringAt(result, 'stdout');
}

const errorLines = (output: string) =>
  output.split('\n').filter((line) => / error TS\d+/.test(line));

const USES_QUEUE = `import { createClient, type Message } from 'taskcluster-dynamic';
const queue = createClient('queue', { rootUrl: 'https://tc.example.com' });
const metadata = { name: 'n', description: 'd', owner: 'o@example.com', source: 'https://example.com' };
declare const completed: Message<'queue-events', 'taskCompleted'>;
export async function uses() {
  const { status } = await queue.createTask('taskId', { created: 'now', deadline: 'later', payload: {}, metadata });
  const state: 'unscheduled' | 'pending' | 'running' | 'completed' | 'failed' | 'exception' = status.state;
  // @ts-expect-error a payload missing a required field
  await queue.createTask('taskId', { created: 'now', deadline: 'later', payload: {} });
  // @ts-expect-error a wrong query key
  await queue.listTaskGroup('groupId', { limt: 1 });
  for await (const page of queue.listTaskGroup.pages('groupId', { limit: 2 })) page.tasks[0].task.metadata.owner;
  createClient('queue-events').taskCompleted({ taskId: 'abc' });

  return [state, completed.runId, completed.status.state];
}
`;

describe('tcdyn types in a consumer project', () => {
  it('types calls from hand-written schemas, and tsc rejects misuse at the right lines', async () => {
    const project = consumerProject({
      'uses.ts': USES_QUEUE,
      'by-hand.ts': `import { createClient } from 'taskcluster-dynamic';
type MySecret = { token: string };
declare module 'taskcluster-dynamic' {
  interface SchemaTypes { 'secrets.get': { output: { secret: MySecret; expires: string } } }
}
export async function byHand() {
  const { secret } = await createClient('secrets').get('project/secret');
  // @ts-expect-error an augmentation written by hand types the response too
  secret.tokn;
  return secret.token;
}
`,
      'added.ts': `import { createClient } from 'taskcluster-dynamic';
export async function added() {
  const shiny = await createClient('queue').shinyNewMethod('groupId');
  // @ts-expect-error a method that tcdyn types added to the bundled ones is typed like them
  await createClient('queue').shinyNewMethod();
  return shiny.tasks[0].status.state;
}
`,
      'misuse.ts': `import { createClient } from 'taskcluster-dynamic';
const queue = createClient('queue');
export async function misuse() {
  const task = await queue.task('taskId');
  return [task.metadata.ownr, await queue.createTask('t', { ...task, priority: 'urgent' })];
}
`,
    });
    await generate(project, QUEUE_SUBSET);
    const output = await compile(project);
    expect(errorLines(output)).toEqual([
      expect.stringMatching(
        /^misuse\.ts\(5,25\): error TS2551: Property 'ownr' does not exist .* Did you mean 'owner'\?/,
      ),
      expect.stringMatching(/^misuse\.ts\(5,43\): error TS2769: No overload matches this call\./),
    ]);
    expect(output).toContain(
      'Type \'"urgent"\' is not assignable to type \'"highest" | "high" | "medium" | "low" | "lowest" | undefined\'',
    );
  }, 120_000);

  const hasV106 = existsSync(V106);
  (hasV106 ? it : it.skip)(
    hasV106
      ? "compiles a file using the real v106 schemas' types"
      : `compiles a file using the real v106 schemas' types — SKIPPED: no fixture at ${V106}`,
    async () => {
      const project = consumerProject({
        'uses.ts': USES_QUEUE.replace(
          "created: 'now', deadline",
          "provisionerId: 'p', workerType: 'w', created: 'now', deadline",
        ),
        'more.ts': `import { createClient, type Input } from 'taskcluster-dynamic';
export async function more() {
  const found = await createClient('index').findTask('project.main.latest');
  const taskId: string = found.taskId;
  const secret = await createClient('secrets').get('project/secret');
  const hook: Input<'hooks', 'triggerHook'> = { anything: ['goes', 1] };
  // @ts-expect-error a secret needs its expiry
  await createClient('secrets').set('project/secret', { secret: {} });
  return [taskId, secret.expires, hook];
}
`,
      });
      const deployment = join(project, 'deployment');
      for (const { filename, content } of JSON.parse(readFileSync(V106, 'utf8')) as Array<{
        filename: string;
        content: unknown;
      }>) {
        mkdirSync(dirname(join(deployment, filename)), { recursive: true });
        writeFileSync(
          join(deployment, filename),
          typeof content === 'string' ? content : JSON.stringify(content),
        );
      }
      const declarations = await generate(project, deployment);
      expect(declarations).toContain(
        "'queue.createTask': { input: QueueV1CreateTaskRequest; output: QueueV1TaskStatusResponse };",
      );
      expect(errorLines(await compile(project))).toEqual([]);
    },
    120_000,
  );
});
