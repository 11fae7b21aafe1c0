// spec/support/suite.cjs and the folders' all.suite.cjs: Jest runs one file per folder of spec/,
// and no spec file may be left out of every suite.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { ROOT } from '../cli/helpers/run-cli.js';

interface Suites {
  specFiles: (folder: string) => string[];
  suite: (folder: string, load: (id: string) => unknown) => void;
}
const { specFiles, suite } = createRequire(import.meta.url)(
  join(ROOT, 'spec/support/suite.cjs'),
) as Suites;

const SPEC = join(ROOT, 'spec');
/** Every spec file under spec/, however deep, and the folders that hold them. */
const ALL_SPEC_FILES = readdirSync(SPEC, { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.spec.ts'))
  .map((path) => join(SPEC, path))
  .sort();
const SPEC_FOLDERS = [...new Set(ALL_SPEC_FILES.map((file) => dirname(file)))];

describe('the folders’ suites', () => {
  it('give every folder holding spec files an all.suite.cjs that runs them', () => {
    const missing = SPEC_FOLDERS.filter((folder) => !existsSync(join(folder, 'all.suite.cjs')));
    expect(missing.map((folder) => relative(ROOT, folder))).toEqual([]);
    for (const folder of SPEC_FOLDERS)
      expect([relative(ROOT, folder), readFileSync(join(folder, 'all.suite.cjs'), 'utf8')]).toEqual(
        [relative(ROOT, folder), expect.stringContaining("suite.cjs').suite(__dirname, require);")],
      );
  });

  it('together run each spec file exactly once', () => {
    const run = SPEC_FOLDERS.flatMap((folder) => specFiles(folder));
    expect(run.sort()).toEqual(ALL_SPEC_FILES);
  });
});

describe('suite', () => {
  it("loads the folder's spec files in name order, each in a describe named by its path", () => {
    const events: string[] = [];
    let depth = 0;
    const describe = (name: string, body: () => void) => {
      events.push(`describe ${name}`);
      depth += 1;
      body();
      depth -= 1;
    };
    const load = (id: string) => {
      if (id === '@jest/globals') return { describe };
      events.push(`load ${relative(ROOT, id)} at depth ${String(depth)}`);
      return {};
    };
    suite(join(SPEC, 'utils'), load);
    const names = readdirSync(join(SPEC, 'utils'))
      .filter((name) => name.endsWith('.spec.ts'))
      .sort();
    expect(names.length).toBeGreaterThan(1);
    expect(events).toEqual(
      names.flatMap((name) => [
        `describe spec/utils/${name}`,
        `load spec/utils/${name} at depth 1`,
      ]),
    );
  });
});
