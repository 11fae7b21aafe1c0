// Clock skew said plainly: a service refuses a Hawk signature whose timestamp is more than 15
// minutes from its own clock ("Stale timestamp"). From the answer's Date header, say how far the
// signing clock is off and what localTimeOffset would correct it.
import { restFailure, TaskclusterFailure } from '../errors.js';

/** The window Taskcluster services allow between a signature's timestamp and their clock. */
export const ALLOWED_SKEW_MS = 15 * 60 * 1000;

const STALE = /stale timestamp/i;

function describeOffset(ms: number): string {
  const abs = Math.abs(ms);
  const amount =
    abs >= 120_000
      ? `${String(Math.round(abs / 60_000))} minutes`
      : `${String(Math.round(abs / 1000))} seconds`;
  return `${amount} ${ms > 0 ? 'behind' : 'ahead of'}`;
}

/**
 * The note for a 401 `message`, when it is a stale timestamp and `serverDate` (the Date header)
 * is known: how far the signing clock (`signingNow`: local clock plus localTimeOffset) is off.
 */
export function clockSkewNote(
  message: string,
  serverDate: string | undefined,
  signingNow: number,
): string | undefined {
  if (!STALE.test(message) || !serverDate) return undefined;
  const server = Date.parse(serverDate);
  if (Number.isNaN(server)) return undefined;
  // Positive: the server is ahead, which is also the localTimeOffset that corrects it.
  const offset = server - signingNow;
  return (
    ` (the signing clock is ${describeOffset(offset)} the server's, whose Date header says ` +
    `${new Date(server).toISOString()}; Taskcluster allows ${String(ALLOWED_SKEW_MS / 60_000)} minutes: ` +
    `set the clock right, or pass localTimeOffset: ${String(Math.round(offset / 1000) * 1000)})`
  );
}

/** `error` again with the skew note in its message, if it is a stale-timestamp 401. */
export function withClockSkew(
  error: unknown,
  serverDate: string | undefined,
  signingNow: number,
): unknown {
  if (!(error instanceof TaskclusterFailure) || error.statusCode !== 401) return error;
  const note = clockSkewNote(error.message, serverDate, signingNow);
  if (!note) return error;
  const { statusCode, code, body, method } = error;
  return restFailure(`${error.message}${note}`, { statusCode, code, body, method, cause: error });
}
