// The order Jest starts the spec files in. With timings from an earlier run, Jest's own order
// (longest first) is kept. Without them (a fresh clone) Jest orders by file size, which started
// the 3,000-call reliability spec, a small file, last, alone on one core for its 10 s; so the
// files whose opening comment carries `@slow` (a few seconds of work or waiting) go first.
const { readFileSync } = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;

/** The opening comment, up to the first line that is not one. */
const head = (path) => {
  const lines = readFileSync(path, 'utf8').split('\n');
  const end = lines.findIndex((line) => !line.startsWith('//'));
  return lines.slice(0, end === -1 ? lines.length : end).join('\n');
};

class SlowFirst extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    // Each file's head read once, not at every comparison of the sort.
    const early = new Set(
      ordered.filter((test) => test.duration == null && /@slow\b/.test(head(test.path))),
    );
    // Array.prototype.sort is stable: Jest's order holds within each group.
    return ordered.sort((a, b) => Number(early.has(b)) - Number(early.has(a)));
  }
}

module.exports = SlowFirst;
