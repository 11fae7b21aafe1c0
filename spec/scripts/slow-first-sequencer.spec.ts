// spec/support/slow-first-sequencer.cjs: without timings from an earlier run, the suites (or spec
// files) with a spec marked `@slow` start first, then the larger; with timings, Jest's own order
// (longest first) stands.
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../cli/helpers/run-cli.js';

interface SpecFile {
  path: string;
  duration?: number;
  context: unknown;
}
type Sorter = new (options: {
  contexts: unknown[];
  globalConfig: unknown;
}) => {
  sort(tests: SpecFile[]): SpecFile[];
  cacheResults(tests: SpecFile[], results: unknown): void;
};
const SlowFirst = createRequire(import.meta.url)(
  join(ROOT, 'spec/support/slow-first-sequencer.cjs'),
) as Sorter;

const folder = mkdtempSync(join(tmpdir(), 'tcdyn-sequencer-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** Spec files of the given sizes and opening comments, and a Jest cache holding `timings`. */
function specFiles(files: Record<string, string>, timings: Record<string, number> = {}) {
  const cacheDirectory = mkdtempSync(join(folder, 'cache-'));
  const context = {
    config: { cacheDirectory, id: 'sequencer-spec', cache: true, haste: {} },
    hasteFS: { getSize: (path: string) => statSync(path).size },
  };
  const paths = Object.entries(files).map(([name, text]) => {
    const path = join(folder, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  });
  const tests = () => paths.map((path) => ({ path, context }));
  const sequencer = () => new SlowFirst({ contexts: [], globalConfig: {} });
  // Timings reach Jest's cache as after a run: through the sequencer's own cacheResults().
  const testResults = Object.entries(timings).map(([name, seconds]) => ({
    testFilePath: join(folder, name),
    perfStats: { runtime: seconds * 1000 },
    numFailingTests: 0,
    skipped: false,
  }));
  if (testResults.length) sequencer().cacheResults(tests(), { testResults });
  const order = sequencer().sort(tests());
  return order.map((test) => test.path.slice(folder.length + 1));
}

const FILES = {
  'big.spec.ts': `// A large file.\n${'x'.repeat(5000)}\n`,
  'small-slow.spec.ts': '// A small file.\n// @slow: ten seconds of calls.\nit();\n',
  'middle.spec.ts': `// A middling file.\n${'x'.repeat(500)}\n`,
  'mentions.spec.ts': '// Not marked.\nconst note = "@slow in code is not a mark";\n',
};

const SUITE = "require('../suite.cjs').suite(__dirname, require);\n";

describe('the slow-first sequencer', () => {
  it('starts the files marked @slow first when Jest has no timings, then by size', () => {
    expect(specFiles(FILES)).toEqual([
      'small-slow.spec.ts',
      'big.spec.ts',
      'middle.spec.ts',
      'mentions.spec.ts',
    ]);
  });

  it("weighs a folder's suite by its spec files: any @slow among them, then their size", () => {
    const order = specFiles({
      'small/all.suite.cjs': SUITE,
      'small/a.spec.ts': '// Small.\nit();\n',
      'large/all.suite.cjs': SUITE,
      'large/a.spec.ts': `// Large.\n${'x'.repeat(3000)}\n`,
      'large/b.spec.ts': `// Large too.\n${'x'.repeat(3000)}\n`,
      'slow/all.suite.cjs': SUITE,
      'slow/a.spec.ts': '// Small.\nit();\n',
      'slow/b.spec.ts': '// Small, but:\n// @slow: a compiler.\nit();\n',
    }).filter((path) => path.endsWith('all.suite.cjs'));
    expect(order).toEqual(['slow/all.suite.cjs', 'large/all.suite.cjs', 'small/all.suite.cjs']);
  });

  it("keeps Jest's longest-first order when an earlier run timed every file", () => {
    const timings = {
      'big.spec.ts': 1,
      'small-slow.spec.ts': 2,
      'middle.spec.ts': 9,
      'mentions.spec.ts': 3,
    };
    expect(specFiles(FILES, timings)).toEqual([
      'middle.spec.ts',
      'mentions.spec.ts',
      'small-slow.spec.ts',
      'big.spec.ts',
    ]);
  });
});
