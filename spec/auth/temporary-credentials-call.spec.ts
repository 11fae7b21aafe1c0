import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { startHawkServer, json, type HawkServer } from '../helpers/hawk-server.js';
import {
  createTemporaryCredentials,
  type TemporaryCredentials,
} from '../../lib/auth/temporary-credentials.js';
import { createClient } from '../../lib/client/create-client.js';
import { TaskclusterAuthFailure } from '../../lib/errors.js';
import { nth } from '../helpers/nth.js';
import { parseJson } from '../helpers/answers.js';

const HOUR = 60 * 60 * 1000;
const ISSUER = {
  clientId: 'project/ci',
  accessToken: 'issuer-permanent-token-abcdefghijklmnopqrstuv',
};
const CLIENTS = {
  [ISSUER.clientId]: {
    accessToken: ISSUER.accessToken,
    scopes: ['queue:get-task:*', 'queue:ping', 'auth:create-client:project/ci/*'],
  },
  'project/other': { accessToken: 'another-issuer-token-abcdefghijklmnopqrstuv', scopes: ['*'] },
};
const TASK = { taskId: 'fN1SbArXTPSVFNUvaOlinQ', metadata: { name: 'build' } };

let server: HawkServer;
beforeEach(async () => {
  server = await startHawkServer({ clients: CLIENTS });
  server.script(json(200, TASK));
});
afterEach(async () => {
  await server.close();
});

const issue = (
  extra: { clientId?: string; scopes?: string[]; start?: Date; expiry?: Date } = {},
  credentials = ISSUER,
) =>
  createTemporaryCredentials({
    credentials,
    start: new Date(Date.now() - HOUR),
    expiry: new Date(Date.now() + HOUR),
    scopes: ['queue:get-task:*'],
    ...extra,
  });
const queue = (credentials: TemporaryCredentials) =>
  createClient('queue', {
    rootUrl: server.rootUrl,
    credentials,
    references: 'bundled',
    maxRetries: 0,
  });
const editCertificate = (creds: TemporaryCredentials, edit: Record<string, unknown>) => ({
  ...creds,
  certificate: JSON.stringify({ ...JSON.parse(creds.certificate), ...edit }),
});

async function rejection(creds: TemporaryCredentials) {
  const error = await queue(creds)
    .task(TASK.taskId)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(TaskclusterAuthFailure);
  expect(server.requests).toHaveLength(1);
  expect(String((error as Error).stack) + JSON.stringify(error)).not.toContain(creds.accessToken);
  return error as TaskclusterAuthFailure & { body: { message: string } };
}

describe('createTemporaryCredentials (a call with the credentials)', () => {
  it("authenticates an unnamed credential with the derived key and the issuer's certificate", async () => {
    const creds = issue();
    await expect(queue(creds).task(TASK.taskId)).resolves.toEqual(TASK);
    const req = nth(server.requests, 0);
    expect(req).toMatchObject({
      url: `/api/queue/v1/task/${TASK.taskId}`,
      clientId: ISSUER.clientId,
      issuer: ISSUER.clientId,
      scopes: ['queue:get-task:*'],
    });
    expect(req.authError).toBeUndefined();
    expect(req.ext).toEqual({ certificate: parseJson(creds.certificate) });
  });

  it('authenticates a named credential as its own clientId, issued by the issuer', async () => {
    const creds = issue({
      clientId: 'project/ci/worker-1',
      scopes: ['queue:ping', 'queue:get-task:*'],
    });
    await expect(queue(creds).task(TASK.taskId)).resolves.toEqual(TASK);
    expect(server.requests[0]).toMatchObject({
      clientId: 'project/ci/worker-1',
      issuer: ISSUER.clientId,
      scopes: ['queue:ping', 'queue:get-task:*'],
    });
    expect(nth(server.requests, 0).authError).toBeUndefined();
  });

  it('authenticates a signed URL (bewit) of temporary credentials', async () => {
    const url = queue(issue()).buildSignedUrl('task', TASK.taskId, { expiration: 60 });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(TASK);
    expect(server.requests[0]).toMatchObject({
      clientId: ISSUER.clientId,
      scopes: ['queue:get-task:*'],
    });
  });

  it.each([
    ['wider scopes', { scopes: ['queue:get-task:*', 'queue:ping'] }],
    ['a later expiry', { expiry: Date.now() + 2 * HOUR }],
    ['another seed', { seed: 'A'.repeat(44) }],
  ])('rejects a certificate tampered to %s', async (_title, edit) => {
    const error = await rejection(editCertificate(issue(), edit));
    expect(error.statusCode).toBe(401);
    expect(error.body.message).toContain('ext.certificate.signature is not valid');
    expect(nth(server.requests, 0).authError).toContain('ext.certificate.signature is not valid');
  });

  it('rejects a named credential presented under another name', async () => {
    const error = await rejection({
      ...issue({ clientId: 'project/ci/worker-1' }),
      clientId: 'project/ci/worker-2',
    });
    expect(error.body.message).toContain('signature is not valid, or wrong clientId provided');
  });

  it('rejects a certificate claiming an issuer whose key did not sign it', async () => {
    const error = await rejection({
      ...editCertificate(issue({ clientId: 'project/ci/worker-1' }), { issuer: 'project/other' }),
    });
    expect(error.body.message).toContain('ext.certificate.signature is not valid');
  });

  it.each([
    [
      'has expired',
      () =>
        issue({ start: new Date(Date.now() - 3 * HOUR), expiry: new Date(Date.now() - 2 * HOUR) }),
      'ext.certificate.expiry < now',
    ],
    [
      'has not started',
      () => issue({ start: new Date(Date.now() + HOUR), expiry: new Date(Date.now() + 2 * HOUR) }),
      'ext.certificate.start > now',
    ],
    [
      'holds scopes its issuer lacks',
      () => issue({ scopes: ['queue:create-task:*'] }),
      "doesn't satisfy all certificate scopes",
    ],
    [
      'names a client its issuer may not create',
      () => issue({ clientId: 'project/elsewhere' }),
      "doesn't have `auth:create-client:project/elsewhere`",
    ],
  ])('rejects a certificate that %s', async (_title, make, message) => {
    const error = await rejection(make());
    expect(error.body.message).toContain(message);
  });
});
