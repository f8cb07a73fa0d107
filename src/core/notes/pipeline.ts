// Reading notes, the one way every host does it: list the folder's files → leave out the excluded ones → skip what
// is not a regular file and files over the size cap → read → decode → parse → report. The hosts differ only in their
// NoteSource (VS Code's workspace.fs and file search, Node's fs in the extension host, the parse worker and the CLI,
// memory in tests); the messages for files that cannot be indexed are decided here, so every host shows the same ones.
import { coreMessage } from '../messages';
import { isNoteFile } from './excludes';
import { contentHash, fileKeyOf, type FileKey, type SnapshotEntry } from './indexSnapshot';
import type { NoteDiagnostic, ParsedNote, ParseOptions } from './model';
import type { FolderSettings } from './noteSettings';
import { decodeNoteBytes, parseNote } from './parser';
import { applyTrackAliases, compileTrackAliases, type TrackAliases } from './trackAliases';

/** English templates of the messages for notes that were not read; adapters localise them. */
export const READING_MESSAGES = {
  'too-large': 'Skipped: {0} bytes is over the size limit of {1} bytes (setting conferenceNotes.maxFileSize).',
  'deleted-mid-read': 'Skipped: the file was deleted while the workspace was being read.',
  'not-a-file': 'Skipped: this is not a regular file (a folder, a pipe, a socket or a device), so it was not read.',
  unreadable: 'Could not read this file: {0}',
} as const;

/** Why a file could not be read. */
export type ReadFailure =
  | { readonly failure: 'missing' }
  /** A folder, a pipe, a socket or a device: reading a pipe or a device may never end, so they are never read. */
  | { readonly failure: 'not-a-file' }
  | { readonly failure: 'unreadable'; readonly message: string };

export const NOT_A_FILE: ReadFailure = { failure: 'not-a-file' };

/**
 * The outside world as the pipeline needs it, in the spirit of Foam's IDataStore. Paths are the source's own names
 * for files: relative, `/`-separated paths for a folder's source.
 */
export interface NoteSource {
  /**
   * The note files of the folder (relative paths). A source may leave excluded files out itself (a search's exclude
   * pattern, a walk that does not enter excluded folders); the pipeline leaves out the rest.
   */
  list(excludes: FolderSettings['excludes']): Promise<readonly string[]>;
  /** What is at `path`; Node's fs.Stats is one. Without an mtime, the file's reading is not saved for the next start. */
  stat(path: string): Promise<NoteStat | ReadFailure>;
  /**
   * The file's bytes. A source that can be handed a pipe in the file's place after the stat (a local disk) opens
   * the file without blocking and answers NOT_A_FILE for anything but a regular file.
   */
  read(path: string): Promise<Uint8Array | ReadFailure>;
  /**
   * Optional, for a source that can stat a file it has open (a local disk): `stat`, then `read` when `wanted` says
   * so, in one visit — one lookup of the path instead of two, a third of a first scan's system calls.
   */
  statAndRead?(path: string, wanted: (stat: NoteStat) => boolean): Promise<StatAndRead | ReadFailure>;
  /**
   * Optional, for a source whose stats cost less asked all at once (a local disk, where a synchronous stat costs a
   * fifth of an asynchronous one): `stat` of every path, in their order. What a warm start asks of every file.
   */
  statMany?(paths: readonly string[]): Promise<readonly (NoteStat | ReadFailure)[]>;
}

/** What reading a note needs of a source: a stat and a read, or the two in one visit. */
export type NoteFileAccess = Pick<NoteSource, 'stat' | 'read'> | Required<Pick<NoteSource, 'statAndRead'>>;

/** What `statAndRead` found: the stat, and the bytes if they were wanted. */
export interface StatAndRead {
  readonly stat: NoteStat;
  readonly bytes?: Uint8Array;
}

/** What a stat tells the pipeline: the size (the cap), whether it is a regular file, and when it was last written. */
export interface NoteStat {
  readonly size: number;
  /** Modification time in milliseconds: with the size, what tells a saved index whether the file changed. */
  readonly mtimeMs?: number;
  isFile(): boolean;
}

/** Error codes of a file that is not there: Node's fs, and VS Code's FileSystemError. */
const MISSING_CODES = new Set(['ENOENT', 'ENOTDIR', 'FileNotFound']);
/** Error codes of a read of something that is not a file: a folder (Node's fs, VS Code's FileSystemError), a socket opened (ENXIO). */
const NOT_A_FILE_CODES = new Set(['EISDIR', 'FileIsADirectory', 'ENXIO']);

/** What a failed stat or read means for the pipeline, from the error a platform's file API threw. */
export function readFailureOf(error: unknown): ReadFailure {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && MISSING_CODES.has(code)) return { failure: 'missing' };
  if (typeof code === 'string' && NOT_A_FILE_CODES.has(code)) return NOT_A_FILE;
  return { failure: 'unreadable', message: error instanceof Error ? error.message : String(error) };
}

/** The value of a platform's file call, or why it failed — the shape NoteSource methods resolve to. */
export async function settle<T>(call: () => T | PromiseLike<T>): Promise<T | ReadFailure> {
  try {
    return await call();
  } catch (error) {
    return readFailureOf(error);
  }
}

/** A note to read: the source's name for it, and what identifies it in the index. */
export interface NoteFileRef {
  readonly path: string;
  readonly uri: string;
  /** Path segments relative to the workspace folder, file name last. */
  readonly pathSegments: readonly string[];
}

/** What became of one note file. */
export type NoteReading =
  /** `key`: what identifies the version of the file that was read (absent for an open document's unsaved text). */
  | { readonly kind: 'parsed'; readonly note: ParsedNote; readonly key?: FileKey }
  /** Not indexed; the problem says why (too large, not a file, not text, unreadable, deleted while it was read). */
  | { readonly kind: 'skipped'; readonly problem: NoteDiagnostic }
  /** Gone, as a file event said it would be: nothing to report. */
  | { readonly kind: 'missing' };

/** `scan`: the file was listed a moment ago, so a missing file was deleted mid-read; `event`: a change was reported. */
export type ReadCause = 'scan' | 'event';

const isFailure = (value: object): value is ReadFailure => 'failure' in value;

function readingMessage(code: keyof typeof READING_MESSAGES, args: readonly (string | number)[]): NoteDiagnostic {
  const severity = code === 'too-large' || code === 'not-a-file' ? 'warning' : code === 'unreadable' ? 'error' : 'info';
  return { ...coreMessage(READING_MESSAGES, code, args), severity };
}

function failed(failure: ReadFailure, cause: ReadCause): NoteReading {
  if (failure.failure === 'unreadable') return { kind: 'skipped', problem: readingMessage('unreadable', [failure.message]) };
  if (failure.failure === 'not-a-file') return { kind: 'skipped', problem: readingMessage('not-a-file', []) };
  return cause === 'scan' ? { kind: 'skipped', problem: readingMessage('deleted-mid-read', []) } : { kind: 'missing' };
}

/** Parses a note's text (an open document's, or a file's once decoded) with the folder's settings. */
export function parseNoteText(text: string, file: Omit<NoteFileRef, 'path'>, settings: Pick<FolderSettings, 'parseOptions'>): ParsedNote {
  const note = parseNote(text, { uri: file.uri, pathSegments: file.pathSegments, options: settings.parseOptions });
  return applyTrackAliases(note, trackAliasesOf(settings.parseOptions));
}

// Compiled once per options object: a folder's settings are read once, its notes are many.
const compiledAliases = new WeakMap<ParseOptions, TrackAliases>();

function trackAliasesOf(options: ParseOptions): TrackAliases | undefined {
  if (!options.trackAliases) return undefined;
  let aliases = compiledAliases.get(options);
  if (!aliases) compiledAliases.set(options, (aliases = compileTrackAliases(options.trackAliases)));
  return aliases;
}

/** Why a file is not read, from its stat: it is not a regular file, or it is over the size cap. */
function refusalOf(stat: NoteStat, maxFileSize: number, cause: ReadCause): NoteReading | undefined {
  if (!stat.isFile()) return failed(NOT_A_FILE, cause);
  if (stat.size > maxFileSize) return { kind: 'skipped', problem: readingMessage('too-large', [stat.size, maxFileSize]) };
  return undefined;
}

/** A stat, then the bytes if `wanted` says so: in one visit where the source can, else a `stat` and a `read`. */
async function statAndRead(source: NoteFileAccess, path: string, wanted: (stat: NoteStat) => boolean): Promise<StatAndRead | ReadFailure> {
  if ('statAndRead' in source) return source.statAndRead(path, wanted);
  const stat = await source.stat(path);
  if (isFailure(stat)) return stat;
  if (!wanted(stat)) return { stat };
  const bytes = await source.read(path);
  return isFailure(bytes) ? bytes : { stat, bytes };
}

/** A note's bytes as read, with what its saved-index key needs: the stat and when the read began. */
interface FetchedNote {
  readonly stat: NoteStat;
  readonly bytes: Uint8Array;
  readonly readAt: number;
}

/** The I/O of reading a note: stat → regular files only → size cap → read; the reading itself when nothing is left to parse. */
async function fetchNote(source: NoteFileAccess, file: NoteFileRef, settings: Pick<FolderSettings, 'maxFileSize'>, cause: ReadCause): Promise<FetchedNote | NoteReading> {
  try {
    const readAt = Date.now();
    let refusal: NoteReading | undefined;
    const visited = await statAndRead(source, file.path, (stat) => (refusal = refusalOf(stat, settings.maxFileSize, cause)) === undefined);
    if (isFailure(visited)) return failed(visited, cause);
    if (refusal) return refusal;
    // Read, as `wanted` said yes (a source that broke that promise is an unreadable file when its bytes are decoded).
    const { stat, bytes } = visited as Required<StatAndRead>;
    return { stat, bytes, readAt };
  } catch (error) {
    return failed(readFailureOf(error), cause);
  }
}

/** The CPU of reading a note: decode → parse. Never throws: a note the parser cannot take is an unreadable file. */
function parsedReading(fetched: FetchedNote, file: NoteFileRef, settings: Pick<FolderSettings, 'parseOptions'>, cause: ReadCause): NoteReading {
  try {
    const { stat, bytes, readAt } = fetched;
    const decoded = decodeNoteBytes(bytes);
    if ('diagnostic' in decoded) return { kind: 'skipped', problem: decoded.diagnostic };
    return { kind: 'parsed', note: parseNoteText(decoded.text, file, settings), key: fileKeyOf(stat, bytes, readAt) };
  } catch (error) {
    return failed(readFailureOf(error), cause);
  }
}

const isFetched = (value: FetchedNote | NoteReading): value is FetchedNote => 'bytes' in value;

/** stat → regular files only → size cap → read → decode → parse. Never throws: a source that throws is an unreadable file. */
export async function readNote(
  source: NoteFileAccess,
  file: NoteFileRef,
  settings: Pick<FolderSettings, 'parseOptions' | 'maxFileSize'>,
  cause: ReadCause,
): Promise<NoteReading> {
  const fetched = await fetchNote(source, file, settings, cause);
  return isFetched(fetched) ? parsedReading(fetched, file, settings, cause) : fetched;
}

/** What a host reports for a note: its parse diagnostics, or why it was skipped. */
export function problemsOf(reading: NoteReading): readonly NoteDiagnostic[] {
  return reading.kind === 'parsed' ? reading.note.diagnostics : reading.kind === 'skipped' ? [reading.problem] : [];
}

/** One line of a host's log: `file:line: message`, with the message already localised. */
export function problemLine(fileLabel: string, problem: NoteDiagnostic, localizedMessage: string): string {
  return `${fileLabel}${problem.line === undefined ? '' : `:${problem.line + 1}`}: ${localizedMessage}`;
}

/** The notes of a folder: what the source lists, with a note extension, that no exclude glob matches. */
export async function listNotes(source: Pick<NoteSource, 'list'>, settings: Pick<FolderSettings, 'excludes'>): Promise<string[]> {
  return settings.excludes.withoutExcluded((await source.list(settings.excludes)).filter(isNoteFile));
}

/** A folder-relative path as a file of that folder. */
export function folderFile(path: string, uriOf: (path: string) => string): NoteFileRef {
  return { path, uri: uriOf(path), pathSegments: path.split('/') };
}

/**
 * Reads notes with up to `concurrency` reads in flight: each request of a file system may be a round trip (to the
 * main thread in a remote or web window), so a steady pool of readers beats batches that wait for their slowest
 * file. The notes whose bytes have come in are parsed together once per turn of the event loop (`BatchedWork`),
 * not each in its read's callback. The readings are in the order of `files`.
 */
export async function readNotes(
  source: NoteFileAccess,
  files: readonly NoteFileRef[],
  settings: Pick<FolderSettings, 'parseOptions' | 'maxFileSize'>,
  options: {
    readonly cause: ReadCause;
    readonly concurrency: number;
    /** Hears of each reading as it comes in (`position`: the file's in `files`), before they are all there. */
    readonly onReading?: (position: number, reading: NoteReading) => void;
  },
): Promise<NoteReading[]> {
  const readings: NoteReading[] = new Array(files.length);
  const parsing = new BatchedWork();
  await mapConcurrently(files, options.concurrency, async (file, position) => {
    const fetched = await fetchNote(source, file, settings, options.cause);
    parsing.add(() => {
      const reading = isFetched(fetched) ? parsedReading(fetched, file, settings, options.cause) : fetched;
      readings[position] = reading;
      options.onReading?.(position, reading);
    });
  });
  await parsing.settled();
  return readings;
}

/**
 * Work run in batches, one per turn of the event loop: what was added since the last batch runs together, after
 * the turn's I/O callbacks. On the main thread, reading the benchmark's 10,000 notes and parsing each inside its
 * read's callback, between the steps of the other reads in flight, took a median of 1.84 s; parsing the notes that
 * have come in together, 1.63 s (docs/performance.md).
 */
class BatchedWork {
  private queue: (() => void)[] = [];
  private batch: Promise<void> | undefined;
  private failure: { readonly error: unknown } | undefined;

  add(work: () => void): void {
    this.queue.push(work);
    this.batch ??= new Promise((resolve) => setTimeout(() => {
      this.batch = undefined;
      const works = this.queue;
      this.queue = [];
      for (const each of works) {
        try {
          each();
        } catch (error) {
          this.failure ??= { error };
        }
      }
      resolve();
    }, 0));
  }

  /** Resolves once everything added has run; rejects with the first error a work threw. */
  async settled(): Promise<void> {
    while (this.batch) await this.batch;
    if (this.failure) throw this.failure.error;
  }
}

/** `work` over every item with up to `concurrency` calls in flight; the results are in the order of `items`. */
export async function mapConcurrently<T, R>(items: readonly T[], concurrency: number, work: (item: T, position: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** One note of a folder read: where it is, and what became of it. */
export interface FolderReading {
  readonly file: NoteFileRef;
  readonly reading: NoteReading;
}

/** A whole folder: list → exclude → read every note. */
export async function readFolder(
  source: NoteSource,
  settings: FolderSettings,
  uriOf: (path: string) => string,
  concurrency: number,
): Promise<FolderReading[]> {
  return (await readFolderWarm(source, settings, uriOf, [], concurrency)).readings;
}

/** What a warm start still has to do once a snapshot's notes are in the index. */
export interface StaleFiles {
  /** Files to read and parse: new, changed (size, mtime or, for a racy key, content), or not a plain note any more. */
  readonly stale: NoteFileRef[];
  /** The saved entries whose file is unchanged: the index already holds their notes. */
  readonly unchanged: SnapshotEntry[];
  /** URIs of saved notes whose file is no longer listed (deleted, renamed, now excluded): to remove from the index. */
  readonly removed: string[];
}

/**
 * Which of a folder's listed `files` changed since their `saved` entries were taken: a stat of each (and, for an
 * entry whose mtime was too recent to trust, a read and a hash). Whatever is in doubt — a failed stat, something
 * that is not a file, a file now over the size cap — is stale, so that readNote decides and reports it.
 */
export async function staleFiles(
  source: Pick<NoteSource, 'stat' | 'read' | 'statMany'>,
  files: readonly NoteFileRef[],
  saved: readonly SnapshotEntry[],
  settings: Pick<FolderSettings, 'maxFileSize'>,
  concurrency: number,
): Promise<StaleFiles> {
  const byPath = new Map(saved.map((entry) => [entry.path, entry]));
  // Only a file listed under the URI its saved note has can be unchanged; the others are read again anyway.
  const candidates = files.filter((file) => byPath.get(file.path)?.note.uri === file.uri);
  const stats = source.statMany
    ? await source.statMany(candidates.map((file) => file.path))
    : await mapConcurrently(candidates, concurrency, (file) => settle(() => source.stat(file.path)));
  const unchangedFiles = new Set<NoteFileRef>();
  const hashed: { readonly file: NoteFileRef; readonly hash: string }[] = [];
  candidates.forEach((file, i) => {
    const stat = stats[i];
    const { key } = byPath.get(file.path)!;
    if (isFailure(stat) || !stat.isFile() || stat.size > settings.maxFileSize || stat.size !== key.size || stat.mtimeMs !== key.mtime) return;
    if (key.hash === undefined) unchangedFiles.add(file);
    else hashed.push({ file, hash: key.hash });
  });
  // A file written within the racy window of its save keeps a hash: its content tells.
  const sameContent = await mapConcurrently(hashed, concurrency, async ({ file, hash }) => {
    const bytes = await settle(() => source.read(file.path));
    return !isFailure(bytes) && contentHash(bytes) === hash;
  });
  hashed.forEach(({ file }, i) => {
    if (sameContent[i]) unchangedFiles.add(file);
  });
  const stale: NoteFileRef[] = [];
  const unchanged: SnapshotEntry[] = [];
  for (const file of files) {
    if (unchangedFiles.has(file)) unchanged.push(byPath.get(file.path)!);
    else stale.push(file);
  }
  // A saved note whose file is not listed under its URI (deleted, renamed, now excluded, or read again under
  // another URI) goes.
  const kept = new Set(candidates.map((file) => file.path));
  const removed = saved.filter((entry) => !kept.has(entry.path)).map((entry) => entry.note.uri);
  return { stale, unchanged, removed };
}

/** A folder read with a snapshot: list → exclude → stat every note → read only the stale ones. `files`: the listing. */
export async function readFolderWarm(
  source: NoteSource,
  settings: FolderSettings,
  uriOf: (path: string) => string,
  saved: readonly SnapshotEntry[],
  concurrency: number,
): Promise<{ readonly files: NoteFileRef[]; readonly readings: FolderReading[]; readonly unchanged: SnapshotEntry[]; readonly removed: string[] }> {
  const files = (await listNotes(source, settings)).map((path) => folderFile(path, uriOf));
  const { stale, unchanged, removed } = await staleFiles(source, files, saved, settings, concurrency);
  const readings = await readNotes(source, stale, settings, { cause: 'scan', concurrency });
  return { files, readings: stale.map((file, i) => ({ file, reading: readings[i] })), unchanged, removed };
}

/** The entries of the next snapshot: the unchanged ones, and every file read whose version is known. */
export function snapshotEntries(unchanged: readonly SnapshotEntry[], readings: readonly FolderReading[]): SnapshotEntry[] {
  const entries = [...unchanged];
  for (const { file, reading } of readings) {
    if (reading.kind === 'parsed' && reading.key) entries.push({ path: file.path, key: reading.key, note: reading.note });
  }
  return entries;
}
