// Bundles the web-worker suite for the browser extension host: test/web/index.ts (mocha's browser build and
// `run()`) followed by every test/web/*.test.ts, into one CommonJS file that @vscode/test-web loads as
// extensionTestsPath. `vscode` stays external (the host provides it); `node:assert/strict`, used by the tests and
// the shared extension-host helpers, becomes test/web/assert.ts, since a web worker has no Node built-ins.
//   node test/web/build.mjs
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../../scripts/vscode-server.mjs';

const webTestDir = join(repoRoot, 'test/web');
/** The bundle's path; it must lie inside the extension folder, which test-web serves. */
export const webTestBundle = join(repoRoot, 'out/test/web/index.js');

export async function buildWebTests() {
  const testFiles = readdirSync(webTestDir).filter((name) => name.endsWith('.test.ts')).sort();
  // The runner comes first: its module body sets mocha up before the test files register their suites.
  const entry = [`export { run } from './index';`, ...testFiles.map((name) => `import './${name}';`)].join('\n');
  await buildWebWorkerBundle(entry, webTestBundle);
  return webTestBundle;
}

/**
 * Bundles `entry` (TypeScript source resolved from test/web/, exporting `run()`) into `outfile` for the web-worker
 * extension host — the test suite, or a measurement (scripts/measure-web.mjs). `outfile` must lie inside the
 * extension folder, which test-web serves.
 */
export async function buildWebWorkerBundle(entry, outfile) {
  await esbuild.build({
    absWorkingDir: repoRoot,
    stdin: { contents: entry, resolveDir: webTestDir, sourcefile: 'web-tests.ts', loader: 'ts' },
    bundle: true,
    outfile,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    alias: { 'node:assert/strict': join(webTestDir, 'assert.ts') },
    // Mocha's browser build is a UMD file in a `"type": "module"` package, so it is bundled as ES module code
    // whose free `module` would be this bundle's own: it would replace the exported `run` with mocha itself.
    // Without `module`, `exports` or an AMD `define` it takes its browser path and sets `globalThis.mocha`.
    define: { module: 'undefined', exports: 'undefined', define: 'undefined' },
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await buildWebTests();
