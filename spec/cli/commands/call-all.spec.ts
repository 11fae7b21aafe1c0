import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { slugId } from '../../../lib/index.js';
import { runTcdyn } from '../helpers/run-tcdyn.js';
import { startDeployment, type Deployment } from '../../workflows/helpers.js';

let d: Deployment;
let env: Record<string, string>;
beforeEach(async () => {
  d = await startDeployment(false);
  env = {
    TASKCLUSTER_ROOT_URL: d.sandbox.rootUrl,
    TASKCLUSTER_CLIENT_ID: d.sandbox.rootCredentials.clientId,
    TASKCLUSTER_ACCESS_TOKEN: d.sandbox.rootCredentials.accessToken,
  };
});
afterEach(() => d.sandbox.close());

describe('callCommand --all', () => {
  it('follows continuationToken and prints one JSON document per page', async () => {
    const group = slugId();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await d.task({ command: 'true' }, { taskGroupId: group }));
    const { code, stdout } = await runTcdyn(
      ['call', 'queue', 'listTaskGroup', group, '--query', 'limit=2', '--all'],
      { env },
    );
    expect(code).toBe(0);
    const pages = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { tasks: Array<{ status: { taskId: string } }> });
    expect(pages.map((p) => p.tasks.length)).toEqual([2, 2, 1]);
    expect(pages.flatMap((p) => p.tasks.map((t) => t.status.taskId))).toEqual(ids);
    const lists = d.sandbox.requests.filter((r) => r.method === 'listTaskGroup');
    expect(lists.every((r) => r.path.includes('limit=2'))).toBe(true);
  });

  it('exits 2 for a method without pages, sending nothing', async () => {
    const { code, stderr } = await runTcdyn(['call', 'queue', 'status', 'abc', '--all'], { env });
    expect(code).toBe(2);
    expect(stderr).toContain('has no pages');
    expect(d.sandbox.requests).toHaveLength(0);
  });
});
