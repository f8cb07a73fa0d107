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

// ical.js (iCalendar import) is the largest dependency and only an import of a sched.com file needs it: the Node
// extension requires it from its own file on first use, which keeps activation cheap and the bundle within budget.
// (The web worker cannot require a second file, so the browser bundle keeps it inside.)
const icalAsSeparateFile = {
  name: 'ical-as-separate-file',
  setup(build) {
    build.onResolve({ filter: /^ical\.js$/ }, () => ({ path: './ical.js', external: true }));
  },
};

const builds = [
  // Node extension host.
  // `import()` becomes `require()`, so the separate file loads as the CommonJS module it is built as.
  { ...common, entryPoints: ['src/node/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], plugins: [icalAsSeparateFile], supported: { 'dynamic-import': false } },
  { ...common, stdin: { contents: "export { default } from 'ical.js';", resolveDir: '.', loader: 'js' }, outfile: 'dist/ical.js', platform: 'node', format: 'cjs', target: 'node20' },
  // The parse pool's worker (src/node/parsePool.ts): reads and parses notes off the extension host's main thread.
  { ...common, entryPoints: ['src/node/parseWorker.ts'], outfile: 'dist/parseWorker.js', platform: 'node', format: 'cjs', target: 'node20' },
  // Web-worker extension host (vscode.dev, github.dev): no Node built-ins may be reached.
  { ...common, entryPoints: ['src/web/extension.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'], mainFields: ['browser', 'module', 'main'] },
  // The command-line twin (package.json `bin`).
  // `module` first: jsonc-parser's UMD `main` hides its requires from the bundler.
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], banner: { js: '#!/usr/bin/env node' } },
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
