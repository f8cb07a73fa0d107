// The saved index: what a folder's notes were parsed into, kept between sessions so that the next start can draw
// the tree at once and read only the files that changed since. Per note it keeps the file's stat key (size and
// mtime, plus a hash of the bytes when the mtime cannot be trusted alone) and the note as parsed (before the folder
// pass, which NoteIndex re-derives). A snapshot is either trusted whole or ignored whole: anything that does not
// check out — damaged, truncated, written by another parser version, for another folder or other parse settings,
// or over the size cap — is rejected with one reason, and the folder is read from scratch.
import { coreMessage, type CoreMessage } from '../messages';
import type { ParsedNote, ParseOptions, Session } from './model';
import type { FolderSettings } from './noteSettings';

/**
 * The version of what the parser and layout inference produce. BUMP IT whenever a change to the parser
 * (parser.ts, markdownFastPath.ts, frontMatter.ts, fields.ts…), inference (inference*.ts, folderReadings.ts) or the
 * note model changes the ParsedNote any file is read into: saved indexes of another version are ignored, so a
 * user never sees notes read by an older parser. Bump it too when the file's own form changes (its header, body or
 * `contentHash`), so an older file is reported as another version's rather than as damaged.
 */
export const PARSED_NOTE_VERSION = 11;

/** A saved index larger than this is neither written nor read (10,000 notes take about 21 MB). */
export const MAX_SNAPSHOT_BYTES = 50 * 1024 * 1024;

/**
 * How recently a file may have been modified, when it is read, for its mtime to be in doubt: a file system with
 * coarse timestamps (whole seconds; FAT's two seconds; Linux's clock tick) can give a file written again within
 * the same tick the same mtime. Such a file's key also holds a hash of the bytes read.
 */
export const RACY_WINDOW_MS = 2_000;

/** What identifies the version of a file that was read, without reading it again. */
export interface FileKey {
  readonly size: number;
  /** Modification time in milliseconds (Node's `mtimeMs`, VS Code's `FileStat.mtime`). */
  readonly mtime: number;
  /** `contentHash` of the bytes, when the mtime was too close to the read to tell two versions apart. */
  readonly hash?: string;
}

/** One note of a snapshot: the file (folder-relative path), its key when it was read, and the note as parsed. */
export interface SnapshotEntry {
  readonly path: string;
  readonly key: FileKey;
  readonly note: ParsedNote;
}

/** The saved index of one workspace folder. */
export interface FolderSnapshot {
  /** The folder's URI: a snapshot is never used for another folder. */
  readonly folder: string;
  /** `settingsKey` of the parse options the notes were read with. */
  readonly settings: string;
  /** `listingKey` of the excludes and size cap the files were listed and read with. */
  readonly listing: string;
  readonly entries: readonly SnapshotEntry[];
}

/** English templates of the messages about the saved index; adapters localise them. `{0}` is the folder. */
export const SNAPSHOT_MESSAGES = {
  'snapshot-damaged': 'The saved index of {0} was ignored because it is damaged or incomplete; every note is read again.',
  'snapshot-version': 'The saved index of {0} was ignored because another version of Conference Notes wrote it; every note is read again.',
  'snapshot-foreign': 'The saved index of {0} was ignored because it was saved for another folder or with other reading settings; every note is read again.',
  'snapshot-too-large': 'The saved index of {0} was ignored because it is {1} bytes, over the limit of {2} bytes; every note is read again.',
  'snapshot-not-saved': 'The index of {0} was not saved: it would take {1} bytes, over the limit of {2} bytes. Every note is read again at the next start.',
} as const;

export type SnapshotMessage = CoreMessage<keyof typeof SNAPSHOT_MESSAGES>;

const FORMAT = 'conference-notes-index';

// ---------------------------------------------------------------------------------------------------------------
// Hashing

// xxHash32's primes.
const PRIME1 = 0x9e3779b1 | 0;
const PRIME2 = 0x85ebca77 | 0;
const PRIME3 = 0xc2b2ae3d | 0;

/**
 * A 64-bit hash of bytes: four 32-bit lanes over successive words (xxHash32's round in each, so the lanes run side
 * by side: a few milliseconds for a 21 MB snapshot), then the last words and tail bytes, then the lanes through a
 * final mix one after the other. Each round is a bijection of its lane for a given word, and one-to-one in the word
 * for a given lane, so one changed word always changes the hash; the length is mixed in. Not cryptographic: it
 * guards against damage, not against someone forging a cache. Words are read in the machine's byte order, so a cache
 * carried to a machine of the other byte order is ignored as damaged — it is per machine anyway. All arithmetic stays in 32-bit integers: one result outside them
 * (an addition without `| 0`) turns the loop into floating point, five times slower.
 */
export function contentHash(bytes: Uint8Array): string {
  // A Uint32Array view needs a 4-aligned offset; anything else is copied once (small files, or an odd buffer).
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const words = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length >>> 2);
  // xxHash32's seeds and round: the word multiplied, added, the sum rotated and multiplied.
  let a = (PRIME1 + PRIME2) ^ aligned.length;
  let b = PRIME2;
  let c = 0;
  let d = -PRIME1 | 0;
  let i = 0;
  for (const last = words.length - 4; i <= last; i += 4) {
    a = Math.imul(rotateLeft13((a + Math.imul(words[i], PRIME2)) | 0), PRIME1);
    b = Math.imul(rotateLeft13((b + Math.imul(words[i + 1], PRIME2)) | 0), PRIME1);
    c = Math.imul(rotateLeft13((c + Math.imul(words[i + 2], PRIME2)) | 0), PRIME1);
    d = Math.imul(rotateLeft13((d + Math.imul(words[i + 3], PRIME2)) | 0), PRIME1);
  }
  for (; i < words.length; i++) a = Math.imul(rotateLeft13((a + Math.imul(words[i], PRIME2)) | 0), PRIME1);
  for (let at = words.length << 2; at < aligned.length; at++) b = Math.imul(rotateLeft13((b + Math.imul(aligned[at], PRIME3)) | 0), PRIME1);
  // Lane by lane through the mix, not XOR-ed together: a damaged bit of one lane cannot cancel one of another.
  const high = finalMix(finalMix(finalMix(a) ^ c) ^ b);
  const low = finalMix(finalMix(finalMix(d) ^ b) ^ high);
  return (high >>> 0).toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0');
}

function rotateLeft13(value: number): number {
  return (value << 13) | (value >>> 19);
}

/** MurmurHash3's finaliser: every bit of the lane reaches every bit of the result. */
function finalMix(value: number): number {
  let h = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The name of a folder's snapshot file in a host's cache folder: a hash of the folder's URI, which the snapshot also holds. */
export function snapshotFileName(folder: string): string {
  return `${contentHash(new TextEncoder().encode(folder))}.snapshot`;
}

/** JSON with object keys in sorted order, so equal options give equal text whatever order they were built in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What of a folder's settings decides how a file is parsed: its parse options (levels, fileDefaults, folder
 * depth, aliases…). Excludes and the size cap are not in it — they decide which files are notes, which a warm start
 * checks against the settings in force (`restorableEntries`), so changing them does not throw the snapshot away.
 */
export function settingsKey(options: ParseOptions): string {
  return contentHash(new TextEncoder().encode(canonicalJson(options)));
}

/**
 * What of a folder's settings decides which files are notes: its exclude globs and size cap. A snapshot saved under
 * the ones in force holds only files they keep, so a warm start need not match every saved path against them again.
 */
export function listingKey(settings: Pick<FolderSettings, 'excludes' | 'maxFileSize'>): string {
  return contentHash(new TextEncoder().encode(canonicalJson({ excludes: settings.excludes.globs, maxFileSize: settings.maxFileSize })));
}

/** The key of a file read at `readAt` (ms): its size and mtime, and the bytes' hash when the mtime is too recent to trust. */
export function fileKeyOf(stat: { readonly size: number; readonly mtimeMs?: number }, bytes: Uint8Array, readAt: number): FileKey | undefined {
  if (stat.mtimeMs === undefined || !Number.isFinite(stat.mtimeMs)) return undefined;
  return readAt - stat.mtimeMs < RACY_WINDOW_MS ? { size: stat.size, mtime: stat.mtimeMs, hash: contentHash(bytes) } : { size: stat.size, mtime: stat.mtimeMs };
}

// ---------------------------------------------------------------------------------------------------------------
// The file: a header line, then the body

/**
 * The first line of a snapshot file: a JSON object, padded with spaces so that the body starts at a multiple of 4
 * bytes (the checksum reads words).
 */
interface SnapshotHeader {
  readonly format: typeof FORMAT;
  readonly version: number;
  readonly folder: string;
  readonly settings: string;
  readonly listing: string;
  readonly entries: number;
  readonly bodyBytes: number;
  readonly checksum: string;
}

/** An entry in the body: `[path, size, mtime, hash or null, note]`, the note as `compactNote` writes it. */
type StoredEntry = [string, number, number, string | null, ParsedNote];

// A session repeats its note's URI (in `uri` and at the start of its `id`), conference and layout: a sixth of a
// snapshot's bytes. They are stored as '' when they are the note's, the id from its `#` on, and given back on load
// — in place, so each session keeps its keys in the order the parser wrote them (the CLI's JSON shows it), and
// keeps them strings (a placeholder of another type would cost every restored session a change of shape). The
// parse pool sends its notes between threads in the same compact form: what is given back is the note's own string,
// not a copy per session, as a structured clone would make.

/** The keys a session shares with its note, stored as '' when equal. */
const SHARED_KEYS = ['conference', 'uri', 'layout'] as const;

/**
 * The note as the body holds it: its sessions without what they share with it. Undefined for a note the form cannot
 * hold (a session with an empty conference, say, in a note with a name: '' would come back as the note's), which is
 * then not saved, and read again at the next start (or sent whole by the parse pool); the parser writes no such note.
 */
export function compactNote(note: ParsedNote): ParsedNote | undefined {
  if (!Array.isArray(note.sessions)) return note; // not a note: written as it is, and a load rejects it
  if (note.sessions.some((session) => SHARED_KEYS.some((key) => session[key] === '' && note[key] !== ''))) return undefined;
  const asOneSession = note.folderHints?.asOneSession;
  const storedAlternative = asOneSession && compactNote(asOneSession);
  if (asOneSession && !storedAlternative) return undefined;
  return {
    ...note,
    sessions: note.sessions.map((session) => storedSession(session, note)),
    ...(note.folderHints && storedAlternative ? { folderHints: { ...note.folderHints, asOneSession: storedAlternative } } : {}),
  };
}

function storedSession(session: Session, note: ParsedNote): Session {
  const stored: Record<string, unknown> = { ...session };
  for (const key of SHARED_KEYS) if (session[key] === note[key]) stored[key] = '';
  // A session id is its note's URI, `#` and a slug; no URI starts with `#`.
  if (session.id.startsWith(`${note.uri}#`)) stored.id = session.id.slice(note.uri.length);
  return stored as unknown as Session;
}

/** A compact note made whole again, in place (JSON.parse or a structured clone has just made it): false when it is not a note. */
export function restoreCompactNote(note: Record<string, unknown>): boolean {
  if (typeof note.uri !== 'string' || typeof note.conference !== 'string' || typeof note.layout !== 'string') return false;
  if (!Array.isArray(note.sessions) || !Array.isArray(note.diagnostics)) return false;
  for (const session of note.sessions as unknown[]) {
    if (!isRecord(session) || typeof session.id !== 'string') return false;
    if (session.id.startsWith('#')) session.id = note.uri + session.id;
    for (const key of SHARED_KEYS) {
      if (session[key] === '') session[key] = note[key];
      else if (typeof session[key] !== 'string') return false;
    }
  }
  const asOneSession = isRecord(note.folderHints) ? note.folderHints.asOneSession : undefined;
  return asOneSession === undefined || (isRecord(asOneSession) && restoreCompactNote(asOneSession));
}

/**
 * JSON with every character outside ASCII written as a `\u` escape: the body then decodes into a one-byte string,
 * which decoding and JSON.parse read several times faster than the two-byte string a single kanji would make of it.
 */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The snapshot as the bytes of its file. */
export function encodeSnapshot(snapshot: FolderSnapshot): Uint8Array {
  const stored = snapshot.entries.flatMap(({ path, key, note }): StoredEntry[] => {
    const storable = compactNote(note);
    return storable ? [[path, key.size, key.mtime, key.hash ?? null, storable]] : [];
  });
  const encoder = new TextEncoder();
  const body = encoder.encode(asciiJson(stored));
  const header: SnapshotHeader = {
    format: FORMAT,
    version: PARSED_NOTE_VERSION,
    folder: snapshot.folder,
    settings: snapshot.settings,
    listing: snapshot.listing,
    entries: stored.length,
    bodyBytes: body.length,
    checksum: contentHash(body),
  };
  const headerBytes = encoder.encode(JSON.stringify(header));
  const start = Math.ceil((headerBytes.length + 1) / 4) * 4;
  const file = new Uint8Array(start + body.length);
  file.fill(0x20, headerBytes.length, start - 1);
  file.set(headerBytes, 0);
  file[start - 1] = 0x0a;
  file.set(body, start);
  return file;
}

/** A snapshot read back, or why it was not trusted. */
export type SnapshotLoad = { readonly snapshot: FolderSnapshot } | { readonly rejected: SnapshotMessage };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isStoredEntry(value: unknown): value is StoredEntry {
  if (!Array.isArray(value) || value.length !== 5) return false;
  const [path, size, mtime, hash, note] = value as unknown[];
  return typeof path === 'string' && Number.isSafeInteger(size) && (size as number) >= 0 && typeof mtime === 'number' && Number.isFinite(mtime) &&
    (hash === null || typeof hash === 'string') && isRecord(note) && restoreCompactNote(note);
}

/**
 * The snapshot in `bytes`, if it is whole, of this parser version, and of `expected`'s folder and settings; else
 * the one reason it is ignored. Nothing of a rejected snapshot is used.
 */
export function decodeSnapshot(bytes: Uint8Array, expected: { readonly folder: string; readonly settings: string }, folderLabel: string): SnapshotLoad {
  const reject = (code: keyof typeof SNAPSHOT_MESSAGES, ...args: (string | number)[]): SnapshotLoad => ({ rejected: coreMessage(SNAPSHOT_MESSAGES, code, [folderLabel, ...args]) });
  if (bytes.length > MAX_SNAPSHOT_BYTES) return reject('snapshot-too-large', bytes.length, MAX_SNAPSHOT_BYTES);
  const newline = bytes.indexOf(0x0a);
  if (newline === -1) return reject('snapshot-damaged');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let header: unknown;
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(0, newline)));
  } catch {
    return reject('snapshot-damaged');
  }
  if (!isRecord(header) || header.format !== FORMAT) return reject('snapshot-damaged');
  if (header.version !== PARSED_NOTE_VERSION) return reject('snapshot-version');
  if (header.folder !== expected.folder || header.settings !== expected.settings) return reject('snapshot-foreign');
  if (typeof header.listing !== 'string') return reject('snapshot-damaged');
  const body = bytes.subarray(newline + 1);
  if (body.length !== header.bodyBytes || header.checksum !== contentHash(body)) return reject('snapshot-damaged');
  let stored: unknown;
  try {
    stored = JSON.parse(decoder.decode(body));
  } catch {
    return reject('snapshot-damaged');
  }
  if (!Array.isArray(stored) || stored.length !== header.entries) return reject('snapshot-damaged');
  const paths = new Set<string>();
  const entries: SnapshotEntry[] = [];
  for (const entry of stored as unknown[]) {
    if (!isStoredEntry(entry) || paths.has(entry[0])) return reject('snapshot-damaged');
    const [path, size, mtime, hash, note] = entry;
    paths.add(path);
    entries.push({ path, key: hash === null ? { size, mtime } : { size, mtime, hash }, note });
  }
  return { snapshot: { folder: expected.folder, settings: expected.settings, listing: header.listing, entries } };
}

/**
 * The entries a warm start may put in the index before it has looked at any file: those the settings in force
 * still read — a note that an exclude glob now leaves out, or that was larger than the size cap now is, is not
 * restored (nor saved again: the next scan does not list or read it). Under the excludes and cap it was saved with,
 * that is every entry (`folderSnapshot` saves no other).
 */
export function restorableEntries(snapshot: FolderSnapshot, settings: Pick<FolderSettings, 'excludes' | 'maxFileSize'>): readonly SnapshotEntry[] {
  return snapshot.listing === listingKey(settings) ? snapshot.entries : listedEntries(snapshot.entries, settings);
}

/** The snapshot of a folder to save: its entries that the settings in force list and read, and the keys of those settings. */
export function folderSnapshot(folder: string, settings: Pick<FolderSettings, 'parseOptions' | 'excludes' | 'maxFileSize'>, entries: readonly SnapshotEntry[]): FolderSnapshot {
  return { folder, settings: settingsKey(settings.parseOptions), listing: listingKey(settings), entries: listedEntries(entries, settings) };
}

function listedEntries(entries: readonly SnapshotEntry[], settings: Pick<FolderSettings, 'excludes' | 'maxFileSize'>): SnapshotEntry[] {
  const included = new Set(settings.excludes.withoutExcluded(entries.map((entry) => entry.path)));
  return entries.filter((entry) => included.has(entry.path) && entry.key.size <= settings.maxFileSize);
}
