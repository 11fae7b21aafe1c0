// What every child process shares: its arguments, the credentials, the ids and the ~1 KB task payload.
export const DRIVERS = ['floor', 'official', 'ours'];

/** The driver name and server port a child was started with. */
export function childArgs() {
  const [driver, port] = process.argv.slice(2);
  if (!DRIVERS.includes(driver) || !port) throw new Error(`usage: <${DRIVERS.join('|')}> <port>`);
  return {
    driver,
    options: {
      rootUrl: `http://127.0.0.1:${port}`,
      credentials: { clientId: 'bench/client', accessToken: 'a'.repeat(44) },
    },
  };
}

export const loadDriver = (driver) => import(`./drivers/${driver}.mjs`);

export const TASK_IDS = Array.from(
  { length: 16 },
  (_, i) => `fN1SbArXTPSVFNUvaOli${String(i).padStart(2, '0')}`,
);

/** A createTask payload of about 1 KB. */
export const PAYLOAD = {
  provisionerId: 'proj-bench',
  workerType: 'ci',
  taskQueueId: 'proj-bench/ci',
  schedulerId: '-',
  projectId: 'none',
  created: '2025-01-01T00:00:00.000Z',
  deadline: '2025-01-02T00:00:00.000Z',
  expires: '2026-01-01T00:00:00.000Z',
  priority: 'lowest',
  retries: 5,
  routes: ['index.project.bench.latest'],
  scopes: ['queue:route:index.project.bench.*'],
  payload: {
    image: 'ubuntu:24.04',
    maxRunTime: 600,
    command: ['/bin/bash', '-c', 'echo hello; '.repeat(30)],
    env: { LANG: 'C.UTF-8' },
  },
  metadata: {
    name: 'bench task',
    description: 'a task of about one kilobyte',
    owner: 'bench@example.com',
    source: 'https://example.com/bench',
  },
  tags: { kind: 'bench' },
  extra: {},
};

/** Print a child's result for the parent. */
export const report = (result) => process.stdout.write(`${JSON.stringify(result)}\n`);
