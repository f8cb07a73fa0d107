// The web-worker extension host of VS Code for the Web, through @vscode/test-web: the extension's browser entry
// (dist/web/extension.js, so run `node scripts/build.mjs` first) runs with `folderPath` served as a virtual folder
// (in memory: nothing can change it on disk) and the bundle at `extensionTestsPath`, whose `run()` the host calls.
// Used by the web-worker suite (test/web/run.mjs) and the browser indexing measurement (scripts/measure-web.mjs).
// No VS Code download: the web build comes from npm (scripts/setup-web.sh, run when missing), the browser is
// Debian's chromium, and the test server listens on loopback only.
import { runTests } from '@vscode/test-web';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { chromiumArgs, chromiumPath, findFreePort, repoRoot, runSetupScript } from '../../scripts/vscode-server.mjs';

const require = createRequire(import.meta.url);
const browserEntry = join(repoRoot, 'dist/web/extension.js');
// Where the test server listens: loopback only. The browser opens it by another loopback name (see
// adaptTestWebBrowser): chromium resolves every `*.localhost` name to loopback itself, the DNS is never asked.
const host = 'localhost';
const workbenchHost = 'workbench.localhost';

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


/** Runs `extensionTestsPath` in the web-worker host on `folderPath`; rejects when its `run()` rejects. */
export async function runInWebWorkerHost({ folderPath, extensionTestsPath, verbose = false }) {
  if (!existsSync(browserEntry)) throw new Error(`${browserEntry} is missing: run \`node scripts/build.mjs\` first`);
  const build = await webBuild();
  adaptTestWebBrowser();
  await runTests({
    browserType: 'chromium',
    browserOptions: chromiumArgs,
    headless: true,
    ...build,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath,
    folderPath,
    host,
    port: await findFreePort(),
    verbose,
    printServerLog: verbose,
  });
}
