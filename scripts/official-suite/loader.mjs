// Module resolution for the official client's test files: they import the official client by
// relative path (`../src/index.js`, `../src/client.js`, `../src/parsetime.js`) and their test-only
// packages by name. Point the first at our default export and the others at our shims; every
// other bare name is resolved from this repository, so the upstream folder needs no install.
const SHIMS = {
  nock: './nock.mjs',
  superagent: './superagent.mjs',
  'error-stack-parser': './error-stack-parser.mjs',
};
const SOURCES = new Set(['index.js', 'client.js', 'parsetime.js']);

let testDir = '';
let repoUrl = '';

export function initialize(data) {
  testDir = data.testDir;
  repoUrl = data.repoUrl;
}

function upstreamSource(specifier, parentURL) {
  if (!/^(\.{1,2}\/|\/|file:)/.test(specifier)) return undefined;
  const target = new URL(specifier, parentURL).href;
  const src = new URL('../src/', testDir).href;
  if (!target.startsWith(src)) return undefined;
  const name = target.slice(src.length);
  if (!SOURCES.has(name)) throw new Error(`official-suite: no stand-in for ../src/${name}`);
  return new URL(`./upstream-src/${name.replace(/\.js$/, '.mjs')}`, import.meta.url).href;
}

export async function resolve(specifier, context, next) {
  const parent = context.parentURL ?? '';
  if (!parent.startsWith(testDir)) return next(specifier, context);
  if (Object.hasOwn(SHIMS, specifier))
    return { url: new URL(SHIMS[specifier], import.meta.url).href, shortCircuit: true };
  const source = upstreamSource(specifier, parent);
  if (source) return { url: source, shortCircuit: true };
  try {
    return await next(specifier, context);
  } catch (error) {
    // lodash and friends: found in this repository's node_modules, not beside the tests.
    if (/^[@a-z]/.test(specifier)) return next(specifier, { ...context, parentURL: repoUrl });
    throw error;
  }
}
