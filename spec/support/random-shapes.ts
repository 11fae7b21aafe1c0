// Seeded random values of every awkward shape, for the property specs: a small PRNG
// (mulberry32) so that a failing seed replays exactly, and pools of values that have broken
// clients before (dot segments, lone surrogates, BigInts, cycles, prototype keys...).

/** A deterministic source of numbers in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: () => number, values: readonly T[]): T =>
  values[Math.floor(random() * values.length)] as T;

const circular = (): Record<string, unknown> => {
  const o: Record<string, unknown> = { a: 1 };
  o['self'] = o;
  return o;
};
const deep = (levels: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

/** Leaf values: scalars, strings no URL can hold, and objects JSON cannot carry. */
const LEAVES: ReadonlyArray<() => unknown> = [
  () => undefined,
  () => null,
  () => true,
  () => 0,
  () => -1,
  () => 1.5,
  () => NaN,
  () => Infinity,
  () => 10n,
  () => '',
  () => '.',
  () => '..',
  () => 'abc',
  () => 'a/b?c#d',
  () => '\uD800',
  () => 'x\uDC00y',
  () => 'ünï 🚀',
  () => 'a'.repeat(300),
  () => Symbol('s'),
  () => () => 1,
  () => new Date(0),
  () => [],
  () => [1, 'a', null],
  () => ({}),
  () => Object.create(null) as object,
  () => JSON.parse('{"__proto__": {"x": 1}}') as object,
  () => ({ constructor: 'c', toString: 't' }),
  circular,
  () => deep(200),
  () => ({
    toJSON() {
      throw new Error('toJSON refuses');
    },
  }),
];

/** An argument: a leaf, or one of the named-form shapes filled with leaves. */
export function randomValue(random: () => number, depth = 0): unknown {
  const leaf = () => pick(random, LEAVES)();
  if (depth > 1 || random() < 0.6) return leaf();
  const inner = () => randomValue(random, depth + 1);
  return pick(random, [
    () => ({ params: { taskId: inner(), name: inner() } }),
    () => ({ payload: inner() }),
    () => ({ query: { limit: inner(), continuationToken: inner() } }),
    () => ({ paginationHandler: inner(), paginationLimit: inner() }),
    () => ({ payload: {}, params: inner(), query: inner() }),
    () => [inner(), inner()],
    () => ({ a: inner(), b: inner() }),
  ])();
}

/** 0 to 4 arguments. */
export function randomArguments(random: () => number): unknown[] {
  return Array.from({ length: Math.floor(random() * 5) }, () => randomValue(random));
}

/** Option overrides: each key absent or given an awkward value. */
export function randomOptions(random: () => number): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  const pools: Record<string, readonly unknown[]> = {
    credentials: [
      'id:token',
      7,
      ['a'],
      null,
      { clientId: 'c' },
      { accessToken: 123, clientId: 'c' },
      { clientId: 'c', accessToken: 't', certificate: '{broken' },
      { clientId: 'c', accessToken: 't', certificate: 5 },
      {},
    ],
    timeout: [-1, 0, 'x', NaN, 2 ** 40],
    maxRetries: [-1, 'x', NaN, 1.5],
    delayFactor: [-5, 'x'],
    randomizationFactor: [2, -1],
    maxDelay: [-1, 'x'],
    references: [123, true, '/nonexistent/folder'],
    dispatcher: [{}, 5, { dispatch: 'no' }],
    authorizedScopes: ['x', [1], [null]],
    traceId: ['a\nb', 5],
    rootUrl: [123, '', 'not a url', 'http://'],
    signedUrlExpiration: [0, -3, 'x'],
  };
  for (const [key, values] of Object.entries(pools))
    if (random() < 0.06) options[key] = pick(random, values);
  return options;
}
