// What a folder's `all.suite.cjs` runs: the folder's spec files, in name order, each inside a
// describe named by its path from the project root. Jest starts one file per folder rather than
// one per spec file, so a context, and undici, msw, the sandbox and lib/ in it, is built once
// per folder (see jest.config.js for the measured cost). Each spec file's top-level hooks
// belong to its own describe, so they run around its tests alone, as when Jest ran it by itself.
//
// Jest's own `require` loads each file (synchronously, inside its describe), through the
// transform and the coverage counters like any module of the spec.
const { readdirSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..', '..');

/** The spec files of `folder` (not of its subfolders, which have suites of their own). */
function specFiles(folder) {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.spec.ts'))
    .sort()
    .map((name) => join(folder, name));
}

/** Registers each spec file of `folder` in a describe of its own; `load` is the suite's require. */
function suite(folder, load) {
  const { describe } = load('@jest/globals');
  for (const file of specFiles(folder))
    describe(relative(ROOT, file), () => {
      load(file);
    });
}

module.exports = { specFiles, suite };
