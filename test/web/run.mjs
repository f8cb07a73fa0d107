// Runs the web-worker suite: the extension's browser entry (dist/web/extension.js, so run
// `node scripts/build.mjs` first) in VS Code for the Web's browser extension host, with @vscode/test-web serving
// test/fixtures/workspace as a virtual folder (in memory: the tests cannot change the fixture on disk).
//   node test/web/run.mjs        (WEB_TEST_VERBOSE=1 also prints the test server's requests and the page's console)
// The exit code is the tests' outcome.
import { join } from 'node:path';
import { repoRoot } from '../../scripts/vscode-server.mjs';
import { buildWebTests } from './build.mjs';
import { runInWebWorkerHost } from './webWorkerHost.mjs';

const fixtureWorkspace = join(repoRoot, 'test/fixtures/workspace');
const verbose = process.env.WEB_TEST_VERBOSE === '1';
/** test-web waits for the page to report an exit code; a host that never does must not hang `npm test`. */
const timeoutSeconds = Number(process.env.WEB_TEST_TIMEOUT_S ?? 300);
const timeoutExitCode = 124; // as coreutils `timeout`

setTimeout(() => {
  console.error(`web tests: no result within ${timeoutSeconds} s (WEB_TEST_TIMEOUT_S)`);
  // Playwright closes the browser it launched when this process exits.
  process.exit(timeoutExitCode);
}, timeoutSeconds * 1000).unref();

try {
  await runInWebWorkerHost({ folderPath: fixtureWorkspace, extensionTestsPath: await buildWebTests(), verbose });
  process.exit(0);
} catch (error) {
  console.error(`web tests: ${error.message}`);
  process.exit(1);
}
