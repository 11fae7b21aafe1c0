#!/usr/bin/env node
// Builds the bundled reference snapshot (references/bundled/) from the references that the
// official taskcluster-client package ships. Runs at install (`prepare`); the output is never committed.
import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'bundled');

const clientName = (reference) =>
  reference.$schema.includes('exchanges-reference')
    ? `${reference.serviceName}-events`
    : reference.serviceName;

const documentPath = (reference) =>
  `${reference.serviceName}/${reference.apiVersion ?? 'v1'}/${
    reference.$schema.includes('exchanges-reference') ? 'exchanges' : 'api'
  }.json`;

async function main() {
  let apis;
  try {
    ({ default: apis } = await import('taskcluster-client/src/apis.js'));
  } catch (err) {
    if (existsSync(join(out, 'index.json'))) return; // installed from a package that ships the snapshot
    throw err;
  }
  rmSync(out, { recursive: true, force: true });
  const index = {};
  const manifest = { references: [] };
  for (const { reference } of Object.values(apis)) {
    const path = documentPath(reference);
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), JSON.stringify(reference));
    index[clientName(reference)] = path;
    manifest.references.push(`/references/${path}`);
  }
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(out, 'index.json'), JSON.stringify(index, null, 2));
  console.log(`bundled ${Object.keys(index).length} references into ${out}`);
}

await main();
