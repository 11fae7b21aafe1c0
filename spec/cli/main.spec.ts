// Smoke tests of the binary itself, in child processes: everything else runs in-process (run.spec).
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { BIN, cleanEnv, ensureBuilt, runCli } from './helpers/run-cli.js';

const SCRIPT = '/usr/bin/script';

beforeAll(ensureBuilt, 300_000);

describe('main', () => {
  it('prints the help and exits 0 as a process', async () => {
    const { code, stdout, stderr } = await runCli(['--help']);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toContain('Usage: tcdyn <command>');
  });

  it('exits 2 as a process on an unknown command', async () => {
    const { code, stderr } = await runCli(['servics']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown command "servics"');
  });

  (existsSync(SCRIPT) ? it : it.skip)(
    'detects a real terminal (a pseudo-terminal from script) and indents JSON there',
    async () => {
      const { stdout } = await promisify(execFile)(
        SCRIPT,
        ['-qec', `"${process.execPath}" "${BIN}" services --json`, '/dev/null'],
        { env: cleanEnv() },
      );
      expect(stdout.replace(/\r\n/g, '\n')).toMatch(/^\[\n {2}\{\n {4}"name": "auth",/);
    },
  );

  it('builds a binary that starts with a node shebang', () => {
    expect(readFileSync(BIN, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });
});
