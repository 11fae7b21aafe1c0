// The README's shell completion lines and REPL answers, run as written.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { runTcdyn } from '../cli/helpers/run-tcdyn.js';
import { stringAt } from '../helpers/answers.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = README.slice(README.indexOf('### Shell completion'));
const block = section.slice(section.indexOf('```sh'), section.indexOf('```\n', 6));

describe('README: tcdyn, Shell completion', () => {
  it('installs a script for each shell it names', async () => {
    const shells = [...block.matchAll(/tcdyn completion (\w+)/g)].map((m) => m[1] ?? '');
    expect(shells).toEqual(['bash', 'zsh', 'fish']);
    for (const shell of shells) {
      const { code, stdout } = await runTcdyn(['completion', shell]);
      expect(code).toBe(0);
      expect(stdout).toContain('tcdyn __complete');
    }
  });

  it('answers a misspelt method in the REPL as the README shows', async () => {
    const { stdout } = await runTcdyn(['repl'], { input: 'queue.tsk\n' });
    const shown = /`(UnknownMethod: unknown method queue\.tsk\. Did you mean\s+task)\?`/.exec(
      README,
    );
    expect(shown).not.toBeNull();
    expect(stdout).toContain(stringAt(shown, 1).replace(/\s+/g, ' '));
  });
});
