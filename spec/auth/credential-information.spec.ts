import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import * as official from 'taskcluster-client';
import { startHawkServer, type HawkServer } from '../helpers/hawk-server.js';
import { authService, type StoredClient } from '../helpers/auth-service.js';
import {
  credentialInformation,
  type CredentialInformation,
} from '../../lib/auth/credential-information.js';
import { createTemporaryCredentials } from '../../lib/auth/temporary-credentials.js';
import {
  TaskclusterAuthFailure,
  TaskclusterFailure,
  TaskclusterRestFailure,
} from '../../lib/errors.js';
import { nth } from '../helpers/nth.js';
import { parseJson, recordAt } from '../helpers/answers.js';

const HOUR = 60 * 60 * 1000;
const now = Date.now();
const at = (offset: number) => new Date(now + offset);

const CLIENTS = {
  'project/ci': {
    accessToken: 'ci-permanent-token-abcdefghijklmnopqrstuvwxyz',
    scopes: ['queue:*', 'secrets:get:project/ci/*', 'auth:create-client:project/ci/*'],
    expires: at(1000 * HOUR),
  },
  'project/short': {
    accessToken: 'short-lived-token-abcdefghijklmnopqrstuvwxyz',
    scopes: ['queue:ping'],
    expires: at(2 * HOUR),
  },
  'project/gone': {
    accessToken: 'expired-client-token-abcdefghijklmnopqrstuv',
    scopes: ['queue:ping'],
    expires: at(-HOUR),
  },
  'project/off': {
    accessToken: 'disabled-client-token-abcdefghijklmnopqrstu',
    scopes: ['queue:ping'],
    expires: at(1000 * HOUR),
    disabled: true,
  },
} satisfies Record<string, StoredClient>;
const permanent = (clientId: keyof typeof CLIENTS) => ({
  clientId,
  accessToken: CLIENTS[clientId].accessToken,
});

let server: HawkServer;
beforeEach(async () => {
  server = await startHawkServer({ clients: CLIENTS });
  server.script(authService(CLIENTS));
});
afterEach(async () => {
  await server.close();
});

const info = (credentials: Parameters<typeof credentialInformation>[1]) =>
  credentialInformation(server.rootUrl, credentials, { maxRetries: 0 });
const byUrl = (url: string) => server.requests.filter((r) => r.url === url);

describe('credentialInformation', () => {
  it('describes permanent credentials from the client record and the current scopes', async () => {
    const result = await info(permanent('project/ci'));
    expect(result).toEqual({
      clientId: 'project/ci',
      active: true,
      type: 'permanent',
      scopes: CLIENTS['project/ci'].scopes,
      expiry: CLIENTS['project/ci'].expires,
    });
    expect(result.start).toBeUndefined();
    const lookup = nth(byUrl('/api/auth/v1/clients/project%2Fci'), 0);
    expect(lookup.headers.authorization).toBeUndefined();
    const current = nth(byUrl('/api/auth/v1/scopes/current'), 0);
    expect(current).toMatchObject({ clientId: 'project/ci', issuer: 'project/ci' });
    expect(current.authError).toBeUndefined();
    expect(server.requests).toHaveLength(2);
  });

  it('describes unnamed temporary credentials from their certificate, signing with the derived key', async () => {
    const scopes = ['queue:get-artifact:private/*'];
    const creds = createTemporaryCredentials({
      credentials: permanent('project/ci'),
      start: at(-HOUR),
      expiry: at(3 * HOUR),
      scopes,
    });
    const result = await info(creds);
    expect(result).toEqual({
      clientId: 'project/ci',
      active: true,
      type: 'temporary',
      scopes,
      start: at(-HOUR),
      expiry: at(3 * HOUR),
    });
    const current = nth(byUrl('/api/auth/v1/scopes/current'), 0);
    expect(current.ext?.certificate).toEqual(JSON.parse(creds.certificate));
    expect(current.scopes).toEqual(scopes);
    expect(byUrl('/api/auth/v1/clients/project%2Fci')).toHaveLength(1);
  });

  it('looks up the issuer of named temporary credentials', async () => {
    const creds = createTemporaryCredentials({
      credentials: permanent('project/ci'),
      clientId: 'project/ci/worker-1',
      start: at(-HOUR),
      expiry: at(HOUR),
      scopes: ['queue:ping'],
    });
    const result = await info(creds);
    expect(result).toMatchObject({
      clientId: 'project/ci/worker-1',
      type: 'temporary',
      active: true,
      scopes: ['queue:ping'],
    });
    expect(byUrl('/api/auth/v1/clients/project%2Fci')).toHaveLength(1);
    expect(byUrl('/api/auth/v1/scopes/current')[0]).toMatchObject({
      clientId: 'project/ci/worker-1',
      issuer: 'project/ci',
    });
  });

  it('takes a certificate given as an object', async () => {
    const creds = createTemporaryCredentials({
      credentials: permanent('project/ci'),
      start: at(-HOUR),
      expiry: at(HOUR),
      scopes: ['queue:ping'],
    });
    const result = await info({ ...creds, certificate: recordAt(parseJson(creds.certificate)) });
    expect(result).toMatchObject({
      type: 'temporary',
      active: true,
      start: at(-HOUR),
      expiry: at(HOUR),
    });
  });

  it("reports the issuing client's expiry when it comes before the certificate's", async () => {
    const creds = createTemporaryCredentials({
      credentials: permanent('project/short'),
      start: at(-HOUR),
      expiry: at(10 * HOUR),
      scopes: [],
    });
    expect((await info(creds)).expiry).toEqual(CLIENTS['project/short'].expires);
  });

  it.each([
    ['a disabled client', () => permanent('project/off')],
    ['an expired client', () => permanent('project/gone')],
    // The service allows five minutes of clock skew, so a certificate may work before it starts.
    [
      'a certificate that has not started yet',
      () =>
        createTemporaryCredentials({
          credentials: permanent('project/ci'),
          start: at(HOUR / 30),
          expiry: at(HOUR),
          scopes: [],
        }),
    ],
  ])('reports %s as not active', async (_title, credentials) => {
    const result = await info(credentials());
    expect(result.active).toBe(false);
    expect(server.requests.every((r) => r.authError === undefined)).toBe(true);
  });

  it("matches the official client's answer for the same credentials", async () => {
    const officialInfo = (
      official as unknown as {
        credentialInformation: (...a: unknown[]) => Promise<CredentialInformation>;
      }
    ).credentialInformation;
    const temporary = createTemporaryCredentials({
      credentials: permanent('project/ci'),
      clientId: 'project/ci/x',
      start: at(-HOUR),
      expiry: at(HOUR),
      scopes: ['queue:ping'],
    });
    for (const creds of [permanent('project/ci'), permanent('project/off'), temporary]) {
      expect(await info(creds)).toEqual(await officialInfo(server.rootUrl, creds));
    }
  });

  it("fails with the service's answer when the issuer is unknown", async () => {
    const error = await info({
      clientId: 'project/nobody',
      accessToken: 'some-token-0123456789',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskclusterRestFailure);
    // Both calls fail (no such client to look up, none to verify with); either may answer first.
    expect([401, 404]).toContain((error as TaskclusterRestFailure).statusCode);
    expect(byUrl('/api/auth/v1/clients/project%2Fnobody')).toHaveLength(1);
  });

  it('fails with a TaskclusterAuthFailure when the accessToken is wrong, without showing it', async () => {
    const error = await info({
      clientId: 'project/ci',
      accessToken: 'not-the-right-token-123456',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskclusterAuthFailure);
    expect(error).toMatchObject({ statusCode: 401 });
    expect(String((error as Error).stack) + JSON.stringify(error)).not.toContain(
      'not-the-right-token-123456',
    );
  });

  it.each([
    ['no rootUrl', '', permanent('project/ci'), /rootUrl must be a non-empty string/],
    ['no credentials', 'ROOT', undefined, /credentials must be an object/],
    [
      'no clientId',
      'ROOT',
      { accessToken: 'x' },
      /credentials.clientId must be a non-empty string/,
    ],
    [
      'an empty accessToken',
      'ROOT',
      { clientId: 'project/ci', accessToken: '' },
      /credentials.accessToken, when given, must be a non-empty string/,
    ],
    [
      'a certificate that is not JSON',
      'ROOT',
      { ...permanent('project/ci'), certificate: '{version: 1' },
      /certificate is not valid JSON/,
    ],
    [
      'a certificate without times',
      'ROOT',
      { ...permanent('project/ci'), certificate: '{"version":1}' },
      /numeric start and expiry/,
    ],
  ])('refuses %s before sending anything', async (_title, rootUrl, credentials, message) => {
    const call = credentialInformation(
      rootUrl === 'ROOT' ? server.rootUrl : rootUrl,
      credentials as never,
    );
    await expect(call).rejects.toThrow(TaskclusterFailure);
    await expect(call).rejects.toThrow(message);
    expect(server.requests).toHaveLength(0);
  });
});
