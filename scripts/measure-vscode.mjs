// Measures the extension in the real VS Code (server + web workbench, scripts/vscode-server.mjs) on the benchmark's
// 10,000-note workspace (bench/generate.ts, written on first use into the git-ignored bench/.workspaces/):
//   - activate(): the extension logs `Activated in {0} ms.` to its "Conference Notes" output channel;
//   - indexing: the `Indexed {0} notes ({1} sessions) in {2} ms.` line of the same channel;
//   - the time from opening the Conference Notes view until the Sessions tree shows its first conference, read from
//     the page (a first scan shows the notes read so far and fills in), and until the scan is done;
//   - whether the workbench stays responsive meanwhile: command palette open/close round trips, back to back,
//     until the scan is done;
//   - then a warm start: once the extension has saved its index (a `.snapshot` file in the workspace storage),
//     the window is reloaded with the Explorer in front, and the Conference Notes view opened again: the time
//     until its tree shows, and the `Restored … from the saved index in {2} ms` line; then the window is reloaded
//     once more with the view in front (the extension starts with the window): the time from the reload until the
//     workbench shows and until the tree does.
//   node scripts/measure-vscode.mjs [--notes N]      (default 10000; builds the extension first)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { require as tsxRequire } from 'tsx/cjs/api';
import { createCleanup, launchChromium, repoRoot, startServer, workbenchUrl } from './vscode-server.mjs';
import { openViewContainer, runCommand, treeItems } from '../test/ui/workbench.mjs';

const notesOption = process.argv.indexOf('--notes');
const noteCount = notesOption === -1 ? 10_000 : Number(process.argv[notesOption + 1]);
if (!Number.isInteger(noteCount) || noteCount <= 0) throw new Error('usage: measure-vscode.mjs [--notes N]');
const workbenchTimeoutMs = 60_000;
const treeTimeoutMs = 180_000;
const idleRoundTripCount = 10;
/** The extension saves its index a few seconds after a scan ends (SAVE_DEBOUNCE_MS), 200 ms or so for 10,000 notes. */
const snapshotTimeoutMs = 120_000;
/** Where the server's extension host writes the extension's log output channel, under its --user-data-dir. */
const outputChannelFile = 'conference-notes.conference-notes/Conference Notes.log';

/** A conference row of the Sessions tree. */
const conferenceRow = '.part.sidebar .monaco-list-row[role="treeitem"][aria-level="1"]';

/** Every file named `name` under `dir`, however deep. */
function filesNamed(dir, name) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).filter((path) => path.endsWith(`/${name}`) || path === name).map((path) => join(dir, path));
}

/** The extension's output channel as the server has written it so far. */
function outputChannelText(server) {
  return filesNamed(join(server.dirs.userData, 'logs'), outputChannelFile).map((file) => readFileSync(file, 'utf8')).join('\n');
}

/** The extension's output channel as the server wrote it, once it holds the indexing line. */
async function readOutputChannel(server, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const text = outputChannelText(server);
    if (/Indexed \S+ notes/.test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no "${outputChannelFile}" with an indexing line in the server's logs within ${timeoutMs / 1000} s`);
}

/**
 * The saved index the extension wrote under the server's data folders, once its size has stopped changing;
 * undefined when the extension logged that the index is over the size cap and was not saved.
 */
async function savedIndex(server, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (/was not saved: it would take/.test(await readOutputChannel(server, timeoutMs))) return undefined;
    const file = [server.dirs.userData, server.dirs.serverData]
      .flatMap((dir) => (existsSync(dir) ? readdirSync(dir, { recursive: true }).filter((path) => path.endsWith('.snapshot')).map((path) => join(dir, path)) : []))[0];
    const size = file && statSync(file).size;
    if (size && size === last) return { file, bytes: size };
    last = size;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`the extension saved no index within ${timeoutMs / 1000} s`);
}

/** Opens the Conference Notes view; resolves with the ms until the tree's first conference shows. */
async function timeToTree(page) {
  const opened = performance.now();
  await openViewContainer(page, 'Conference Notes');
  await page.locator(conferenceRow).first().waitFor({ timeout: treeTimeoutMs });
  return Math.round(performance.now() - opened);
}

/** The tree's conference rows once they have not changed for a second (at most a minute). */
async function settledConferences(page) {
  const deadline = Date.now() + 60_000;
  let rows = (await treeItems(page)).filter((item) => item.level === 1);
  for (let stableSince = Date.now(); Date.now() - stableSince < 1_000 && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = (await treeItems(page)).filter((item) => item.level === 1);
    if (JSON.stringify(now) !== JSON.stringify(rows)) stableSince = Date.now();
    rows = now;
  }
  return rows;
}

/** Every match of `pattern` in the output channel (each window of the measure appends a session of its own). */
function matchesOf(output, pattern) {
  return [...output.matchAll(new RegExp(pattern.source, 'g'))];
}

/** The last match of `pattern` in the output channel. */
function lastMatch(output, pattern) {
  return matchesOf(output, pattern).pop();
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
    const treeShown = page.locator(conferenceRow).first()
      .waitFor({ timeout: treeTimeoutMs })
      .then(() => performance.now() - opened);
    let populated = false;
    treeShown.then(() => (populated = true), () => (populated = true));
    const roundTrips = [];
    while (!populated) roundTrips.push(await paletteRoundTrip(page));
    const treeMs = await treeShown;
    const conferencesFirstShown = (await treeItems(page)).filter((item) => item.level === 1).length;
    // The tree fills in while the scan goes on: the round trips go on until the scan has logged its end.
    const scanDeadline = Date.now() + treeTimeoutMs;
    while (!/Indexed \S+ notes/.test(outputChannelText(server)) && Date.now() < scanDeadline) roundTrips.push(await paletteRoundTrip(page));
    const scanDoneMs = performance.now() - opened;
    // The last change of the index reaches the tree a moment after the line is logged: the rows once they have
    // stayed the same for a second.
    const conferences = await settledConferences(page);

    const output = await readOutputChannel(server, workbenchTimeoutMs);
    const activation = /Activated in ([\d.]+) ms\./.exec(output);
    const indexed = /Indexed (\d+) notes \((\d+) sessions\) in (\d+) ms\./.exec(output);

    const cold = {
      notes: workspace.files.length,
      sessions: workspace.sessions,
      activationMs: activation ? Number(activation[1]) : undefined,
      indexedNotes: indexed ? Number(indexed[1]) : undefined,
      indexedSessions: indexed ? Number(indexed[2]) : undefined,
      indexMs: indexed ? Number(indexed[3]) : undefined,
      viewOpenToTreeMs: Math.round(treeMs),
      conferencesFirstShown,
      viewOpenToScanDoneMs: Math.round(scanDoneMs),
      conferencesShown: conferences.length,
      paletteIdle: summarize(idleRoundTrips),
      paletteWhileIndexing: summarize(roundTrips),
    };
    // Warm: the same view in a reloaded window, from the index the first window saved.
    const snapshot = await savedIndex(server, snapshotTimeoutMs);
    if (!snapshot) return { ...cold, warm: 'no saved index: over the size cap (see the output channel)' };
    await runCommand(page, 'View: Show Explorer');
    await page.reload();
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: workbenchTimeoutMs });
    // As before the cold measure: the reloaded window and its extension host settle first.
    for (let i = 0; i < idleRoundTripCount; i++) await paletteRoundTrip(page);
    const warmTreeMs = await timeToTree(page);
    const warmConferences = (await treeItems(page)).filter((item) => item.level === 1);
    const restoredPattern = /Restored (\d+) notes \((\d+) sessions\) from the saved index in (\d+) ms/;
    const warmIndexedPattern = /Indexed (\d+) notes \((\d+) sessions\) in (\d+) ms\. (\d+) came from the saved index, (\d+) were read again\./;
    let warmOutput = await readOutputChannel(server, workbenchTimeoutMs);
    const warmDeadline = Date.now() + treeTimeoutMs;
    while (!lastMatch(warmOutput, warmIndexedPattern) && Date.now() < warmDeadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      warmOutput = await readOutputChannel(server, workbenchTimeoutMs);
    }
    const restored = lastMatch(warmOutput, restoredPattern);
    const warmIndexed = lastMatch(warmOutput, warmIndexedPattern);
    // A window that opens with the view in front: the extension starts with the window, and the tree waits for the
    // restore (the measure above opens the view once the reloaded window has settled, by when it is done).
    const sessionsBefore = matchesOf(warmOutput, restoredPattern).length;
    const reloaded = performance.now();
    await page.reload();
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: workbenchTimeoutMs });
    const workbenchMs = performance.now() - reloaded;
    await page.locator(conferenceRow).first().waitFor({ timeout: treeTimeoutMs });
    const inFrontTreeMs = performance.now() - reloaded;
    let inFrontOutput = await readOutputChannel(server, workbenchTimeoutMs);
    while (matchesOf(inFrontOutput, restoredPattern).length <= sessionsBefore && Date.now() < warmDeadline + treeTimeoutMs) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      inFrontOutput = await readOutputChannel(server, workbenchTimeoutMs);
    }
    const inFrontRestored = lastMatch(inFrontOutput, restoredPattern);
    return {
      ...cold,
      warm: {
        savedIndexBytes: snapshot.bytes,
        viewOpenToTreeMs: warmTreeMs,
        conferencesShown: warmConferences.length,
        restoredNotes: restored ? Number(restored[1]) : undefined,
        restoreMs: restored ? Number(restored[3]) : undefined,
        checkedMs: warmIndexed ? Number(warmIndexed[3]) : undefined,
        readAgain: warmIndexed ? Number(warmIndexed[5]) : undefined,
        viewInFront: {
          reloadToWorkbenchMs: Math.round(workbenchMs),
          reloadToTreeMs: Math.round(inFrontTreeMs),
          restoreMs: inFrontRestored ? Number(inFrontRestored[3]) : undefined,
        },
      },
    };
  } finally {
    await cleanup.run();
  }
}

const result = await measure();
console.log(JSON.stringify(result, null, 2));
