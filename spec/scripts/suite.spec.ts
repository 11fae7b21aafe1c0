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
/** Every spec file under spec/, however deep. */
const allSpecFiles = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return allSpecFiles(path);
    return entry.name.endsWith('.spec.ts') ? [path] : [];
  });

describe('the folders’ suites', () => {
  it('give every folder holding spec files an all.suite.cjs that runs them', () => {
    const folders = [...new Set(allSpecFiles(SPEC).map((file) => dirname(file)))];
    const missing = folders.filter((folder) => !existsSync(join(folder, 'all.suite.cjs')));
    expect(missing.map((folder) => relative(ROOT, folder))).toEqual([]);
    for (const folder of folders)
      expect([relative(ROOT, folder), readFileSync(join(folder, 'all.suite.cjs'), 'utf8')]).toEqual(
        [relative(ROOT, folder), expect.stringContaining("suite.cjs').suite(__dirname, require);")],
      );
  });

  it('together run each spec file exactly once', () => {
    const suites = [...new Set(allSpecFiles(SPEC).map((file) => dirname(file)))];
    const run = suites.flatMap((folder) => specFiles(folder));
    expect(run.sort()).toEqual(allSpecFiles(SPEC).sort());
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
