import { describe, expect, it } from '@jest/globals';
import { runTcdyn } from '../helpers/run-tcdyn.js';

const NICE =
  /^[A-Za-f][A-Za-z0-9_-]{7}[Q-T][A-Za-z0-9_-][CGKOSWaeimquy26-][A-Za-z0-9_-]{10}[AQgw]$/;

describe('slugidCommand', () => {
  it('prints one nice slug', async () => {
    const { code, stdout } = await runTcdyn(['slugid']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\S{22}\n$/);
    expect(stdout.trim()).toMatch(NICE);
  });

  it('prints -n distinct nice slugs', async () => {
    const { stdout } = await runTcdyn(['slugid', '-n', '50']);
    const slugs = stdout.trim().split('\n');
    expect(slugs).toHaveLength(50);
    expect(new Set(slugs).size).toBe(50);
    for (const slug of slugs) expect(slug).toMatch(NICE);
  });

  it('gives a repeated --stable name the same slug, in the order given', async () => {
    const { code, stdout } = await runTcdyn(['slugid', '--stable', 'build', 'test', 'build']);
    expect(code).toBe(0);
    const [build, test, again] = stdout.trim().split('\n');
    expect(again).toBe(build);
    expect(test).not.toBe(build);
    expect(test).toMatch(NICE);
  });

  it.each([
    [['-n', '0'], '-n must be a whole number from 1 to 10000'],
    [['-n', 'x'], '-n must be a whole number'],
    [['build'], 'slugid takes names only after --stable'],
    [['-n', '2', '--stable', 'a'], 'give either -n or --stable'],
    [['--stable'], '--stable needs at least one name'],
  ])('exits 2 for %j', async (args, message) => {
    const { code, stdout, stderr } = await runTcdyn(['slugid', ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });
});
