import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { json, startHawkServer, type HawkServer } from '../../helpers/hawk-server.js';
import { bundledReference } from '../../../lib/references/bundled.js';
import type { ApiReference } from '../../../lib/references/types.js';
import { tempDir } from '../helpers/run-cli.js';
import { runTcdyn } from '../helpers/run-tcdyn.js';

let server: HawkServer;
beforeEach(async () => {
  server = await startHawkServer();
});
afterEach(() => server.close());

/** The bundled queue reference with one more method, as a deployment might add it. */
function queueWithExtra(): ApiReference {
  const queue = structuredClone(bundledReference('queue')) as ApiReference;
  const ping = queue.entries.find((e) => e.name === 'ping');
  queue.entries.push({ ...ping, name: 'frobnicateTask', route: '/frobnicate' } as never);
  return queue;
}

const lines = (stdout: string) => stdout.split('\n').filter(Boolean);
const hasShell = (shell: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${shell}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

describe('completionCommand', () => {
  it('prints a bash script that calls tcdyn __complete and that bash parses', async () => {
    const { code, stdout } = await runTcdyn(['completion', 'bash']);
    expect(code).toBe(0);
    expect(stdout).toContain('tcdyn __complete');
    expect(stdout).toContain('complete -o default -F _tcdyn_complete tcdyn');
    const file = join(tempDir(), 'tcdyn.bash');
    writeFileSync(file, stdout);
    // bash -n parses without running: a syntax error exits non-zero and throws here.
    expect(() => execFileSync('bash', ['-n', file], { stdio: 'pipe' })).not.toThrow();
  });

  it('hands bash the words up to the cursor and offers what __complete prints', async () => {
    const { stdout } = await runTcdyn(['completion', 'bash']);
    const argsFile = join(tempDir(), 'args');
    // A stand-in tcdyn records its arguments, so the script's word handling is what is checked.
    const probe = [
      stdout,
      `tcdyn() { printf "%s|" "$@" > '${argsFile}'; printf "createTask\\nping\\ncreateArtifact\\n"; }`,
      'COMP_WORDS=(tcdyn call queue cre); COMP_CWORD=3; _tcdyn_complete',
      'printf "%s\\n" "${COMPREPLY[@]}"',
    ].join('\n');
    const result = spawnSync('bash', ['-c', probe], { encoding: 'utf8' });
    expect(readFileSync(argsFile, 'utf8')).toBe('__complete|call|queue|cre|');
    expect(result.stdout.split('\n').filter(Boolean).sort()).toEqual([
      'createArtifact',
      'createTask',
    ]);
  });

  it.each([
    ['zsh', 'compdef _tcdyn tcdyn', ['-n']],
    ['fish', "complete -c tcdyn -f -a '(__tcdyn_complete)'", ['--no-execute']],
  ])('prints a %s script that calls tcdyn __complete', async (shell, line, check) => {
    const { code, stdout } = await runTcdyn(['completion', shell]);
    expect(code).toBe(0);
    expect(stdout).toContain('tcdyn __complete');
    expect(stdout).toContain(line);
    if (!hasShell(shell)) return; // not installed here: the text checks above still hold
    const file = join(tempDir(), `tcdyn.${shell}`);
    writeFileSync(file, stdout);
    expect(() => execFileSync(shell, [...check, file], { stdio: 'pipe' })).not.toThrow();
  });

  it.each([[['completion', 'tcsh']], [['completion']], [['completion', 'bash', 'zsh']]])(
    'exits 2 with a usage error for %j',
    async (args) => {
      const { code, stdout, stderr } = await runTcdyn(args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('bash|zsh|fish');
    },
  );

  it('is listed in --help, and __complete is not', async () => {
    const { stdout } = await runTcdyn(['--help']);
    expect(stdout).toMatch(/^ {2}completion +print a shell completion script/m);
    expect(stdout).not.toContain('__complete');
  });
});

describe('completeCommand', () => {
  it('completes command names from the registry', async () => {
    expect(lines((await runTcdyn(['__complete', 'c'])).stdout)).toEqual(['call', 'completion']);
    expect(lines((await runTcdyn(['__complete', ''])).stdout)).toContain('signed-url');
  });

  it('completes service names after call', async () => {
    const { code, stdout } = await runTcdyn(['__complete', 'call', 'que']);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['queue', 'queue-events']);
  });

  it('completes method names of the service, and only API methods for call', async () => {
    const { stdout } = await runTcdyn(['__complete', 'call', 'queue', 'cre']);
    expect(lines(stdout)).toEqual(['createArtifact', 'createTask']);
    const exchanges = await runTcdyn(['__complete', 'pattern', 'queue-events', 'taskC']);
    expect(lines(exchanges.stdout)).toEqual(['taskCompleted']);
  });

  it('completes a method that only the given references folder has', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'queue', 'v1'), { recursive: true });
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({ references: ['/references/queue/v1/api.json'] }),
    );
    writeFileSync(join(dir, 'queue', 'v1', 'api.json'), JSON.stringify(queueWithExtra()));
    const { stdout } = await runTcdyn(['__complete', 'call', '--references', dir, 'queue', 'fro']);
    expect(lines(stdout)).toEqual(['frobnicateTask']);
    const bundled = await runTcdyn(['__complete', 'call', 'queue', 'fro']);
    expect(bundled.stdout).toBe('');
  });

  it('completes a method the deployment added, when a root URL is known', async () => {
    server.script((req, res) =>
      json(req.url === '/references/queue/v1/api.json' ? 200 : 404, queueWithExtra())(req, res),
    );
    const { stdout } = await runTcdyn(['__complete', 'call', 'queue', 'fro'], {
      env: { TASKCLUSTER_ROOT_URL: server.rootUrl },
    });
    expect(lines(stdout)).toEqual(['frobnicateTask']);
    expect(server.requests.map((r) => r.url)).toContain('/references/queue/v1/api.json');
  });

  it('completes option names, and ignores --help among the words', async () => {
    const { code, stdout } = await runTcdyn(['__complete', 'call', '--help', '--pay']);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['--payload']);
  });

  it('prints nothing, and exits 0, for a service that exists nowhere', async () => {
    const { code, stdout, stderr } = await runTcdyn(['__complete', 'call', 'nosuch', '']);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe('');
  });
});
