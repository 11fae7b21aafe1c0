// scripts/check.mjs (`npm run check`): the type check and lint over one program. Run for real on
// a small project of two files, one with a type error and one with a floating promise: both are
// reported and the run fails. The repository's own files passing it is `npm test` itself.
// @slow: TypeScript and ESLint in a child process.
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../cli/helpers/run-cli.js';

// Inside the repository, so that the project's config finds typescript-eslint as ours does.
const folder = mkdtempSync(join(ROOT, 'node_modules', '.check-spec-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

const FILES = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: 'ES2022',
      module: 'NodeNext',
      // Only the two files: no @types package, and the standard library taken as it is.
      types: [],
      skipLibCheck: true,
    },
    include: ['*.ts'],
  }),
  'package.json': JSON.stringify({ type: 'module' }),
  'eslint.config.js': `import tseslint from 'typescript-eslint';
export default tseslint.config({
  files: ['**/*.ts'],
  extends: [tseslint.configs.base],
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  rules: { '@typescript-eslint/no-floating-promises': 'error' },
});
`,
  'typed.ts': 'export const count: number = "three";\n',
  'floating.ts': 'export async function later(): Promise<void> {}\nlater();\n',
};

describe('scripts/check.mjs', () => {
  it('reports the type error and the lint error of one program, and fails', async () => {
    for (const [name, text] of Object.entries(FILES)) writeFileSync(join(folder, name), text);
    const { code, stdout } = await new Promise<{ code: unknown; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        [join(ROOT, 'scripts/check.mjs')],
        { cwd: folder, env: { ...process.env, FORCE_COLOR: '0' } },
        (error, out) => {
          resolve({ code: error?.code ?? 0, stdout: out });
        },
      );
    });
    expect(code).toBe(1);
    expect(stdout).toMatch(/typed\.ts.*TS2322/);
    expect(stdout).toMatch(/floating\.ts[\s\S]*@typescript-eslint\/no-floating-promises/);
    expect(stdout).toContain('type check: FAILED (2 files); lint: FAILED (');
  }, 60_000);
});
