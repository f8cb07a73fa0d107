// The Node extension host entry (desktop, remote, Codespaces). Notes on the local disk — which, in a remote
// window, is the remote machine's — are listed and read with Node's fs: each workspace.fs request is a round trip to
// the main thread, which dominates the first scan of a big workspace, and VS Code's file search took seconds where a
// walk of the folder takes milliseconds; the first scan reads and parses them in worker threads, so the extension
// host's own thread only indexes. Other schemes go through workspace.fs and VS Code's file search. The saved index
// in local workspace storage is stat-ed, read and written with Node's fs too: through workspace.fs, the 20 MB of
// 10,000 notes took 0.4 s to arrive, and its stat alone up to 0.5 s while a reloaded window was busy, on the way to
// the tree of a warm start.
import { promises as fs } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { settle } from '../core/notes/pipeline';
import { listFolderFiles } from '../cli/folderWalk';
import { readRegularFile, regularFileOnly, statAndReadRegularFile, statLocalFiles } from '../cli/regularFile';
import { activateShared, type ConferenceNotesApi } from '../vscode/activation';
import type { CacheFileSystem } from '../vscode/indexCache';
import { workspaceFileSystem, type LocalNoteParser, type NoteFileSystem } from '../vscode/noteWorkspace';
import { createParsePool } from './parsePool';

/** A local file's stat with Node's fs, as workspace.fs gives it. */
async function localStat(uri: vscode.Uri): Promise<vscode.FileStat> {
  const entry = await fs.stat(uri.fsPath);
  const type = entry.isFile() ? vscode.FileType.File : entry.isDirectory() ? vscode.FileType.Directory : vscode.FileType.Unknown;
  return { type, ctime: entry.ctimeMs, mtime: entry.mtimeMs, size: entry.size };
}

const localFiles: NoteFileSystem = {
  findFiles: workspaceFileSystem.findFiles,
  stat: (uri) => (uri.scheme === 'file' ? localStat(uri) : workspaceFileSystem.stat(uri)),
  readFile: (uri) => (uri.scheme === 'file' ? readRegularFile(uri.fsPath, regularFileOnly) : workspaceFileSystem.readFile(uri)),
  statLocalFiles: (uris) => statLocalFiles(uris.map((uri) => uri.fsPath)),
  listLocalFiles: (folder, skipFolder, onError) => listFolderFiles(folder.fsPath, { skipFolder, followLinks: true, onError: (folderPath, error) => onError(folderPath, error.message) }),
};

const localCacheFiles: CacheFileSystem = {
  stat: (uri) => (uri.scheme === 'file' ? localStat(uri) : vscode.workspace.fs.stat(uri)),
  readFile: (uri) => (uri.scheme === 'file' ? fs.readFile(uri.fsPath) : vscode.workspace.fs.readFile(uri)),
  writeFile: (uri, content) => (uri.scheme === 'file' ? fs.writeFile(uri.fsPath, content) : vscode.workspace.fs.writeFile(uri, content)),
  rename: (source, target, options) => vscode.workspace.fs.rename(source, target, options),
  delete: (uri, options) => vscode.workspace.fs.delete(uri, options),
  createDirectory: (uri) => vscode.workspace.fs.createDirectory(uri),
};

/**
 * A pool of worker threads for each scan, stopped when it is done: scans are rare, and idle workers would hold
 * memory. Two workers at most — the extension host shares the machine with the rest of VS Code. Files of a worker
 * that fails are read on this thread with fs.
 */
function parseLocalNotesWith(workerScript: string): LocalNoteParser {
  return async (files, onBatch) => {
    const pool = createParsePool({
      size: Math.min(2, availableParallelism()),
      createWorker: () => new Worker(workerScript),
      mainThread: { statAndRead: (path, wanted) => settle(() => statAndReadRegularFile(path, wanted)) },
    });
    try {
      return await pool.readAndParse(files, onBatch);
    } finally {
      await pool.dispose();
    }
  };
}

export function activate(context: vscode.ExtensionContext): ConferenceNotesApi {
  return activateShared(context, { files: localFiles, parseLocalNotes: parseLocalNotesWith(context.asAbsolutePath('dist/parseWorker.js')), cacheFiles: localCacheFiles });
}

export function deactivate(): void {
  // Everything is registered on context.subscriptions and disposed by VS Code.
}
