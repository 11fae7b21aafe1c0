// The browser's stand-in for ./read-folder.ts: there is no file system to read a references
// folder from, so a folder given as `references` fails with what to pass instead.
import { failure } from '../errors.js';

/** Always fails: a references folder needs Node. */
export function readFolderDocuments(dir: string): unknown[] {
  throw failure(
    `references: ${JSON.stringify(dir)} is a folder, which needs Node; in a browser pass 'bundled', 'remote', 'auto' or reference documents`,
  );
}
