import { describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { formatBytes, formatDuration, Progress } from '../../lib/cli/progress.js';
import type { Io } from '../../lib/cli/output.js';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [10 * 1024 ** 2, '10.0 MiB'],
    [3 * 1024 ** 4, '3.0 TiB'],
  ])('shows %d bytes as %s', (n, shown) => {
    expect(formatBytes(n)).toBe(shown);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [0.4, '0s'],
    [59.6, '1m00s'],
    [65, '1m05s'],
    [3600, '60m00s'],
    [-3, '0s'],
  ])('shows %d seconds as %s', (s, shown) => {
    expect(formatDuration(s)).toBe(shown);
  });
});

describe('Progress', () => {
  const io = (tty: boolean) => ({ stderr: new PassThrough(), stderrIsTTY: tty }) as unknown as Io;

  it('draws a bar with percentage, bytes, rate and ETA when the total is known', () => {
    const progress = new Progress(io(true), 'up', 1000);
    progress.attempt();
    progress.add(100);
    expect(progress.line(Date.now() + 1000)).toMatch(
      /^up {2}\[##-{22}\] +10% {2}100 B \/ 1000 B {2}\d+ B\/s {2}ETA \d+s$/,
    );
  });

  it('shows only bytes and rate when the total is unknown', () => {
    const progress = new Progress(io(true), 'down');
    progress.attempt();
    progress.add(2048);
    expect(progress.line(Date.now() + 1000)).toMatch(/^down {2}2\.0 KiB {2}[\d.]+ \w+\/s$/);
  });

  it('leaves out the ETA on the final line', () => {
    const progress = new Progress(io(true), 'up', 10);
    progress.attempt();
    progress.add(10);
    expect(progress.line(Date.now(), true)).not.toContain('ETA');
  });
});

describe('Progress.listener', () => {
  const stderrOf = () => {
    const stderr = new PassThrough();
    let text = '';
    stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    return { io: { stderr, stderrIsTTY: false } as unknown as Io, text: () => text };
  };

  it('counts what onProgress reports and learns the size from the first report', () => {
    const { io, text } = stderrOf();
    const progress = new Progress(io, 'down');
    const onProgress = progress.listener();
    onProgress(1000, 3000, 1);
    onProgress(3000, 3000, 1);
    expect(progress.line(Date.now(), true)).toContain('[########################]  100%');
    expect(text()).toBe('down: started (2.9 KiB)\n');
  });

  it('starts the count again when a retried attempt reports', () => {
    const { io, text } = stderrOf();
    const progress = new Progress(io, 'up', 100);
    const onProgress = progress.listener();
    onProgress(60, 100, 1);
    onProgress(10, 100, 2);
    expect(progress.line(Date.now())).toContain('10 B / 100 B');
    expect(text()).toContain('up: retrying (attempt 2)');
  });
});
