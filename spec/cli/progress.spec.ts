import { describe, expect, it } from '@jest/globals';
import { createReadStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { countingReader, formatBytes, formatDuration, Progress } from '../../lib/cli/progress.js';
import type { Io } from '../../lib/cli/output.js';
import { tempDir } from './helpers/run-cli.js';

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

describe('countingReader', () => {
  const io = { stderr: new PassThrough(), stderrIsTTY: true } as unknown as Io;
  const fileOf = (data: Buffer) => {
    const path = join(tempDir(), 'data.bin');
    writeFileSync(path, data);
    return path;
  };

  it('passes the bytes through and counts them', async () => {
    const data = Buffer.alloc(3000, 7);
    const progress = new Progress(io, 'up', data.length);
    progress.attempt();
    const chunks: Buffer[] = [];
    for await (const chunk of countingReader(createReadStream(fileOf(data)), progress))
      chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    expect(progress.line(Date.now(), true)).toContain('[########################]  100%');
  });

  it('closes the source file when the reader is destroyed, as a retried upload does', async () => {
    const source = createReadStream(fileOf(Buffer.alloc(10)));
    const reader = countingReader(source, new Progress(io, 'up'));
    reader.destroy();
    await once(reader, 'close');
    expect(source.destroyed).toBe(true);
  });

  it('fails with the error of its source', async () => {
    const reader = countingReader(
      createReadStream(join(tempDir(), 'missing.bin')),
      new Progress(io, 'up'),
    );
    const [err] = await once(reader, 'error');
    expect((err as NodeJS.ErrnoException).code).toBe('ENOENT');
  });
});
