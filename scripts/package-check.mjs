// Checks what `npm run package` produced (run it first): the tests in test/package/ — size budgets and contents of
// conference-notes.vsix, the manifest, the browser bundle — and a smoke test of the .vsix installed into the real
// VS Code (scripts/vscode-server.mjs). Prints mocha's totals and exits 1 when a test fails.
//   node scripts/package-check.mjs
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureVSCodeInstalled, repoRoot } from './vscode-server.mjs';

const packageTestDir = join(repoRoot, 'test/package');
// The installed-copy smoke test starts a whole server and workbench, up to a minute on a cold server.
const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, reporter: 'spec' });
for (const file of readdirSync(packageTestDir).filter((name) => name.endsWith('.test.mjs')).sort()) {
  mocha.addFile(join(packageTestDir, file));
}
// Installed before mocha's clock starts: run on its own on a fresh machine, the install takes minutes.
await ensureVSCodeInstalled();
await mocha.loadFilesAsync();
mocha.run((failures) => {
  process.exitCode = failures ? 1 : 0;
});
