import { definedOnly } from '../../lib/utils/defined.js';
import { describe, it, expect } from '@jest/globals';
import { createTemporaryCredentials as officialCreate } from 'taskcluster-client';
import { issueCredentials, verifyCertificate, type Issuer } from '../../lib/testing/certificate.js';

const NOW = Date.parse('2024-05-01T12:00:00.000Z');
const HOUR = 60 * 60 * 1000;
const ISSUER: Issuer = {
  clientId: 'project/ci',
  accessToken: 'issuer-secret-token-0123456789abcdefghijklm',
  scopes: ['queue:*', 'auth:create-client:project/ci/*'],
};
const findIssuer = (id: string) => (id === ISSUER.clientId ? ISSUER : undefined);

function official(options: {
  start?: number;
  expiry?: number;
  scopes?: string[];
  clientId?: string;
  accessToken?: string;
}) {
  const creds = officialCreate({
    credentials: {
      clientId: ISSUER.clientId,
      accessToken: options.accessToken ?? ISSUER.accessToken,
    },
    start: new Date(options.start ?? NOW - HOUR),
    expiry: new Date(options.expiry ?? NOW + HOUR),
    scopes: options.scopes ?? ['queue:get-task:*'],
    ...definedOnly({ clientId: options.clientId }),
  });
  return { ...creds, cert: JSON.parse(creds.certificate) as Record<string, unknown> };
}

describe('verifyCertificate', () => {
  it("accepts the official client's unnamed credentials and derives their accessToken", () => {
    const creds = official({});
    expect(verifyCertificate(creds.clientId, creds.cert, findIssuer, NOW)).toEqual({
      accessToken: creds.accessToken,
      scopes: ['queue:get-task:*'],
    });
  });

  it("accepts the official client's named credentials", () => {
    const creds = official({ clientId: 'project/ci/job-1' });
    expect(creds.clientId).toBe('project/ci/job-1');
    expect(verifyCertificate(creds.clientId, creds.cert, findIssuer, NOW).accessToken).toBe(
      creds.accessToken,
    );
  });

  it.each<[string, () => [string, unknown], RegExp]>([
    [
      'an expired certificate',
      () => {
        const c = official({ start: NOW - 3 * HOUR, expiry: NOW - 2 * HOUR });
        return [c.clientId, c.cert];
      },
      /expiry < now/,
    ],
    [
      'a certificate from the future',
      () => {
        const c = official({ start: NOW + HOUR, expiry: NOW + 2 * HOUR });
        return [c.clientId, c.cert];
      },
      /start > now/,
    ],
    [
      'a signature by another key',
      () => {
        const c = official({ accessToken: 'someone-else' });
        return [c.clientId, c.cert];
      },
      /signature is not valid/,
    ],
    [
      'scopes added after signing',
      () => {
        const c = official({});
        return [c.clientId, { ...c.cert, scopes: ['queue:*'] }];
      },
      /signature is not valid/,
    ],
    [
      'scopes the issuer lacks',
      () => {
        const c = official({ scopes: ['secrets:get:x'] });
        return [c.clientId, c.cert];
      },
      /doesn't satisfy all certificate scopes/,
    ],
    [
      'a name the issuer may not create',
      () => {
        const c = official({ clientId: 'other/job' });
        return [c.clientId, c.cert];
      },
      /auth:create-client:other\/job/,
    ],
    [
      'an unknown issuer',
      () => {
        const c = official({});
        return ['nobody', c.cert];
      },
      /client nobody not found/,
    ],
    [
      'a certificate as a string',
      () => {
        const c = official({});
        return [c.clientId, c.certificate];
      },
      /must be a JSON object/,
    ],
    [
      'version 2',
      () => {
        const c = official({});
        return [c.clientId, { ...c.cert, version: 2 }];
      },
      /version must be 1/,
    ],
    [
      'a short seed',
      () => {
        const c = official({});
        return [c.clientId, { ...c.cert, seed: 'abc' }];
      },
      /seed must be/,
    ],
    [
      'the issuer as its own name',
      () => {
        const c = official({});
        return [c.clientId, { ...c.cert, issuer: ISSUER.clientId }];
      },
      /issuer must differ/,
    ],
  ])('refuses %s', (_, make, message) => {
    const [clientId, cert] = make();
    expect(() => verifyCertificate(clientId, cert, findIssuer, NOW)).toThrow(message);
  });

  it('refuses certificates that last longer than 31 days', () => {
    const c = official({ start: NOW - HOUR, expiry: NOW + 30 * 24 * HOUR });
    expect(() =>
      verifyCertificate(c.clientId, { ...c.cert, expiry: NOW + 31 * 24 * HOUR }, findIssuer, NOW),
    ).toThrow(/31 days/);
  });
});

describe('issueCredentials', () => {
  it('issues credentials that verify, with the given scopes and window', () => {
    const creds = issueCredentials(ISSUER, ['queue:get-task:x'], NOW, NOW + HOUR);
    const cert = JSON.parse(creds.certificate) as { start: number; expiry: number; seed: string };
    expect(cert).toMatchObject({
      version: 1,
      start: NOW,
      expiry: NOW + HOUR,
      scopes: ['queue:get-task:x'],
    });
    expect(cert.seed).toHaveLength(44);
    expect(creds.accessToken).not.toBe(ISSUER.accessToken);
    expect(verifyCertificate(creds.clientId, cert, findIssuer, NOW)).toEqual({
      accessToken: creds.accessToken,
      scopes: ['queue:get-task:x'],
    });
  });
});
