#!/usr/bin/env node
// The type check and lint in one process, over one TypeScript program. `tsc --noEmit` and
// typescript-eslint's type-aware rules each build the same program from tsconfig.json and ask
// its checker about the same nodes; built once and checked first, the rules find their types
// already resolved. Measured on 2 cores: 36 s of CPU, against 52 s for `npm run typecheck` and
// `npm run lint` apart. Each of those still runs alone, with the same verdict.
import { ESLint } from 'eslint';
import ts from 'typescript';

const host = {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
    throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  },
};
const config = ts.getParsedCommandLineOfConfigFile('tsconfig.json', undefined, host);
if (!config) throw new Error('tsconfig.json could not be read');
const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });

const diagnostics = ts.getPreEmitDiagnostics(program);
if (diagnostics.length) {
  process.stdout.write(
    ts.formatDiagnosticsWithColorAndContext(diagnostics, {
      getCanonicalFileName: (name) => name,
      getCurrentDirectory: ts.sys.getCurrentDirectory,
      getNewLine: () => '\n',
    }),
  );
  process.stdout.write(`\ntype check: ${diagnostics.length} error(s)\n`);
}

// Every linted TypeScript file is in tsconfig.json's program, so the rules use it instead of
// the project service eslint.config.js names for editors and `npm run lint`.
const eslint = new ESLint({
  overrideConfig: {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: false, programs: [program] } },
  },
});
const results = await eslint.lintFiles(['.']);
// errorCount includes the fatal ones (files that did not parse).
const errors = results.reduce((n, r) => n + r.errorCount, 0);
const report = await (await eslint.loadFormatter('stylish')).format(results);
if (report) process.stdout.write(report);

process.stdout.write(
  `type check: ${diagnostics.length ? 'FAILED' : 'passed'} (${config.fileNames.length} files); ` +
    `lint: ${errors ? 'FAILED' : 'passed'} (${results.length} files)\n`,
);
process.exitCode = diagnostics.length || errors ? 1 : 0;
