import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from '../../lib/index.js';
import { TaskclusterAuthFailure } from '../../lib/errors.js';
import { clockSkewNote } from '../../lib/auth/clock-skew.js';
import { startSandbox, type Sandbox } from '../../lib/testing/index.js';
import { rejectionOf } from '../helpers/answers.js';

const MIN = 60_000;
const NOW = Date.parse('2026-12-05T11:00:00.000Z');

describe('clockSkewNote', () => {
  it.each([
    [NOW + 20 * MIN, /20 minutes behind the server's.*localTimeOffset: 1200000\)/],
    [NOW - 17 * MIN, /17 minutes ahead of the server's.*localTimeOffset: -1020000\)/],
    [NOW + 90_000, /90 seconds behind/],
  ])('says how far the signing clock is off from a Date of %d', (server, note) => {
    const text = clockSkewNote('Stale timestamp', new Date(server).toUTCString(), NOW);
    expect(text).toMatch(note);
    expect(text).toMatch(/Taskcluster allows 15 minutes/);
  });

  it.each([
    ['another 401', 'Bad mac', new Date(NOW).toUTCString()],
    ['no Date header', 'Stale timestamp', undefined],
    ['a Date that does not parse', 'Stale timestamp', 'yesterday'],
  ])('says nothing for %s', (_what, message, date) => {
    expect(clockSkewNote(message, date, NOW)).toBeUndefined();
  });
});

describe('a client whose clock is off', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());
  const auth = (localTimeOffset: number) =>
    createClient('auth', {
      rootUrl: sandbox.rootUrl,
      credentials: sandbox.rootCredentials,
      maxRetries: 0,
      localTimeOffset,
    });

  it("is told by how much, from the answer's Date header", async () => {
    // Signing 20 minutes in the past is what a local clock 20 minutes slow does.
    const error = await rejectionOf(auth(-20 * MIN).currentScopes(), TaskclusterAuthFailure);
    expect(error.message).toMatch(
      /Stale timestamp \(the signing clock is (19|20|21) minutes behind the server's.*localTimeOffset: 1\d{6}\)/,
    );
  });

  it('signs within the window with an explicit localTimeOffset', async () => {
    await expect(auth(10 * MIN).currentScopes()).resolves.toHaveProperty('scopes');
    const url = auth(-20 * MIN).buildSignedUrl('currentScopes');
    expect((await fetch(url)).status).toBe(401);
  });

  it('refuses an offset that is no clock error', () => {
    expect(() => auth(2 * 24 * 60 * MIN)).toThrow(
      /option localTimeOffset must be a number between/,
    );
  });
});
