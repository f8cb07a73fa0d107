// The browser indexing figure, run in the web-worker extension host by scripts/measure-web.mjs (not part of the
// suite: it asserts nothing about time). The first scan is what a user waits for when the Sessions view opens; the
// rescans (Refresh Sessions) read the same files again once the host and the test server are warm. Each line is
// printed to the page's console, which test-web passes to the terminal.
import * as vscode from 'vscode';
import type { ConferenceNotesApi } from '../../src/vscode/activation';
import { EXTENSION_ID } from '../suite/helpers';

const RESCANS = 5;

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<ConferenceNotesApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  const started = performance.now();
  await api.notes.ready();
  const firstScanMs = performance.now() - started;
  const rescanMs: number[] = [];
  for (let i = 0; i < RESCANS; i++) {
    const rescanStarted = performance.now();
    await api.notes.rescan();
    rescanMs.push(performance.now() - rescanStarted);
  }
  const sorted = [...rescanMs].sort((a, b) => a - b);
  const result = {
    notes: api.notes.index.uris().length,
    sessions: api.notes.index.sessionCount,
    first_scan_ms: Math.round(firstScanMs),
    rescan_median_ms: Math.round(sorted[Math.floor(sorted.length / 2)]),
    rescan_ms: rescanMs.map(Math.round),
  };
  console.log(`web indexing: ${JSON.stringify(result)}`);
}
