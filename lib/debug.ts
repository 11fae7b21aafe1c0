// Debug lines on stderr when DEBUG_TASKCLUSTER_CLIENT is set, or DEBUG names taskcluster-client
// (with the debug package's `*` and comma rules). Every line passes through redact().
import { redact } from './errors.js';
import { writeStderr } from './utils/environment.js';

const NAMESPACE = 'taskcluster-client';

function matches(pattern: string, name: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*?');
  return new RegExp(`^${source}$`).test(name);
}

/** Whether the environment asks for debug lines (read when a client is created). */
export function isDebugEnabled(env: Record<string, string | undefined>): boolean {
  if (env['DEBUG_TASKCLUSTER_CLIENT']) return true;
  const patterns = (env['DEBUG'] ?? '').split(/[\s,]+/).filter(Boolean);
  if (patterns.some((p) => p.startsWith('-') && matches(p.slice(1), NAMESPACE))) return false;
  return patterns.some((p) => !p.startsWith('-') && matches(p, NAMESPACE));
}

/** Write one redacted debug line to stderr. */
export function debugLine(message: string): void {
  writeStderr(`${NAMESPACE} ${redact(message)}`);
}
