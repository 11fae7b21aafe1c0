// The package's testing entry (`taskcluster-dynamic/testing`, lib/testing/entry.ts) as published,
// with its optional peers installed, as they are here. It waits for its peers with top-level
// await, so it runs in a Node process (Jest loads the specs as CommonJS); install.spec.ts
// checks the same entry without the peers.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ensureBuilt, ROOT } from '../cli/helpers/run-cli.js';

beforeAll(ensureBuilt, 300_000);

// The package imports itself by name (its `exports`), as a user's module would.
const SCRIPT = `
import { startSandbox, sandboxHandlers, mswDispatcher } from 'taskcluster-dynamic/testing';
import { createClient } from 'taskcluster-dynamic';
const sandbox = await startSandbox();
try {
  const rootUrl = 'https://tc.example.com';
  const dispatcher = mswDispatcher([...sandboxHandlers({ rootUrl }).handlers]);
  const viaMsw = createClient('auth', { rootUrl, dispatcher });
  const { rootUrl: served, rootCredentials: credentials } = sandbox;
  const direct = createClient('auth', { rootUrl: served, credentials });
  console.log(JSON.stringify([await viaMsw.ping(), (await direct.currentScopes()).scopes]));
} finally {
  await sandbox.close();
}
`;

describe('taskcluster-dynamic/testing', () => {
  it('exports a serving sandbox, and msw handlers that answer through mswDispatcher', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', SCRIPT],
      { cwd: ROOT },
    );
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual([{ alive: true, uptime: expect.any(Number) }, ['*']]);
  });
});
