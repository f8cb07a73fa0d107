// @vscode/test-cli configuration (`npx vscode-test`): the extension-host tests, bundled by
// scripts/build.mjs into out/test/, run in a real VS Code with a fixture workspace open (one folder, the reading
// fixture, and a multi-root workspace).
//
// On Linux x64 (CI, containers without a desktop VS Code) they run in the VS Code server + web workbench
// that scripts/setup-vscode.sh installs, through scripts/vscode-launcher.mjs. Elsewhere, or with
// VSCODE_TEST_DESKTOP=1, test-cli downloads and runs the desktop VS Code as usual.
import { defineConfig } from '@vscode/test-cli';
import { fileURLToPath } from 'node:url';

const useLauncher = process.platform === 'linux' && process.arch === 'x64' && !process.env.VSCODE_TEST_DESKTOP;
const launcher = fileURLToPath(new URL('./scripts/vscode-launcher.mjs', import.meta.url));

const installation = useLauncher ? { useInstallation: { fromPath: launcher } } : {};

export default defineConfig({
  tests: [
    {
      label: 'extension',
      files: 'out/test/suite/**/*.test.js',
      workspaceFolder: 'test/fixtures/workspace',
      mocha: { ui: 'bdd', timeout: 60000 },
      ...installation,
    },
    {
      // Its own window: the reading fixture, with its settings file, is the workspace.
      label: 'reading',
      files: 'out/test/reading/**/*.test.js',
      workspaceFolder: 'test/fixtures/reading',
      mocha: { ui: 'bdd', timeout: 60000 },
      ...installation,
    },
    {
      label: 'multi-root',
      files: 'out/test/multiroot/**/*.test.js',
      workspaceFolder: 'test/fixtures/multi-root/multi-root.code-workspace',
      mocha: { ui: 'bdd', timeout: 60000 },
      ...installation,
    },
  ],
});
