// The V8 flags set around undici's parser compile: in-process, with the flag setter recorded, on
// real loopback connections; then in a real process, whose V8 trace shows what was compiled how.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, Socket, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildConnector } from 'undici';
import { ensureBuilt, ROOT } from '../cli/helpers/run-cli.js';
import {
  BASELINE_ONLY,
  V8_DEFAULTS,
  baselineParserConnector,
  leaveWasmFlagsAlone,
  namesWasmFlags,
} from '../../lib/transport/parser-tiering.js';

describe('namesWasmFlags', () => {
  it.each([
    [[], false],
    [['--experimental-vm-modules', '--max-old-space-size=512'], false],
    [['--trace-wasm-compilation-times', '--wasm-tiering-budget=10'], false],
    [['--liftoff-only'], true],
    [['--no-liftoff'], true],
    [['--liftoff_only'], true],
    [['--wasm_tier_up'], true],
    [['--no-wasm-dynamic-tiering'], true],
    [['--nowasm-lazy-compilation'], true],
    [['--jitless'], true],
    [['--freeze-flags-after-init'], true],
  ])('tells whether %j set a flag the stretch would overwrite (%s)', (args, expected) => {
    expect(namesWasmFlags(args)).toBe(expected);
  });
});

describe('baselineParserConnector', () => {
  let server: Server;
  let port: number;
  let log: string[];
  const setFlags = (flags: string) => log.push(flags);
  beforeAll(async () => {
    server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  afterEach(() => {
    leaveWasmFlagsAlone(false);
    log = [];
  });

  /** One connection through `connector` to `to`; the callback logs what it got. */
  const connect = (connector: buildConnector.connector, to = port) =>
    new Promise<void>((resolve) => {
      connector({ hostname: '127.0.0.1', protocol: 'http:', port: String(to) }, (error, socket) => {
        log.push(error ? 'failed' : 'connected');
        socket?.destroy();
        resolve();
      });
    });

  it('sets the flags around the first connection’s callback only, and restores them after', async () => {
    log = [];
    const connector = baselineParserConnector(buildConnector({}), setFlags, []);
    await connect(connector);
    await connect(connector);
    expect(log).toEqual([BASELINE_ONLY, 'connected', V8_DEFAULTS, 'connected']);
  });

  it('keeps the stretch for the first connection that succeeds', async () => {
    log = [];
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const connector = baselineParserConnector(buildConnector({}), setFlags, []);
    await connect(connector, closedPort);
    await connect(connector);
    expect(log).toEqual(['failed', BASELINE_ONLY, 'connected', V8_DEFAULTS]);
  });

  it('restores the flags when the callback throws', () => {
    log = [];
    const immediate: buildConnector.connector = (_options, callback) => {
      callback(null, new Socket());
    };
    const connector = baselineParserConnector(immediate, setFlags, []);
    const options = { hostname: '127.0.0.1', protocol: 'http:', port: '1' };
    expect(() => {
      connector(options, () => {
        log.push('callback');
        throw new Error('parser failed to load');
      });
    }).toThrow('parser failed to load');
    expect(log).toEqual([BASELINE_ONLY, 'callback', V8_DEFAULTS]);
  });

  it('calls back unchanged when V8’s flags cannot be set', async () => {
    log = [];
    const refusing = () => {
      throw new Error('not supported');
    };
    await connect(baselineParserConnector(buildConnector({}), refusing, []));
    expect(log).toEqual(['connected']);
  });

  it('touches no flag when the process names one on its command line', async () => {
    log = [];
    await connect(baselineParserConnector(buildConnector({}), setFlags, ['--no-wasm-tier-up']));
    expect(log).toEqual(['connected']);
  });

  it('touches no flag once the process manages them itself (tcdyn)', async () => {
    log = [];
    const connector = baselineParserConnector(buildConnector({}), setFlags, []);
    leaveWasmFlagsAlone();
    await connect(connector);
    expect(log).toEqual(['connected']);
  });
});

// (i32 n) -> i32: a loop of n multiply-adds, hot enough for V8 to tier it up.
const HOT_LOOP = [
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01],
  ...[0x7f, 0x03, 0x02, 0x01, 0x00, 0x07, 0x08, 0x01, 0x04, 0x6c, 0x6f, 0x6f, 0x70, 0x00, 0x00],
  ...[0x0a, 0x2c, 0x01, 0x2a, 0x01, 0x01, 0x7f, 0x02, 0x40, 0x03, 0x40, 0x20, 0x00, 0x45, 0x0d],
  ...[0x01, 0x20, 0x01, 0x41, 0xed, 0x9c, 0x99, 0x8e, 0x04, 0x6c, 0x41, 0xb9, 0xe0, 0x00, 0x6a],
  ...[0x21, 0x01, 0x20, 0x00, 0x41, 0x01, 0x6b, 0x21, 0x00, 0x0c, 0x00, 0x0b, 0x0b, 0x20, 0x01],
  0x0b,
];

describe('the shipped package, in a process that makes one call', () => {
  let api: HttpServer;
  let rootUrl: string;
  beforeAll(async () => {
    await ensureBuilt();
    api = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"alive":true}');
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    rootUrl = `http://127.0.0.1:${String((api.address() as AddressInfo).port)}`;
  }, 300_000);
  afterAll(() => new Promise((resolve) => api.close(resolve)));

  it('compiles the parser with Liftoff only, and the user’s WebAssembly compiled after still tiers up', async () => {
    const script = `
      const { createClient } = await import(${JSON.stringify(join(ROOT, 'pkg', 'index.js'))});
      await createClient('queue', { rootUrl: process.argv[1], references: 'bundled' }).ping();
      console.log('answered');
      const bytes = new Uint8Array(${JSON.stringify(HOT_LOOP)});
      const { loop } = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
      const lazy = %IsUncompiledWasmFunction(loop);
      for (let i = 0; i < 3000 && !%IsTurboFanFunction(loop); i++) {
        loop(100000);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      console.log(JSON.stringify({ lazy, turbofan: %IsTurboFanFunction(loop) }));`;
    // As a user's process runs it: undici picks another build of its parser under Jest.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => name !== 'JEST_WORKER_ID'),
    );
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--allow-natives-syntax', '--trace-wasm-compilation-times', '--input-type=module'].concat([
        '-e',
        script,
        rootUrl,
      ]),
      { env },
    );
    const lines = stdout.trim().split('\n');
    const compiled = (line: string) => /^Compiled function (\S+)#\d+ using (\w+)/.exec(line);
    // What V8 compiled before the answer is undici's parser (one module).
    const parser = new Set(
      lines.slice(0, lines.indexOf('answered')).flatMap((line) => compiled(line)?.[1] ?? []),
    );
    expect(parser.size).toBe(1);
    const parserTiers = lines.flatMap((line) => {
      const match = compiled(line);
      return match && parser.has(match[1] ?? '') ? [match[2]] : [];
    });
    expect(parserTiers.length).toBeGreaterThan(0);
    expect(parserTiers.filter((tier) => tier !== 'Liftoff')).toEqual([]);
    expect(JSON.parse(lines.at(-1) ?? '')).toEqual({ lazy: true, turbofan: true });
  }, 30_000);
});
