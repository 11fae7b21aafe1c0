// Why a process that made one call exits at once. undici parses HTTP/1 with llhttp compiled to
// WebAssembly. V8 compiles it with Liftoff (its baseline compiler) and, once a response has been
// parsed, recompiles llhttp's big state-machine function with TurboFan on a background thread:
// about 0.5 s of CPU, and a Node process waits for that compile before it exits. A script that
// made one call ended 0.2–1 s after its answer (npm run bench:network, exit lag).
//
// V8 fixes how a module tiers when it compiles it: whether its code counts towards a tier-up
// (dynamic tiering) is stored in the module, and with lazy compilation off every function is
// compiled there and then, so nothing about the module is read from these flags afterwards.
// undici compiles llhttp synchronously inside the callback of its connector, when its first
// HTTP/1 connection is set up. So our connector turns the three flags off just before that
// callback and back to their defaults just after, in one synchronous stretch that runs undici's
// code only (and subscribers to its connect diagnostics channel): llhttp stays on Liftoff code
// (a few µs more CPU per response), and the user's modules, compiled before or after, tier up
// as usual. V8's flags are process-wide: a worker thread compiling during those few ms would
// get the same, once per process (README "Network").
//
// Left alone: a process started with any of these flags (Node takes them on its command line;
// NODE_OPTIONS is read too, for --jitless), since we could not restore its values, and tcdyn, which sets --liftoff-only for all its
// WebAssembly (leaveWasmFlagsAlone).
import { setFlagsFromString } from 'node:v8';
import type { buildConnector } from 'undici';

/** Set for the stretch of the callback: llhttp compiled at once, by Liftoff, never tiered up. */
export const BASELINE_ONLY =
  '--no-wasm-lazy-compilation --no-wasm-dynamic-tiering --no-wasm-tier-up';
/** V8's defaults for the same flags (the same from Node 20's V8 11.3 on), restored after. */
export const V8_DEFAULTS = '--wasm-lazy-compilation --wasm-dynamic-tiering --wasm-tier-up';

// Any flag whose value the stretch would overwrite or depend on, in either spelling.
const WASM_FLAG =
  /^--?(no-?)?(liftoff|wasm[-_](lazy[-_]compilation|dynamic[-_]tiering|tier[-_]up)|jitless|freeze[-_]flags[-_]after[-_]init)(\b|_)/;

/** Whether these command-line arguments set a flag the stretch would overwrite. */
export function namesWasmFlags(args: readonly string[]): boolean {
  return args.some((arg) => WASM_FLAG.test(arg));
}

let leftAlone = false;

/** The process manages V8's WebAssembly flags itself (tcdyn's bin): never touch them. */
export function leaveWasmFlagsAlone(alone = true): void {
  leftAlone = alone;
}

/** The process's own V8 and Node arguments: its command line's, then NODE_OPTIONS'. */
const processArgs = () => [
  ...process.execArgv,
  ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/),
];

/** Run `stretch` with BASELINE_ONLY set, and V8's defaults back however it ends. */
function withFlags(setFlags: (flags: string) => void, stretch: () => void): void {
  try {
    setFlags(BASELINE_ONLY);
  } catch {
    stretch(); // a runtime without V8's flags: nothing to restore
    return;
  }
  try {
    stretch();
  } finally {
    setFlags(V8_DEFAULTS);
  }
}

/**
 * `connector` whose first established connection is handed to undici with BASELINE_ONLY set
 * (see above); later connections, and every one when `args` name these flags, pass as they are.
 * `setFlags` and `args` are V8's and the process's; parameters for specs.
 */
export function baselineParserConnector(
  connector: buildConnector.connector,
  setFlags: (flags: string) => void = setFlagsFromString,
  args: readonly string[] = processArgs(),
): buildConnector.connector {
  let pending = !namesWasmFlags(args);
  return (options, callback) => {
    connector(options, (...result) => {
      if (pending && !leftAlone && result[0] === null) {
        pending = false;
        withFlags(setFlags, () => {
          callback(...result);
        });
      } else callback(...result);
    });
  };
}
