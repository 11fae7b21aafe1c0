// Jest's TypeScript transform: esbuild strips the types (type checking is `tsc --noEmit`'s job,
// and `isolatedModules` guarantees each file can be transpiled alone). ts-jest did the same
// through the TypeScript compiler, which every worker had to load and which cost about ten
// times as much CPU per file on a cold cache.
const { createHash } = require('node:crypto');
const { transformSync, version } = require('esbuild');

const shared = { loader: 'ts', target: 'node20', sourcemap: 'inline', sourcesContent: false };

module.exports = {
  canInstrument: false,
  // Jest uses this key alone (not its own of the config and of coverage instrumentation), so
  // both go in.
  getCacheKey(source, filename, { supportsStaticESM, instrument, configString }) {
    return createHash('sha1')
      .update(`${version}\0${String(supportsStaticESM)}\0${String(instrument)}\0${filename}\0`)
      .update(configString)
      .update(source)
      .digest('hex');
  },
  process(source, filename, { supportsStaticESM }) {
    const format = supportsStaticESM ? 'esm' : 'cjs';
    const { code } = transformSync(source, { ...shared, format, sourcefile: filename });
    return { code };
  },
};
