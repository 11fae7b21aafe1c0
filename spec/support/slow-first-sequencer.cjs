// The order Jest starts its test files in: each folder's suite (spec/support/suite.cjs), or the
// spec files themselves when `npm test -- <paths>` names some. With timings from an earlier run,
// Jest's own order (longest first) is kept. Without them (a fresh clone) Jest orders by file
// size, which says nothing of a suite (every `all.suite.cjs` is the same two lines) and which
// once started the 3,000-call reliability spec, a small file, last, alone on one core for its
// 10 s. So untimed files start in this order: first those whose spec files' opening comments
// carry `@slow` (a few seconds of work or waiting), then by the size of their spec files.
const { readFileSync } = require('node:fs');
const { basename, dirname } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const { specFiles } = require('./suite.cjs');

/** The opening comment, up to the first line that is not one. */
const head = (text) => {
  const lines = text.split('\n');
  const end = lines.findIndex((line) => !line.startsWith('//'));
  return lines.slice(0, end === -1 ? lines.length : end).join('\n');
};

/** Whether any spec file a test file runs is marked @slow, and their size in bytes. */
function weigh(path) {
  const files = basename(path) === 'all.suite.cjs' ? specFiles(dirname(path)) : [path];
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  return {
    slow: texts.some((text) => /@slow\b/.test(head(text))),
    bytes: texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0),
  };
}

class SlowFirst extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    // Jest starts untimed files before timed ones; each is read once, not at every comparison.
    const untimed = ordered
      .filter((test) => test.duration == null)
      .map((test) => ({ test, ...weigh(test.path) }))
      .sort((a, b) => Number(b.slow) - Number(a.slow) || b.bytes - a.bytes)
      .map(({ test }) => test);
    return [...untimed, ...ordered.filter((test) => test.duration != null)];
  }
}

module.exports = SlowFirst;
