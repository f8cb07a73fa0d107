// Reading a local file only when it is a regular file, and never blocking on it. A stat before the read is not enough:
// between the two the file can be replaced by a pipe, whose read waits for a writer forever. So the file is opened
// with O_NONBLOCK (opening a pipe then returns at once), checked on the open handle, and only then read. Shared by
// the command line and the Node extension host (its main thread and its parse worker).
import { closeSync, constants, fstatSync, openSync, promises as fs, readFileSync } from 'node:fs';
import { NOT_A_FILE, type ReadFailure } from '../core/notes/pipeline';

/** What is open, as the check before the read sees it. */
export interface OpenEntry {
  readonly isFile: boolean;
  readonly size: number;
}

// O_NONBLOCK does not exist on Windows, where opening a named pipe does not block on its other end.
const NON_BLOCKING_READ = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** A note's check: anything but a regular file is NOT_A_FILE. */
export const regularFileOnly = (entry: OpenEntry): ReadFailure | undefined => (entry.isFile ? undefined : NOT_A_FILE);

/** The bytes of the file at `path`, or what `refuse` says about it before a byte is read. */
export async function readRegularFile<Refusal>(path: string, refuse: (entry: OpenEntry) => Refusal | undefined): Promise<Uint8Array | Refusal> {
  const handle = await fs.open(path, NON_BLOCKING_READ);
  try {
    const entry = await handle.stat();
    return refuse({ isFile: entry.isFile(), size: entry.size }) ?? (await handle.readFile());
  } finally {
    await handle.close();
  }
}

/** readRegularFile for a thread that does nothing else (the parse worker), where synchronous calls cost less. */
export function readRegularFileSync<Refusal>(path: string, refuse: (entry: OpenEntry) => Refusal | undefined): Uint8Array | Refusal {
  const fd = openSync(path, NON_BLOCKING_READ);
  try {
    const entry = fstatSync(fd);
    return refuse({ isFile: entry.isFile(), size: entry.size }) ?? readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
