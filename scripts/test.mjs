#!/usr/bin/env node
// `npm test`: the specs, the type check with lint (`npm run check`: one program for both) and the
// format check, run at once. They share no state, and the specs spend much of their time waiting
// on servers and child processes, so the static checks fit in those waits instead of running
// before them. The commands themselves stay the package.json scripts of the same names, so each
// tier can still be run alone.
// Arguments go to Jest (`npm test -- spec/client`): it then runs the spec files they name one by
// one rather than the folders' suites, without coverage.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { delimiter, resolve } from 'node:path';

const { scripts } = JSON.parse(readFileSync('package.json', 'utf8'));
const quote = (a) => `'${a.replaceAll("'", "'\\''")}'`;
const args = process.argv.slice(2).map(quote);
// A few specs (`npm test -- spec/client`) cannot meet the whole suite's coverage thresholds, so
// they run without coverage; the whole suite always runs with it. Named spec files run alone,
// each in its own context, instead of in their folder's suite (spec/support/suite.cjs).
const jestArgs = args.length
  ? [...args, '--coverage=false', '--testMatch', quote('**/*.spec.ts')]
  : [];
const PATH = `${resolve('node_modules/.bin')}${delimiter}${process.env.PATH ?? ''}`;

/** Runs one package.json script; the specs print as they go, the others after the specs. */
function tier(name, live, extra = []) {
  const started = Date.now();
  const child = spawn([scripts[name], ...extra].join(' '), {
    shell: true,
    env: { ...process.env, PATH, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' },
    stdio: ['ignore', live ? 'inherit' : 'pipe', live ? 'inherit' : 'pipe'],
  });
  // The static checks yield the CPU to the specs, whose servers and timeouts feel a busy machine.
  if (!live && child.pid) setPriority(child.pid, 10);
  const output = [];
  child.stdout?.on('data', (chunk) => output.push(chunk));
  child.stderr?.on('data', (chunk) => output.push(chunk));
  return new Promise((done) => {
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const ok = code === 0;
      process.stdout.write(
        `[${name}] ${ok ? 'passed' : `FAILED (${signal ?? code})`} in ${seconds} s\n`,
      );
      done({ name, ok, seconds, output: Buffer.concat(output) });
    });
  });
}

const started = Date.now();
const results = await Promise.all([
  tier('test:unit', true, jestArgs),
  tier('check', false),
  tier('format:check', false),
]);
for (const { name, output } of results) {
  if (output.length) process.stdout.write(`\n── ${name} ──\n${output}`);
}
const failed = results.filter((r) => !r.ok).map((r) => r.name);
const total = ((Date.now() - started) / 1000).toFixed(1);
process.stdout.write(
  `\nnpm test: ${failed.length ? `FAILED: ${failed.join(', ')}` : 'all passed'} in ${total} s (${results
    .map((r) => `${r.name} ${r.seconds} s`)
    .join(', ')})\n`,
);
process.exitCode = failed.length ? 1 : 0;
