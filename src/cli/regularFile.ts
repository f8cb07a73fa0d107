// Reading a local file only when it is a regular file, and never blocking on it. A stat before the read is not enough:
// between the two the file can be replaced by a pipe, whose read waits for a writer forever. So the file is opened
// with O_NONBLOCK (opening a pipe then returns at once), checked on the open handle, and only then read. Shared by
// the command line and the Node extension host (its main thread and its parse worker).
import { closeSync, constants, fstatSync, openSync, promises as fs, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { NOT_A_FILE, readFailureOf, type ReadFailure } from '../core/notes/pipeline';

/** What is open, as the check before the read sees it. */
export interface OpenEntry {
  readonly isFile: boolean;
  readonly size: number;
}

// O_NONBLOCK does not exist on Windows, where opening a named pipe does not block on its other end.
const NON_BLOCKING_READ = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** A note's check: anything but a regular file is NOT_A_FILE. */
export const regularFileOnly = (entry: OpenEntry): ReadFailure | undefined => (entry.isFile ? undefined : NOT_A_FILE);

/** The stat of the open file at `path`, and its bytes when `wanted` says so: one lookup of the path, no window for a pipe. */
export async function statAndReadRegularFile(path: string, wanted: (stat: Stats) => boolean): Promise<{ readonly stat: Stats; readonly bytes?: Uint8Array }> {
  const handle = await fs.open(path, NON_BLOCKING_READ);
  try {
    const stat = await handle.stat();
    return wanted(stat) ? { stat, bytes: await handle.readFile() } : { stat };
  } finally {
    await handle.close();
  }
}

/** statAndReadRegularFile for a thread that does nothing else (the parse worker), where synchronous calls cost less. */
export function statAndReadRegularFileSync(path: string, wanted: (stat: Stats) => boolean): { readonly stat: Stats; readonly bytes?: Uint8Array } {
  const fd = openSync(path, NON_BLOCKING_READ);
  try {
    const stat = fstatSync(fd);
    return wanted(stat) ? { stat, bytes: readOpenFileSync(fd, stat.size) } : { stat };
  } finally {
    closeSync(fd);
  }
}

/**
 * The bytes of an open regular file of `size` bytes (as its fstat said): `readFileSync(fd)` would stat it again.
 * A file that shrank since is read to its end; a size of 0 (some file systems report no size) reads to the end.
 */
function readOpenFileSync(fd: number, size: number): Uint8Array {
  if (size === 0) return readFileSync(fd);
  const buffer = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const read = readSync(fd, buffer, filled, size - filled, filled);
    if (read === 0) break;
    filled += read;
  }
  return filled === size ? buffer : buffer.subarray(0, filled);
}

/** The bytes of the file at `path`, or what `refuse` says about it before a byte is read. */
export async function readRegularFile<Refusal>(path: string, refuse: (entry: OpenEntry) => Refusal | undefined): Promise<Uint8Array | Refusal> {
  let refusal: Refusal | undefined;
  const { bytes } = await statAndReadRegularFile(path, (stat) => (refusal = refuse({ isFile: stat.isFile(), size: stat.size })) === undefined);
  return bytes ?? (refusal as Refusal);
}

/** How long statLocalFiles keeps the thread before it lets the event loop turn. */
const STAT_SLICE_MS = 5;

/**
 * The stat of each path, or why it failed, in order: synchronous stats, which cost a fifth of fs.promises.stat (its
 * promise and thread-pool round trip are most of a stat of a cached file: 10,000 files in 40–60 ms against 200–300 ms),
 * in slices of a few milliseconds between which the event loop turns, so the thread stays responsive.
 */
export async function statLocalFiles(paths: readonly string[]): Promise<(Stats | ReadFailure)[]> {
  const stats: (Stats | ReadFailure)[] = [];
  let sliceStart = performance.now();
  for (const path of paths) {
    if (performance.now() - sliceStart > STAT_SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    try {
      stats.push(statSync(path));
    } catch (error) {
      stats.push(readFailureOf(error));
    }
  }
  return stats;
}
