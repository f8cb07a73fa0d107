// The test runner of the web-worker suite. @vscode/test-web loads the bundle built from this module and the
// test files (test/web/build.mjs) into the browser extension host and calls `run()`. Mocha's browser build is
// set up when the module loads, before the test files that follow it in the bundle register their suites; the
// spec reporter's output (with mocha's `N passing` line) reaches the terminal through test-web.
import 'mocha/mocha';

/** Per test: the first test waits for the workbench to activate the extension and index the workspace. */
const TEST_TIMEOUT_MS = 60_000;

mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: TEST_TIMEOUT_MS });

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} web-worker test(s) failed`)) : resolve()));
  });
}
