import { afterEach, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from '../helpers/run-cli.js';
import { runTcdyn } from '../helpers/run-tcdyn.js';

const DEMO = join(ROOT, 'spec', 'types', 'fixtures', 'demo');

let dir: string;
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('typesCommand', () => {
  it('writes the declarations of a references folder, reporting the schemas it lacks', async () => {
    dir = tempDir();
    const out = join(dir, 'src', 'tc-types.d.ts');
    const { code, stdout, stderr } = await runTcdyn(['types', '--references', DEMO, '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      `wrote ${out}: payload and response types of 5 methods and exchanges; ` +
        'typed too, as the bundled references lack them: service demo, service demo-events\n',
    );
    expect(stderr).toBe(`not in ${DEMO} (typed loosely): /schemas/demo/v1/not-there.json#\n`);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^import type \{ FromSchema, .* \} from 'taskcluster-dynamic';$/m);
    expect(text).toContain('export interface DemoMethods {');
    expect(text).toContain(
      "declare module 'taskcluster-dynamic' {\n  interface ServiceClients {\n    demo: DemoClient;",
    );
    expect(text).toContain(
      "  interface SchemaTypes {\n    'demo.createWidget': { input: DemoV1CreateWidgetRequest; output: DemoV1Widget };",
    );
  });

  it('types the methods that a bundled service lacks, and no others', async () => {
    dir = tempDir();
    const out = join(dir, 'types.ts');
    const { code, stdout } = await runTcdyn([
      'types',
      '--references',
      join(ROOT, 'spec', 'types', 'fixtures', 'queue-subset'),
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      `wrote ${out}: payload and response types of 5 methods and exchanges; ` +
        'typed too, as the bundled references lack them: queue.shinyNewMethod\n',
    );
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('  interface QueueMethods {');
    expect(text.match(/^ {4}\w+: MethodInfo & \{$/gm)).toEqual([
      '    shinyNewMethod: MethodInfo & {',
    ]);
  });

  it('augments the module that --module names, and accepts the references/ folder itself', async () => {
    dir = tempDir();
    const out = join(dir, 'types.ts');
    const { code } = await runTcdyn([
      'types',
      '--references',
      join(DEMO, 'references'),
      '--out',
      out,
      '--module',
      './client.js',
    ]);
    expect(code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain("declare module './client.js' {");
  });

  it.each([
    ['without --out', ['--references', DEMO], '--out FILE is required'],
    [
      'without --references',
      ['--out', 'OUT'],
      '--references DIR is required: a folder from `tcdyn refs pull`',
    ],
    [
      'for the bundled references, which have no schemas',
      ['--references', 'bundled', '--out', 'OUT'],
      '--references DIR is required',
    ],
    [
      'for a folder without references',
      ['--references', ROOT, '--out', 'OUT'],
      `${ROOT} has no references/manifest.json`,
    ],
    [
      'with an extra argument',
      ['queue', '--references', DEMO, '--out', 'OUT'],
      'expected --references DIR --out FILE, got "queue"',
    ],
  ])('is a usage error %s, and writes nothing', async (_, args, message) => {
    dir = tempDir();
    const { code, stdout, stderr } = await runTcdyn([
      'types',
      ...args.map((a) => (a === 'OUT' ? join(dir, 'out.d.ts') : a)),
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`tcdyn: ${message}`);
    expect(existsSync(join(dir, 'out.d.ts'))).toBe(false);
  });

  it('explains the workflow in --help', async () => {
    dir = tempDir();
    const { code, stdout } = await runTcdyn(['types', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('tcdyn types --references ./tc-refs --out src/taskcluster-types.d.ts');
    expect(stdout).toContain('--module NAME');
  });
});
