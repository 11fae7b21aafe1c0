#!/usr/bin/env node
// tcdyn's process shell (Node only): the process's streams into run(), its answer into the exit status.
import { setFlagsFromString } from 'node:v8';
import { leaveWasmFlagsAlone } from '../transport/parser-tiering.js';
import { EXIT_OK, processIo } from './output.js';
import { run } from './run.js';

// undici parses HTTP with a WebAssembly module that V8 keeps optimising in the background, and a
// process waits for that work before it exits: 200 ms to 1 s after the answer, for nothing. Liftoff
// (V8's baseline WebAssembly compiler) alone parses a command's few responses as fast, and the
// process exits at once. Safe here: tcdyn is our own process and compiles no other WebAssembly;
// the flag must be set before the first connection compiles undici's parser (it is: it is lazy).
// Process-wide, it also covers connections the transport's scoped stretch does not (a proxy's),
// which is then told to keep out (parser-tiering.ts).
setFlagsFromString('--liftoff-only');
leaveWasmFlagsAlone();

// A reader that went away (`tcdyn services | head -1`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(EXIT_OK);
});
void run(process.argv.slice(2), processIo()).then((code) => {
  // Exit once both streams have flushed: keep-alive sockets must not hold the process open.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
});
