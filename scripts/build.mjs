// Bundles every entry point with esbuild (one bundle per entry, `vscode` external), as in the official
// esbuild sample. Type-checking is separate (`npm run typecheck`).
//   node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

const testFiles = (dir) => readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));

// Libraries the Node extension requires from a file of their own in dist/ on first use, so that activation does not
// load them and the bundle stays within its budget (test/package/contents.test.mjs). The web worker cannot require a
// second file, so the browser bundle (and the CLI's) keep them inside.
// - ical.js and fast-xml-parser: only a schedule import needs them (ical.js, the largest dependency, also the agenda's
//   iCalendar export). The core loads them with `import()`, which the Node bundle turns into a `require()` of the file;
//   a static import would load the file with the bundle, so it fails the build.
const loadedOnImport = {
  // ical.js's module has a default export only.
  'ical.js': { file: 'ical.js', exports: '{ default }' },
  'fast-xml-parser': { file: 'fast-xml-parser.js', exports: '*' },
};
// - yaml: the front matter reader handles the usual flat `key: value` lines itself and calls yaml only for the rest;
//   templates and schedule import write through it. The core imports it statically (the reader is synchronous), so the
//   Node bundle gets a stand-in module whose functions and classes require the file when first called. A stand-in
//   class only constructs: `instanceof` and static members would not reach yaml's own, so only the names below stand in,
//   and importing any other name from yaml fails the build until it is listed here.
const loadedOnFirstCall = {
  yaml: { file: 'yaml.js', exports: '*', functions: ['isMap', 'isNode', 'isScalar', 'isSeq', 'parseDocument', 'stringify'], classes: ['Document', 'LineCounter'] },
};
const splitLibraries = { ...loadedOnImport, ...loadedOnFirstCall };
const splitFiles = Object.values(splitLibraries).map((library) => library.file);

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (names) => new RegExp(`^(${names.map(escapeRegExp).join('|')})$`);

/** The stand-in for a library of `loadedOnFirstCall`: the same names, each requiring the library's file on first use. */
function standIn({ file, functions, classes }) {
  return [
    'let library;',
    `const load = () => (library ??= require(${JSON.stringify(`./${file}`)}));`,
    ...functions.map((name) => `export function ${name}(...args) { return load().${name}(...args); }`),
    ...classes.map((name) => `export class ${name} { constructor(...args) { return new (load().${name})(...args); } }`),
  ].join('\n');
}

const librariesAsSeparateFiles = {
  name: 'libraries-as-separate-files',
  setup(build) {
    build.onResolve({ filter: exactly(Object.keys(loadedOnImport)) }, (args) => {
      if (args.kind !== 'dynamic-import') {
        return { errors: [{ text: `${args.path} is loaded from its own file on first use: import it with \`import()\` (scripts/build.mjs)` }] };
      }
      return { path: `./${loadedOnImport[args.path].file}`, external: true };
    });
    build.onResolve({ filter: exactly(Object.keys(loadedOnFirstCall)) }, (args) => ({ path: args.path, namespace: 'stand-in' }));
    build.onLoad({ filter: /.*/, namespace: 'stand-in' }, (args) => ({ contents: standIn(loadedOnFirstCall[args.path]), loader: 'js' }));
    build.onResolve({ filter: exactly(splitFiles.map((file) => `./${file}`)), namespace: 'stand-in' }, (args) => ({ path: args.path, external: true }));
  },
};

/** The file of one split library: the whole library as a CommonJS module. */
const splitFileBuild = ([library, { file, exports }]) => ({ ...common, stdin: { contents: `export ${exports} from '${library}';`, resolveDir: '.', loader: 'js' }, outfile: `dist/${file}`, platform: 'node', format: 'cjs', target: 'node20' });

const builds = [
  // Node extension host.
  // `import()` becomes `require()`, so a separate file loads as the CommonJS module it is built as.
  { ...common, entryPoints: ['src/node/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], plugins: [librariesAsSeparateFiles], supported: { 'dynamic-import': false } },
  ...Object.entries(splitLibraries).map(splitFileBuild),
  // The parse pool's worker (src/node/parsePool.ts): reads and parses notes off the extension host's main thread.
  { ...common, entryPoints: ['src/node/parseWorker.ts'], outfile: 'dist/parseWorker.js', platform: 'node', format: 'cjs', target: 'node20' },
  // Web-worker extension host (vscode.dev, github.dev): no Node built-ins may be reached.
  { ...common, entryPoints: ['src/web/extension.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'], mainFields: ['browser', 'module', 'main'] },
  // The command-line twin (package.json `bin`).
  // `module` first: jsonc-parser's UMD `main` hides its requires from the bundler. resvg (publish --format png) is a
  // native module per platform: required from the installed package on first use, never bundled.
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], external: ['@resvg/resvg-js'], banner: { js: '#!/usr/bin/env node' } },
  // The Track statistics webview script: runs in the webview (a browser page), draws with the core renderer.
  { ...common, entryPoints: ['src/webview/statsView.ts'], outfile: 'dist/webview/statsView.js', platform: 'browser', format: 'iife', target: 'es2022' },
  // Extension-host tests, run inside the real VS Code by @vscode/test-cli; mocha stays a runtime require.
  ...(production
    ? []
    : ['suite', 'multiroot', 'reading'].map((folder) => ({ ...common, entryPoints: testFiles(`test/${folder}`), outdir: `out/test/${folder}`, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'], mainFields: ['module', 'main'] }))),
];

// Start clean, so no bundle or source map of an earlier build ends up in a package.
rmSync('dist', { recursive: true, force: true });

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('esbuild: watching');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
