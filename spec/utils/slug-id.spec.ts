import { describe, it, expect } from '@jest/globals';
import { stringify, validate, version } from 'uuid';
import { slugId, stableSlugId } from '../../lib/utils/slug-id.js';
import { TaskclusterFailure } from '../../lib/errors.js';

const NICE_SLUG =
  /^[A-Za-f][A-Za-z0-9_-]{7}[Q-T][A-Za-z0-9_-][CGKOSWaeimquy26-][A-Za-z0-9_-]{10}[AQgw]$/;
const SAMPLE = Array.from({ length: 2000 }, () => slugId());

describe('slugId', () => {
  it('gives 22-character nice slugs', () => {
    expect(SAMPLE.filter((slug) => !NICE_SLUG.test(slug))).toEqual([]);
  });

  it('encodes a v4 UUID whose first bit is clear', () => {
    for (const slug of SAMPLE.slice(0, 200)) {
      const bytes = Buffer.from(slug, 'base64url');
      expect(bytes).toHaveLength(16);
      expect(bytes.readUInt8(0) & 0x80).toBe(0);
      const uuid = stringify(bytes);
      expect(validate(uuid)).toBe(true);
      expect(version(uuid)).toBe(4);
    }
  });

  it('never repeats itself', () => {
    expect(new Set(SAMPLE).size).toBe(SAMPLE.length);
  });

  it('uses every first character a nice slug may start with', () => {
    expect(new Set(SAMPLE.map((slug) => slug[0])).size).toBe(32);
  });
});

describe('stableSlugId', () => {
  it.each(['build', 'test', '', '__proto__', 'constructor', 'toString', 'émoji 🎉'])(
    'gives the name %j the same nice slug every time',
    (name) => {
      const gen = stableSlugId();
      const first = gen(name);
      expect(first).toMatch(NICE_SLUG);
      expect(gen('another name')).not.toBe(first);
      expect(gen(name)).toBe(first);
    },
  );

  it('gives different names different slugs', () => {
    const gen = stableSlugId();
    const names = Array.from({ length: 100 }, (_, i) => `task-${String(i)}`);
    expect(new Set(names.map(gen)).size).toBe(100);
    expect(names.map(gen)).toEqual(names.map(gen));
  });

  it('gives separate generators separate slugs for the same name', () => {
    const one = stableSlugId();
    const two = stableSlugId();
    expect(one('decision')).not.toBe(two('decision'));
    expect(one('decision')).toBe(one('decision'));
  });

  it.each([[1], [null], [undefined], [{}]])('refuses the name %p', (name) => {
    const gen = stableSlugId();
    // Called as untyped code would: the name is not a string.
    const call = () => {
      Reflect.apply(gen, undefined, [name]);
    };
    expect(call).toThrow(TaskclusterFailure);
    expect(call).toThrow(/the name must be a string/);
  });
});
