// Slug ids: the 22-character URL-safe base64 form of a v4 UUID that Taskcluster uses for
// taskIds, and a generator that hands out one stable slug per name.
import { failure } from '../errors.js';
import { base64url, randomBytes } from './bytes.js';

/**
 * A new "nice" slug id: a v4 UUID whose first bit is cleared, so the slug never starts with
 * `-` (which command lines would read as an option), in URL-safe base64 without padding.
 *
 * @example slugId() // 'eWIgwMgxSfeXQ36iPbOxCA'
 */
export function slugId(): string {
  const bytes = randomBytes(16);
  // RFC 9562 v4: version 4 in the high nibble of byte 6, variant 10 in the top bits of byte 8.
  bytes[6] = ((bytes.at(6) ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes.at(8) ?? 0) & 0x3f) | 0x80;
  bytes[0] = (bytes.at(0) ?? 0) & 0x7f;
  return base64url(bytes);
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
