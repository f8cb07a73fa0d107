// Keeps the core NoteIndex in step with the workspace: the first scan (lazy — started by the first view or command
// that needs notes), file-system events batched into one pass, unsaved editor changes (debounced), and the
// diagnostics that bad notes produce. Files are found through VS Code (findFiles, file watchers) and read through
// the platform's NoteFileSystem (Node fs for local files, workspace.fs otherwise), so remote and virtual workspaces
// (and the web worker) behave the same.
import * as vscode from 'vscode';
import { DEFAULT_PARSE_OPTIONS, type NoteContext, type NoteDiagnostic, type ParsedNote, type ParseOptions } from '../core/notes/model';
import { decodeNoteBytes, parseNote } from '../core/notes/parser';
import { NoteIndex } from '../core/notes/noteIndex';
import type { FileParseResult, NoteFile } from '../node/parsePool';
import { Disposable } from './disposable';
import { clearSettingsCache, excludeGlobFor, isExcluded, NOTE_GLOB, readNoteSettings, type NoteSettings } from './settings';

const NOTE_FILE = /\.(md|markdown)$/i;
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
export type LocalNoteParser = (files: readonly NoteFile[]) => Promise<FileParseResult[]>;

/** The two file operations reading notes needs (workspace.fs has this shape). */
export interface NoteFileSystem {
  stat(uri: vscode.Uri): Thenable<{ readonly size: number }>;
  readFile(uri: vscode.Uri): Thenable<Uint8Array>;
}

export class NoteWorkspace extends Disposable {
  readonly index = new NoteIndex();
  private readonly problems = this.register(vscode.languages.createDiagnosticCollection('conference-notes'));
  private scan: Promise<void> | undefined;
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
    this.scan ??= this.startIndexing();
    return this.scan;
  }

  /** Re-reads everything, e.g. after a settings change. */
  async rescan(): Promise<void> {
    await this.ready();
    this.scan = this.indexWorkspace(true);
    await this.scan;
  }

  private async startIndexing(): Promise<void> {
    const watcher = vscode.workspace.createFileSystemWatcher(NOTE_GLOB);
    // A deleted or moved-in folder is reported as the folder alone, which the note glob does not match.
    const folderWatcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    const onFolderEvent = (uri: vscode.Uri) => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (!NOTE_FILE.test(uri.path) && folder && !isExcluded(uri, folder)) this.queue(uri);
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
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rescan()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('conferenceNotes') || event.affectsConfiguration('files.exclude') || event.affectsConfiguration('search.exclude')) {
          clearSettingsCache();
          void this.rescan();
        }
      }),
    ));
    await this.indexWorkspace(false);
  }

  private async indexWorkspace(replaceAll: boolean): Promise<void> {
    const started = Date.now();
    const uris = await this.findNotes();
    const { notes, unread } = await vscode.window.withProgress(
      { location: { viewId: 'conferenceNotes.sessions' }, title: vscode.l10n.t('Indexing conference notes…') },
      async () => {
        // Local notes go to the platform's worker threads when it has them (Node); the rest is read here.
        const parseLocal = this.parseLocal;
        const local = parseLocal ? uris.filter((uri) => uri.scheme === 'file') : [];
        const others = parseLocal ? uris.filter((uri) => uri.scheme !== 'file') : uris;
        const [pooled, read] = await Promise.all([
          parseLocal && local.length > 0 ? this.readLocalNotes(local, parseLocal) : { notes: [], unread: [] },
          this.readAll(others, (uri) => this.readNote(uri, 'scan')),
        ]);
        return { notes: [...pooled.notes, ...read.notes], unread: [...pooled.unread, ...read.unread] };
      },
    );
    // A rescan replaces everything in one change: notes no longer found go with the ones that could not be read.
    const found = new Set(uris.map((uri) => uri.toString()));
    const gone = replaceAll ? this.index.uris().filter((uri) => !found.has(uri)) : [];
    this.index.updateMany(notes, [...unread, ...gone]);
    this.output.info(vscode.l10n.t('Indexed {0} notes ({1} sessions) in {2} ms.', notes.length, this.index.sessionCount, Date.now() - started));
  }

  /**
   * Reads notes with many requests in flight: each file system request is a round trip (to the main thread in a
   * remote or web window), so a steady pool of readers beats batches that wait for their slowest file. The
   * extension host stays responsive: every note is parsed as its read completes, between other events.
   */
  private async readAll(uris: readonly vscode.Uri[], read: (uri: vscode.Uri) => Promise<ParsedNote | undefined>): Promise<{ notes: ParsedNote[]; unread: string[] }> {
    const notes: ParsedNote[] = [];
    const unread: string[] = [];
    let next = 0;
    const reader = async (): Promise<void> => {
      while (next < uris.length) {
        const uri = uris[next++];
        const note = await read(uri);
        if (note) notes.push(note);
        else unread.push(uri.toString());
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, uris.length) }, reader));
    return { notes, unread };
  }

  private async findNotes(): Promise<vscode.Uri[]> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const perFolder = await Promise.all(
      folders.map((folder) =>
        vscode.workspace.findFiles(new vscode.RelativePattern(folder, NOTE_GLOB), excludeGlobFor(folder)),
      ),
    );
    return perFolder.flat();
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
    const removed: string[] = [];
    const uris = events.filter((uri) => NOTE_FILE.test(uri.path));
    const folderEvents = events.filter((uri) => !NOTE_FILE.test(uri.path));
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
        if (await this.isFolder(folder)) uris.push(...(await vscode.workspace.findFiles(new vscode.RelativePattern(folder, NOTE_GLOB))));
      }
    }
    const { notes, unread } = await this.readAll(uris, (uri) => this.readOpenOrSaved(uri));
    this.index.updateMany(notes, [...removed, ...unread]);
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
        this.index.updateMany([this.parse(document.getText(), document.uri)], []);
      }, TYPING_DEBOUNCE_MS),
    );
  }

  /** An open document may hold unsaved edits, which win over the file on disk. */
  private async readOpenOrSaved(uri: vscode.Uri): Promise<ParsedNote | undefined> {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open && open.isDirty) return this.parse(open.getText(), uri);
    return this.readNote(uri, 'event');
  }

  /** Reads one note from disk; undefined (with one message in the log) when it cannot be indexed. */
  private async readNote(uri: vscode.Uri, cause: 'scan' | 'event'): Promise<ParsedNote | undefined> {
    // The scan's findFiles already left excluded files out.
    if (cause === 'event' && !this.isIncluded(uri)) return undefined;
    const settings = readNoteSettings(uri);
    try {
      const stat = await this.files.stat(uri);
      if (stat.size > settings.maxFileSize) return this.skipTooLarge(uri, stat.size, settings.maxFileSize);
      const decoded = decodeNoteBytes(await this.files.readFile(uri));
      if ('diagnostic' in decoded) {
        this.report(uri, [decoded.diagnostic]);
        return undefined;
      }
      return this.parse(decoded.text, uri, settings);
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return this.skipMissing(uri, cause);
      return this.skipUnreadable(uri, error instanceof Error ? error.message : String(error));
    }
  }

  /** The first scan's local notes, read and parsed by the platform's worker threads; what `readNote` does for each. */
  private async readLocalNotes(uris: readonly vscode.Uri[], parseLocal: LocalNoteParser): Promise<{ notes: ParsedNote[]; unread: string[] }> {
    const files = uris.map((uri) => {
      const settings = readNoteSettings(uri);
      return { path: uri.fsPath, context: this.contextFor(uri, settings.parseOptions), maxFileSize: settings.maxFileSize };
    });
    const results = await parseLocal(files);
    const notes: ParsedNote[] = [];
    const unread: string[] = [];
    results.forEach((result, i) => {
      const uri = uris[i];
      if (result.kind === 'parsed') {
        this.report(uri, result.note.diagnostics);
        notes.push(result.note);
        return;
      }
      unread.push(uri.toString());
      if (result.kind === 'not-text') this.report(uri, [result.diagnostic]);
      else if (result.kind === 'too-large') this.skipTooLarge(uri, result.size, files[i].maxFileSize);
      else if (result.kind === 'missing') this.skipMissing(uri, 'scan');
      else this.skipUnreadable(uri, result.message);
    });
    return { notes, unread };
  }

  private skipTooLarge(uri: vscode.Uri, size: number, limit: number): undefined {
    this.output.warn(vscode.l10n.t('Skipped {0}: {1} bytes is over the size limit of {2} bytes (setting conferenceNotes.maxFileSize).', this.label(uri), size, limit));
    return undefined;
  }

  /** A file missing during a scan was deleted mid-read, worth a line in the log; after a delete event it is expected. */
  private skipMissing(uri: vscode.Uri, cause: 'scan' | 'event'): undefined {
    this.problems.delete(uri);
    this.reported.delete(uri.toString());
    if (cause === 'scan') this.output.info(vscode.l10n.t('Skipped {0}: it was deleted while the workspace was being read.', this.label(uri)));
    return undefined;
  }

  private skipUnreadable(uri: vscode.Uri, message: string): undefined {
    this.output.error(vscode.l10n.t('Could not read {0}: {1}', this.label(uri), message));
    return undefined;
  }

  private parse(text: string, uri: vscode.Uri, settings: NoteSettings = readNoteSettings(uri)): ParsedNote {
    const note = parseNote(text, this.contextFor(uri, settings.parseOptions));
    this.report(uri, note.diagnostics);
    return note;
  }

  private contextFor(uri: vscode.Uri, options: ParseOptions = DEFAULT_PARSE_OPTIONS): NoteContext {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const relative = folder ? uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1) : uri.path;
    return { uri: uri.toString(), pathSegments: relative.split('/').filter(Boolean), options };
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
      if (!alreadyLogged) this.output.warn(`${this.label(uri)}${diagnostic.line === undefined ? '' : `:${diagnostic.line + 1}`}: ${message}`);
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
    return folder !== undefined && NOTE_FILE.test(uri.path) && !isExcluded(uri, folder);
  }

  private label(uri: vscode.Uri): string {
    return vscode.workspace.asRelativePath(uri);
  }

  override dispose(): void {
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    super.dispose();
  }
}
