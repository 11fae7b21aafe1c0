// npm run bench:network: connections, round trips and exit lag (connections.mjs), then the
// references scenario (references.mjs) when present. Arguments pass through to both.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
for (const file of ['connections.mjs', 'references.mjs']) {
  const path = fileURLToPath(new URL(file, import.meta.url));
  if (!existsSync(path)) continue;
  console.log(`\n### ${file}\n`);
  execFileSync(process.execPath, [path, ...args], { stdio: 'inherit' });
}
