// Slug ids: the 22-character URL-safe base64 form of a v4 UUID that Taskcluster uses for
// taskIds, and a generator that hands out one stable slug per name.
import { v4 } from 'uuid';
import { failure } from '../errors.js';

/**
 * A new "nice" slug id: a v4 UUID whose first bit is cleared, so the slug never starts with
 * `-` (which command lines would read as an option), in URL-safe base64 without padding.
 *
 * @example slugId() // 'eWIgwMgxSfeXQ36iPbOxCA'
 */
export function slugId(): string {
  const bytes = v4(undefined, new Uint8Array(16));
  bytes[0] &= 0x7f;
  return Buffer.from(bytes).toString('base64url');
}

/**
 * A generator that returns the same slug id every time it is asked for the same name, and a
 * fresh one for a new name. Separate generators never share slugs.
 *
 * @example const gen = stableSlugId(); gen('build') === gen('build') // true
 */
export function stableSlugId(): (name: string) => string {
  const slugs = new Map<string, string>();
  return (name: string): string => {
    if (typeof name !== 'string')
      throw failure(`stableSlugId: the name must be a string, got ${describe(name)}`);
    let slug = slugs.get(name);
    if (slug === undefined) {
      slug = slugId();
      slugs.set(name, slug);
    }
    return slug;
  };
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
