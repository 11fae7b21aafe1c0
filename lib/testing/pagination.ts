// Pages of a list the way the real services hand them out: at most `limit` items and an
// opaque continuationToken while more remain.
import { serviceError } from './responses.js';

const MAX_LIMIT = 1000;

export interface Page<T> {
  items: T[];
  continuationToken?: string;
}

/** The page of `items` that `query` (limit, continuationToken) asks for. Throws a 400 response on a bad token. */
export function paginate<T>(items: readonly T[], query: URLSearchParams): Page<T> {
  const start = readToken(query.get('continuationToken'));
  const limit = readLimit(query.get('limit'));
  const end = Math.min(start + limit, items.length);
  const page: Page<T> = { items: items.slice(start, end) };
  if (end < items.length)
    page.continuationToken = Buffer.from(JSON.stringify({ offset: end })).toString('base64url');
  return page;
}

function readLimit(raw: string | null): number {
  if (raw === null) return MAX_LIMIT;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1)
    throw serviceError(400, 'InputError', `limit must be a positive integer, got ${raw}`);
  return Math.min(limit, MAX_LIMIT);
}

function readToken(raw: string | null): number {
  if (raw === null || raw === '') return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as {
      offset?: unknown;
    };
    if (Number.isInteger(offset) && (offset as number) >= 0) return offset as number;
  } catch {
    // reported below, as the real services do for any token they did not issue
  }
  throw serviceError(400, 'InputError', 'invalid continuationToken');
}
