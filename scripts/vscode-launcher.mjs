#!/usr/bin/env node
// Stands in for the VS Code executable given to @vscode/test-electron (`runTests({ vscodeExecutablePath })`)
// and @vscode/test-cli (`useInstallation: { fromPath }`) where no desktop VS Code can be installed: it runs
// the extension tests in the real VS Code server + web workbench (see scripts/vscode-server.mjs), prints
// the test output and exits with the tests' exit code.
//
//   vscode-launcher.mjs [folder | file.code-workspace] --extensionDevelopmentPath=DIR
//                       --extensionTestsPath=PATH [other VS Code options, ignored]
//
// Environment: the launcher's own environment reaches the extension host (test-cli passes the test runner
// its options in VSCODE_TEST_OPTIONS). VSCODE_LAUNCHER_TIMEOUT_S (default 600) bounds the test run once
// the workbench is loading (starting the server and the browser have their own, shorter limits);
// VSCODE_LAUNCHER_VERBOSE=1 also prints the server's and the workbench's own output, on stderr.
import { resolve } from 'node:path';
import { format } from 'node:util';
import { createCleanup, launchChromium, startServer, workbenchUrl } from './vscode-server.mjs';

const usage = 'usage: vscode-launcher.mjs [folder | file.code-workspace] --extensionDevelopmentPath=DIR --extensionTestsPath=PATH';
const timeoutSeconds = Number(process.env.VSCODE_LAUNCHER_TIMEOUT_S ?? 600);
const verbose = process.env.VSCODE_LAUNCHER_VERBOSE === '1';
const timeoutExitCode = 124; // as coreutils `timeout`
const serverTailLines = 40;

/** Workbench log lines that say nothing about the tests: connection set-up, the unreachable extension
 *  gallery, features of the web workbench that this server does not serve. Anything else is printed,
 *  so an extension that fails to activate still shows up. */
const workbenchChatter = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^\[reconnection-grace-time\]/,
  /^\[Service Worker\]/,
  /^Updating additional builtin extensions cache/,
  /^\[AgentHost/,
  /^\[AccountPolicyGate\]/,
  /getaddrinfo (ENOTFOUND|EAI_AGAIN)/,
  /^Timed out waiting for authentication provider/,
];

/** The options test-electron passes that matter here; the rest (sandbox, profile dirs…) are for desktop. */
function parseArgs(argv) {
  const parsed = { extensionDevelopmentPaths: [], extensionTestsPath: undefined, targets: [] };
  for (let i = 0; i < argv.length; i++) {
    const option = /^--(extensionDevelopmentPath|extensionTestsPath)(?:=(.*))?$/.exec(argv[i]);
    if (option) {
      const value = option[2] ?? argv[++i];
      if (!value) throw new Error(`--${option[1]} needs a value\n${usage}`);
      if (option[1] === 'extensionDevelopmentPath') parsed.extensionDevelopmentPaths.push(resolve(value));
      else parsed.extensionTestsPath = resolve(value);
    } else if (!argv[i].startsWith('-')) {
      parsed.targets.push(resolve(argv[i]));
    }
  }
  if (!parsed.extensionTestsPath || parsed.extensionDevelopmentPaths.length === 0) throw new Error(usage);
  if (parsed.targets.length > 1) throw new Error(`open one folder or workspace file, not ${parsed.targets.length}\n${usage}`);
  return parsed;
}

async function runTests({ extensionDevelopmentPaths, extensionTestsPath, targets }, cleanup) {
  const serverTail = [];
  const server = await startServer({
    cleanup,
    onOutput: (line) => {
      if (verbose) console.error(`[server] ${line}`);
      serverTail.push(line);
      if (serverTail.length > serverTailLines) serverTail.shift();
    },
  }).catch((error) => {
    if (serverTail.length) console.error(serverTail.join('\n'));
    throw error;
  });
  const browser = await launchChromium(cleanup);
  const page = await browser.newPage();

  let finish;
  const finished = new Promise((resolveFinished) => (finish = resolveFinished));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const line = format(...args);
    if (verbose) console.error(`[workbench ${type}] ${line}`);
    else if (!workbenchChatter.some((pattern) => pattern.test(line))) console.log(line);
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish({ code }));
  if (verbose) page.on('console', (message) => console.error(`[page ${message.type()}] ${message.text()}`));
  page.on('crash', () => finish({ code: 1, reason: 'the workbench page crashed' }));
  server.unexpectedExit.then((reason) => finish({ code: 1, reason: `the VS Code server exited (${reason}) before the tests finished`, showServerTail: true }));
  const timer = setTimeout(() => finish({
    code: timeoutExitCode,
    reason: `the tests did not finish within ${timeoutSeconds} s (VSCODE_LAUNCHER_TIMEOUT_S)`,
    showServerTail: true,
  }), timeoutSeconds * 1000);
  cleanup.add(() => clearTimeout(timer));

  await page.goto(workbenchUrl(server, { target: targets[0], extensionDevelopmentPaths, extensionTestsPath }));

  const outcome = await finished;
  if (outcome.reason) {
    console.error(`vscode-launcher: ${outcome.reason}`);
    if (outcome.showServerTail) console.error(`last server output:\n${serverTail.join('\n')}`);
  }
  return outcome.code;
}

const cleanup = createCleanup();
let exitCode;
try {
  exitCode = await runTests(parseArgs(process.argv.slice(2)), cleanup);
} catch (error) {
  console.error(`vscode-launcher: ${error.message}`);
  exitCode = 1;
} finally {
  await cleanup.run();
}
process.exit(exitCode);
