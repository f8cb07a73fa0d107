// Measures indexing in VS Code for the Web: the extension's browser entry in the web-worker extension host
// (@vscode/test-web, as the web-worker suite runs it) on a benchmark workspace (bench/generate.ts, written on first
// use into the git-ignored bench/.workspaces/), served to the browser as a virtual folder, so every note is found
// through VS Code's file search and read through workspace.fs as on vscode.dev. Prints the first scan and the median
// of five rescans (test/web/measureIndexing.ts) as one `web indexing: {…}` line.
//   node scripts/measure-web.mjs [--notes N]      (default 200; run `node scripts/build.mjs` first)
import { join } from 'node:path';
import { require as tsxRequire } from 'tsx/cjs/api';
import { buildWebWorkerBundle } from '../test/web/build.mjs';
import { runInWebWorkerHost } from '../test/web/webWorkerHost.mjs';
import { repoRoot } from './vscode-server.mjs';

const notesOption = process.argv.indexOf('--notes');
const noteCount = notesOption === -1 ? 200 : Number(process.argv[notesOption + 1]);
if (!Number.isInteger(noteCount) || noteCount <= 0) throw new Error('usage: measure-web.mjs [--notes N]');

// bench/generate.ts is CommonJS TypeScript (it places the workspaces by its own __dirname).
const { ensureWorkspace } = tsxRequire('../bench/generate.ts', import.meta.url);
const workspace = await ensureWorkspace(noteCount, (message) => console.log(message));
console.log(`workspace: ${noteCount} notes, ${workspace.sessions} sessions, ${(workspace.bytes / 1024).toFixed(0)} KiB`);
const bundle = join(repoRoot, 'out/test/web/measureIndexing.js');
await buildWebWorkerBundle(`export { run } from './measureIndexing';`, bundle);
await runInWebWorkerHost({ folderPath: workspace.root, extensionTestsPath: bundle });
