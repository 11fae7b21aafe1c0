// The stand-in queue: a keep-alive node:http server in its own process that answers like the
// queue. It only checks that an Authorization header is present, so no driver pays for verification.
import { createServer } from 'node:http';

const TASK = Buffer.from(
  JSON.stringify({
    provisionerId: 'proj-bench',
    workerType: 'ci',
    schedulerId: '-',
    projectId: 'none',
    taskGroupId: 'fN1SbArXTPSVFNUvaOlinQ',
    dependencies: [],
    requires: 'all-completed',
    routes: [],
    priority: 'lowest',
    retries: 5,
    created: '2025-01-01T00:00:00.000Z',
    deadline: '2025-01-02T00:00:00.000Z',
    expires: '2026-01-01T00:00:00.000Z',
    scopes: [],
    payload: { command: ['echo', 'hello'], maxRunTime: 600 },
    metadata: {
      name: 'bench',
      description: 'a task',
      owner: 'bench@example.com',
      source: 'https://example.com/bench',
    },
    tags: {},
    extra: {},
  }),
);
const statusOf = (taskId) =>
  Buffer.from(
    JSON.stringify({
      status: {
        taskId,
        provisionerId: 'proj-bench',
        workerType: 'ci',
        taskQueueId: 'proj-bench/ci',
        schedulerId: '-',
        projectId: 'none',
        taskGroupId: 'fN1SbArXTPSVFNUvaOlinQ',
        deadline: '2025-01-02T00:00:00.000Z',
        expires: '2026-01-01T00:00:00.000Z',
        retriesLeft: 5,
        state: 'pending',
        runs: [
          {
            runId: 0,
            state: 'pending',
            reasonCreated: 'scheduled',
            scheduled: '2025-01-01T00:00:00.000Z',
          },
        ],
      },
    }),
  );
const ROUTE = /^\/api\/queue\/v1\/task\/([^/?]+)$/;

function answer(res, status, body) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': body.length,
  });
  res.end(body);
}

const server = createServer({ keepAliveTimeout: 600_000 }, (req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const match = ROUTE.exec(req.url);
    if (!req.headers.authorization)
      return answer(res, 401, Buffer.from('{"code":"AuthenticationFailed","message":"no header"}'));
    if (match && req.method === 'GET') return answer(res, 200, TASK);
    if (match && req.method === 'PUT') return answer(res, 200, statusOf(match[1]));
    answer(res, 404, Buffer.from('{"code":"ResourceNotFound","message":"no such route"}'));
  });
});
server.headersTimeout = 0;
server.requestTimeout = 0;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('disconnect', () => process.exit(0));
