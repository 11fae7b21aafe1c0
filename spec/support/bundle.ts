// esbuild over the built package as users bundle it: `taskcluster-dynamic` resolves through a
// node_modules link to this repository, so package.json's `exports` (with its `browser`
// condition) chooses the built entry in pkg/.
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';
import { ROOT } from '../cli/helpers/run-cli.js';

/** A temporary folder whose node_modules/taskcluster-dynamic is this repository. */
export function linkedProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tcdyn-bundle-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'taskcluster-dynamic'), 'dir');
  return dir;
}

/** Bundle `entry` (a file in `project`) into one file; esbuild's errors fail the build. */
export async function bundle(
  project: string,
  entry: string,
  options: BuildOptions,
): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [join(project, entry)],
    absWorkingDir: project,
    nodePaths: [join(project, 'node_modules'), join(ROOT, 'node_modules')],
    bundle: true,
    write: false,
    logLevel: 'silent',
    ...options,
  });
  const [file] = result.outputFiles ?? [];
  if (!file) throw new Error(`esbuild wrote nothing for ${entry}`);
  return file.contents;
}

/** Size of `bytes` gzipped at the highest level, as servers typically send it. */
export const gzipSize = (bytes: Uint8Array): number => gzipSync(bytes, { level: 9 }).length;
