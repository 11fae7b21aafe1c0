#!/usr/bin/env node
// Builds pkg/, what the package ships (package.json `files`), from lib/ and tsc's dist/: a few
// bundled files rather than one per module, because an install pays a 4 KiB disk block for every
// file (README, "Budgets"). Node's entries (the client, ./testing, the tcdyn bin) share chunks;
// the browser entry is one file with the browser variants swapped in. @noble/hashes is bundled
// (its licence comment kept); undici and the optional peers stay imports. Declarations are
// tsc's, only those the public entries reach. Runs at `prepare` and `build`, after tsc.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LIB = join(ROOT, 'lib');
const DIST = join(ROOT, 'dist');
const OUT = join(ROOT, 'pkg');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

// Everything a user installs beside us (or chooses to) is imported, never copied in.
const EXTERNAL = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });

// The modules a browser gets instead of the Node ones (no undici, no node:fs).
const BROWSER_VARIANTS = {
  'transport/undici.ts': 'transport/fetch.ts',
  'transport/dispatcher.ts': 'transport/dispatcher.browser.ts',
  'references/read-folder.ts': 'references/read-folder.browser.ts',
};

const browserVariants = {
  name: 'browser-variants',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^\.\.?\/.*\.js$/ }, ({ path, resolveDir }) => {
      const target = relative(LIB, resolve(resolveDir, path.replace(/\.js$/, '.ts')));
      const variant = BROWSER_VARIANTS[target];
      return variant ? { path: join(LIB, variant) } : undefined;
    });
  },
};

// The bundled library's licence must travel with its code: a legal comment (`/*!`), which
// esbuild keeps once at the end of each file that contains the code.
const NOBLE_NOTICE =
  '/*! @noble/hashes: The MIT License (MIT), Copyright (c) 2022 Paul Miller (https://paulmillr.com) */\n';
const nobleNotice = {
  name: 'noble-notice',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]@noble[\\/]hashes[\\/].*\.js$/ }, ({ path }) => ({
      contents: NOBLE_NOTICE + readFileSync(path, 'utf8'),
      loader: 'js',
    }));
  },
};

// The bundled reference documents (~180 KB) are one file that the Node chunks and the browser
// entry both import, rather than a copy in each. Both import it from a folder beside it (chunks/,
// browser/), so the same relative path serves both; the build checks that it does.
const REFERENCES = join(LIB, 'generated', 'references', 'index.ts');
const REFERENCES_OUT = 'references.js';
const sharedReferences = {
  name: 'shared-references',
  setup(esbuild) {
    esbuild.onResolve({ filter: /generated\/references\/index\.js$/ }, ({ path, resolveDir }) =>
      resolve(resolveDir, path.replace(/\.js$/, '.ts')) === REFERENCES
        ? { path: `../${REFERENCES_OUT}`, external: true }
        : undefined,
    );
  },
};

const COMMON = {
  absWorkingDir: ROOT,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  outbase: LIB,
  outdir: OUT,
  external: EXTERNAL,
  logLevel: 'warning',
  plugins: [nobleNotice, sharedReferences],
  metafile: true,
};

/** The declaration files reachable from `entries` through relative imports, as paths in dist/. */
function reachableDeclarations(entries) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/(?:from|import\()\s*['"](\.\.?\/[^'"]+)['"]/g)) {
      const target = resolve(dirname(file), spec.replace(/\.js$/, '.d.ts'));
      if (!existsSync(target)) throw new Error(`${relative(ROOT, file)} imports missing ${spec}`);
      visit(target);
    }
  };
  entries.forEach((entry) => visit(join(DIST, entry)));
  return [...seen];
}

/** Fail the build unless every import of the shared references resolves to the file. */
function checkReferenceImports({ outputs }) {
  for (const [file, { imports }] of Object.entries(outputs)) {
    for (const { path } of imports.filter(({ path }) => path.endsWith(REFERENCES_OUT))) {
      if (resolve(ROOT, dirname(file), path) !== join(OUT, REFERENCES_OUT))
        throw new Error(`${file} imports ${path}, which is not pkg/${REFERENCES_OUT}`);
    }
  }
}

rmSync(OUT, { recursive: true, force: true });
await build({
  ...COMMON,
  plugins: [],
  entryPoints: [REFERENCES],
  outbase: dirname(REFERENCES),
  entryNames: 'references',
});
const node = await build({
  ...COMMON,
  platform: 'node',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  entryPoints: ['index.ts', 'testing/entry.ts', 'cli/main.ts'].map((entry) => join(LIB, entry)),
});
const browser = await build({
  ...COMMON,
  platform: 'browser',
  entryPoints: [join(LIB, 'browser.ts')],
  entryNames: 'browser/index',
  plugins: [nobleNotice, sharedReferences, browserVariants],
});
[node, browser].forEach(({ metafile }) => checkReferenceImports(metafile));
chmodSync(join(OUT, 'cli', 'main.js'), 0o755);
for (const file of reachableDeclarations(['index.d.ts', 'testing/entry.d.ts'])) {
  const to = join(OUT, 'types', relative(DIST, file));
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(file, to);
}
