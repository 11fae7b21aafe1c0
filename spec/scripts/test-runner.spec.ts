// scripts/test.mjs (`npm test`): the three tiers run at once, and any failing one fails the run
// after all have finished. Run for real, in a folder whose package.json scripts stand in for them.
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../cli/helpers/run-cli.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

interface Outcome {
  code: number;
  stdout: string;
}

function runWith(scripts: Record<string, string>, args: string[] = []): Promise<Outcome> {
  const folder = mkdtempSync(join(tmpdir(), 'tcdyn-runner-'));
  folders.push(folder);
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ scripts }));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'scripts/test.mjs'), ...args],
      { cwd: folder },
      (error, stdout) => {
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout });
      },
    );
  });
}

// Each stand-in leaves a mark file so the spec can see it ran, and waits for the others' marks:
// it only ends if all three run at the same time. Plain sh, not node: a stand-in costs nothing.
const together = (name: string, code = '0') =>
  `touch ${name}.mark; ` +
  'while [ ! -f u.mark ] || [ ! -f c.mark ] || [ ! -f f.mark ]; do sleep 0.01; done; ' +
  `echo '${name} out'; exit ${code}`;

describe('scripts/test.mjs', () => {
  it('runs the three tiers at once and passes when all pass', async () => {
    const { code, stdout } = await runWith({
      'test:unit': together('u'),
      check: together('c'),
      'format:check': together('f'),
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/\[check\] passed in [\d.]+ s/);
    expect(stdout).toContain('── check ──\nc out');
    expect(stdout).toMatch(/npm test: all passed in [\d.]+ s \(test:unit /);
  });

  it('fails when one tier fails, after the others finish, and names it', async () => {
    const { code, stdout } = await runWith({
      'test:unit': together('u'),
      check: together('c', '3'),
      'format:check': together('f'),
    });
    expect(code).toBe(1);
    expect(stdout).toMatch(/\[check\] FAILED \(3\)/);
    expect(stdout).toMatch(/\[format:check\] passed/);
    expect(stdout).toContain('npm test: FAILED: check in');
  });

  it('passes its arguments to Jest only, which runs spec files alone, uncovered', async () => {
    const echo = 'node -e "console.log(JSON.stringify(process.argv.slice(1)))" --';
    const { stdout } = await runWith({ 'test:unit': echo, check: echo, 'format:check': 'true' }, [
      'spec/client',
      "it's",
    ]);
    expect(stdout).toContain(
      '["spec/client","it\'s","--coverage=false","--testMatch","**/*.spec.ts"]',
    );
    expect(stdout).toContain('── check ──\n[]');
  });
});
