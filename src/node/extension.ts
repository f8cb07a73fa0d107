// The Node extension host entry (desktop, remote, Codespaces). Notes on the local disk — which, in a remote
// window, is the remote machine's — are read with Node's fs: each workspace.fs request is a round trip to the
// main thread, which dominates the first scan of a big workspace; the first scan reads and parses them in worker
// threads, so the extension host's own thread only indexes. Other schemes go through workspace.fs.
import { promises as fs } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as vscode from 'vscode';
import { activateShared, type ConferenceNotesApi } from '../vscode/activation';
import { createParsePool } from './parsePool';
import type { LocalNoteParser, NoteFileSystem } from '../vscode/noteWorkspace';

/** Node's errors as the FileSystemErrors workspace.fs throws, which the reader understands. */
function asFileSystemError(error: unknown, uri: vscode.Uri): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return vscode.FileSystemError.FileNotFound(uri);
  if (code === 'EACCES' || code === 'EPERM') return vscode.FileSystemError.NoPermissions(uri);
  return error;
}

const localFiles: NoteFileSystem = {
  async stat(uri) {
    if (uri.scheme !== 'file') return vscode.workspace.fs.stat(uri);
    try {
      return { size: (await fs.stat(uri.fsPath)).size };
    } catch (error) {
      throw asFileSystemError(error, uri);
    }
  },
  async readFile(uri) {
    if (uri.scheme !== 'file') return vscode.workspace.fs.readFile(uri);
    try {
      return await fs.readFile(uri.fsPath);
    } catch (error) {
      throw asFileSystemError(error, uri);
    }
  },
};

/**
 * A pool of worker threads for each scan, stopped when it is done: scans are rare, and idle workers would hold
 * memory. Two workers at most — the extension host shares the machine with the rest of VS Code.
 */
function parseLocalNotesWith(workerScript: string): LocalNoteParser {
  return async (files) => {
    const pool = createParsePool(Math.min(2, availableParallelism()), workerScript);
    try {
      return await pool.readAndParse(files);
    } finally {
      await pool.dispose();
    }
  };
}

export function activate(context: vscode.ExtensionContext): ConferenceNotesApi {
  return activateShared(context, { files: localFiles, parseLocalNotes: parseLocalNotesWith(context.asAbsolutePath('dist/parseWorker.js')) });
}

export function deactivate(): void {
  // Everything is registered on context.subscriptions and disposed by VS Code.
}
