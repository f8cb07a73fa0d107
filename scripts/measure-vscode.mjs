// Measures the extension in the real VS Code (server + web workbench, scripts/vscode-server.mjs) on the benchmark's
// 10,000-note workspace (bench/generate.ts, written on first use into the git-ignored bench/.workspaces/):
//   - activate(): the extension logs `Activated in {0} ms.` to its "Conference Notes" output channel;
//   - indexing: the `Indexed {0} notes ({1} sessions) in {2} ms.` line of the same channel;
//   - the time from opening the Conference Notes view until the Sessions tree shows the conferences, read from
//     the page;
//   - whether the workbench stays responsive meanwhile: command palette open/close round trips, back to back,
//     until the tree is populated.
//   node scripts/measure-vscode.mjs [--notes N]      (default 10000; builds the extension first)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { require as tsxRequire } from 'tsx/cjs/api';
import { createCleanup, launchChromium, repoRoot, startServer, workbenchUrl } from './vscode-server.mjs';
import { openViewContainer, treeItems } from '../test/ui/workbench.mjs';

const notesOption = process.argv.indexOf('--notes');
const noteCount = notesOption === -1 ? 10_000 : Number(process.argv[notesOption + 1]);
if (!Number.isInteger(noteCount) || noteCount <= 0) throw new Error('usage: measure-vscode.mjs [--notes N]');
const workbenchTimeoutMs = 60_000;
const treeTimeoutMs = 180_000;
const idleRoundTripCount = 10;
/** Where the server's extension host writes the extension's log output channel, under its --user-data-dir. */
const outputChannelFile = 'conference-notes.conference-notes/Conference Notes.log';

/** Every file named `name` under `dir`, however deep. */
function filesNamed(dir, name) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).filter((path) => path.endsWith(`/${name}`) || path === name).map((path) => join(dir, path));
}

/** The extension's output channel as the server wrote it, once it holds the indexing line. */
async function readOutputChannel(server, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const text = filesNamed(join(server.dirs.userData, 'logs'), outputChannelFile).map((file) => readFileSync(file, 'utf8')).join('\n');
    if (/Indexed \S+ notes/.test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no "${outputChannelFile}" with an indexing line in the server's logs within ${timeoutMs / 1000} s`);
}

/** Opens and closes the command palette once; resolves with the round trip in ms. */
async function paletteRoundTrip(page) {
  const started = performance.now();
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  return performance.now() - started;
}

/** Count, median and maximum of round-trip times in ms. */
function summarize(times) {
  const sorted = [...times].sort((a, b) => a - b);
  if (sorted.length === 0) return { count: 0 };
  return { count: sorted.length, medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]), maxMs: Math.round(sorted[sorted.length - 1]) };
}

async function measure() {
  const build = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('scripts/build.mjs failed');
  // bench/generate.ts is CommonJS TypeScript (it places the workspaces by its own __dirname).
  const { ensureWorkspace } = tsxRequire('../bench/generate.ts', import.meta.url);
  const workspace = await ensureWorkspace(noteCount, (message) => console.log(message));

  const cleanup = createCleanup();
  try {
    const server = await startServer({ cleanup });
    const browser = await launchChromium(cleanup);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(workbenchTimeoutMs);
    await page.goto(workbenchUrl(server, { target: workspace.root, extensionDevelopmentPaths: [repoRoot] }));
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: workbenchTimeoutMs });

    // The same round trip before the extension runs: what "responsive" looks like on this machine.
    const idleRoundTrips = [];
    for (let i = 0; i < idleRoundTripCount; i++) idleRoundTrips.push(await paletteRoundTrip(page));

    const opened = performance.now();
    await openViewContainer(page, 'Conference Notes');
    const treeShown = page.locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="1"]').first()
      .waitFor({ timeout: treeTimeoutMs })
      .then(() => performance.now() - opened);
    let populated = false;
    treeShown.then(() => (populated = true), () => (populated = true));
    const roundTrips = [];
    while (!populated) roundTrips.push(await paletteRoundTrip(page));
    const treeMs = await treeShown;
    const conferences = (await treeItems(page)).filter((item) => item.level === 1);

    const output = await readOutputChannel(server, workbenchTimeoutMs);
    const activation = /Activated in ([\d.]+) ms\./.exec(output);
    const indexed = /Indexed (\d+) notes \((\d+) sessions\) in (\d+) ms\./.exec(output);
    return {
      notes: workspace.files.length,
      sessions: workspace.sessions,
      activationMs: activation ? Number(activation[1]) : undefined,
      indexedNotes: indexed ? Number(indexed[1]) : undefined,
      indexedSessions: indexed ? Number(indexed[2]) : undefined,
      indexMs: indexed ? Number(indexed[3]) : undefined,
      viewOpenToTreeMs: Math.round(treeMs),
      conferencesShown: conferences.length,
      paletteIdle: summarize(idleRoundTrips),
      paletteWhileIndexing: summarize(roundTrips),
    };
  } finally {
    await cleanup.run();
  }
}

const result = await measure();
console.log(JSON.stringify(result, null, 2));
