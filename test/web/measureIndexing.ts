// The browser indexing figure, run in the web-worker extension host by scripts/measure-web.mjs (not part of the
// suite: it asserts nothing about time). The first scan is what a user waits for when the Sessions view opens; the
// rescans (Refresh Sessions) read the same files again once the host and the test server are warm. The floors
// beside them, timed after the rescans as warm: the file search alone, and reading every indexed note through
// workspace.fs (as many in flight as a scan keeps) with nothing parsed. Each line is printed to the page's console,
// which test-web passes to the terminal.
import * as vscode from 'vscode';
import { NOTE_GLOB } from '../../src/core/notes/excludes';
import { mapConcurrently } from '../../src/core/notes/pipeline';
import type { ConferenceNotesApi } from '../../src/vscode/activation';
import { READ_CONCURRENCY } from '../../src/vscode/noteWorkspace';
import { EXTENSION_ID } from '../suite/helpers';

const RESCANS = 5;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(task: () => PromiseLike<unknown>): Promise<number> {
  const started = performance.now();
  await task();
  return performance.now() - started;
}

/** Reads every file through workspace.fs, as many in flight as a scan keeps, and drops the bytes: the floor a scan's reading cannot go under. */
async function readEvery(uris: readonly vscode.Uri[]): Promise<void> {
  await mapConcurrently(uris, READ_CONCURRENCY, async (uri) => {
    await vscode.workspace.fs.readFile(uri);
  });
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<ConferenceNotesApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  const started = performance.now();
  await api.notes.ready();
  const firstScanMs = performance.now() - started;
  const rescanMs: number[] = [];
  for (let i = 0; i < RESCANS; i++) rescanMs.push(await timed(() => api.notes.rescan()));
  const uris = api.notes.index.uris().map((uri) => vscode.Uri.parse(uri));
  const findFilesMs: number[] = [];
  const readMs: number[] = [];
  for (let i = 0; i < RESCANS; i++) {
    findFilesMs.push(await timed(() => vscode.workspace.findFiles(NOTE_GLOB)));
    readMs.push(await timed(() => readEvery(uris)));
  }
  const result = {
    notes: uris.length,
    sessions: api.notes.index.sessionCount,
    first_scan_ms: Math.round(firstScanMs),
    rescan_median_ms: Math.round(median(rescanMs)),
    rescan_ms: rescanMs.map(Math.round),
    find_files_median_ms: Math.round(median(findFilesMs)),
    read_median_ms: Math.round(median(readMs)),
  };
  console.log(`web indexing: ${JSON.stringify(result)}`);
}
