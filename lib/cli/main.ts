#!/usr/bin/env node
// tcdyn's process shell (Node only): the process's streams into run(), its answer into the exit status.
import { EXIT_OK, processIo } from './output.js';
import { run } from './run.js';

// A reader that went away (`tcdyn services | head -1`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(EXIT_OK);
});
void run(process.argv.slice(2), processIo()).then((code) => {
  // Exit once both streams have flushed: keep-alive sockets must not hold the process open.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
});
