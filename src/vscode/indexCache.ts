// Where the saved index lives in VS Code: the workspace's own storage (ExtensionContext.storageUri), one file per
// workspace folder, read and written through workspace.fs so that the web build keeps one too (the Node host passes
// a file system that reads and writes local storage with Node's fs, src/node/extension.ts). What a snapshot
// holds and when it is trusted is the core's (src/core/notes/indexSnapshot.ts); this file only stores the bytes:
// written to a temporary file and renamed over the old one, so a window closed mid-write leaves the old snapshot
// or the new one, never half of one; never larger than the cap.
import * as vscode from 'vscode';
import { coreMessage } from '../core/messages';
import { encodeSnapshot, MAX_SNAPSHOT_BYTES, SNAPSHOT_MESSAGES, snapshotFileName, type FolderSnapshot, type SnapshotMessage } from '../core/notes/indexSnapshot';

/** The part of workspace.fs the cache uses. */
export type CacheFileSystem = Pick<vscode.FileSystem, 'stat' | 'readFile' | 'writeFile' | 'rename' | 'delete' | 'createDirectory'>;

export class IndexCache {
  /** Folders whose index was too large to save, already logged: once, not at every save. */
  private readonly toldTooLarge = new Set<string>();
  private writes = 0;

  constructor(
    private readonly storage: vscode.Uri,
    private readonly log: (message: SnapshotMessage) => void,
    private readonly fs: CacheFileSystem = vscode.workspace.fs,
  ) {}

  private fileOf(folder: vscode.Uri): vscode.Uri {
    return vscode.Uri.joinPath(this.storage, 'index', snapshotFileName(folder.toString()));
  }

  /** The saved bytes of a folder's index; undefined when there are none (the first start) or they are over the cap. */
  async read(folder: vscode.Uri, folderLabel: string): Promise<Uint8Array | undefined> {
    const file = this.fileOf(folder);
    try {
      const { size } = await this.fs.stat(file);
      if (size > MAX_SNAPSHOT_BYTES) {
        this.log(coreMessage(SNAPSHOT_MESSAGES, 'snapshot-too-large', [folderLabel, size, MAX_SNAPSHOT_BYTES]));
        return undefined;
      }
      return await this.fs.readFile(file);
    } catch {
      // No snapshot yet, or storage that cannot be read: the folder is read in full, as without a cache.
      return undefined;
    }
  }

  /** Saves a folder's snapshot atomically, unless it is over the cap (then the old one stays, and it is said once). */
  async write(folder: vscode.Uri, folderLabel: string, snapshot: FolderSnapshot): Promise<void> {
    const bytes = encodeSnapshot(snapshot);
    const key = folder.toString();
    if (bytes.length > MAX_SNAPSHOT_BYTES) {
      if (!this.toldTooLarge.has(key)) this.log(coreMessage(SNAPSHOT_MESSAGES, 'snapshot-not-saved', [folderLabel, bytes.length, MAX_SNAPSHOT_BYTES]));
      this.toldTooLarge.add(key);
      return;
    }
    this.toldTooLarge.delete(key);
    const target = this.fileOf(folder);
    const temporary = target.with({ path: `${target.path}.${Date.now().toString(36)}-${this.writes++}.tmp` });
    await this.fs.createDirectory(vscode.Uri.joinPath(this.storage, 'index'));
    try {
      await this.fs.writeFile(temporary, bytes);
      await this.fs.rename(temporary, target, { overwrite: true });
    } catch (error) {
      await Promise.resolve(this.fs.delete(temporary)).catch(() => undefined);
      throw error;
    }
  }
}
