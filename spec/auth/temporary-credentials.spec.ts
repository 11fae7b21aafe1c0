import { describe, it, expect } from '@jest/globals';
import { createHmac } from 'node:crypto';
import {
  certificateSignature,
  temporaryAccessToken as temporaryKey,
  type Certificate,
} from '../../lib/testing/certificate.js';
import { createTemporaryCredentials as officialCreate } from 'taskcluster-client';
import { createTemporaryCredentials } from '../../lib/auth/temporary-credentials.js';
import { TaskclusterFailure } from '../../lib/errors.js';
import { parseJson, recordAt, stringAt } from '../helpers/answers.js';

const ISSUER = {
  clientId: 'project/ci',
  accessToken: 'issuer-secret-token-0123456789abcdefghijklm',
};
const START = new Date('2024-05-01T00:00:00.000Z');
const EXPIRY = new Date('2024-05-01T06:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const SCOPES = [
  'queue:create-task:highest:proj/*',
  'secrets:get:project/ci/*',
  'assume:repo:github.com/org/*',
];
const SLUG = '[A-Za-f][A-Za-z0-9_-]{7}[Q-T][A-Za-z0-9_-][CGKOSWaeimquy26-][A-Za-z0-9_-]{10}[AQgw]';

interface Cert {
  version: number;
  scopes: string[];
  start: number;
  expiry: number;
  seed: string;
  signature: string;
  issuer?: string;
}

// The text the auth service signs: every line joined by "\n" (services/auth signaturevalidator).
const serviceSignature = (key: string, cert: Cert, credentialName: string) =>
  certificateSignature(key, cert as Certificate, credentialName);

// The official JS client's incremental form: "scopes:\n" followed by the scopes joined.
function officialStyleSignature(key: string, cert: Cert, credentialName: string): string {
  const hmac = createHmac('sha256', key).update('version:1\n');
  if (cert.issuer) hmac.update(`clientId:${credentialName}\n`).update(`issuer:${cert.issuer}\n`);
  hmac
    .update(`seed:${cert.seed}\n`)
    .update(`start:${String(cert.start)}\n`)
    .update(`expiry:${String(cert.expiry)}\n`);
  return hmac.update('scopes:\n').update(cert.scopes.join('\n')).digest('base64');
}

// What the auth service does with {clientId, accessToken, certificate}: find the issuer,
// check the certificate, and re-derive the key the caller must be signing with.
function serviceCheck(
  creds: { clientId: string; accessToken: string; certificate: string },
  derive = serviceSignature,
  tokens: Record<string, string> = { [ISSUER.clientId]: ISSUER.accessToken },
): Cert {
  const cert = JSON.parse(creds.certificate) as Cert;
  const issuerId = cert.issuer ?? creds.clientId;
  if (cert.issuer === creds.clientId) throw new Error('issuer must differ from the clientId');
  const key = tokens[issuerId];
  if (key === undefined) throw new Error(`unknown issuer ${issuerId}`);
  expect(cert.version).toBe(1);
  if (typeof cert.seed !== 'string' || cert.seed.length !== 44)
    throw new Error('seed must be 44 characters');
  expect(cert.expiry - cert.start).toBeLessThanOrEqual(31 * DAY);
  if (cert.signature !== derive(key, cert, creds.clientId))
    throw new Error('signature is not valid');
  if (creds.accessToken !== temporaryKey(key, cert.seed))
    throw new Error('accessToken is not derived from the seed');
  return cert;
}

describe('createTemporaryCredentials', () => {
  it('issues unnamed credentials the auth service accepts', () => {
    const creds = createTemporaryCredentials({
      credentials: ISSUER,
      start: START,
      expiry: EXPIRY,
      scopes: SCOPES,
    });
    expect(creds.clientId).toBe(ISSUER.clientId);
    const cert = serviceCheck(creds);
    expect(Object.keys(cert)).toEqual([
      'version',
      'scopes',
      'start',
      'expiry',
      'seed',
      'signature',
    ]);
    expect(cert).toMatchObject({
      scopes: SCOPES,
      start: START.getTime(),
      expiry: EXPIRY.getTime(),
    });
    expect(creds.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cert.seed).toMatch(new RegExp(`^${SLUG}${SLUG}$`));
  });

  it('issues named credentials that carry the issuer and sign the name', () => {
    const creds = createTemporaryCredentials({
      credentials: ISSUER,
      clientId: 'project/ci/worker-1',
      start: START,
      expiry: EXPIRY,
      scopes: SCOPES,
    });
    expect(creds.clientId).toBe('project/ci/worker-1');
    const cert = serviceCheck(creds);
    expect(cert.issuer).toBe(ISSUER.clientId);
    expect(Object.keys(cert)).toEqual([
      'version',
      'scopes',
      'start',
      'expiry',
      'seed',
      'signature',
      'issuer',
    ]);
    expect(() => serviceCheck({ ...creds, clientId: 'project/ci/worker-2' })).toThrow(
      'signature is not valid',
    );
  });

  it('signs an empty scope list as a final "scopes:" line without a newline', () => {
    const creds = createTemporaryCredentials({ credentials: ISSUER, start: START, expiry: EXPIRY });
    const cert = serviceCheck(creds);
    expect(cert.scopes).toEqual([]);
    expect(cert.signature).not.toBe(
      officialStyleSignature(ISSUER.accessToken, cert, creds.clientId),
    );
  });

  it('fails the check under another issuer key, and with a tampered certificate', () => {
    const creds = createTemporaryCredentials({
      credentials: ISSUER,
      start: START,
      expiry: EXPIRY,
      scopes: SCOPES,
    });
    expect(() =>
      serviceCheck(creds, serviceSignature, { [ISSUER.clientId]: 'another-token' }),
    ).toThrow('signature is not valid');
    const tampered = { ...recordAt(parseJson(creds.certificate)), scopes: ['*'] };
    expect(() => serviceCheck({ ...creds, certificate: JSON.stringify(tampered) })).toThrow(
      'signature is not valid',
    );
  });

  it('starts now by default', () => {
    const before = Date.now();
    const cert = serviceCheck(
      createTemporaryCredentials({ credentials: ISSUER, expiry: new Date(before + DAY) }),
    );
    expect(cert.start).toBeGreaterThanOrEqual(before);
    expect(cert.start).toBeLessThanOrEqual(Date.now());
  });

  it('draws a fresh seed, and so a fresh accessToken, every time', () => {
    const options = { credentials: ISSUER, start: START, expiry: EXPIRY, scopes: SCOPES };
    const all = Array.from({ length: 20 }, () => createTemporaryCredentials(options));
    expect(new Set(all.map((c) => stringAt(parseJson(c.certificate), 'seed'))).size).toBe(20);
    expect(new Set(all.map((c) => c.accessToken)).size).toBe(20);
  });

  it('allows exactly 31 days', () => {
    const creds = createTemporaryCredentials({
      credentials: ISSUER,
      start: START,
      expiry: new Date(START.getTime() + 31 * DAY),
    });
    expect(serviceCheck(creds).expiry - START.getTime()).toBe(31 * DAY);
  });

  it("copies the scopes rather than keeping the caller's array", () => {
    const scopes = ['a:b'];
    const creds = createTemporaryCredentials({
      credentials: ISSUER,
      start: START,
      expiry: EXPIRY,
      scopes,
    });
    scopes.push('*');
    expect(serviceCheck(creds).scopes).toEqual(['a:b']);
  });

  it('treats an empty name as unnamed, like the official clients', () => {
    const creds = createTemporaryCredentials({
      credentials: ISSUER,
      clientId: '',
      start: START,
      expiry: EXPIRY,
    });
    expect(creds.clientId).toBe(ISSUER.clientId);
    expect(serviceCheck(creds).issuer).toBeUndefined();
  });

  const options = { credentials: ISSUER, start: START, expiry: EXPIRY, scopes: SCOPES };
  it.each([
    ['no options', undefined, /options must be an object/],
    ['no credentials', { ...options, credentials: undefined }, /options.credentials is required/],
    [
      'no issuer clientId',
      { ...options, credentials: { accessToken: 'x' } },
      /issuer clientId must be a non-empty string/,
    ],
    [
      'no issuer accessToken',
      { ...options, credentials: { clientId: 'x', accessToken: '' } },
      /issuer accessToken must be a non-empty string/,
    ],
    [
      'a temporary issuer',
      { ...options, credentials: { ...ISSUER, certificate: '{"version":1}' } },
      /temporary credentials cannot issue temporary credentials/,
    ],
    [
      'a temporary issuer (parsed certificate)',
      { ...options, credentials: { ...ISSUER, certificate: { version: 1 } } },
      /cannot issue temporary/,
    ],
    [
      'a name equal to the issuer',
      { ...options, clientId: ISSUER.clientId },
      /the name "project\/ci" must differ from the issuer's clientId/,
    ],
    [
      'a name that is not a string',
      { ...options, clientId: 42 },
      /name \(clientId\) must be a string/,
    ],
    ['no expiry', { ...options, expiry: undefined }, /expiry must be a valid Date/],
    [
      'an expiry string',
      { ...options, expiry: '2024-05-02T00:00:00Z' },
      /expiry must be a valid Date/,
    ],
    ['an invalid start', { ...options, start: new Date(Number.NaN) }, /start must be a valid Date/],
    [
      'an expiry before the start',
      { ...options, expiry: new Date(START.getTime() - 1) },
      /expiry \(2024-04-30T23:59:59.999Z\) must be after start/,
    ],
    ['an expiry equal to the start', { ...options, expiry: START }, /must be after start/],
    [
      'more than 31 days',
      { ...options, expiry: new Date(START.getTime() + 31 * DAY + 1) },
      /cannot span more than 31 days/,
    ],
    [
      'scopes that are not an array',
      { ...options, scopes: 'a:b' },
      /scopes must be an array of strings/,
    ],
    [
      'a scope that is not a string',
      { ...options, scopes: ['a', 7] },
      /scopes\[1\] must be a string, got number/,
    ],
    [
      'a scope the service would refuse',
      { ...options, scopes: ['a', 'secrets:get:café'] },
      /scopes\[1\] "secrets:get:café" is not a valid scope/,
    ],
    [
      'a scope with a newline',
      { ...options, scopes: ['a\nb'] },
      /scopes\[0\] "a\\nb" is not a valid scope/,
    ],
  ])('refuses %s', (_title, input, message) => {
    const call = () => createTemporaryCredentials(input as never);
    expect(call).toThrow(TaskclusterFailure);
    expect(call).toThrow(message);
  });

  it('keeps the issuer accessToken out of its error messages', () => {
    const messages: string[] = [];
    for (const bad of [
      { ...options, clientId: ISSUER.clientId },
      { ...options, expiry: START },
      { ...options, scopes: [1] },
    ]) {
      try {
        createTemporaryCredentials(bad as never);
      } catch (error) {
        messages.push(`${String(error)}${error instanceof Error ? (error.stack ?? '') : ''}`);
      }
    }
    expect(messages).toHaveLength(3);
    expect(messages.filter((m) => m.includes(ISSUER.accessToken))).toEqual([]);
  });
});

describe("createTemporaryCredentials (positional, in the Python client's order)", () => {
  it('issues unnamed credentials', () => {
    const creds = createTemporaryCredentials(
      ISSUER.clientId,
      ISSUER.accessToken,
      START,
      EXPIRY,
      SCOPES,
    );
    expect(creds.clientId).toBe(ISSUER.clientId);
    expect(serviceCheck(creds)).toMatchObject({
      scopes: SCOPES,
      start: START.getTime(),
      expiry: EXPIRY.getTime(),
    });
  });

  it('issues named credentials', () => {
    const creds = createTemporaryCredentials(
      ISSUER.clientId,
      ISSUER.accessToken,
      START,
      EXPIRY,
      SCOPES,
      'project/ci/named',
    );
    expect(creds.clientId).toBe('project/ci/named');
    expect(serviceCheck(creds).issuer).toBe(ISSUER.clientId);
  });

  it.each([
    [
      'a name equal to the issuer',
      [ISSUER.clientId, ISSUER.accessToken, START, EXPIRY, SCOPES, ISSUER.clientId],
      /must differ from the issuer's clientId/,
    ],
    [
      'missing scopes',
      [ISSUER.clientId, ISSUER.accessToken, START, EXPIRY],
      /positional form is \(clientId, accessToken, start, expiry, scopes, name\?\)/,
    ],
    [
      'more than 31 days',
      [ISSUER.clientId, ISSUER.accessToken, START, new Date(START.getTime() + 32 * DAY), SCOPES],
      /more than 31 days/,
    ],
    [
      'no accessToken',
      [ISSUER.clientId, undefined, START, EXPIRY, SCOPES],
      /issuer accessToken must be a non-empty string/,
    ],
    [
      'a start that is no Date',
      [ISSUER.clientId, ISSUER.accessToken, START.getTime(), EXPIRY, SCOPES],
      /start must be a valid Date/,
    ],
  ])('refuses %s', (_title, args, message) => {
    const call = () => (createTemporaryCredentials as (...a: unknown[]) => unknown)(...args);
    expect(call).toThrow(TaskclusterFailure);
    expect(call).toThrow(message);
  });
});

describe('createTemporaryCredentials (differential, against the official client)', () => {
  it.each([
    ['unnamed', undefined],
    ['named', 'project/ci/worker-7'],
  ])(
    "issues %s certificates of the same shape that pass each other's derivation",
    (_title, clientId) => {
      const input = {
        credentials: ISSUER,
        start: START,
        expiry: EXPIRY,
        scopes: SCOPES,
        ...(clientId ? { clientId } : {}),
      };
      const ours = createTemporaryCredentials(input);
      const theirs = officialCreate(input);
      expect(ours.clientId).toBe(theirs.clientId);
      const [ourCert, theirCert] = [
        JSON.parse(ours.certificate) as Cert,
        JSON.parse(theirs.certificate) as Cert,
      ];
      expect(Object.keys(ourCert)).toEqual(Object.keys(theirCert));
      const { seed: _a, signature: _b, ...ourFixed } = ourCert;
      const { seed: _c, signature: _d, ...theirFixed } = theirCert;
      expect(ourFixed).toEqual(theirFixed);
      expect(serviceCheck(ours, officialStyleSignature)).toEqual(ourCert);
      expect(serviceCheck(theirs, serviceSignature)).toEqual(theirCert);
    },
  );

  it('matches the auth service where the official client does not: an empty scope list', () => {
    const input = { credentials: ISSUER, start: START, expiry: EXPIRY, scopes: [] };
    expect(() => serviceCheck(createTemporaryCredentials(input))).not.toThrow();
    expect(() => serviceCheck(officialCreate(input))).toThrow('signature is not valid');
  });
});
