// `npm start` runs dist/demo.js: the whole client on an in-process sandbox, no network.
import { describe, it, expect, beforeAll } from '@jest/globals';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureBuilt, ROOT, cleanEnv } from './cli/helpers/run-cli.js';

beforeAll(ensureBuilt, 120_000);

describe('npm start', () => {
  it('walks through every step and exits 0', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'dist', 'demo.js')],
      { cwd: ROOT, env: cleanEnv() },
    );
    expect(stderr).toBe('');
    for (const text of [
      /1\. queue\.createTask: three tasks/,
      /: pending/,
      /metadata\.name: demo task 1/,
      /page 2: /,
      /done: 2 completed, 1 failed/,
      /\| \$ echo demo task 1\n {3}\| \[sandbox\] exit code 0\n/,
      /public\/report\.txt read back: "all 3 checks passed\\n"/,
      /read back: \{"password":"hunter2"\}/,
      /65536 bytes of text\/plain, identical: true/,
      /GET with the bewit → 200/,
      /GET without it → 403: InsufficientScopes/,
      /routingKeyPattern: primary\.[A-Za-z0-9_-]{22}\.\*\.\*\.\*\.\*\.\*\.\*\.\*\.#/,
      /TaskclusterAuthFailure 403 InsufficientScopes: queue\.cancelTask/,
      /Done: \d+ requests served/,
    ])
      expect(stdout).toMatch(text);
    expect(stdout).not.toMatch(/bewit=[^…]/);
  });
});
