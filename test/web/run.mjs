// Runs the web-worker suite: the extension's browser entry (dist/web/extension.js, so run
// `node scripts/build.mjs` first) in VS Code for the Web's browser extension host, with @vscode/test-web serving
// test/fixtures/workspace as a virtual folder (in memory: the tests cannot change the fixture on disk).
//   node test/web/run.mjs        (WEB_TEST_VERBOSE=1 also prints the test server's requests and the page's console)
// No VS Code download: the web build comes from npm (scripts/setup-web.sh, run when missing), the browser is
// Debian's chromium, and the test server listens on loopback only. The exit code is the tests' outcome.
import { runTests } from '@vscode/test-web';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { chromiumArgs, chromiumPath, findFreePort, repoRoot, runSetupScript } from '../../scripts/vscode-server.mjs';
import { buildWebTests } from './build.mjs';

const fixtureWorkspace = join(repoRoot, 'test/fixtures/workspace');
const browserEntry = join(repoRoot, 'dist/web/extension.js');
// Where the test server listens: loopback only. The browser opens it by another loopback name (see
// adaptTestWebBrowser): chromium resolves every `*.localhost` name to loopback itself, the DNS is never asked.
const host = 'localhost';
const workbenchHost = 'workbench.localhost';
const verbose = process.env.WEB_TEST_VERBOSE === '1';
/** test-web waits for the page to report an exit code; a host that never does must not hang `npm test`. */
const timeoutSeconds = Number(process.env.WEB_TEST_TIMEOUT_S ?? 300);
const timeoutExitCode = 124; // as coreutils `timeout`

/** Installs the web build if needed (with a clean npm environment; a failed setup rejects with the script's
 *  one-line verdict) and returns where it is and what test-web must be told to use it. */
async function webBuild() {
  const stdout = await runSetupScript('setup-web', { captureStdout: true });
  const buildDir = stdout.trim().split('\n').pop();
  const layout = /^vscode-web-(stable|insider)-([0-9a-f]{40})$/.exec(basename(buildDir));
  if (!layout) throw new Error(`scripts/setup-web.sh printed an unexpected build folder: ${buildDir}`);
  return { testRunnerDataDir: dirname(buildDir), quality: layout[1], commit: layout[2] };
}

/**
 * Adapts the browser side of test-web, which has no options for it, by wrapping the playwright instance test-web
 * loads:
 * - it launches playwright's own chromium, not installed here: start Debian's chromium instead;
 * - it opens the workbench at `host`, but webviews load from `<uuid>.<workbench host>` and chromium refuses their
 *   service worker when that is another site than the workbench (third-party storage, blocked in playwright's
 *   incognito-like contexts) — as `<uuid>.localhost` is to `localhost`, not to `workbench.localhost`: open that.
 */
function adaptTestWebBrowser() {
  const { chromium } = createRequire(require.resolve('@vscode/test-web'))('playwright');
  const launch = chromium.launch.bind(chromium);
  chromium.launch = async (options = {}) => {
    const browser = await launch({ ...options, executablePath: chromiumPath });
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (contextOptions) => {
      const context = await newContext(contextOptions);
      const newPage = context.newPage.bind(context);
      context.newPage = async () => {
        const page = await newPage();
        const goto = page.goto.bind(page);
        page.goto = (url, options) => goto(url.replace(`://${host}:`, `://${workbenchHost}:`), options);
        return page;
      };
      return context;
    };
    return browser;
  };
}

const require = createRequire(import.meta.url);

async function main() {
  if (!existsSync(browserEntry)) throw new Error(`${browserEntry} is missing: run \`node scripts/build.mjs\` first`);
  const build = await webBuild();
  const extensionTestsPath = await buildWebTests();
  adaptTestWebBrowser();
  await runTests({
    browserType: 'chromium',
    browserOptions: chromiumArgs,
    headless: true,
    ...build,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath,
    folderPath: fixtureWorkspace,
    host,
    port: await findFreePort(),
    verbose,
    printServerLog: verbose,
  });
}

setTimeout(() => {
  console.error(`web tests: no result within ${timeoutSeconds} s (WEB_TEST_TIMEOUT_S)`);
  // Playwright closes the browser it launched when this process exits.
  process.exit(timeoutExitCode);
}, timeoutSeconds * 1000).unref();

try {
  await main();
  process.exit(0);
} catch (error) {
  console.error(`web tests: ${error.message}`);
  process.exit(1);
}
