import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { startSandbox, type Sandbox } from '../../../lib/testing/index.js';
import { clientOf, rejection } from '../sandbox-helpers.js';
import { at, stringAt } from '../../helpers/answers.js';

const UPLOAD_ID = 'uN1SbArXTPSVFNUvaOlinQ';
const expires = () => new Date(Date.now() + 60 * 60 * 1000).toJSON();
const hashes = (bytes: Buffer) => ({
  sha256: createHash('sha256').update(bytes).digest('hex'),
  sha512: createHash('sha512').update(bytes).digest('hex'),
});

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

function proposal(bytes: Buffer) {
  return {
    projectId: 'proj',
    uploadId: UPLOAD_ID,
    expires: expires(),
    proposedUploadMethods: {
      dataInline: { contentType: 'text/plain', objectData: bytes.toString('base64') },
      putUrl: { contentType: 'text/plain', contentLength: bytes.length },
    },
  };
}

async function download(name: string) {
  const object = clientOf(sandbox, 'object');
  const answer: unknown = await object['startDownload'](name, {
    acceptDownloadMethods: { getUrl: true },
  });
  const res = await fetch(stringAt(answer, 'url'));
  return { answer, res, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('createObjectService', () => {
  it('takes an object under 8 KiB inline and serves it back with its hashes', async () => {
    const bytes = randomBytes(8191);
    const object = clientOf(sandbox, 'object');
    const created: unknown = await object['createUpload']('small', proposal(bytes));
    expect(created).toEqual({
      projectId: 'proj',
      uploadId: UPLOAD_ID,
      expires: expect.any(String),
      uploadMethod: { dataInline: true },
    });
    expect(
      await object['finishUpload']('small', {
        projectId: 'proj',
        uploadId: UPLOAD_ID,
        hashes: hashes(bytes),
      }),
    ).toEqual({});
    const { answer, res, bytes: got } = await download('small');
    expect(answer).toEqual({
      method: 'getUrl',
      url: expect.stringContaining(`${sandbox.rootUrl}/_blob/`),
      expires: expect.any(String),
      hashes: hashes(bytes),
    });
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(got.equals(bytes)).toBe(true);
  });

  it('hands out a putUrl from 8 KiB up, and the blob store takes the bytes without Taskcluster auth', async () => {
    const bytes = randomBytes(8192);
    const object = clientOf(sandbox, 'object');
    const uploadMethod = at(await object['createUpload']('big', proposal(bytes)), 'uploadMethod');
    expect(at(uploadMethod, 'putUrl')).toEqual({
      url: expect.stringContaining(`${sandbox.rootUrl}/_blob/objects/big?`),
      expires: expect.any(String),
      headers: { 'Content-Type': 'text/plain', 'Content-Length': '8192' },
    });
    const put = await fetch(stringAt(uploadMethod, 'putUrl', 'url'), {
      method: 'PUT',
      headers: { 'content-type': 'text/plain' },
      body: bytes,
    });
    expect(put.status).toBe(200);
    await object['finishUpload']('big', {
      projectId: 'proj',
      uploadId: UPLOAD_ID,
      hashes: hashes(bytes),
    });
    const { bytes: got, answer } = await download('big');
    expect(got.equals(bytes)).toBe(true);
    expect(at(answer, 'hashes')).toEqual(hashes(bytes));
    expect(
      sandbox.requests
        .filter((r) => r.service === '_blob')
        .map((r) => `${r.method} ${String(r.status)}`),
    ).toEqual(['put 200', 'get 200']);
  });

  it('offers no method when neither proposal fits', async () => {
    const bytes = randomBytes(9000);
    const {
      proposedUploadMethods: { dataInline },
    } = proposal(bytes);
    const created: unknown = await clientOf(sandbox, 'object')['createUpload']('x', {
      ...proposal(bytes),
      proposedUploadMethods: { dataInline },
    });
    expect(at(created, 'uploadMethod')).toEqual({});
  });

  it('refuses hashes that contradict the ones given at createUpload', async () => {
    const bytes = randomBytes(10);
    const object = clientOf(sandbox, 'object');
    await object['createUpload']('x', { ...proposal(bytes), hashes: hashes(bytes) });
    const err = await rejection(
      object['finishUpload']('x', {
        projectId: 'proj',
        uploadId: UPLOAD_ID,
        hashes: hashes(randomBytes(10)),
      }),
    );
    expect(err.statusCode).toBe(409);
  });

  it('refuses a second upload of an object under another uploadId', async () => {
    const bytes = randomBytes(10);
    const object = clientOf(sandbox, 'object');
    await object['createUpload']('x', proposal(bytes));
    const err = await rejection(
      object['createUpload']('x', { ...proposal(bytes), uploadId: 'vN1SbArXTPSVFNUvaOlinQ' }),
    );
    expect(err.statusCode).toBe(409);
  });

  it('answers 404 to startDownload before finishUpload', async () => {
    const object = clientOf(sandbox, 'object');
    await object['createUpload']('x', proposal(randomBytes(10)));
    expect(
      (await rejection(object['startDownload']('x', { acceptDownloadMethods: { getUrl: true } })))
        .statusCode,
    ).toBe(404);
  });

  it('answers 406 when no download method is acceptable', async () => {
    const object = clientOf(sandbox, 'object');
    await object['createUpload']('x', proposal(randomBytes(10)));
    await object['finishUpload']('x', { projectId: 'proj', uploadId: UPLOAD_ID });
    const err = await rejection(object['startDownload']('x', { acceptDownloadMethods: {} }));
    expect(err.statusCode).toBe(406);
    expect(err.code).toBe('NoMatchingMethod');
  });

  it('enforces object:upload with the projectId of the payload', async () => {
    const uploader = {
      clientId: 'u',
      accessToken: 'u-token-0123456789abcdefghijklmnopqrstu',
      scopes: ['object:upload:other:*'],
    };
    await sandbox.close();
    sandbox = await startSandbox({ clients: [uploader] });
    const err = await rejection(
      clientOf(sandbox, 'object', { credentials: uploader })['createUpload'](
        'x',
        proposal(randomBytes(1)),
      ),
    );
    expect(err.statusCode).toBe(403);
    expect(err.message).toMatch(/object:upload:proj:x/);
  });
});
