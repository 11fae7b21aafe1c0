import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { BIN, cleanEnv, ensureBuilt, ROOT, runCli } from './helpers/run-cli.js';

const SCRIPT = '/usr/bin/script';

const COMMANDS = [
  'services',
  'help',
  'call',
  'url',
  'signed-url',
  'pattern',
  'slugid',
  'from-now',
  'temp-creds',
  'scopes-match',
  'upload',
  'download',
  'artifact',
  'repl',
  'refs',
  'types',
];

beforeAll(ensureBuilt);

describe('main', () => {
  it('lists every command, the common options and the exit statuses under --help', async () => {
    const { code, stdout, stderr } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const name of COMMANDS) expect(stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    expect(stdout).toContain('--root-url URL');
    expect(stdout).toContain('--references DIR');
    expect(stdout).toContain('2 usage error');
  });

  it.each(COMMANDS)('documents its usage, options and examples under "%s --help"', async (name) => {
    const { code, stdout } = await runCli([name, '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: tcdyn ${name} `));
    expect(stdout).toContain('Common options:');
    expect(stdout.slice(stdout.indexOf('Examples:'))).toContain(`tcdyn ${name}`);
  });

  it('prints the command list for "help" without a service', async () => {
    const { code, stdout } = await runCli(['help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: tcdyn <command>');
  });

  it('prints usage on stderr and exits 2 without a command', async () => {
    const { code, stdout, stderr } = await runCli([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: tcdyn <command>');
  });

  it('exits 2 on an unknown command, suggesting the nearest', async () => {
    const { code, stderr } = await runCli(['servics']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown command "servics". Did you mean services?');
  });

  it('exits 2 on an unknown option, naming it and the help command', async () => {
    const { code, stderr } = await runCli(['slugid', '--bogus']);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--bogus'");
    expect(stderr).toContain("Run 'tcdyn slugid --help' for usage.");
  });

  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as {
      version: string;
    };
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`tcdyn ${version}\n`);
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
