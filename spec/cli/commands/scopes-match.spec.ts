import { describe, expect, it } from '@jest/globals';
import { runTcdyn } from '../helpers/run-tcdyn.js';

describe('scopesMatchCommand', () => {
  it.each([
    [['--scope', 'queue:*', '--require', 'queue:create-task:low/w,queue:scheduler-id:-'], 'true'],
    [['--scope', 'queue:a', '--require', 'queue:a,queue:b'], 'false'],
    [['--scope', 'queue:a', '--require', 'queue:a,queue:b', '--require', 'queue:a'], 'true'],
    [['--scope', 'a*b', '--require', 'a*bc'], 'false'],
    [['--scope', 'x'], 'false'],
    [['["assume:repo:*"]', '[["assume:repo:a"], ["admin"]]'], 'true'],
    [['[]', '[[]]'], 'true'],
    [['["a,b"]', '[["a,b"]]'], 'true'],
  ])('prints the verdict for %j', async (args, verdict) => {
    const { code, stdout } = await runTcdyn(['scopes-match', ...args]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${verdict}\n`);
  });

  it.each([
    [['["a"]'], 'expected --scope'],
    [['["a"]', 'nope'], 'the required scope sets must be JSON'],
    [['["a"]', '["a"]'], 'array'],
    [['--scope', 'a', '["a"]'], 'give either --scope/--require or two JSON arguments'],
  ])('exits 2 for %j', async (args, message) => {
    const { code, stdout, stderr } = await runTcdyn(['scopes-match', ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });
});
