import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from './helpers/run-cli.js';
import { runTcdyn } from './helpers/run-tcdyn.js';

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
  'task',
  'group',
  'repl',
  'refs',
  'types',
];

describe('run', () => {
  it('lists every command, the common options and the exit statuses under --help', async () => {
    const { code, stdout, stderr } = await runTcdyn(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const name of COMMANDS) expect(stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    expect(stdout).toContain('--root-url URL');
    expect(stdout).toContain('--references DIR');
    expect(stdout).toContain('2 usage error');
  });

  it.each(COMMANDS)('documents its usage, options and examples under "%s --help"', async (name) => {
    const { code, stdout } = await runTcdyn([name, '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: tcdyn ${name} `));
    expect(stdout).toContain('Common options:');
    expect(stdout.slice(stdout.indexOf('Examples:'))).toContain(`tcdyn ${name}`);
  });

  it('prints the command list for "help" without a service', async () => {
    const { code, stdout } = await runTcdyn(['help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: tcdyn <command>');
  });

  it('prints usage on stderr and exits 2 without a command', async () => {
    const { code, stdout, stderr } = await runTcdyn([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: tcdyn <command>');
  });

  it('exits 2 on an unknown command, suggesting the nearest', async () => {
    const { code, stderr } = await runTcdyn(['servics']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown command "servics". Did you mean services?');
  });

  it('exits 2 on an unknown option, naming it and the help command', async () => {
    const { code, stderr } = await runTcdyn(['slugid', '--bogus']);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--bogus'");
    expect(stderr).toContain("Run 'tcdyn slugid --help' for usage.");
  });

  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as {
      version: string;
    };
    const { code, stdout } = await runTcdyn(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`tcdyn ${version}\n`);
  });

  it('reads relative paths against the folder it is given, not the process', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'task.json'), '{}');
    const args = ['call', 'queue', 'createTask', 'abc', '--payload', 'task.json'];
    const there = await runTcdyn(args, { cwd });
    const here = await runTcdyn(args);
    // The file is read in `cwd`: the call gets as far as wanting a root URL.
    expect(there.stderr).toContain('no root URL');
    expect(here.stderr).toContain('cannot read the payload file task.json');
  });
});
