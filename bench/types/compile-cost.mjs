// npm run bench:types: the compile cost of generated types. Builds a consumer project in a temp
// folder (the package linked as `taskcluster-dynamic`), runs `tcdyn types` on the v106 references and
// schemas, and times `tsc --noEmit` on a file that walks every v106 payload, response and message type.
// Needs the built package (the script builds it) and the v106 fixture (TC_REFERENCES_FIXTURE to override).
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const packageDir = resolve(process.env.TCDYN_PACKAGE_DIR ?? repo);
const fixture =
  process.env.TC_REFERENCES_FIXTURE ??
  resolve(repo, '..', 'shared', 'fixtures', 'taskcluster-references-v106.json');
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
const TARGET = { seconds: 20, megabytes: 1536 };

// Every property of T down to the leaves: assigning `true` to Walk<T> makes tsc compute them all.
const WALK = `type Walk<T, D extends unknown[] = []> = D['length'] extends 12 ? true : unknown extends T ? true
  : T extends readonly (infer E)[] ? Walk<E, [...D, 0]>
  : T extends object ? { [K in keyof T]-?: Walk<T[K], [...D, 0]> }[keyof T] | true : true;`;

function project(dir) {
  for (const { filename, content } of JSON.parse(readFileSync(fixture, 'utf8'))) {
    const path = join(dir, 'deployment', filename);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  }
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(packageDir, join(dir, 'node_modules', 'taskcluster-dynamic'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  const generated = spawnSync(
    process.execPath,
    [
      join(packageDir, 'dist', 'cli', 'main.js'),
      'types',
      '--references',
      join(dir, 'deployment'),
      '--out',
      join(dir, 'tc-types.d.ts'),
    ],
    { encoding: 'utf8' },
  );
  if (generated.status !== 0) throw new Error(`tcdyn types failed: ${generated.stderr}`);
  return readFileSync(join(dir, 'tc-types.d.ts'), 'utf8');
}

function sources(dir, declarations) {
  const keys = [...declarations.matchAll(/^ {4}'([^']+)': \{ (.*) \};$/gm)].map(
    ([, key, sides]) => [key, sides.split('; ').map((s) => s.split(':')[0])],
  );
  const services = [...new Set(keys.map(([key]) => key.split('.')[0]))];
  const clients = services.map((s, i) => `export const client${i} = createClient('${s}');`);
  const uses = keys.flatMap(([key, sides], i) => [
    `export const method${i} = client${services.indexOf(key.split('.')[0])}.${key.split('.')[1]};`,
    ...sides.map(
      (side) => `export const walk${i}${side}: Walk<SchemaTypes['${key}']['${side}']> = true;`,
    ),
  ]);
  const head = "import { createClient, type SchemaTypes } from 'taskcluster-dynamic';";
  writeFileSync(
    join(dir, 'baseline.ts'),
    [head, ...clients, ...uses.filter((u) => u.includes('method'))].join('\n'),
  );
  writeFileSync(join(dir, 'all.ts'), [head, WALK, ...clients, ...uses].join('\n'));
  return { keys: keys.length, services: services.length };
}

function tsconfig(dir, name, files) {
  const options = {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [join(repo, 'node_modules', '@types')],
  };
  writeFileSync(join(dir, name), JSON.stringify({ compilerOptions: options, files }, null, 2));
  return join(dir, name);
}

function measure(config) {
  const args = [tsc, '-p', config, '--extendedDiagnostics'];
  const timed = existsSync('/usr/bin/time');
  const started = performance.now();
  const run = timed
    ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { encoding: 'utf8' })
    : spawnSync(
        process.execPath,
        [
          '-e',
          `process.on('exit', () => console.error('maxRSS ' + process.resourceUsage().maxRSS));
      process.argv = [process.argv[0], ...${JSON.stringify(args)}]; require(${JSON.stringify(tsc)});`,
        ],
        { encoding: 'utf8' },
      );
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`tsc failed:\n${run.stdout}\n${run.stderr}`);
  const kilobytes = Number(
    (timed ? /Maximum resident set size \(kbytes\): (\d+)/ : /maxRSS (\d+)/).exec(run.stderr)?.[1],
  );
  const stat = (name) =>
    /^(.*?):\s+(\S+)/m.exec(run.stdout.split('\n').find((l) => l.startsWith(name)) ?? '')?.[2];
  return {
    seconds,
    megabytes: kilobytes / 1024,
    check: stat('Check time'),
    types: stat('Types'),
    via: timed ? '/usr/bin/time -v' : 'resourceUsage',
  };
}

function main() {
  if (!existsSync(fixture)) return console.log(`skipped: no v106 fixture at ${fixture}`);
  if (!existsSync(join(packageDir, 'dist', 'cli', 'main.js')))
    return console.log(`skipped: build the package first (npm run build)`);
  const dir = mkdtempSync(join(tmpdir(), 'tcdyn-types-bench-'));
  try {
    const counts = sources(dir, project(dir));
    const rows = [
      [
        'clients only, no schema types',
        measure(tsconfig(dir, 'tsconfig.baseline.json', ['baseline.ts'])),
      ],
      [
        `every v106 type walked (${counts.keys} methods/exchanges, ${counts.services} clients)`,
        measure(tsconfig(dir, 'tsconfig.all.json', ['all.ts', 'tc-types.d.ts'])),
      ],
    ];
    for (const [name, m] of rows) {
      console.log(
        `${name}: ${m.seconds.toFixed(1)} s wall, ${m.megabytes.toFixed(0)} MB peak RSS (${m.via}), ` +
          `check ${m.check}, ${m.types} types`,
      );
    }
    const all = rows[1][1];
    const met = all.seconds < TARGET.seconds && all.megabytes < TARGET.megabytes;
    console.log(
      `target < ${TARGET.seconds} s and < ${TARGET.megabytes / 1024} GB: ${met ? 'met' : 'MISSED'}`,
    );
    process.exitCode = met ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
