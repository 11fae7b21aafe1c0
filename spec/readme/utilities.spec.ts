// The README's "Utilities" examples, verbatim inside each test, with assertions after them.
import { describe, it, expect } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { slugId, stableSlugId } from '../../lib/utils/slug-id.js';
import { fromNow, fromNowJSON, parseTimeOffset } from '../../lib/utils/from-now.js';
import { scopeMatch } from '../../lib/auth/scopes.js';
import { createTemporaryCredentials } from '../../lib/auth/temporary-credentials.js';
import { at, parseJson, stringAt } from '../helpers/answers.js';

const NICE_SLUG =
  /^[A-Za-f][A-Za-z0-9_-]{7}[Q-T][A-Za-z0-9_-][CGKOSWaeimquy26-][A-Za-z0-9_-]{10}[AQgw]$/;
const HOUR = 60 * 60 * 1000;

describe('README: Utilities', () => {
  it('runs the slugId and stableSlugId example', () => {
    const taskId = slugId(); // e.g. 'eWIgwMgxSfeXQ36iPbOxCA'

    const ids = stableSlugId();
    const graph = {
      build: { taskId: ids('build') },
      test: { taskId: ids('test'), dependencies: [ids('build')] },
    };

    expect(taskId).toMatch(NICE_SLUG);
    expect(graph.test.dependencies[0]).toBe(graph.build.taskId);
    expect(graph.test.taskId).not.toBe(graph.build.taskId);
  });

  it('runs the fromNow example', () => {
    const before = Date.now();
    const deadline = fromNowJSON('1 day');
    const expires = fromNowJSON('1 year');
    const reference = new Date('2024-01-01T00:00:00.000Z');
    const a = fromNow('2 days 3 hours', reference); // 2024-01-03T03:00:00.000Z
    const b = fromNowJSON('-1h30min', reference); // '2023-12-31T22:30:00.000Z'
    const c = parseTimeOffset('1d2h'); // { years: 0, months: 0, weeks: 0, days: 1, hours: 2, minutes: 0, seconds: 0 }
    const d = () => fromNow('2 hours 1 day'); // throws: "2 hours 1 day" is not a time offset; ...

    expect(Date.parse(deadline)).toBeGreaterThanOrEqual(before + 24 * HOUR);
    expect(Date.parse(expires)).toBeLessThanOrEqual(Date.now() + 365 * 24 * HOUR);
    expect(a.toJSON()).toBe('2024-01-03T03:00:00.000Z');
    expect(b).toBe('2023-12-31T22:30:00.000Z');
    expect(c).toStrictEqual({
      years: 0,
      months: 0,
      weeks: 0,
      days: 1,
      hours: 2,
      minutes: 0,
      seconds: 0,
    });
    expect(d).toThrow('"2 hours 1 day" is not a time offset; ');
  });

  it('runs the scopeMatch example', () => {
    const held = ['queue:create-task:highest:proj-ci/*', 'secrets:get:project/ci/deploy'];
    expect(scopeMatch(held, [['queue:create-task:highest:proj-ci/linux']])).toBe(true);
    expect(
      scopeMatch(held, [['secrets:get:project/ci/other'], ['secrets:get:project/ci/deploy']]),
    ).toBe(true);
    expect(
      scopeMatch(held, [['queue:create-task:highest:proj-ci/linux', 'auth:create-client:x']]),
    ).toBe(false);
    expect(scopeMatch(held, [])).toBe(false);
    expect(scopeMatch(held, [[]])).toBe(true);
  });

  it('runs the createTemporaryCredentials example', () => {
    // Shadows the global so the example's own line runs unchanged without touching process.env.
    const process: { env: { CI_ACCESS_TOKEN?: string } } = {
      env: { CI_ACCESS_TOKEN: 'permanent-token-for-the-readme-example' },
    };

    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- the README's line as a TypeScript reader copies it; the variable is set just above
    const credentials = { clientId: 'project/ci', accessToken: process.env.CI_ACCESS_TOKEN! };

    const temporary = createTemporaryCredentials({
      credentials,
      expiry: fromNow('1 hour'),
      scopes: ['queue:get-artifact:private/build/*'],
    });

    const named = createTemporaryCredentials({
      credentials,
      clientId: 'project/ci/worker-1',
      start: new Date(),
      expiry: fromNow('2 hours'),
      scopes: ['secrets:get:project/ci/worker-1'],
    });

    const positional = createTemporaryCredentials(
      credentials.clientId,
      credentials.accessToken,
      new Date(),
      fromNow('1 hour'),
      ['queue:get-artifact:private/*'],
    );

    const keyFor = (seed: string) =>
      createHmac('sha256', credentials.accessToken).update(seed).digest('base64url');
    for (const [result, clientId, scopes] of [
      [temporary, 'project/ci', ['queue:get-artifact:private/build/*']],
      [named, 'project/ci/worker-1', ['secrets:get:project/ci/worker-1']],
      [positional, 'project/ci', ['queue:get-artifact:private/*']],
    ] as const) {
      const cert = parseJson(result.certificate);
      expect(result.clientId).toBe(clientId);
      expect(at(cert, 'scopes')).toEqual(scopes);
      expect(result.accessToken).toBe(keyFor(stringAt(cert, 'seed')));
    }
    expect(at(parseJson(named.certificate), 'issuer')).toBe('project/ci');
  });
});
