// The README's "Set up" commands: what each npm script runs (npm start itself runs in spec/demo.spec.ts;
// npm ci and npm test install and run this suite, so a spec can only check what they are wired to).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../cli/helpers/run-cli.js';

const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

describe('README: Set up', () => {
  it('builds the bundled reference snapshot and compiles lib/ to dist/ on install', () => {
    expect(scripts['prepare']?.split(' && ').slice(0, 3)).toEqual([
      'node references/build-bundle.mjs',
      'node references/build-types.mjs',
      'tsc -p tsconfig.build.json',
    ]);
  });

  it('starts the sandbox demo with npm start', () => {
    expect(scripts['start']).toBe('node dist/demo.js');
  });

  it('runs the suite, the type check, lint and the format check with npm test', () => {
    // scripts/test.mjs runs these four scripts at once (spec/scripts/test-runner.spec.ts).
    expect(scripts['test']).toBe('node scripts/test.mjs');
    const runner = readFileSync(join(ROOT, 'scripts/test.mjs'), 'utf8');
    for (const tier of ['test:unit', 'check', 'format:check'])
      expect(runner).toContain(`tier('${tier}'`);
    // `check` is the type check and lint over one program; each still runs alone.
    expect(scripts['check']).toBe('node scripts/check.mjs');
    expect(scripts['typecheck']).toBe('tsc --noEmit');
    expect(scripts['lint']).toMatch(/^eslint --cache /);
    expect(scripts['format:check']).toBe('biome format .');
    expect(scripts['test:unit']).toMatch(/^node .*node_modules\/jest\/bin\/jest\.js --coverage$/);
  });
});
