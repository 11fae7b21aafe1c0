import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { TaskclusterFailure } from '../../lib/errors.js';
import { checkTarget, writeAtomically } from '../../lib/objects/temp-file.js';
import { rejectionOf } from '../helpers/answers.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcdyn-temp-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const write = (writer: Writable, text: string) =>
  new Promise<void>((resolve, reject) =>
    writer.end(text, (err?: Error | null) => {
      if (err) reject(err);
      else resolve();
    }),
  );

describe('writeAtomically', () => {
  it("moves the last attempt's file to the target when the body resolves", async () => {
    const target = join(dir, 'out');
    const result = await writeAtomically(target, async (writerFactory) => {
      const first = await writerFactory();
      first.write('a long first attempt that breaks off');
      const second = await writerFactory();
      await write(second, 'short');
      return 'done';
    });
    expect(result).toBe('done');
    expect(await readFile(target, 'utf8')).toBe('short');
    expect(await readdir(dir)).toEqual(['out']);
  });

  it('removes the temporary file and keeps the target when the body fails', async () => {
    const target = join(dir, 'out');
    await writeFile(target, 'old');
    const error = await rejectionOf(
      writeAtomically(target, async (writerFactory) => {
        await write(await writerFactory(), 'new but unverified');
        throw new Error('verification failed');
      }),
      TaskclusterFailure,
    );
    expect(error.message).toMatch(/verification failed/);
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['out']);
  });
});

describe('checkTarget', () => {
  it.each([
    ['a file in a missing directory', 'missing/out', /directory of .* does not exist/],
    ['a directory', '.', /is a directory/],
  ])('refuses %s', async (_what, file, message) => {
    await expect(checkTarget('downloadToFile', join(dir, file))).rejects.toThrow(message);
  });

  it('resolves a fresh path to an absolute one', async () => {
    expect(await checkTarget('downloadToFile', join(dir, 'new'))).toBe(join(dir, 'new'));
  });
});
