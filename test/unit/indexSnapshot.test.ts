// The saved index: a snapshot that is damaged, truncated, of another parser version, of another folder or other
// parse settings, or too large is ignored whole; a warm start from a good one ends with the index a cold read gives,
// whatever changed, was added, removed or renamed while the window was closed — folder readings included — and
// reads only what changed; a note that the excludes or the size cap now leave out is neither restored nor saved.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { runCli } from '../../src/cli/main';
import {
  contentHash, decodeSnapshot, encodeSnapshot, folderSnapshot, MAX_SNAPSHOT_BYTES, PARSED_NOTE_VERSION, restorableEntries, settingsKey,
  type FolderSnapshot, type SnapshotEntry,
} from '../../src/core/notes/indexSnapshot';
import { NoteIndex } from '../../src/core/notes/noteIndex';
import { folderSettingsFromFile, type FolderSettings } from '../../src/core/notes/noteSettings';
import { readFolder, readFolderWarm, snapshotEntries, type FolderReading, type NoteSource } from '../../src/core/notes/pipeline';
import { assertProperty, propertySeed } from './helpers/property';

const FOLDER = 'memory:///notes';
const uriOf = (path: string) => `${FOLDER}/${path}`;
/** Long ago: a file this old has an mtime that can be trusted. */
const OLD = Date.UTC(2024, 0, 1);

/** A folder in memory whose files have sizes and mtimes; it counts the reads, so a test sees what a warm start read. */
class MemoryFolder implements NoteSource {
  readonly files = new Map<string, { bytes: Uint8Array; mtime: number }>();
  reads: string[] = [];
  private clock = OLD;

  /** Writes a file; `mtime` defaults to a tick after the last write (a file system with millisecond times). */
  write(path: string, text: string, mtime = ++this.clock): void {
    this.files.set(path, { bytes: new TextEncoder().encode(text), mtime });
  }

  rename(from: string, to: string): void {
    this.files.set(to, this.files.get(from)!);
    this.files.delete(from);
  }

  async list(): Promise<string[]> {
    return [...this.files.keys()];
  }

  async stat(path: string) {
    const file = this.files.get(path);
    return file ? { size: file.bytes.length, mtimeMs: file.mtime, isFile: () => true } : { failure: 'missing' as const };
  }

  async read(path: string) {
    this.reads.push(path);
    return this.files.get(path)?.bytes ?? { failure: 'missing' as const };
  }
}

/** A folder whose stats can be asked all at once (as of a local disk); it records how many each batch asked. */
class BatchStatFolder extends MemoryFolder {
  batches: number[] = [];

  async statMany(paths: readonly string[]) {
    this.batches.push(paths.length);
    return Promise.all(paths.map((path) => this.stat(path)));
  }
}

const sessionFile = (n: number, track = `Track ${n % 3}`) =>
  `---\ntype: session\nconference: DevConf 2024\ntrack: ${track}\nspeakers: [Speaker ${n}]\n---\n# Talk ${n}\n\nWhat was said in talk ${n}.\n`;
const report = (name: string) =>
  `# ${name}\n\n## Platform\n\n### Scaling queues\n- speakers: Ada\n\nNotes.\n\n### Tracing in production\n- speakers: Lin\n\n## Security\n\n### Secrets at rest\n- speakers: Sam\n`;
// No front matter: layout inference reads these, and the folder pass decides for them together.
const bareTalk = (n: number) => `# Building things ${n}\n\nBy Person ${n}\n\nWhat I learned.\n\n## Takeaways\n\n- one\n- two\n`;
const landingPage = `# Meetup 2023\n\n## Lightning talks\n\n- [first](bare-1.md)\n- [second](bare-2.md)\n`;

function defaultSettings(values: Record<string, unknown> = {}): FolderSettings {
  return folderSettingsFromFile(values);
}

function populated(folder = new MemoryFolder()): MemoryFolder {
  for (let n = 1; n <= 6; n++) folder.write(`devconf/talk-${n}.md`, sessionFile(n));
  folder.write('reports/pycon.md', report('PyCon 2024'));
  folder.write('reports/rustconf.md', report('RustConf 2024'));
  for (let n = 1; n <= 3; n++) folder.write(`meetup/bare-${n}.md`, bareTalk(n));
  folder.write('meetup/README.md', landingPage);
  return folder;
}

function indexOf(notes: Iterable<SnapshotEntry['note']>): NoteIndex {
  const index = new NoteIndex();
  index.updateMany(notes, []);
  return index;
}

function parsedNotes(readings: readonly FolderReading[]) {
  return readings.flatMap(({ reading }) => (reading.kind === 'parsed' ? [reading.note] : []));
}

/** A cold read of the folder: what every warm start must end with. */
async function coldRead(folder: NoteSource, settings: FolderSettings): Promise<{ index: NoteIndex; readings: FolderReading[] }> {
  const readings = await readFolder(folder, settings, uriOf, 4);
  return { index: indexOf(parsedNotes(readings)), readings };
}

/** The snapshot a session would have saved after reading the folder. */
async function savedSnapshot(folder: MemoryFolder, settings: FolderSettings): Promise<Uint8Array> {
  const { readings } = await coldRead(folder, settings);
  return encodeSnapshot(folderSnapshot(FOLDER, settings, snapshotEntries([], readings)));
}

function load(bytes: Uint8Array, settings: FolderSettings, folder = FOLDER) {
  return decodeSnapshot(bytes, { folder, settings: settingsKey(settings.parseOptions) }, 'notes');
}

/** A warm start as the extension does it: the restored notes at once, then one update with what changed. */
async function warmStart(folder: MemoryFolder, bytes: Uint8Array, settings: FolderSettings) {
  const loaded = load(bytes, settings);
  if (!('snapshot' in loaded)) throw new Error(`the snapshot was rejected: ${loaded.rejected.code}`);
  const restored = restorableEntries(loaded.snapshot, settings);
  const index = indexOf(restored.map((entry) => entry.note));
  const restoredUris = index.uris();
  folder.reads = [];
  const { readings, unchanged, removed } = await readFolderWarm(folder, settings, uriOf, restored, 4);
  const unread = readings.filter(({ reading }) => reading.kind !== 'parsed').map(({ file }) => file.uri);
  index.updateMany(parsedNotes(readings), [...removed, ...unread]);
  return { index, restoredUris, reads: [...folder.reads], next: snapshotEntries(unchanged, readings) };
}

/**
 * As JSON keeps it: a parsed note's `key: undefined` is a key without a value, which JSON drops; every reader of a
 * note sees the same either way.
 */
const asSaved = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Everything the views read from an index, in a stable order. */
function contents(index: NoteIndex) {
  const uris = index.uris().sort();
  return asSaved({
    notes: uris.map((uri) => index.note(uri)),
    conferences: index.conferences(),
    tracks: index.conferences().map(({ name }) => index.tracks(name)),
    speakers: index.speakers(),
  });
}

async function assertWarmEqualsCold(folder: MemoryFolder, bytes: Uint8Array, settings: FolderSettings) {
  const warm = await warmStart(folder, bytes, settings);
  const cold = await coldRead(folder, settings);
  assert.deepEqual(contents(warm.index), contents(cold.index));
  return warm;
}

describe('the saved index', () => {
  const settings = defaultSettings();

  describe('a snapshot that is not trusted is ignored whole', () => {
    let bytes: Uint8Array;
    before(async () => {
      bytes = await savedSnapshot(populated(), settings);
    });

    it('reads back what was saved', async () => {
      const loaded = load(bytes, settings);
      assert.ok('snapshot' in loaded);
      const cold = await coldRead(populated(), settings);
      assert.deepEqual(loaded.snapshot.entries, asSaved(snapshotEntries([], cold.readings)));
      assert.equal(loaded.snapshot.entries.length, 12);
    });

    it('gives back text outside ASCII, and what each session shares with its note, as it was read', async () => {
      const folder = populated();
      folder.write('kaigi/report.md', '# 技術カンファレンス 2024\n\n## インフラ\n\n### 分散トレーシング入門（山田 太郎）\n\nメモ：観測性 🚀\n');
      const saved = await savedSnapshot(folder, settings);
      assert.ok(saved.every((byte) => byte < 0x80), 'the file is ASCII: every other character is escaped');
      const loaded = load(saved, settings);
      assert.ok('snapshot' in loaded);
      const cold = await coldRead(folder, settings);
      assert.deepEqual(loaded.snapshot.entries, asSaved(snapshotEntries([], cold.readings)));
      const kaigi = loaded.snapshot.entries.find((entry) => entry.path === 'kaigi/report.md')!.note;
      assert.equal(kaigi.sessions[0].title, '分散トレーシング入門');
      assert.ok(kaigi.sessions[0].id.startsWith(`${uriOf('kaigi/report.md')}#`));
      assert.ok(kaigi.sessions.every((session) => session.uri === kaigi.uri && session.conference === kaigi.conference));
    });

    it('leaves out, to be read again, a note whose session has an empty conference where the note has one', () => {
      const good = (load(bytes, settings) as { snapshot: FolderSnapshot }).snapshot;
      const [first, ...rest] = good.entries;
      const odd = { ...first, note: { ...first.note, sessions: first.note.sessions.map((session) => ({ ...session, conference: '' })) } };
      const reloaded = load(encodeSnapshot({ ...good, entries: [odd, ...rest] }), settings) as { snapshot: FolderSnapshot };
      assert.deepEqual(reloaded.snapshot.entries.map((entry) => entry.path), rest.map((entry) => entry.path));
    });

    it('ignores a snapshot with any one byte changed, in the header or in a note', () => {
      const newline = bytes.indexOf(0x0a);
      for (const at of [1, newline - 3, newline + 1, newline + 200, Math.floor(bytes.length / 2), bytes.length - 2]) {
        const damaged = bytes.slice();
        damaged[at] ^= 0x04;
        const loaded = load(damaged, settings);
        assert.ok('rejected' in loaded, `a change at byte ${at} was not noticed`);
        assert.equal(loaded.rejected.code, 'snapshot-damaged');
        assert.deepEqual(loaded.rejected.args, ['notes']);
      }
    });

    it('ignores a truncated snapshot, wherever it was cut', () => {
      assertProperty(fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), (length) => {
        const loaded = load(bytes.subarray(0, length), settings);
        return 'rejected' in loaded && loaded.rejected.code === 'snapshot-damaged';
      }));
    });

    it('ignores a snapshot with bytes added at the end', () => {
      const longer = new Uint8Array(bytes.length + 2);
      longer.set(bytes);
      longer.set([0x5d, 0x0a], bytes.length);
      assert.equal((load(longer, settings) as { rejected: { code: string } }).rejected.code, 'snapshot-damaged');
    });

    it('ignores a snapshot written by another parser version', () => {
      const text = new TextDecoder().decode(bytes);
      const marker = `"version":${PARSED_NOTE_VERSION},`;
      assert.ok(text.includes(marker));
      const older = new TextEncoder().encode(text.replace(marker, `"version":${PARSED_NOTE_VERSION + 1},`));
      const loaded = load(older, settings);
      assert.ok('rejected' in loaded);
      assert.equal(loaded.rejected.code, 'snapshot-version');
    });

    it('ignores a snapshot of another folder, or saved with other parse settings', () => {
      const otherFolder = load(bytes, settings, 'memory:///elsewhere');
      assert.ok('rejected' in otherFolder);
      assert.equal(otherFolder.rejected.code, 'snapshot-foreign');
      const otherSettings = load(bytes, defaultSettings({ 'conferenceNotes.sessionHeadingLevel': 4 }));
      assert.ok('rejected' in otherSettings);
      assert.equal(otherSettings.rejected.code, 'snapshot-foreign');
    });

    it('keys parse settings by their values, not by the order they were written in', () => {
      const a = defaultSettings({ 'conferenceNotes.titlePrefixTracks': ['Keynote'], 'conferenceNotes.conferenceFolderDepth': 2 });
      const b = defaultSettings({ 'conferenceNotes.conferenceFolderDepth': 2, 'conferenceNotes.titlePrefixTracks': ['Keynote'] });
      assert.equal(settingsKey(a.parseOptions), settingsKey(b.parseOptions));
      assert.notEqual(settingsKey(a.parseOptions), settingsKey(settings.parseOptions));
      // Excludes and the size cap decide which files are notes, not how one is parsed: they keep the snapshot.
      assert.equal(settingsKey(defaultSettings({ 'conferenceNotes.exclude': ['drafts/**'], 'conferenceNotes.maxFileSize': 10 }).parseOptions), settingsKey(settings.parseOptions));
    });

    it('ignores a snapshot over the size cap before reading any of it', () => {
      const loaded = load(new Uint8Array(MAX_SNAPSHOT_BYTES + 1), settings);
      assert.ok('rejected' in loaded);
      assert.equal(loaded.rejected.code, 'snapshot-too-large');
      assert.deepEqual(loaded.rejected.args, ['notes', String(MAX_SNAPSHOT_BYTES + 1), String(MAX_SNAPSHOT_BYTES)]);
    });

    it('ignores a whole snapshot when one of its entries is not a note, even with a right checksum', () => {
      const good = load(bytes, settings) as { snapshot: FolderSnapshot };
      const broken = { ...good.snapshot.entries[3], note: { uri: uriOf('x.md') } as unknown as SnapshotEntry['note'] };
      const withBroken = encodeSnapshot({ ...good.snapshot, entries: [...good.snapshot.entries.slice(0, 3), broken, ...good.snapshot.entries.slice(4)] });
      assert.equal((load(withBroken, settings) as { rejected: { code: string } }).rejected.code, 'snapshot-damaged');
      const twice = encodeSnapshot({ ...good.snapshot, entries: [...good.snapshot.entries, good.snapshot.entries[0]] });
      assert.equal((load(twice, settings) as { rejected: { code: string } }).rejected.code, 'snapshot-damaged');
    });

    it('hashes contents, wherever the bytes sit in their buffer', () => {
      const text = new TextEncoder().encode('0123456789abcdef-note');
      const shifted = new Uint8Array(text.length + 3);
      shifted.set(text, 3);
      assert.equal(contentHash(shifted.subarray(3)), contentHash(text));
      assert.notEqual(contentHash(text.subarray(0, text.length - 1)), contentHash(text));
    });

    it('gives another hash for any one damaged bit: in the word lanes, the last words and the tail bytes', () => {
      // 39 bytes: two blocks of four words, one word after them, three tail bytes.
      const bytes = new TextEncoder().encode('a note of thirty-nine bytes, say: 0123.');
      const original = contentHash(bytes);
      const seen = new Set([original]);
      for (let at = 0; at < bytes.length; at++) {
        for (let bit = 0; bit < 8; bit++) {
          const damaged = bytes.slice();
          damaged[at] ^= 1 << bit;
          seen.add(contentHash(damaged));
        }
      }
      assert.equal(seen.size, 1 + bytes.length * 8);
      assert.notEqual(contentHash(new Uint8Array(12)), contentHash(new Uint8Array(16)), 'zero bytes of another length');
    });
  });

  for (const batched of [false, true]) describe(batched ? 'a warm start, the stats asked at once' : 'a warm start', () => {
    const populatedFolder = () => populated(batched ? new BatchStatFolder() : new MemoryFolder());

    it('reads nothing but a stat of each file when nothing changed, and ends with the cold index', async () => {
      const folder = populatedFolder();
      const bytes = await savedSnapshot(folder, settings);
      const warm = await assertWarmEqualsCold(folder, bytes, settings);
      assert.equal(warm.restoredUris.length, 12);
      assert.ok(warm.index.uris().some((uri) => warm.index.parsedNote(uri)?.folderHints), 'some notes are read by the folder pass');
      assert.deepEqual(warm.reads, []);
      if (folder instanceof BatchStatFolder) assert.deepEqual(folder.batches.filter((asked) => asked > 0), [12], 'one batch: every saved file');
    });

    it('is right about files changed, added, removed and renamed while the window was closed, and reads only those', async () => {
      const folder = populatedFolder();
      const bytes = await savedSnapshot(folder, settings);
      folder.write('devconf/talk-2.md', sessionFile(2, 'Renamed track'));
      folder.write('devconf/talk-7.md', sessionFile(7));
      folder.files.delete('reports/rustconf.md');
      folder.rename('devconf/talk-3.md', 'devconf/moved/talk-3.md');
      folder.write('meetup/bare-4.md', bareTalk(4));
      folder.files.delete('meetup/README.md');
      const warm = await assertWarmEqualsCold(folder, bytes, settings);
      assert.deepEqual(new Set(warm.index.uris()), new Set([...folder.files.keys()].map(uriOf)));
      assert.deepEqual(new Set(warm.reads), new Set(['devconf/talk-2.md', 'devconf/talk-7.md', 'devconf/moved/talk-3.md', 'meetup/bare-4.md']));
      assert.equal(warm.index.sessionsOf(uriOf('devconf/talk-2.md'))[0].track, 'Renamed track');
      assert.deepEqual(warm.index.sessionsOf(uriOf('reports/rustconf.md')), []);
    });

    it('notices a file rewritten with the same size and mtime when its mtime was too recent to trust', async () => {
      const folder = populatedFolder();
      const now = Date.now();
      folder.write('devconf/talk-1.md', sessionFile(1, 'Track A'), now);
      const bytes = await savedSnapshot(folder, settings);
      // A coarse clock: the second write within the same tick, same length, same mtime.
      folder.write('devconf/talk-1.md', sessionFile(1, 'Track B'), now);
      const warm = await assertWarmEqualsCold(folder, bytes, settings);
      assert.equal(warm.index.sessionsOf(uriOf('devconf/talk-1.md'))[0].track, 'Track B');
      // Old files are trusted by their stat alone; only the recent one was read to compare its bytes.
      const entries = (load(bytes, settings) as { snapshot: FolderSnapshot }).snapshot.entries;
      assert.deepEqual(entries.filter((entry) => entry.key.hash !== undefined).map((entry) => entry.path), ['devconf/talk-1.md']);
      assert.deepEqual(warm.reads, ['devconf/talk-1.md', 'devconf/talk-1.md']);
    });

    it('never restores nor saves again a note that an exclude glob or the size cap now leaves out', async () => {
      const folder = populatedFolder();
      const bytes = await savedSnapshot(folder, settings);
      const reportSize = folder.files.get('reports/pycon.md')!.bytes.length;
      const stricter = defaultSettings({ 'conferenceNotes.exclude': ['meetup/**'], 'conferenceNotes.maxFileSize': reportSize - 1 });
      const warm = await assertWarmEqualsCold(folder, bytes, stricter);
      const leftOut = (uri: string) => uri.includes('/meetup/') || uri.includes('/reports/');
      assert.deepEqual(warm.restoredUris.filter(leftOut), []);
      assert.deepEqual(warm.index.uris().filter(leftOut), []);
      assert.deepEqual(warm.next.map((entry) => entry.note.uri).filter(leftOut), []);
      assert.equal(warm.next.length, 6);
    });

    it('saves only the notes that the excludes and size cap in force keep, so a start under them restores the snapshot as it is', async () => {
      const folder = populatedFolder();
      const { readings } = await coldRead(folder, settings);
      const reportSize = folder.files.get('reports/pycon.md')!.bytes.length;
      const stricter = defaultSettings({ 'conferenceNotes.exclude': ['meetup/**'], 'conferenceNotes.maxFileSize': reportSize - 1 });
      // Entries read under the old settings, saved after the settings changed (before the rescan took them out).
      const saved = folderSnapshot(FOLDER, stricter, snapshotEntries([], readings));
      assert.deepEqual(saved.entries.map((entry) => entry.path).filter((path) => path.startsWith('meetup/') || path.startsWith('reports/')), []);
      const loaded = load(encodeSnapshot(saved), stricter) as { snapshot: FolderSnapshot };
      assert.equal(restorableEntries(loaded.snapshot, stricter), loaded.snapshot.entries, 'the same settings: no path matched again');
      const sameValues = defaultSettings({ 'conferenceNotes.exclude': ['meetup/**'], 'conferenceNotes.maxFileSize': reportSize - 1 });
      assert.equal(restorableEntries(loaded.snapshot, sameValues), loaded.snapshot.entries, 'settings keyed by their values');
      assert.equal(loaded.snapshot.entries.length, 6);
      const evenStricter = defaultSettings({ 'conferenceNotes.exclude': ['meetup/**', 'devconf/**'], 'conferenceNotes.maxFileSize': reportSize - 1 });
      assert.ok(restorableEntries(loaded.snapshot, evenStricter).every((entry) => !entry.path.startsWith('devconf/')));
      assert.ok(loaded.snapshot.entries.some((entry) => entry.path.startsWith('devconf/')));
    });

    it('ends with the cold index after any mix of edits, additions, deletions and renames', async () => {
      const edit = fc.oneof(
        fc.record({ kind: fc.constant('edit' as const), file: fc.nat(), n: fc.integer({ min: 1, max: 20 }) }),
        fc.record({ kind: fc.constant('add' as const), folder: fc.constantFrom('devconf', 'meetup', 'new'), n: fc.integer({ min: 1, max: 20 }) }),
        fc.record({ kind: fc.constant('delete' as const), file: fc.nat() }),
        fc.record({ kind: fc.constant('rename' as const), file: fc.nat(), to: fc.constantFrom('devconf', 'meetup', 'elsewhere') }),
      );
      const bytes = await savedSnapshot(populatedFolder(), settings);
      await fc.assert(
        fc.asyncProperty(fc.array(edit, { maxLength: 8 }), async (edits) => {
          const folder = populatedFolder();
          for (const change of edits) {
            const paths = [...folder.files.keys()];
            if (change.kind === 'add') folder.write(`${change.folder}/added-${change.n}.md`, change.folder === 'devconf' ? sessionFile(change.n) : bareTalk(change.n));
            else if (paths.length === 0) continue;
            else if (change.kind === 'edit') folder.write(paths[change.file % paths.length], change.n % 2 === 0 ? bareTalk(change.n) : sessionFile(change.n));
            else if (change.kind === 'delete') folder.files.delete(paths[change.file % paths.length]);
            else {
              const from = paths[change.file % paths.length];
              const to = `${change.to}/${from.split('/').pop()}`;
              if (!folder.files.has(to)) folder.rename(from, to);
            }
          }
          await assertWarmEqualsCold(folder, bytes, settings);
        }),
        // The async form of assertProperty's seed policy (FC_SEED replays a reported failure).
        { seed: propertySeed(process.env.FC_SEED), numRuns: 60 },
      );
    });
  });
});

describe('conference-notes --cache', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'cli-cache-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  async function sessions(...args: string[]): Promise<{ out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runCli(['sessions', '--format', 'json', ...args], { out: (text) => (out += text), err: (text) => (err += text) });
    assert.equal(code, 0, err);
    return { out, err };
  }

  /** Writes a note with an mtime long past, so the saved index trusts its stat. */
  function note(folder: string, relative: string, text: string, mtime = OLD / 1000): void {
    const file = path.join(folder, ...relative.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    utimesSync(file, mtime, mtime);
  }

  it('saves the index in the folder it names, prints the same from it, and sees what changed since', async () => {
    const notes = path.join(scratch, 'notes');
    const cache = path.join(scratch, 'cache');
    note(notes, 'devconf/talk-1.md', sessionFile(1));
    note(notes, 'reports/pycon.md', report('PyCon 2024'));
    const cold = await sessions(notes);
    const first = await sessions('--cache', cache, notes);
    assert.equal(first.out, cold.out);
    assert.equal(readdirSync(cache).filter((name) => name.endsWith('.snapshot')).length, 1);
    const second = await sessions('--cache', cache, notes);
    assert.equal(second.out, cold.out);
    assert.equal(second.err, '');

    note(notes, 'devconf/talk-1.md', sessionFile(1, 'Another track'), OLD / 1000 + 60);
    note(notes, 'devconf/talk-2.md', sessionFile(2));
    const changed = await sessions('--cache', cache, notes);
    assert.equal(changed.out, (await sessions(notes)).out);
    assert.match(changed.out, /Another track/);
    assert.match(changed.out, /Talk 2/);
  });

  it('says once that a damaged saved index was ignored, and reads every note', async () => {
    const notes = path.join(scratch, 'notes');
    const cache = path.join(scratch, 'cache');
    note(notes, 'devconf/talk-1.md', sessionFile(1));
    const cold = await sessions(notes);
    await sessions('--cache', cache, notes);
    const [file] = readdirSync(cache);
    writeFileSync(path.join(cache, file), 'not a snapshot');
    const damaged = await sessions('--cache', cache, notes);
    assert.equal(damaged.out, cold.out);
    assert.equal(damaged.err.trim().split('\n').length, 1, damaged.err);
    assert.match(damaged.err, /damaged or incomplete/);
  });
});
