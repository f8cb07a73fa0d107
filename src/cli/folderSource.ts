// A folder of notes on disk as the core's NoteSource (src/core/notes/pipeline.ts), read with Node's fs: what the
// command line reads notes through; and the folder's saved index in the folder `--cache` names.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { coreMessage } from '../core/messages';
import {
  decodeSnapshot, encodeSnapshot, MAX_SNAPSHOT_BYTES, restorableEntries, settingsKey, SNAPSHOT_MESSAGES, snapshotFileName,
  type FolderSnapshot, type SnapshotEntry, type SnapshotMessage,
} from '../core/notes/indexSnapshot';
import type { FolderSettings } from '../core/notes/noteSettings';
import { decodeNoteBytes } from '../core/notes/parser';
import { settle, type NoteSource } from '../core/notes/pipeline';
import { listFolderFiles } from './folderWalk';
import { readRegularFile, regularFileOnly, statAndReadRegularFile, statLocalFiles } from './regularFile';
import { CLI_MESSAGES as M, cliText } from './text';

/**
 * A folder of notes on disk as the core's NoteSource: a walk that does not enter excluded folders (node_modules,
 * .git… by VS Code's default excludes), and Node's fs. Symbolic links are left out: a note outside the folder is
 * never read through one (the MCP server relies on it), and a link loop cannot make the walk endless. Pipes,
 * sockets and devices are listed, so the pipeline reports each one it is given as not a file instead of reading it.
 */
export function nodeFolderSource(root: string, warn: (message: string) => void): NoteSource {
  const absolute = (relative: string) => path.join(root, ...relative.split('/'));
  return {
    list: (excludes) => listFolderFiles(root, {
      skipFolder: (relative) => excludes.excludes(relative),
      followLinks: false,
      onError: (folder, error) => warn(cliText(M.cannotRead, folder, error.message)),
    }),
    stat: (relative) => settle(() => fs.stat(absolute(relative))),
    read: (relative) => settle(() => readRegularFile(absolute(relative), regularFileOnly)),
    statAndRead: (relative, wanted) => settle(() => statAndReadRegularFile(absolute(relative), wanted)),
    statMany: (relatives) => statLocalFiles(relatives.map(absolute)),
  };
}

/** A note's text, read as the pipeline reads notes (a regular file, UTF-8); undefined when it cannot be. */
export async function readNoteText(uri: string): Promise<string | undefined> {
  const bytes = await settle(() => readRegularFile(fileURLToPath(uri), regularFileOnly));
  if (!(bytes instanceof Uint8Array)) return undefined;
  const decoded = decodeNoteBytes(bytes);
  return 'text' in decoded ? decoded.text : undefined;
}

/**
 * The saved index of a folder in the `--cache` folder: its entries, when there is a snapshot that can be trusted
 * (else none, with the one reason it was not on stderr).
 */
export async function readSavedIndex(cacheDir: string, folder: string, folderLabel: string, settings: FolderSettings, warn: (message: string) => void): Promise<readonly SnapshotEntry[]> {
  const file = path.join(cacheDir, snapshotFileName(folder));
  const tell = (message: SnapshotMessage) => warn(cliText(message.message, ...message.args));
  let bytes: Uint8Array;
  try {
    const { size } = await fs.stat(file);
    if (size > MAX_SNAPSHOT_BYTES) {
      tell(coreMessage(SNAPSHOT_MESSAGES, 'snapshot-too-large', [folderLabel, size, MAX_SNAPSHOT_BYTES]));
      return [];
    }
    bytes = await fs.readFile(file);
  } catch (error) {
    // The first run with this cache folder has no snapshot yet.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warn(cliText(M.cannotRead, file, (error as Error).message));
    return [];
  }
  const loaded = decodeSnapshot(bytes, { folder, settings: settingsKey(settings.parseOptions) }, folderLabel);
  if ('rejected' in loaded) {
    tell(loaded.rejected);
    return [];
  }
  return restorableEntries(loaded.snapshot, settings);
}

/** Saves a folder's snapshot in the `--cache` folder: a temporary file renamed over the old one, never over the cap. */
export async function writeSavedIndex(cacheDir: string, snapshot: FolderSnapshot, folderLabel: string, warn: (message: string) => void): Promise<void> {
  const bytes = encodeSnapshot(snapshot);
  if (bytes.length > MAX_SNAPSHOT_BYTES) {
    warn(cliText(SNAPSHOT_MESSAGES['snapshot-not-saved'], folderLabel, bytes.length, MAX_SNAPSHOT_BYTES));
    return;
  }
  const file = path.join(cacheDir, snapshotFileName(snapshot.folder));
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await fs.mkdir(cacheDir, { recursive: true });
    await fs.writeFile(temporary, bytes);
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    warn(cliText(M.cacheNotSaved, cacheDir, (error as Error).message));
  }
}
