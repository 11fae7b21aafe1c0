import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Io } from '../../lib/cli/output.js';
import { sinkOf } from '../../lib/cli/transfer.js';
import { tempDir } from './helpers/run-cli.js';

const io = { stderr: new PassThrough(), stderrIsTTY: false } as unknown as Io;

const write = (writer: Writable, text: string) =>
  new Promise<void>((resolve) => {
    writer.write(text, () => {
      resolve();
    });
  });

async function end(writer: Writable, text?: string): Promise<void> {
  if (text === undefined) writer.end();
  else writer.end(text);
  await finished(writer);
}

function fileTarget() {
  const dir = tempDir();
  const target = join(dir, 'out.bin');
  return { dir, target, sink: sinkOf(io, target) };
}

describe('sinkOf', () => {
  it('keeps only the last attempt, even when a failed attempt writes after the retry began', async () => {
    const { dir, target, sink } = fileTarget();
    const first = await sink.writerFactory();
    first.on('error', () => undefined);
    await write(first, 'bytes of the failed first attempt');
    const second = await sink.writerFactory();
    await write(second, 'fresh');
    await write(first, 'LATE');
    await end(second);
    await sink.commit();
    expect(readFileSync(target, 'utf8')).toBe('fresh');
    expect(readdirSync(dir)).toEqual(['out.bin']);
  });

  it('creates the target only at commit', async () => {
    const { dir, target, sink } = fileTarget();
    await end(await sink.writerFactory(), 'complete');
    expect(existsSync(target)).toBe(false);
    await sink.commit();
    expect(readFileSync(target, 'utf8')).toBe('complete');
    expect(readdirSync(dir)).toEqual(['out.bin']);
  });

  it('leaves nothing behind when aborted after a partial write', async () => {
    const { dir, sink } = fileTarget();
    const writer = await sink.writerFactory();
    writer.on('error', () => undefined);
    await write(writer, 'partial');
    writer.destroy(new Error('connection cut'));
    await sink.abort();
    expect(readdirSync(dir)).toEqual([]);
  });
});
