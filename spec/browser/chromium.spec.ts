// The client in a real browser: esbuild bundles fixtures/page.ts for the browser (through the
// package's `browser` condition), a static server on one port serves it, the sandbox on another
// answers it (cross-origin, so CORS preflights are exercised), and headless Chromium (the
// distribution's package, driven by playwright-core) runs the checks inside the page.
// @slow: an esbuild bundle and a headless Chromium.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { copyFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../lib/testing/index.js';
import { ensureBuilt, ROOT } from '../cli/helpers/run-cli.js';
import { bundle, linkedProject } from '../support/bundle.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const HTML = '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>';

if (!existsSync(CHROMIUM))
  process.stdout.write(
    `\nBROWSER SPEC NOT RUN: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)\n\n`,
  );
const describeInBrowser = existsSync(CHROMIUM) ? describe : describe.skip;

// Undefined until beforeAll gets that far: afterAll closes whatever was opened.
let project: string | undefined;
let profile: string | undefined;
let pageServer: Server | undefined;
let pageOrigin: string;
let sandbox: Sandbox | undefined;
let context: BrowserContext | undefined;

async function servePage(script: Uint8Array): Promise<void> {
  const server = createServer((req, res) => {
    if (req.url === '/page.js')
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(HTML);
  });
  pageServer = server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pageOrigin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
}

describeInBrowser('createClient in Chromium', () => {
  let result: Record<string, unknown>;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    await ensureBuilt();
    project = linkedProject();
    copyFileSync(join(ROOT, 'spec', 'browser', 'fixtures', 'page.ts'), join(project, 'page.ts'));
    await servePage(await bundle(project, 'page.ts', { platform: 'browser', format: 'esm' }));
    sandbox = await startSandbox();
    profile = mkdtempSync(join(tmpdir(), 'tcdyn-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
    });
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(pageOrigin);
    await page.waitForFunction(() => 'runChecks' in globalThis);
    result = await page.evaluate(
      (checks) =>
        (globalThis as unknown as { runChecks: (c: unknown) => Promise<never> }).runChecks(checks),
      { rootUrl: sandbox.rootUrl, credentials: sandbox.rootCredentials },
    );
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await sandbox?.close();
    const server = pageServer;
    if (server)
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    for (const dir of [project, profile]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs without a process global, every method listed', () => {
    expect(result['hasNode']).toBe(false);
    expect(result['methods']).toBeGreaterThan(40);
  });

  it('makes an authenticated call that the sandbox verifies', () => {
    expect(result['scopes']).toEqual(['*']);
  });

  it('signs a URL that the sandbox accepts, where the unsigned one is refused', () => {
    expect(result['signedScopes']).toEqual(['*']);
    expect(result['unsignedStatus']).toBe(403);
  });

  it('builds a routing-key pattern', () => {
    expect(result['binding']).toMatchObject({
      exchange: 'exchange/taskcluster-queue/v1/task-defined',
      routingKeyPattern: 'primary.aaaaaaaaaaaaaaaaaaaaaa.*.*.*.*.*.*.*.#',
    });
  });

  it("gives an error's code, a TaskclusterFailure inside the page", () => {
    expect(result['error']).toEqual({
      isFailure: true,
      code: 'ResourceNotFound',
      statusCode: 404,
      name: 'TaskclusterRestFailure',
    });
    expect(consoleErrors.filter((text) => !/404|403/.test(text))).toEqual([]);
  });
});
