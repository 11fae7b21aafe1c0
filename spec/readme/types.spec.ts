// The README's "Types" texts: what the editor shows (TypeScript's language service, as editors use
// it), the compile errors it lists, and `tcdyn refs pull` + `tcdyn types` giving a project schema types.
// @slow: TypeScript's language service over lib/, then tsc in a child process.
import { nth } from '../helpers/nth.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { json, startHawkServer, type HawkServer } from '../helpers/hawk-server.js';
import { ensureBuilt, ROOT, runCli, tempDir } from '../cli/helpers/run-cli.js';
import { defined } from '../helpers/answers.js';

const SNIPPET = join(ROOT, 'spec', 'readme', 'readme-types-snippet.ts');
const SNIPPET_TEXT = `import { createClient } from '../../lib/index.js';
const queue = createClient('queue');
const queueEvents = createClient('queue-events');
export const reference = queue.listTaskGroup;
queue.listTaskGroup('g');
queue.createTask('t1');
queue.listTaskGroup('g', { limt: 1 });
queueEvents.taskCompleted({ tsakId: 'x' });
queue.buildUrl('task');
`;

/** A tsconfig.json as the compiler reads it. */
const parsedConfig = (path: string): ts.ParsedCommandLine =>
  defined(
    ts.getParsedCommandLineOfConfigFile(
      path,
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
    ),
    `the parsed ${path}`,
  );

/** A language service over the project's tsconfig, with SNIPPET served from memory. */
function languageService(): ts.LanguageService {
  const config = parsedConfig(join(ROOT, 'tsconfig.json'));
  const read = (name: string) => (name === SNIPPET ? SNIPPET_TEXT : ts.sys.readFile(name));
  return ts.createLanguageService({
    getScriptFileNames: () => [SNIPPET],
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => {
      const text = read(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => ROOT,
    getCompilationSettings: () => ({ ...config.options, types: ['node'] }),
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (name) => name === SNIPPET || ts.sys.fileExists(name),
    readFile: read,
    readDirectory: (...args) => ts.sys.readDirectory(...args),
    directoryExists: (name) => ts.sys.directoryExists(name),
    getDirectories: (name) => ts.sys.getDirectories(name),
  });
}

const text = (parts: ts.SymbolDisplayPart[] | undefined) =>
  (parts ?? []).map((p) => p.text).join('');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The README abridges with `...`: it stands for any text. */
const abridged = (readme: string) =>
  new RegExp(`^${readme.split('...').map(escape).join('.*')}$`, 's');
const at = (needle: string, offset = 0) => SNIPPET_TEXT.indexOf(needle) + offset;

describe('README: Types, in the editor', () => {
  let service: ts.LanguageService;
  beforeAll(() => {
    service = languageService();
  });
  afterAll(() => {
    service.dispose();
  });

  it('shows the overloads listed while you type queue.listTaskGroup(', () => {
    const help = defined(
      service.getSignatureHelpItems(
        SNIPPET,
        at("listTaskGroup('g')", 'listTaskGroup('.length),
        undefined,
      ),
      'signature help',
    );
    const shown = help.items.map(
      (item) =>
        text(item.prefixDisplayParts) +
        item.parameters.map((p) => text(p.displayParts)).join(text(item.separatorDisplayParts)) +
        text(item.suffixDisplayParts),
    );
    for (const line of [
      'listTaskGroup(taskGroupId: Param, query?: Query<"continuationToken" | "limit">): Reply<"queue.listTaskGroup">',
      'listTaskGroup(named: { params: { taskGroupId: Param; }; query?: Query<"continuationToken" | "limit">; paginationLimit?: number; }): ...',
      'listTaskGroup(taskGroupId: Param, options: { query?: Query<...>; paginationLimit?: number; paginationHandler: PageHandler<...>; }): Promise<void>',
    ])
      expect([line, shown.filter((s) => abridged(line).test(s))]).toEqual([
        line,
        [expect.any(String)],
      ]);
    expect(shown.length).toBeGreaterThan(3);
  });

  it("shows a method's title, signature, route and description on hover, and only the overload inside a call", () => {
    const hover = defined(service.getQuickInfoAtPosition(SNIPPET, at('= queue.listTaskGroup', 10)));
    expect(text(hover.displayParts)).toMatch(/^\(property\) QueueMethods\.listTaskGroup: /);
    expect(text(hover.documentation)).toMatch(
      /^List Task Group\n\n`listTaskGroup\(taskGroupId, \[query\]\)` — `GET \/task-group\/<taskGroupId>\/list` \(stable\)\n\nList tasks sharing the same `taskGroupId`\./,
    );
    const inCall = defined(service.getQuickInfoAtPosition(SNIPPET, at("listTaskGroup('g')", 2)));
    expect(text(inCall.displayParts)).toContain(
      'listTaskGroup: (taskGroupId: Param, query?: Query<"continuationToken" | "limit">) => Reply<"queue.listTaskGroup"> (+4 overloads)',
    );
    expect(text(inCall.documentation)).toBe('');
  });

  it('reports the mistakes the README lists as compile errors with its messages', () => {
    const snippet = defined(defined(service.getProgram()).getSourceFile(SNIPPET));
    const errors = new Map(
      service.getSemanticDiagnostics(SNIPPET).map((d) => [
        snippet.text
          .slice(
            nth(
              snippet.getLineStarts(),
              snippet.getLineAndCharacterOfPosition(defined(d.start)).line,
            ),
          )
          .split('\n', 1)
          .join('')
          .replace(/;$/, ''),
        // tsc prints a message over indented lines; the README's table wraps it.
        ts.flattenDiagnosticMessageText(d.messageText, '\n').replace(/\s+/g, ' '),
      ]),
    );
    const readme: Array<[string, string]> = [
      [
        "queue.createTask('t1')",
        "Argument of type 'string' is not assignable to parameter of type '{ params: { taskId: Param; }; payload: object; }'.",
      ],
      [
        "queue.listTaskGroup('g', { limt: 1 })",
        `No overload matches this call. ... 'limt' does not exist in type 'Query<"continuationToken" | "limit">'. Did you mean to write 'limit'? ...`,
      ],
      [
        "queueEvents.taskCompleted({ tsakId: 'x' })",
        "Object literal may only specify known properties, but 'tsakId' does not exist in type '{ routingKeyKind?: ...; taskId?: ...; ... }'. Did you mean to write 'taskId'?",
      ],
      ["queue.buildUrl('task')", 'Expected 2 arguments, but got 1.'],
    ];
    expect([...errors.keys()]).toEqual(readme.map(([code]) => code));
    for (const [code, message] of readme)
      expect([code, abridged(message).test(defined(errors.get(code), code))]).toEqual([code, true]);
  });
});

const SUBSET = join(ROOT, 'spec', 'types', 'fixtures', 'queue-subset');

// The README's payload example with its `{ ... }` written out, then its hand-written augmentation.
const USES = `import { createClient } from 'taskcluster-dynamic';
const queue = createClient('queue', { rootUrl: 'https://tc.example.com' });
declare const taskId: string, created: string, deadline: string, name: string, description: string, owner: string, source: string;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;

const { status } = await queue.createTask(taskId, {
  created, deadline, payload: {}, metadata: { name, description, owner, source },
});
status.state;           // 'unscheduled' | 'pending' | 'running' | 'completed' | 'failed' | 'exception'

import type { Input, Output, Message } from 'taskcluster-dynamic';
const task: Input<'queue', 'createTask'> = { created, deadline, payload: {}, metadata: { name, description, owner, source } };               // a payload built elsewhere
type Completed = Message<'queue-events', 'taskCompleted'>;        // for your Pulse consumer

export const checks: Array<true> = [
  true as Equal<typeof status.state, 'unscheduled' | 'pending' | 'running' | 'completed' | 'failed' | 'exception'>,
  true as Equal<Completed['status']['state'], typeof status.state>,
  true as Equal<Output<'queue', 'createTask'>['status'], typeof status>,
];
// @ts-expect-error a payload that lacks a required field fails to compile
await queue.createTask(taskId, { created, deadline, payload: {} });
await queue.createTask(taskId, task);
`;
const BY_HAND = `type MySecret = { token: string };
declare module 'taskcluster-dynamic' {
  interface SchemaTypes { 'secrets.get': { output: { secret: MySecret; expires: string } } }
}
import { createClient } from 'taskcluster-dynamic';
const { secret, expires } = await createClient('secrets').get('project/secret');
export const token: string = secret.token + expires;
// @ts-expect-error the augmentation types the response
secret.tokn;
`;

describe('README: Types, payload and response types with tcdyn types', () => {
  let server: HawkServer;
  let project: string;
  beforeAll(ensureBuilt, 300_000);
  afterEach(async () => {
    await server.close();
    rmSync(project, { recursive: true, force: true });
  });

  it('pulls a deployment, writes its declarations and compiles the README examples against them', async () => {
    server = await startHawkServer();
    // A deployment that serves the hand-written queue references and schemas, and the common
    // schemas that the references name as their `$schema`.
    server.script((req, res) => {
      const file = join(SUBSET, req.url);
      if (existsSync(file)) return json(200, JSON.parse(readFileSync(file, 'utf8')))(req, res);
      const common = req.url.startsWith('/schemas/common/');
      return json(
        common ? 200 : 404,
        common ? { $id: `${req.url}#` } : { code: 'ResourceNotFound' },
      )(req, res);
    });
    project = tempDir();
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(ROOT, join(project, 'node_modules', 'taskcluster-dynamic'), 'dir');
    writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');

    const pull = await runCli(
      ['refs', 'pull', '--root-url', server.rootUrl, '--out', './tc-refs'],
      { cwd: project },
    );
    const types = await runCli(
      ['types', '--references', './tc-refs', '--out', 'src/taskcluster-types.d.ts'],
      { cwd: project },
    );

    expect(pull).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^wrote 2 references and \d+ schemas to \.\/tc-refs\n$/),
      stderr: '',
    });
    expect(existsSync(join(project, 'tc-refs', 'schemas', 'queue', 'v1', 'task-status.json'))).toBe(
      true,
    );
    expect(types).toMatchObject({ code: 0, stderr: '' });
    expect(types.stdout).toBe(
      'wrote src/taskcluster-types.d.ts: payload and response types of 5 methods and exchanges; ' +
        'typed too, as the bundled references lack them: queue.shinyNewMethod\n',
    );
    const declarations = readFileSync(join(project, 'src', 'taskcluster-types.d.ts'), 'utf8');
    expect(declarations).toContain(
      "'queue.createTask': { input: QueueV1CreateTaskRequest; output: QueueV1TaskStatusResponse };",
    );
    expect(declarations).toMatch(/'queue-events\.taskCompleted': \{ message: \w+ \}/);

    writeFileSync(join(project, 'src', 'uses.ts'), USES);
    writeFileSync(join(project, 'src', 'by-hand.ts'), BY_HAND);
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
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions, include: ['src'] }),
    );
    // `tsc -p project`, through the compiler this spec has loaded already (a child process would
    // load it again): what tsc would print is empty.
    const config = parsedConfig(join(project, 'tsconfig.json'));
    const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
    expect(config.fileNames.map((name) => name.slice(project.length + 1)).sort()).toEqual([
      'src/by-hand.ts',
      'src/taskcluster-types.d.ts',
      'src/uses.ts',
    ]);
    const printed = ts.formatDiagnostics(ts.getPreEmitDiagnostics(program), {
      getCanonicalFileName: (name) => name,
      getCurrentDirectory: () => project,
      getNewLine: () => '\n',
    });
    expect(printed).toBe('');
  }, 120_000);
});
