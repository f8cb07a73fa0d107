// Runs the UI tests (test/ui/*.ui.test.mjs) with mocha: each drives the real VS Code workbench in chromium
// with the built extension (dist/) loaded, so run `node scripts/build.mjs` first (`npm run test:ui` does).
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureVSCodeInstalled } from '../../scripts/vscode-server.mjs';

const uiTestDir = dirname(fileURLToPath(import.meta.url));
// A whole workbench start per suite, and UI waits of up to a minute on a cold server.
const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, reporter: 'spec' });
for (const file of readdirSync(uiTestDir).filter((name) => name.endsWith('.ui.test.mjs')).sort()) {
  mocha.addFile(join(uiTestDir, file));
}
// Installed before mocha's clock starts: on a fresh machine the first install takes minutes, longer than a hook's
// timeout.
await ensureVSCodeInstalled();
await mocha.loadFilesAsync();
mocha.run((failures) => {
  process.exitCode = failures ? 1 : 0;
});
