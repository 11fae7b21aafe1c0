// npm run bench:network: connections, round trips and exit lag through a delaying TLS proxy
// (connections.mjs), exit lag beside an empty process and the parser's CPU per call
// (exit-lag.mjs), then the references scenario (references.mjs). Arguments pass through to all.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
for (const file of ['connections.mjs', 'exit-lag.mjs', 'references.mjs']) {
  const path = fileURLToPath(new URL(file, import.meta.url));
  if (!existsSync(path)) continue;
  console.log(`\n### ${file}\n`);
  execFileSync(process.execPath, [path, ...args], { stdio: 'inherit' });
}
