import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { TaskclusterFailure } from '../../lib/index.js';
import { downloadToBuf, uploadFromBuf } from '../../lib/objects/index.js';
import type { Sandbox } from '../../lib/testing/index.js';
import { startObjectDeployment, type ObjectDeployment } from './sandbox-deployment.js';
import { rejectionOf } from '../helpers/answers.js';

type Report = [bytes: number, total: number | undefined, attempt: number];

let deployment: ObjectDeployment;
let sandbox: Sandbox;
let objectService: ObjectDeployment['objectService'];
beforeEach(async () => {
  deployment = await startObjectDeployment({});
  ({ sandbox, objectService } = deployment);
});
afterEach(() => sandbox.close());

const expires = new Date(Date.now() + 86_400_000);
// `onProgress` is unknown here so that the refusal of a non-function can be shown.
const put = (name: string, data: Buffer, onProgress?: unknown) =>
  uploadFromBuf({
    projectId: 'proj',
    name,
    contentType: 'application/octet-stream',
    expires,
    objectService,
    data,
    maxRetries: 2,
    delayFactor: 1,
    ...(onProgress === undefined ? {} : { onProgress }),
  } as unknown as Parameters<typeof uploadFromBuf>[0]);

/** Each attempt's counts rise, and the last attempt's end at the total. */
function expectWhole(reports: Report[], total: number, attempts: number) {
  expect(reports.length).toBeGreaterThan(0);
  for (let i = 1; i < reports.length; i++) {
    const [bytes, , attempt] = reports[i] ?? [0, 0, 0];
    const [before, , attemptBefore] = reports[i - 1] ?? [0, 0, 0];
    if (attempt === attemptBefore) expect(bytes).toBeGreaterThan(before);
    else expect(attempt).toBe(attemptBefore + 1);
  }
  expect(reports.at(-1)).toEqual([total, total, attempts]);
}

describe('onProgress', () => {
  it('reports an upload and a download as their bytes move, ending at the total', async () => {
    const data = randomBytes(300_000);
    const up: Report[] = [];
    await put('progress/big', data, (...r: Report) => up.push(r));
    expectWhole(up, data.length, 1);

    const down: Report[] = [];
    const { buf } = await downloadToBuf({
      name: 'progress/big',
      objectService,
      onProgress: (...r: Report) => down.push(r),
    });
    expect(buf.equals(data)).toBe(true);
    expectWhole(down, data.length, 1);
  });

  it('starts again at zero on a retried attempt and names it', async () => {
    const data = randomBytes(100_000);
    await put('progress/retried', data);
    sandbox.fault('_blob.get', { truncate: true });
    const down: Report[] = [];
    await downloadToBuf({
      name: 'progress/retried',
      objectService,
      delayFactor: 1,
      onProgress: (...r: Report) => down.push(r),
    });
    expect(down.some(([, , attempt]) => attempt === 1)).toBe(true);
    expectWhole(down, data.length, 2);
  });

  it('reports an inline upload once, whole', async () => {
    const up: Report[] = [];
    await put('progress/small', Buffer.from('tiny'), (...r: Report) => up.push(r));
    expect(up).toEqual([[4, 4, 1]]);
  });

  it('refuses a listener that is not a function before any request', async () => {
    const before = deployment.calls('object', 'createUpload').length;
    const error = await rejectionOf(put('progress/bad', Buffer.from('x'), 42), TaskclusterFailure);
    expect(error.message).toContain('onProgress must be a function, got number');
    expect(deployment.calls('object', 'createUpload')).toHaveLength(before);
  });
});
