// Keeps the core NoteIndex in step with the workspace: the first scan (lazy — started by the first view or command
// that needs notes), file-system events batched into one pass, unsaved editor changes (debounced), and the
// diagnostics that bad notes produce. Every note goes through the core's reading pipeline (src/core/notes/
// pipeline.ts) over a NoteSource for its workspace folder: files are found through VS Code's file search and read
// through the platform's NoteFileSystem (Node fs for local files, workspace.fs otherwise), so remote and virtual
// workspaces (and the web worker) read notes as the CLI does.
// With a saved index (indexCache.ts), the first scan is a warm start: the tree is drawn at once from the notes
// saved at the end of the last session, then every note is stat-ed and only the changed, new or removed ones are
// read; the index is saved again (debounced) whenever what was read from disk changes. Without one, the first scan
// indexes the notes as it reads them (ScanProgress), so the tree fills in instead of staying empty until the end.
import * as vscode from 'vscode';
import { fileSearchExclude, isNoteFile, NOTE_GLOB } from '../core/notes/excludes';
import { decodeSnapshot, folderSnapshot, restorableEntries, settingsKey, type FileKey, type SnapshotEntry } from '../core/notes/indexSnapshot';
import type { NoteDiagnostic, ParsedNote } from '../core/notes/model';
import { NoteIndex } from '../core/notes/noteIndex';
import type { FolderSettings } from '../core/notes/noteSettings';
import {
  folderFile, listNotes, NOT_A_FILE, parseNoteText, problemLine, problemsOf, readNote, readNotes, settle, staleFiles, type NoteFileRef, type NoteReading, type NoteSource, type NoteStat, type ReadFailure,
} from '../core/notes/pipeline';
import type { BatchListener, NoteFile, PoolReadings } from '../node/parsePool';
import { Disposable } from './disposable';
import type { IndexCache } from './indexCache';
import { ExtensionSettings } from './settings';

/** File reads in flight at once: enough to hide the round trip of each request, few enough to bound memory. */
export const READ_CONCURRENCY = 128;
/** Quiet time before a burst of file-system events is indexed in one pass (e.g. a `git checkout`). */
const WATCH_BATCH_MS = 300;
/** Quiet time after the last keystroke before an unsaved document is re-read. */
const TYPING_DEBOUNCE_MS = 250;
/** Quiet time before the index is saved: a save serialises every note of a folder, so not after each change. */
const SAVE_DEBOUNCE_MS = 5_000;
/**
 * The least time between two of a cold first scan's updates of the index with the notes read so far: the tree shows
 * the first ones as soon as they are read and fills in as the scan goes on, where it stayed empty until the end
 * (seconds, for thousands of notes).
 */
const PROGRESS_INDEX_MS = 500;
/**
 * A warm start reads fewer files than this on the main thread: starting the worker pool costs more than parsing
 * a few hundred notes.
 */
const WARM_POOL_MIN_FILES = 500;

/**
 * Reads and parses local notes (file: URIs) off the extension host's main thread, in the order given: the Node
 * host's worker pool (src/node/parsePool.ts); `onBatch` hears of the readings as they come in. Platforms without
 * one read and parse on the main thread.
 */
export type LocalNoteParser = (files: readonly NoteFile[], onBatch?: BatchListener) => Promise<PoolReadings>;

/** The file operations reading notes needs: VS Code's file search, and a stat and a read (workspace.fs has them). */
export interface NoteFileSystem {
  /** `exclude`: undefined applies files.exclude (VS Code's default), null nothing. */
  findFiles(include: vscode.RelativePattern, exclude: string | null | undefined): Thenable<vscode.Uri[]>;
  stat(uri: vscode.Uri): Thenable<{ readonly size: number; readonly type: vscode.FileType; readonly mtime?: number }>;
  /** The bytes, or NOT_A_FILE when the file turned out not to be a regular file as it was opened. */
  readFile(uri: vscode.Uri): Thenable<Uint8Array | ReadFailure>;
  /** Optional, for `file:` URIs only: the stat of each, in order, asked at once (the core's `NoteSource.statMany`). */
  statLocalFiles?(uris: readonly vscode.Uri[]): Promise<readonly (NoteStat | ReadFailure)[]>;
  /**
   * Optional, for a `file:` folder only: its files as `/`-separated relative paths, without entering a folder
   * `skipFolder` names, instead of VS Code's file search; `onError` hears of each folder that could not be read.
   */
  listLocalFiles?(folder: vscode.Uri, skipFolder: (relativePath: string) => boolean, onError: (folderPath: string, message: string) => void): Promise<readonly string[]>;
}

/** VS Code's own: file search and workspace.fs, which reach every file system provider. */
export const workspaceFileSystem: NoteFileSystem = {
  findFiles: (include, exclude) => vscode.workspace.findFiles(include, exclude),
  stat: (uri) => vscode.workspace.fs.stat(uri),
  readFile: (uri) => vscode.workspace.fs.readFile(uri),
};

/** A workspace folder as the pipeline reads it, and the URI VS Code gave each of its files. */
type FolderSource = NoteSource & { uriOf(path: string): vscode.Uri };

/** One file's reading, and where it is: its workspace folder and its path there. */
interface WorkspaceReading {
  readonly folder: vscode.WorkspaceFolder;
  readonly path: string;
  readonly uri: vscode.Uri;
  readonly reading: NoteReading;
}

/** A note's path relative to its workspace folder, `/`-separated. */
function relativePath(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string {
  return uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
}

export class NoteWorkspace extends Disposable {
  readonly index = new NoteIndex();
  /** The settings every feature reads notes with; cached per folder, invalidated on configuration changes. */
  // Refused globs are logged when a folder's settings are read: once, not for every note they were meant for.
  readonly settings = this.register(new ExtensionSettings((problem) => this.output.warn(vscode.l10n.t(problem.message, ...problem.args))));
  private readonly problems = this.register(vscode.languages.createDiagnosticCollection('conference-notes'));
  private scan: Promise<void> | undefined;
  /**
   * Resolves once the first scan has put notes in the index that can be shown before it is done: a warm start's saved
   * notes, or the first ones a cold start has read.
   */
  private readonly firstNotesIndexed: Promise<void>;
  private markFirstNotesIndexed!: () => void;
  /** Scans of the whole workspace in progress: a rescan asked for while one runs waits for it, so at most two. */
  private scansRunning = 0;
  private scanCompleted = false;
  private indexFilling = false;
  private readonly scanningChanged = this.register(new vscode.EventEmitter<void>());
  /** A scan of the whole workspace started or ended: `scanning` and `hasScanned` tell the view what to show. */
  readonly onDidChangeScanning = this.scanningChanged.event;
  /** The watchers are started with the first scan, and stay even when a scan fails, so an event can retry it. */
  private watching = false;
  private lastScanFailed = false;
  private pendingChanges = new Set<string>();
  private pendingTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** What was last logged for each file, so an unchanged problem is not logged again on every re-read. */
  private readonly reported = new Map<string, string>();
  /**
   * The version on disk of each indexed note that was read from its file (not from an open document's unsaved
   * text): what the saved index may keep of it. By URI.
   */
  private readonly fileKeys = new Map<string, { readonly folder: string; readonly path: string; readonly key: FileKey }>();
  /** The saved index of each workspace folder, read as the extension starts and used by the first scan. */
  private readonly savedIndexes = new Map<string, Promise<Uint8Array | undefined>>();
  /** Settles once every saved index has been read (or found missing). */
  private readonly savedIndexesRead: Promise<unknown>;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly files: NoteFileSystem,
    private readonly parseLocal?: LocalNoteParser,
    private readonly cache?: IndexCache,
  ) {
    super();
    this.firstNotesIndexed = new Promise((resolve) => (this.markFirstNotesIndexed = resolve));
    // Only the bytes: decoding waits for the first scan, so activation stays as quick as it was.
    for (const folder of cache ? vscode.workspace.workspaceFolders ?? [] : []) {
      this.savedIndexes.set(folder.uri.toString(), cache!.read(folder.uri, folder.name));
    }
    this.savedIndexesRead = Promise.all(this.savedIndexes.values());
  }

  /** Resolves once the whole workspace has been indexed; the first call starts the scan and the watchers. */
  ready(): Promise<void> {
    this.scan ??= this.startScan(false);
    return this.scan;
  }

  /**
   * Resolves once the index can be shown: when a warm start has restored the saved notes (the check for changes goes
   * on and updates the index in place), when a cold start has indexed the first notes it read (the rest follow), or
   * when the first scan is done. What the tree waits for.
   */
  showable(): Promise<void> {
    return Promise.race([this.firstNotesIndexed, this.ready()]);
  }

  /** Re-reads everything, e.g. after a settings change; also what recovers from a failed scan. */
  async rescan(): Promise<void> {
    // A scan in progress finishes first (its result is replaced); a failed one is not waited for, it is redone.
    await this.scan?.catch(() => undefined);
    this.scan = this.startScan(true);
    await this.scan;
  }

  /** Whether the whole workspace is being read (the first scan, or a rescan). */
  get scanning(): boolean {
    return this.scansRunning > 0;
  }

  /** Whether the last scan of the whole workspace failed (and the index may lack notes). */
  get scanFailed(): boolean {
    return this.lastScanFailed;
  }

  /** Whether a scan of the whole workspace has finished, so an empty index means the workspace has no notes. */
  get hasScanned(): boolean {
    return this.scanCompleted;
  }

  /**
   * Whether a first scan is putting the notes in the index as it reads them: what the index holds is only part of the
   * workspace (one conference so far may be the first of many) until the scan ends and `onDidChangeScanning` fires.
   */
  get filling(): boolean {
    return this.indexFilling;
  }

  private async startScan(replaceAll: boolean): Promise<void> {
    this.watch();
    this.scansRunning++;
    this.scanningChanged.fire();
    try {
      await this.indexWorkspace(replaceAll);
      this.lastScanFailed = false;
    } catch (error) {
      this.lastScanFailed = true;
      this.output.error(vscode.l10n.t('Reading the workspace failed: {0}. Refresh Sessions, or any change to a note, tries again.', error instanceof Error ? error.message : String(error)));
      throw error;
    } finally {
      this.scansRunning--;
      this.scanCompleted ||= !this.lastScanFailed;
      this.indexFilling = false;
      this.scanningChanged.fire();
    }
  }

  private watch(): void {
    if (this.watching) return;
    this.watching = true;
    const watcher = vscode.workspace.createFileSystemWatcher(NOTE_GLOB);
    // A deleted or moved-in folder is reported as the folder alone, which the note glob does not match.
    const folderWatcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    const onFolderEvent = (uri: vscode.Uri) => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (!isNoteFile(uri.path) && folder && !this.settings.folder(folder.uri).excludes.excludes(relativePath(folder, uri))) this.queue(uri);
    };
    this.register(vscode.Disposable.from(
      watcher,
      watcher.onDidCreate((uri) => this.queue(uri)),
      watcher.onDidChange((uri) => this.queue(uri)),
      watcher.onDidDelete((uri) => this.queue(uri)),
      folderWatcher,
      folderWatcher.onDidCreate(onFolderEvent),
      folderWatcher.onDidDelete(onFolderEvent),
      vscode.workspace.onDidChangeTextDocument((event) => this.onDocumentEdited(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        // An edited-but-unsaved document that is closed reverts to what is on disk.
        if (this.isIncluded(document.uri)) this.queue(document.uri);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rescanInBackground()),
      this.settings.onDidChangeReading(() => this.rescanInBackground()),
    ));
  }

  /** A rescan nobody waits for: a failure is already logged (by startScan), and the next event retries. */
  private rescanInBackground(): void {
    this.rescan().catch(() => undefined);
  }

  /** The core's NoteSource over one workspace folder: paths relative to the folder. */
  private sourceOf(folder: vscode.WorkspaceFolder): FolderSource {
    // The listing's URIs, so each note keeps the URI VS Code gave it (and its events will give); a walked file's,
    // made once: a scan asks for each file's URI, its text and its path on disk (100,000 files: tenths of a second).
    const listed = new Map<string, vscode.Uri>();
    const uriOf = (path: string) => {
      let uri = listed.get(path);
      if (!uri) listed.set(path, (uri = vscode.Uri.joinPath(folder.uri, ...path.split('/'))));
      return uri;
    };
    const statLocalFiles = this.files.statLocalFiles?.bind(this.files);
    const listLocalFiles = folder.uri.scheme === 'file' ? this.files.listLocalFiles?.bind(this.files) : undefined;
    return {
      uriOf,
      list: async (excludes) => {
        if (listLocalFiles) {
          // The walk's hundreds of reads would queue in Node's thread pool with the saved index's, which the tree
          // waits for: it starts once that is in (a cache read never fails, it gives undefined).
          await this.savedIndexesRead;
          return listLocalFiles(folder.uri, (relative) => excludes.excludes(relative), this.logUnreadableFolder);
        }
        // Only the globs VS Code's own engine matches quickly; null rather than undefined, which would hand it
        // files.exclude whole. listNotes applies every glob to what the search finds.
        const uris = await this.files.findFiles(new vscode.RelativePattern(folder, NOTE_GLOB), fileSearchExclude(excludes) ?? null);
        return uris.map((uri) => {
          const path = relativePath(folder, uri);
          listed.set(path, uri);
          return path;
        });
      },
      stat: (path) => this.statOf(uriOf(path)),
      read: (path) => settle(() => this.files.readFile(uriOf(path))),
      ...(statLocalFiles && folder.uri.scheme === 'file' ? { statMany: (paths: readonly string[]) => statLocalFiles(paths.map(uriOf)) } : {}),
    };
  }

  private statOf(uri: vscode.Uri): Promise<NoteStat | ReadFailure> {
    return settle(async () => {
      const { size, type, mtime } = await this.files.stat(uri);
      return { size, mtimeMs: mtime, isFile: () => (type & vscode.FileType.File) !== 0 };
    });
  }

  /**
   * A file of the workspace read as notes are (the user's templates): only when it is a regular file, so a pipe or
   * a device in its place is never read (its read could wait forever).
   */
  /** A note as the user sees it: the open editor's text (unsaved edits included), else the saved file if it is one. */
  async noteText(uri: vscode.Uri): Promise<string | undefined> {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open) return open.getText();
    const bytes = await this.readRegularFile(uri);
    return bytes instanceof Uint8Array ? new TextDecoder().decode(bytes) : undefined;
  }

  async readRegularFile(uri: vscode.Uri): Promise<Uint8Array | ReadFailure> {
    const stat = await this.statOf(uri);
    if ('failure' in stat) return stat;
    return stat.isFile() ? settle(() => this.files.readFile(uri)) : NOT_A_FILE;
  }

  private async indexWorkspace(replaceAll: boolean): Promise<void> {
    const started = Date.now();
    const folders = vscode.workspace.workspaceFolders ?? [];
    // The file search runs outside the extension host: it is asked first, and the saved index is decoded meanwhile.
    const listings = folders.map((folder) => this.listFolder(folder));
    for (const listing of listings) void listing.catch(() => undefined); // awaited below, where a failure is thrown
    // The saved indexes are for the first scan only: a rescan (settings, folders, Refresh) reads everything.
    const saved = replaceAll ? new Map<string, readonly SnapshotEntry[]>() : await this.restoreSaved(folders);
    // The first scan indexes a folder without a saved index as it reads it; a rescan replaces everything in one change.
    const progress = replaceAll ? undefined : new ScanProgress((early) => this.indexEarly(early));
    let results: { readings: WorkspaceReading[]; removed: string[] }[];
    let notIndexedYet: WorkspaceReading[] = [];
    try {
      results = await vscode.window.withProgress(
        { location: { viewId: 'conferenceNotes.sessions' }, title: vscode.l10n.t('Indexing conference notes…') },
        () => Promise.all(folders.map((folder, i) => {
          const folderSaved = saved.get(folder.uri.toString());
          return this.readFolder(folder, listings[i], folderSaved, folderSaved ? undefined : progress);
        })),
      );
    } finally {
      notIndexedYet = progress?.rest() ?? [];
    }
    const readings = [...results.flatMap((result) => result.readings), ...notIndexedYet];
    const { notes, unread } = this.take(readings);
    const notesRead = notes.length + (progress?.notesIndexed ?? 0);
    // A rescan replaces everything in one change: notes no longer found go with the ones that could not be read;
    // after a warm start, so do the saved notes whose files are gone.
    const found = new Set(readings.map(({ uri }) => uri.toString()));
    const gone = replaceAll ? this.index.uris().filter((uri) => !found.has(uri)) : results.flatMap((result) => result.removed);
    this.forget(gone);
    this.index.updateMany(notes, [...unread, ...gone]);
    this.output.info(saved.size === 0
      ? vscode.l10n.t('Indexed {0} notes ({1} sessions) in {2} ms.', notesRead, this.index.sessionCount, Date.now() - started)
      : vscode.l10n.t('Indexed {0} notes ({1} sessions) in {2} ms. {3} came from the saved index, {4} were read again.', this.index.noteCount, this.index.sessionCount, Date.now() - started, this.index.noteCount - notesRead, notesRead));
    this.scheduleSave();
  }

  /**
   * Puts the saved notes of every folder that has a trusted saved index in the index at once, so the tree is drawn
   * before a single note is read; the one reason a saved index is not trusted is logged. The entries restored, per
   * folder URI.
   */
  private async restoreSaved(folders: readonly vscode.WorkspaceFolder[]): Promise<Map<string, readonly SnapshotEntry[]>> {
    const started = Date.now();
    const restored = new Map<string, readonly SnapshotEntry[]>();
    for (const folder of folders) {
      const bytes = await this.savedIndexes.get(folder.uri.toString());
      if (!bytes) continue;
      const settings = this.settings.folder(folder.uri);
      const loaded = decodeSnapshot(bytes, { folder: folder.uri.toString(), settings: settingsKey(settings.parseOptions) }, folder.name);
      if ('rejected' in loaded) {
        this.output.info(vscode.l10n.t(loaded.rejected.message, ...loaded.rejected.args));
        continue;
      }
      const folderKey = folder.uri.toString();
      const entries = restorableEntries(loaded.snapshot, settings);
      restored.set(folderKey, entries);
      for (const entry of entries) {
        this.fileKeys.set(entry.note.uri, { folder: folderKey, path: entry.path, key: entry.key });
        // Most notes have no problem, and nothing is reported for them yet: no URI to parse for 10,000 notes.
        if (entry.note.diagnostics.length > 0) this.report(vscode.Uri.parse(entry.note.uri), entry.note.diagnostics);
      }
    }
    this.savedIndexes.clear();
    const notes = [...restored.values()].flat().map((entry) => entry.note);
    if (notes.length === 0) return restored;
    this.index.updateMany(notes, []);
    this.markFirstNotesIndexed();
    this.output.info(vscode.l10n.t('Restored {0} notes ({1} sessions) from the saved index in {2} ms; checking them for changes.', notes.length, this.index.sessionCount, Date.now() - started));
    return restored;
  }

  /** A cold start's first readings, in the index before the scan is done: the notes among them, counted. */
  private indexEarly(readings: readonly WorkspaceReading[]): number {
    // Its timer may fire after the window closed, with the diagnostics gone.
    if (this.isDisposed) return 0;
    const { notes, unread } = this.take(readings);
    this.indexFilling = true;
    this.index.updateMany(notes, unread);
    this.markFirstNotesIndexed();
    return notes.length;
  }

  /**
   * One folder through the pipeline; local folders go to the platform's worker threads when it has them (Node).
   * With `saved` entries (a warm start), only the files that changed since are read; `removed`: the saved notes
   * whose files are gone. With `progress`, the readings go there as they come in, and none is returned.
   */
  private async readFolder(
    folder: vscode.WorkspaceFolder,
    listing: Promise<{ source: FolderSource; listed: NoteFileRef[] }>,
    saved: readonly SnapshotEntry[] | undefined,
    progress: ScanProgress | undefined,
  ): Promise<{ readings: WorkspaceReading[]; removed: string[] }> {
    const { source, listed } = await listing;
    const settings = this.settings.folder(folder.uri);
    const { stale: files, removed } = saved
      ? await staleFiles(source, listed, saved, settings, READ_CONCURRENCY)
      : { stale: listed, removed: [] };
    const located = (first: number, readings: readonly NoteReading[]): WorkspaceReading[] =>
      readings.map((reading, i) => ({ folder, path: files[first + i].path, uri: source.uriOf(files[first + i].path), reading }));
    const readings = await this.readFiles(folder, source, files, settings, saved !== undefined, progress && ((first, batch) => progress.add(located(first, batch))));
    return { readings: progress ? [] : located(0, readings), removed };
  }

  /** The notes of a folder (file search, then every exclude glob), and the source that reads them. */
  private async listFolder(folder: vscode.WorkspaceFolder): Promise<{ source: FolderSource; listed: NoteFileRef[] }> {
    const source = this.sourceOf(folder);
    const listed = (await listNotes(source, this.settings.folder(folder.uri))).map((path) => folderFile(path, (p) => source.uriOf(p).toString()));
    return { source, listed };
  }

  /**
   * Reads and parses a folder's files, in the worker pool when it pays (local files, and not a handful of them);
   * `onBatch` hears of the readings as they come in. A pool that fails leaves to the main thread the files it has not
   * told of, so no note is told of twice.
   */
  private async readFiles(
    folder: vscode.WorkspaceFolder,
    source: FolderSource,
    files: readonly NoteFileRef[],
    settings: FolderSettings,
    warm: boolean,
    onBatch: BatchListener | undefined,
  ): Promise<readonly NoteReading[]> {
    const told: NoteReading[] = new Array(files.length);
    let poolFailure: string | undefined;
    if (this.parseLocal && folder.uri.scheme === 'file' && files.length > 0 && (!warm || files.length >= WARM_POOL_MIN_FILES)) {
      const local = files.map((file): NoteFile => ({ ...file, path: source.uriOf(file.path).fsPath, settings }));
      const heard: BatchListener | undefined = onBatch && ((first, readings) => {
        readings.forEach((reading, i) => (told[first + i] = reading));
        onBatch(first, readings);
      });
      try {
        const pooled = await this.parseLocal(local, heard);
        if (pooled.workerFailures.length > 0) this.logWorkerFailure(pooled.workerFailures.join('; '), pooled.readOnMainThread);
        return pooled.readings;
      } catch (error) {
        // No pool at all (e.g. its script could not be started), or one that failed on the way: the main thread reads the rest.
        poolFailure = error instanceof Error ? error.message : String(error);
      }
    }
    const untold = files.flatMap((_, i) => (told[i] === undefined ? [i] : []));
    if (poolFailure !== undefined) this.logWorkerFailure(poolFailure, untold.length);
    const onReading = onBatch && ((position: number, reading: NoteReading) => onBatch(untold[position], [reading]));
    const readings = await readNotes(source, untold.map((i) => files[i]), settings, { cause: 'scan', concurrency: READ_CONCURRENCY, onReading });
    untold.forEach((fileIndex, i) => (told[fileIndex] = readings[i]));
    return told;
  }

  private logWorkerFailure(reason: string, notesReadOnMainThread: number): void {
    this.output.warn(vscode.l10n.t('A note-reading worker thread failed ({0}); its {1} notes were read on the main thread instead.', reason, notesReadOnMainThread));
  }

  /**
   * Reports each reading's problems and keeps the version of each file read; the parsed notes, and the URIs of
   * notes that are not (or no longer) indexed.
   */
  private take(readings: readonly WorkspaceReading[]): { notes: ParsedNote[]; unread: string[] } {
    const notes: ParsedNote[] = [];
    const unread: string[] = [];
    for (const { folder, path, uri, reading } of readings) {
      this.report(uri, problemsOf(reading));
      const key = uri.toString();
      if (reading.kind === 'parsed') notes.push(reading.note);
      else unread.push(key);
      if (reading.kind === 'parsed' && reading.key) this.fileKeys.set(key, { folder: folder.uri.toString(), path, key: reading.key });
      else this.fileKeys.delete(key);
    }
    return { notes, unread };
  }

  /** Notes leaving the index without a reading of their own: their saved version and their problems go too. */
  private forget(uris: readonly string[]): void {
    for (const uri of uris) {
      this.fileKeys.delete(uri);
      this.report(vscode.Uri.parse(uri), []);
    }
  }

  /** Saves the index once changes have settled; never during a scan of the whole workspace (it saves at its end). */
  private scheduleSave(): void {
    if (!this.cache || this.isDisposed) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      if (this.scanning) return;
      this.save().catch((error: unknown) => this.output.warn(vscode.l10n.t('The index could not be saved: {0}', error instanceof Error ? error.message : String(error))));
    }, SAVE_DEBOUNCE_MS);
  }

  /** One snapshot per workspace folder: the notes as parsed from files whose version on disk is known. */
  private async save(): Promise<void> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const folderKey = folder.uri.toString();
      const entries: SnapshotEntry[] = [];
      for (const [uri, { folder: owner, path, key }] of this.fileKeys) {
        const note = owner === folderKey ? this.index.parsedNote(uri) : undefined;
        if (note) entries.push({ path, key, note });
      }
      await this.cache!.write(folder.uri, folder.name, folderSnapshot(folderKey, this.settings.folder(folder.uri), entries));
    }
  }

  private queue(uri: vscode.Uri): void {
    this.pendingChanges.add(uri.toString());
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = setTimeout(() => void this.flushQueue(), WATCH_BATCH_MS);
  }

  /** One index pass, and so one change event, for however many files changed during the quiet period. */
  private async flushQueue(): Promise<void> {
    const events = [...this.pendingChanges].map((text) => vscode.Uri.parse(text));
    this.pendingChanges = new Set();
    // After a failed scan the index is incomplete: the change is a reason to read the whole workspace again.
    if (this.lastScanFailed) {
      this.rescanInBackground();
      return;
    }
    const removed: string[] = [];
    const uris = events.filter((uri) => isNoteFile(uri.path));
    const folderEvents = events.filter((uri) => !isNoteFile(uri.path));
    if (folderEvents.length > 0) {
      // Notes below a folder that was deleted or moved are forgotten, and found again where it moved to. One pass
      // over the index, looking each note's parent folders up, whatever the number of events.
      const folders = new Set(folderEvents.map((uri) => uri.toString()));
      for (const indexed of this.index.uris()) {
        for (let slash = indexed.lastIndexOf('/'); slash > 0; slash = indexed.lastIndexOf('/', slash - 1)) {
          if (folders.has(indexed.slice(0, slash))) {
            removed.push(indexed);
            break;
          }
        }
      }
      for (const folder of folderEvents) {
        if (await this.isFolder(folder)) uris.push(...(await this.notesIn(folder)));
      }
    }
    const readings = await Promise.all(uris.map((uri) => this.readOpenOrSaved(uri)));
    const { notes, unread } = this.take(readings.filter((entry): entry is WorkspaceReading => entry !== undefined));
    const notNotes = uris.filter((_, i) => readings[i] === undefined).map((uri) => uri.toString());
    this.forget([...removed, ...notNotes]);
    this.index.updateMany(notes, [...removed, ...unread, ...notNotes]);
    this.scheduleSave();
  }

  /**
   * The notes below a folder that appeared (created, moved in), listed as a scan lists its workspace folder: walked
   * when local, else found by VS Code's file search. readOpenOrSaved applies the excludes to each.
   */
  private async notesIn(folder: vscode.Uri): Promise<readonly vscode.Uri[]> {
    const owner = vscode.workspace.getWorkspaceFolder(folder);
    const listLocalFiles = owner && folder.scheme === 'file' ? this.files.listLocalFiles?.bind(this.files) : undefined;
    if (!owner || !listLocalFiles) return this.files.findFiles(new vscode.RelativePattern(folder, NOTE_GLOB), undefined);
    const { excludes } = this.settings.folder(owner.uri);
    const below = relativePath(owner, folder);
    const files = await listLocalFiles(folder, (relative) => excludes.excludes(`${below}/${relative}`), this.logUnreadableFolder);
    return files.filter(isNoteFile).map((relative) => vscode.Uri.joinPath(folder, ...relative.split('/')));
  }

  private readonly logUnreadableFolder = (folderPath: string, message: string): void => {
    this.output.warn(vscode.l10n.t('The folder {0} could not be read: {1}', folderPath, message));
  };

  private async isFolder(uri: vscode.Uri): Promise<boolean> {
    try {
      return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
    } catch {
      return false;
    }
  }

  private onDocumentEdited(document: vscode.TextDocument): void {
    if (!this.isIncluded(document.uri)) return;
    const key = document.uri.toString();
    clearTimeout(this.typingTimers.get(key));
    this.typingTimers.set(
      key,
      setTimeout(() => {
        this.typingTimers.delete(key);
        const note = this.parseOpen(document);
        if (!note) return;
        this.report(document.uri, note.diagnostics);
        // The index now holds unsaved text: the file's version on disk no longer describes it, so it is not saved.
        if (this.fileKeys.delete(key)) this.scheduleSave();
        this.index.updateMany([note], []);
      }, TYPING_DEBOUNCE_MS),
    );
  }

  /** The note of a document of a workspace folder, its unsaved text parsed with the folder's settings. */
  private parseOpen(document: vscode.TextDocument): ParsedNote | undefined {
    return this.parseText(document.uri, document.getText());
  }

  /** `text` read as the note at `uri` (a file of a workspace folder) with its folder's settings, alone. */
  parseText(uri: vscode.Uri, text: string): ParsedNote | undefined {
    const file = this.fileOf(uri);
    return file && parseNoteText(text, file, this.settings.folder(uri));
  }

  /**
   * A file an event reported, read as the scan reads it — except that an open document may hold unsaved edits,
   * which win over the file on disk. Undefined when the file is not a note of the workspace (any longer).
   */
  private async readOpenOrSaved(uri: vscode.Uri): Promise<WorkspaceReading | undefined> {
    if (!this.isIncluded(uri)) return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(uri)!;
    const path = relativePath(folder, uri);
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    const note = open?.isDirty ? this.parseOpen(open) : undefined;
    if (note) return { folder, path, uri, reading: { kind: 'parsed', note } };
    const file = this.fileOf(uri)!;
    return { folder, path, uri, reading: await readNote(this.sourceOf(folder), { ...file, path }, this.settings.folder(uri), 'event') };
  }

  private fileOf(uri: vscode.Uri): Omit<NoteFileRef, 'path'> | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder && { uri: uri.toString(), pathSegments: relativePath(folder, uri).split('/') };
  }

  /** Problems entries for the lines at fault, and one log line per problem — not again on every keystroke. */
  private report(uri: vscode.Uri, diagnostics: readonly NoteDiagnostic[]): void {
    const key = uri.toString();
    const signature = diagnostics.map((d) => `${d.code}:${d.line}:${d.args.join('|')}`).join('\n');
    const alreadyLogged = (this.reported.get(key) ?? '') === signature;
    if (signature) this.reported.set(key, signature);
    else this.reported.delete(key);
    const located: vscode.Diagnostic[] = [];
    for (const diagnostic of diagnostics) {
      const message = vscode.l10n.t(diagnostic.message, ...diagnostic.args);
      if (!alreadyLogged) {
        const line = problemLine(vscode.workspace.asRelativePath(uri), diagnostic, message);
        if (diagnostic.severity === 'error') this.output.error(line);
        else if (diagnostic.severity === 'warning') this.output.warn(line);
        else this.output.info(line);
      }
      if (diagnostic.line !== undefined) {
        const severity = diagnostic.severity === 'error' ? vscode.DiagnosticSeverity.Error : diagnostic.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
        const entry = new vscode.Diagnostic(new vscode.Range(diagnostic.line, 0, diagnostic.line, Number.MAX_SAFE_INTEGER), message, severity);
        entry.source = 'Conference Notes';
        entry.code = diagnostic.code;
        located.push(entry);
      }
    }
    // Most notes have no problem: leave the collection alone for them instead of sending 10,000 empty updates.
    if (located.length > 0 || this.problems.has(uri)) this.problems.set(uri, located);
  }

  /** A note of a workspace folder that none of the exclude globs matches. */
  private isIncluded(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder !== undefined && isNoteFile(uri.path) && !this.settings.folder(folder.uri).excludes.excludes(relativePath(folder, uri));
  }

  override dispose(): void {
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    clearTimeout(this.saveTimer);
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    super.dispose();
  }
}

/**
 * A cold first scan's readings on their way into the index: the first at once, then what has come in since, at most
 * every PROGRESS_INDEX_MS and once it is at least as many readings as the index has had so far. Each update is a
 * change event for every view and costs more the more the index holds, so doubling keeps them to a few whatever
 * the number of notes (about ten for 100,000). What is left when the scan ends is its own last update.
 */
class ScanProgress {
  private pending: WorkspaceReading[] = [];
  private lastIndexed = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readingsIndexed = 0;
  /** The notes among the readings indexed so far. */
  notesIndexed = 0;

  constructor(private readonly indexNow: (readings: readonly WorkspaceReading[]) => number) {}

  add(readings: readonly WorkspaceReading[]): void {
    for (const reading of readings) this.pending.push(reading);
    if (this.timer || this.pending.length < this.readingsIndexed) return;
    // A reading that comes in too soon after the last update waits for the next, however long the next read takes.
    const wait = this.lastIndexed + PROGRESS_INDEX_MS - Date.now();
    if (wait > 0) this.timer = setTimeout(() => this.indexPending(), wait);
    else this.indexPending();
  }

  private indexPending(): void {
    this.timer = undefined;
    this.lastIndexed = Date.now();
    this.readingsIndexed += this.pending.length;
    this.notesIndexed += this.indexNow(this.pending.splice(0));
  }

  /** Ends the updates: what has come in since the last one. */
  rest(): WorkspaceReading[] {
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.pending.splice(0);
  }
}
