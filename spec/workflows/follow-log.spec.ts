import { afterEach, describe, expect, it } from '@jest/globals';
import { followLog, TaskclusterFailure } from '../../lib/index.js';
import { rejectionOf, stringAt } from '../helpers/answers.js';
import { startDeployment, type Deployment } from './helpers.js';

let d: Deployment;
afterEach(() => d.sandbox.close());

const collect = async (chunks: AsyncIterable<Uint8Array>) => {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return parts;
};

describe('followLog', () => {
  it('yields the live log from before the task starts until it resolves', async () => {
    // Long enough that the reader is attached before the end even on a loaded machine.
    d = await startDeployment({ runTime: 1500 });
    const taskId = await d.task({ command: 'make check', log: ['checking...'] });
    const parts = await collect(followLog(d.queue, taskId, { pollInterval: 2 }));
    const text = Buffer.concat(parts).toString();
    expect(text).toContain('$ make check\nchecking...\n');
    expect(text).toMatch(/exit code 0\n$/);
    // The end came as its own chunk, written while the client was reading.
    expect(parts.length).toBeGreaterThan(1);
    await expect(d.queue.status(taskId)).resolves.toMatchObject({ status: { state: 'completed' } });
    const url = stringAt(await d.queue.artifact(taskId, 0, 'public/logs/live_backing.log'), 'url');
    expect(await (await fetch(url)).text()).toBe(text);
  });

  it('reads the whole log of a task that has already resolved', async () => {
    d = await startDeployment({ runTime: 1 });
    const taskId = await d.task({ command: 'false', exitCode: 1 });
    await collect(followLog(d.queue, taskId, { pollInterval: 2 }));
    const text = Buffer.concat(await collect(followLog(d.queue, taskId))).toString();
    expect(text).toMatch(/\$ false\n.*exit code 1\n$/s);
  });

  it('stops with Aborted when the signal aborts mid-stream', async () => {
    d = await startDeployment({ runTime: 5000 });
    const taskId = await d.task({ command: 'sleep' });
    const controller = new AbortController();
    const parts: Buffer[] = [];
    const err = await rejectionOf(
      (async () => {
        for await (const chunk of followLog(d.queue, taskId, {
          signal: controller.signal,
          pollInterval: 2,
        })) {
          parts.push(Buffer.from(chunk));
          controller.abort();
        }
      })(),
      TaskclusterFailure,
    );
    expect(err.code).toBe('Aborted');
    expect(Buffer.concat(parts).toString()).toContain('$ sleep');
  });

  it('refuses a bad runId before sending anything', async () => {
    d = await startDeployment();
    const err = await rejectionOf(
      collect(followLog(d.queue, 'abc', { runId: 1.5 })),
      TaskclusterFailure,
    );
    expect(err.message).toContain('runId must be a whole number');
    expect(d.sandbox.requests).toHaveLength(0);
  });
});
