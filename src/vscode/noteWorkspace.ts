// Keeps the core NoteIndex in step with the workspace: the first scan (lazy — started by the first view or command
// that needs notes), file-system events batched into one pass, unsaved editor changes (debounced), and the
// diagnostics that bad notes produce. Every note goes through the core's reading pipeline (src/core/notes/
// pipeline.ts) over a NoteSource for its workspace folder: files are found through VS Code's file search and read
// through the platform's NoteFileSystem (Node fs for local files, workspace.fs otherwise), so remote and virtual
// workspaces (and the web worker) read notes as the CLI does.
import * as vscode from 'vscode';
import { fileSearchExclude, isNoteFile, NOTE_GLOB } from '../core/notes/excludes';
import type { NoteDiagnostic, ParsedNote } from '../core/notes/model';
import { NoteIndex } from '../core/notes/noteIndex';
import {
  folderFile, listNotes, NOT_A_FILE, parseNoteText, problemLine, problemsOf, readNote, readNotes, settle, type NoteFileRef, type NoteReading, type NoteSource, type ReadFailure,
} from '../core/notes/pipeline';
import type { NoteFile, PoolReadings } from '../node/parsePool';
import { Disposable } from './disposable';
import { ExtensionSettings } from './settings';

/** File reads in flight at once: enough to hide the round trip of each request, few enough to bound memory. */
const READ_CONCURRENCY = 128;
/** Quiet time before a burst of file-system events is indexed in one pass (e.g. a `git checkout`). */
const WATCH_BATCH_MS = 300;
/** Quiet time after the last keystroke before an unsaved document is re-read. */
const TYPING_DEBOUNCE_MS = 250;

/**
 * Reads and parses local notes (file: URIs) off the extension host's main thread, in the order given: the Node
 * host's worker pool (src/node/parsePool.ts). Platforms without one read and parse on the main thread.
 */
export type LocalNoteParser = (files: readonly NoteFile[]) => Promise<PoolReadings>;

/** The file operations reading notes needs: VS Code's file search, and a stat and a read (workspace.fs has them). */
export interface NoteFileSystem {
  /** `exclude`: undefined applies files.exclude (VS Code's default), null nothing. */
  findFiles(include: vscode.RelativePattern, exclude: string | null | undefined): Thenable<vscode.Uri[]>;
  stat(uri: vscode.Uri): Thenable<{ readonly size: number; readonly type: vscode.FileType }>;
  /** The bytes, or NOT_A_FILE when the file turned out not to be a regular file as it was opened. */
  readFile(uri: vscode.Uri): Thenable<Uint8Array | ReadFailure>;
}

/** VS Code's own: file search and workspace.fs, which reach every file system provider. */
export const workspaceFileSystem: NoteFileSystem = {
  findFiles: (include, exclude) => vscode.workspace.findFiles(include, exclude),
  stat: (uri) => vscode.workspace.fs.stat(uri),
  readFile: (uri) => vscode.workspace.fs.readFile(uri),
};

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
  /** Scans of the whole workspace in progress: a rescan asked for while one runs waits for it, so at most two. */
  private scansRunning = 0;
  private scanCompleted = false;
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

  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly files: NoteFileSystem,
    private readonly parseLocal?: LocalNoteParser,
  ) {
    super();
  }

  /** Resolves once the whole workspace has been indexed; the first call starts the scan and the watchers. */
  ready(): Promise<void> {
    this.scan ??= this.startScan(false);
    return this.scan;
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
  private sourceOf(folder: vscode.WorkspaceFolder): NoteSource & { uriOf(path: string): vscode.Uri } {
    // The listing's URIs, so each note keeps the URI VS Code gave it (and its events will give).
    const listed = new Map<string, vscode.Uri>();
    const uriOf = (path: string) => listed.get(path) ?? vscode.Uri.joinPath(folder.uri, ...path.split('/'));
    return {
      uriOf,
      list: async (excludes) => {
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
    };
  }

  private statOf(uri: vscode.Uri): Promise<{ readonly size: number; isFile(): boolean } | ReadFailure> {
    return settle(async () => {
      const { size, type } = await this.files.stat(uri);
      return { size, isFile: () => (type & vscode.FileType.File) !== 0 };
    });
  }

  /**
   * A file of the workspace read as notes are (the user's templates): only when it is a regular file, so a pipe or
   * a device in its place is never read (its read could wait forever).
   */
  async readRegularFile(uri: vscode.Uri): Promise<Uint8Array | ReadFailure> {
    const stat = await this.statOf(uri);
    if ('failure' in stat) return stat;
    return stat.isFile() ? settle(() => this.files.readFile(uri)) : NOT_A_FILE;
  }

  private async indexWorkspace(replaceAll: boolean): Promise<void> {
    const started = Date.now();
    const readings = await vscode.window.withProgress(
      { location: { viewId: 'conferenceNotes.sessions' }, title: vscode.l10n.t('Indexing conference notes…') },
      async () => (await Promise.all((vscode.workspace.workspaceFolders ?? []).map((folder) => this.readFolder(folder)))).flat(),
    );
    const { notes, unread } = this.take(readings);
    // A rescan replaces everything in one change: notes no longer found go with the ones that could not be read.
    const found = new Set(readings.map(({ uri }) => uri.toString()));
    const gone = replaceAll ? this.index.uris().filter((uri) => !found.has(uri)) : [];
    this.index.updateMany(notes, [...unread, ...gone]);
    this.output.info(vscode.l10n.t('Indexed {0} notes ({1} sessions) in {2} ms.', notes.length, this.index.sessionCount, Date.now() - started));
  }

  /** One folder through the pipeline; local folders go to the platform's worker threads when it has them (Node). */
  private async readFolder(folder: vscode.WorkspaceFolder): Promise<{ uri: vscode.Uri; reading: NoteReading }[]> {
    const source = this.sourceOf(folder);
    const settings = this.settings.folder(folder.uri);
    const files = (await listNotes(source, settings)).map((path) => folderFile(path, (p) => source.uriOf(p).toString()));
    const withUris = (readings: readonly NoteReading[]) => readings.map((reading, i) => ({ uri: source.uriOf(files[i].path), reading }));
    if (this.parseLocal && folder.uri.scheme === 'file' && files.length > 0) {
      const local = files.map((file): NoteFile => ({ ...file, path: source.uriOf(file.path).fsPath, settings }));
      try {
        const pooled = await this.parseLocal(local);
        if (pooled.workerFailures.length > 0) this.logWorkerFailure(pooled.workerFailures.join('; '), pooled.readOnMainThread);
        return withUris(pooled.readings);
      } catch (error) {
        // No pool at all (e.g. its script could not be started): the main thread reads the folder.
        this.logWorkerFailure(error instanceof Error ? error.message : String(error), files.length);
      }
    }
    return withUris(await readNotes(source, files, settings, { cause: 'scan', concurrency: READ_CONCURRENCY }));
  }

  private logWorkerFailure(reason: string, notesReadOnMainThread: number): void {
    this.output.warn(vscode.l10n.t('A note-reading worker thread failed ({0}); its {1} notes were read on the main thread instead.', reason, notesReadOnMainThread));
  }

  /** Reports each reading's problems; the parsed notes, and the URIs of notes that are not (or no longer) indexed. */
  private take(readings: readonly { uri: vscode.Uri; reading: NoteReading }[]): { notes: ParsedNote[]; unread: string[] } {
    const notes: ParsedNote[] = [];
    const unread: string[] = [];
    for (const { uri, reading } of readings) {
      this.report(uri, problemsOf(reading));
      if (reading.kind === 'parsed') notes.push(reading.note);
      else unread.push(uri.toString());
    }
    return { notes, unread };
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
        if (await this.isFolder(folder)) uris.push(...(await this.files.findFiles(new vscode.RelativePattern(folder, NOTE_GLOB), undefined)));
      }
    }
    const readings = await Promise.all(uris.map(async (uri) => ({ uri, reading: await this.readOpenOrSaved(uri) })));
    const { notes, unread } = this.take(readings.filter((entry): entry is { uri: vscode.Uri; reading: NoteReading } => entry.reading !== undefined));
    this.index.updateMany(notes, [...removed, ...unread, ...readings.filter((entry) => entry.reading === undefined).map(({ uri }) => uri.toString())]);
  }

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
        this.index.updateMany([note], []);
      }, TYPING_DEBOUNCE_MS),
    );
  }

  /** The note of a document of a workspace folder, its unsaved text parsed with the folder's settings. */
  private parseOpen(document: vscode.TextDocument): ParsedNote | undefined {
    const file = this.fileOf(document.uri);
    return file && parseNoteText(document.getText(), file, this.settings.folder(document.uri));
  }

  /**
   * A file an event reported, read as the scan reads it — except that an open document may hold unsaved edits,
   * which win over the file on disk. Undefined when the file is not a note of the workspace (any longer).
   */
  private async readOpenOrSaved(uri: vscode.Uri): Promise<NoteReading | undefined> {
    if (!this.isIncluded(uri)) return undefined;
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    const note = open?.isDirty ? this.parseOpen(open) : undefined;
    if (note) return { kind: 'parsed', note };
    const folder = vscode.workspace.getWorkspaceFolder(uri)!;
    const file = this.fileOf(uri)!;
    return readNote(this.sourceOf(folder), { ...file, path: relativePath(folder, uri) }, this.settings.folder(uri), 'event');
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
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    super.dispose();
  }
}
