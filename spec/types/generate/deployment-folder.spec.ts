import { describe, it, expect, afterEach } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TaskclusterFailure } from '../../../lib/index.js';
import { readDeploymentFolder } from '../../../lib/types/generate/deployment-folder.js';

const DEMO = fileURLToPath(new URL('../fixtures/demo', import.meta.url));
let temp: string | undefined;
afterEach(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
  temp = undefined;
});

function folder(files: Record<string, unknown>): string {
  temp = mkdtempSync(join(tmpdir(), 'tcdyn-types-'));
  for (const [path, doc] of Object.entries(files)) {
    mkdirSync(dirname(join(temp, path)), { recursive: true });
    writeFileSync(join(temp, path), JSON.stringify(doc));
  }
  return temp;
}

describe('readDeploymentFolder', () => {
  it('reads the references listed in the manifest and every schema by its path', () => {
    const { references, schema, schemaCount } = readDeploymentFolder(DEMO);
    expect(
      references.map((r) => r.serviceName + (r.$schema.includes('exchanges') ? ' events' : '')),
    ).toEqual(['demo', 'demo events']);
    expect(schemaCount).toBe(6);
    expect(schema('/schemas/demo/v1/widget.json')).toMatchObject({ title: 'Widget' });
    expect(schema('/schemas/demo/v1/nope.json')).toBeUndefined();
  });

  it('accepts the references folder itself, with schemas beside it', () => {
    expect(readDeploymentFolder(join(DEMO, 'references')).schemaCount).toBe(6);
  });

  it('finds a schema under its $id when the file lies elsewhere', () => {
    const dir = folder({
      'references/manifest.json': { references: [] },
      'schemas/moved/here.json': {
        $id: 'https://tc.example.com/schemas/svc/v1/thing.json#',
        type: 'string',
      },
    });
    expect(readDeploymentFolder(dir).schema('/schemas/svc/v1/thing.json')).toEqual({
      $id: 'https://tc.example.com/schemas/svc/v1/thing.json#',
      type: 'string',
    });
  });

  it.each([
    [
      'no references',
      { 'schemas/a.json': {} },
      /has no references\/manifest\.json: expected a folder as written by `tcdyn refs pull`/,
    ],
    ['no schemas', { 'references/manifest.json': { references: [] } }, /has no schemas\/ folder/],
  ])('fails clearly for a folder with %s', (_, files, message) => {
    const dir = folder(files);
    expect(() => readDeploymentFolder(dir)).toThrow(TaskclusterFailure);
    expect(() => readDeploymentFolder(dir)).toThrow(message);
  });

  it('names a schema file that is not JSON', () => {
    const dir = folder({ 'references/manifest.json': { references: [] } });
    mkdirSync(join(dir, 'schemas'));
    writeFileSync(join(dir, 'schemas', 'broken.json'), '{');
    expect(() => readDeploymentFolder(dir)).toThrow(
      `cannot read schema ${join(dir, 'schemas', 'broken.json')}`,
    );
  });
});
