import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { HawkServer } from '../../helpers/hawk-server.js';
import { startCliServer } from '../helpers/cli-server.js';
import { runTcdyn } from '../helpers/run-tcdyn.js';

let server: HawkServer;
beforeEach(async () => {
  ({ server } = await startCliServer({ deployment: true }));
});
afterEach(() => server.close());

describe('helpCommand', () => {
  it("lists a service's methods with their signatures and titles", async () => {
    const { code, stdout } = await runTcdyn(['help', 'queue']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^queue — Queue Service \(api, v1\)/);
    expect(stdout).toMatch(/^ {2}queue\.createTask\(taskId, payload\) +Create New Task$/m);
    expect(stdout).toMatch(/^ {2}queue\.listTaskGroup\(taskGroupId, \[query\]\) +/m);
  });

  it('documents a method: route, stability, query, schema ids and scopes', async () => {
    const { code, stdout } = await runTcdyn(['help', 'Queue', 'createTask']);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'queue.createTask(taskId, payload) — Create New Task\n  PUT /api/queue/v1/task/<taskId>\n  stability: stable\n',
    );
    expect(stdout).toContain(
      '  input:     /schemas/queue/v1/create-task-request.json#\n  output:    /schemas/queue/v1/task-status-response.json#\n',
    );
    expect(stdout).toContain('    all of:\n      for each scope in scopes: <scope>\n');
    expect(stdout).toContain('idempotent');
  });

  it('documents an exchange with its routing key', async () => {
    const { code, stdout } = await runTcdyn(['help', 'queue-events', 'taskCompleted']);
    expect(code).toBe(0);
    expect(stdout).toContain('  exchange: exchange/taskcluster-queue/v1/task-completed\n');
    expect(stdout).toContain('  message:  /schemas/queue/v1/task-completed-message.json#\n');
    expect(stdout).toMatch(/^ {4}routingKeyKind +constant "primary"/m);
    expect(stdout).toMatch(/^ {4}reserved +optional, multiple words/m);
  });

  it("looks up a service the bundle lacks in the deployment's references", async () => {
    const { code, stdout } = await runTcdyn([
      'help',
      'widgets',
      'createWidget',
      '--root-url',
      server.rootUrl,
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('widgets.createWidget(widgetId, payload) — Create a Widget');
    expect(stdout).toContain(
      '    all of:\n      widgets:create:<widgetId>\n      any of:\n        widgets:admin\n        for each part in parts: widgets:part:<part>\n',
    );
    expect(stdout).toContain(
      '  query:     (none)\n  input:     /schemas/widgets/v1/widget-request.json#',
    );
  });

  it('exits 2 for an unknown method, suggesting the nearest name', async () => {
    const { code, stdout, stderr } = await runTcdyn(['help', 'queue', 'creatTask']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown method queue.creatTask. Did you mean createTask?');
  });

  it('exits 2 for a service in neither the bundle nor a deployment', async () => {
    const { code, stderr } = await runTcdyn(['help', 'nosuch']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown service nosuch');
  });

  it('exits 2 for a service the deployment does not have', async () => {
    const { code, stderr } = await runTcdyn(['help', 'nosuch', '--root-url', server.rootUrl]);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown Taskcluster service nosuch');
  });
});
