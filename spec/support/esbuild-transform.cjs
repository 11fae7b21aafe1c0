// Jest's TypeScript transform: esbuild strips the types (type checking is `npm run check`'s job,
// and `isolatedModules` guarantees each file can be transpiled alone). ts-jest did the same
// through the TypeScript compiler, which every worker had to load and which cost about ten
// times as much CPU per file on a cold cache. Jest asks for CommonJS (see jest.config.js), also
// for the few ES-module-only packages the specs load. ES modules are strict, so the output is
// too, and `import.meta` becomes the CommonJS module's own file and folder.
//
// For coverage runs it also instruments lib/'s files, with Istanbul's instrumenter, the one
// Jest's own pass uses. Jest's pass prints the counters' maps one property per line and adds a
// second source map: lib/'s 182 files came out at 6.7 MB against 2.2 MB compact, and every spec
// file parses the instrumented modules it loads again.
const { createHash } = require('node:crypto');
const { transformSync, version } = require('esbuild');
const { createInstrumenter } = require('istanbul-lib-instrument');
const { version: instrumenterVersion } = require('istanbul-lib-instrument/package.json');

const shared = { target: 'node20', sourcesContent: false };
const commonJs = {
  format: 'cjs',
  banner: "'use strict'; var __importMetaUrl = require('node:url').pathToFileURL(__filename).href;",
  define: {
    'import.meta.url': '__importMetaUrl',
    'import.meta.dirname': '__dirname',
    'import.meta.filename': '__filename',
  },
};
const instrumenter = createInstrumenter({
  esModules: true,
  compact: true,
  // Stack traces through an instrumented file still point into its TypeScript lines.
  produceSourceMap: true,
  coverageVariable: '__coverage__',
});

module.exports = {
  canInstrument: true,
  // Jest uses this key alone (not its own of the config and of coverage instrumentation), so
  // both go in, with the versions of the two tools whose output is cached.
  getCacheKey(source, filename, { supportsStaticESM, instrument, configString }) {
    return createHash('sha1')
      .update(`${version}\0${instrumenterVersion}\0${String(supportsStaticESM)}\0`)
      .update(`${String(instrument)}\0${filename}\0`)
      .update(configString)
      .update(source)
      .digest('hex');
  },
  process(source, filename, { supportsStaticESM, instrument }) {
    const stripped = transformSync(source, {
      ...shared,
      ...(supportsStaticESM ? { format: 'esm' } : commonJs),
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      sourcemap: instrument ? 'external' : 'inline',
      sourcefile: filename,
    });
    if (!instrument) return { code: stripped.code };
    // The coverage keeps esbuild's map, which Jest's report uses to count in the TypeScript.
    const code = instrumenter.instrumentSync(stripped.code, filename, JSON.parse(stripped.map));
    return { code, map: instrumenter.lastSourceMap() };
  },
};
