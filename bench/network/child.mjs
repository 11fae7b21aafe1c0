// One process of the network benchmark: node child.mjs <driver> <package dir> <rootUrl> <scenario>
// Prints one JSON line. Drivers: ours (the package as it ships, pkg/, or dist/ in a checkout from
// before pkg/), undici (raw request() on its global dispatcher), official (taskcluster-client),
// empty (imports nothing; its call does nothing).
// Scenarios:
//   sequential  five calls one after the other: each call's ms
//   burst       100 calls, 16 in flight: total ms
//   exit        one call, then nothing: the wall-clock time its answer arrived (the parent
//               measures when the process has exited)
//   cpu N       N calls to warm up, then the client CPU and wall µs per call over N more
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [driver, pkg, rootUrl, scenario, count] = process.argv.slice(2);

async function open() {
  if (driver === 'ours') {
    const shipped = join(pkg, 'pkg', 'index.js');
    const entry = existsSync(shipped) ? shipped : join(pkg, 'dist', 'index.js');
    const { createClient } = await import(pathToFileURL(entry).href);
    const queue = createClient('queue', { rootUrl, references: 'bundled' });
    return () => queue.ping();
  }
  if (driver === 'undici') {
    const { request } = await import('undici');
    return async () => (await request(`${rootUrl}/api/queue/v1/ping`)).body.json();
  }
  const { default: taskcluster } = await import('taskcluster-client');
  const queue = new taskcluster.Queue({ rootUrl });
  return () => queue.ping();
}

const call = driver === 'empty' ? async () => {} : await open();
if (scenario === 'sequential') {
  const ms = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await call();
    ms.push(performance.now() - started);
  }
  console.log(JSON.stringify({ ms }));
} else if (scenario === 'burst') {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next++ < 100) await call();
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  console.log(JSON.stringify({ ms: performance.now() - started }));
} else if (scenario === 'cpu') {
  const n = Number(count);
  for (let i = 0; i < n; i++) await call();
  const [started, wallStarted] = [process.cpuUsage(), performance.now()];
  for (let i = 0; i < n; i++) await call();
  const { user, system } = process.cpuUsage(started);
  const wallUs = ((performance.now() - wallStarted) * 1000) / n;
  console.log(JSON.stringify({ cpuUs: (user + system) / n, wallUs }));
} else {
  await call();
  console.log(JSON.stringify({ answeredAt: Date.now() }));
}
