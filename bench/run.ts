// `npm run bench [-- --json]`: the numbers of the spec ("Numbers it must reach"), measured as ratios in one
// process so that the machine's speed cancels out. For 1,000 and 10,000 synthetic notes (bench/generate.ts):
// a plain read of every file (the I/O floor), the full index, a remark-parse + remark-frontmatter pass (Foam's
// parser stack), a naive markdown-it parse, one-file incremental updates and the heap the index keeps; and the
// statistics + SVG chart for 10 conferences × 50 tracks; a warm start from the saved index, with nothing and with
// 100 files changed. `--notes N` measures N notes (and 10,000, for the ratio) without the remark and markdown-it
// passes, for a size such as 100,000 that is run on demand. What each timing includes: docs/performance.md.
// Needs `node --expose-gc` (the npm script passes it) so that garbage from one pass never lands in another.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import MarkdownIt from 'markdown-it';
import { renderTrackChart } from '../src/core/stats/chart';
import { Worker } from 'node:worker_threads';
import { decodeSnapshot, encodeSnapshot, folderSnapshot, MAX_SNAPSHOT_BYTES, restorableEntries, settingsKey, type SnapshotEntry } from '../src/core/notes/indexSnapshot';
import { DEFAULT_PARSE_OPTIONS, type NoteContext } from '../src/core/notes/model';
import { NoteIndex } from '../src/core/notes/noteIndex';
import { DEFAULT_MAX_FILE_SIZE, folderSettingsFromFile } from '../src/core/notes/noteSettings';
import { parseNote } from '../src/core/notes/parser';
import { readNotes, settle, snapshotEntries, staleFiles, type NoteReading, type NoteSource } from '../src/core/notes/pipeline';
import { SESSION_SYMBOL_LIMIT, SessionSearch } from '../src/core/notes/sessionSearch';
import { computeTrackStats } from '../src/core/stats/stats';
import { statLocalFiles } from '../src/cli/regularFile';
import { createParsePool, type ParsePool } from '../src/node/parsePool';
import { makeNote } from '../test/unit/helpers/parsedNotes';
import { ensureWorkspace, GENERATOR_VERSION, type BenchWorkspace } from './generate';

/** Reads in flight at once, as in the extension's first scan (`READ_CONCURRENCY` in noteWorkspace.ts). */
const READ_CONCURRENCY = 128;

/** Timed runs per workspace size: 5 of the fast passes; 3 of remark, which takes 2–3 s per 1,000 notes. */
const SIZES = [
  { notes: 1_000, runs: 5, remarkRuns: 3 },
  { notes: 10_000, runs: 5, remarkRuns: 3 },
] as const;
/** Files changed while the window was closed, in the second warm-start pass. */
const WARM_CHANGED_FILES = 100;
/** The parsers are warmed up (JIT) on this many files before the first timed run. */
const WARM_UP_FILES = 1_000;
const INCREMENTAL_WARM_UP = 50;
const INCREMENTAL_UPDATES = 300;
const RENDER_WARM_UP = 20;
const RENDER_RUNS = 200;

const TARGETS = {
  index_vs_read: { limit: 1, atMost: true, label: '≤ 1' },
  index_single_thread_vs_read: { limit: 1.5, atMost: true, label: '≤ 1.5' },
  warm_start_vs_read: { limit: 0.5, atMost: true, label: '≤ 0.5' },
  warm_changed_vs_read: { limit: 0.6, atMost: true, label: '≤ 0.6' },
  remark_vs_index: { limit: 5, atMost: false, label: '≥ 5' },
  incremental_median_ms: { limit: 5, atMost: true, label: '≤ 5 ms' },
  heap_mb: { limit: 100, atMost: true, label: '≤ 100 MB' },
  render_ms: { limit: 20, atMost: true, label: '≤ 20 ms' },
  symbol_query_ms: { limit: 50, atMost: true, label: '≤ 50 ms' },
} as const;
type TargetName = keyof typeof TARGETS;

interface SizeResult {
  notes: number;
  sessions: number;
  bytes_mb: number;
  read_ms: number;
  index_ms: number;
  index_single_thread_ms: number;
  index_vs_read: number;
  index_single_thread_vs_read: number;
  /** null when the saved index would be over its cap (MAX_SNAPSHOT_BYTES): the extension would not save it. */
  warm_start_ms: number | null;
  warm_start_vs_read: number | null;
  warm_changed_ms: number | null;
  warm_changed_vs_read: number | null;
  snapshot_mb: number;
  /** null with `--notes N`, which leaves out the remark and markdown-it passes. */
  remark_ms: number | null;
  remark_vs_index: number | null;
  markdown_it_ms: number | null;
  markdown_it_vs_index: number | null;
  incremental_median_ms: number;
  incremental_p95_ms: number;
  heap_mb: number;
  symbol_query_ms: number;
  runs: number;
  remark_runs: number;
}

const json = process.argv.includes('--json');
/** `--notes N`: that size only (with 10,000 for the ratio), without the remark and markdown-it passes. */
const notesArgument = process.argv.indexOf('--notes');
const onDemandNotes = notesArgument === -1 ? undefined : Number(process.argv[notesArgument + 1]);
if (onDemandNotes !== undefined && (!Number.isSafeInteger(onDemandNotes) || onDemandNotes < 1)) throw new Error('--notes takes a number of notes.');
const log = (message: string): void => void process.stderr.write(`${message}\n`);

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('Run with `node --expose-gc --import tsx bench/run.ts` (as `npm run bench` does).');
  gc();
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics of timings

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

// ---------------------------------------------------------------------------------------------------------------
// The passes. Each reads every file the same way: a steady pool of READ_CONCURRENCY reads in flight, each file
// handled as soon as its bytes arrive, so the ratios compare parsers, not I/O strategies. The exception is the
// parse pool's pass, whose workers read for themselves: that is how the pool gains its time.

type FileVisitor = (bytes: Uint8Array, file: WorkspaceFile) => void;

/** A file as the workspace listing gives it; building the list is part of no timed pass. */
interface WorkspaceFile {
  readonly absolute: string;
  /** Relative, `/`-separated. */
  readonly relative: string;
  readonly uri: string;
  readonly pathSegments: readonly string[];
}

function listFiles(workspace: BenchWorkspace): WorkspaceFile[] {
  return workspace.files.map((relative) => {
    const absolute = path.join(workspace.root, ...relative.split('/'));
    return { absolute, relative, uri: pathToFileURL(absolute).href, pathSegments: relative.split('/') };
  });
}

function contextOf(file: WorkspaceFile): NoteContext {
  return { uri: file.uri, pathSegments: file.pathSegments, options: DEFAULT_PARSE_OPTIONS };
}

async function forEachFile(files: readonly WorkspaceFile[], visit: FileVisitor): Promise<void> {
  let next = 0;
  const reader = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next++];
      visit(await fs.readFile(file.absolute), file);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, reader));
}

const utf8 = new TextDecoder('utf-8');
// Everything on: the inline rules run over every paragraph, as a preview or a naive indexer would.
const naiveMarkdownIt = new MarkdownIt();

/** The I/O floor: the bytes are read and dropped. */
function readPass(files: readonly WorkspaceFile[]): Promise<void> {
  return forEachFile(files, () => undefined);
}

/** The extension's settings when the user has set none. */
const SETTINGS = { parseOptions: DEFAULT_PARSE_OPTIONS, maxFileSize: DEFAULT_MAX_FILE_SIZE };

/** Node's fs, as the extension host reads local files on its main thread. */
const nodeFiles: Pick<NoteSource, 'stat' | 'read' | 'statMany'> = {
  stat: (file) => settle(() => fs.stat(file)),
  read: (file) => settle(() => fs.readFile(file)),
  statMany: statLocalFiles,
};

/** Every reading a note, or the benchmark is not measuring what it claims. */
function indexOf(readings: readonly NoteReading[], files: readonly WorkspaceFile[]): NoteIndex {
  const notes = readings.map((reading, i) => {
    if (reading.kind !== 'parsed') throw new Error(`${files[i].relative} was not parsed: ${reading.kind === 'skipped' ? reading.problem.code : reading.kind}`);
    return reading.note;
  });
  const index = new NoteIndex();
  index.updateMany(notes, []);
  return index;
}

/**
 * What the extension's first scan does on the main thread (web build, virtual workspaces, no parse pool): the core's
 * reading pipeline — stat, size cap, read, decode, parse — then one `updateMany` for the whole workspace.
 */
async function indexPass(files: readonly WorkspaceFile[]): Promise<NoteIndex> {
  const refs = files.map((file) => ({ path: file.absolute, uri: file.uri, pathSegments: file.pathSegments }));
  return indexOf(await readNotes(nodeFiles, refs, SETTINGS, { cause: 'scan', concurrency: READ_CONCURRENCY }), files);
}

/** Workers of the parse pool (one per core of the benchmark machine): each reads and parses a share of the files. */
const PARSE_POOL_SIZE = 2;

/** The pool's worker as the extension ships it (an esbuild bundle of src/node/parseWorker.ts), in a temporary folder. */
async function startParsePool(): Promise<{ pool: ParsePool; dispose: () => Promise<void> }> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'conference-notes-bench-'));
  const workerScript = path.join(folder, 'parseWorker.js');
  await esbuild.build({ entryPoints: [path.join(__dirname, '../src/node/parseWorker.ts')], outfile: workerScript, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  const pool = createParsePool({ size: PARSE_POOL_SIZE, createWorker: () => new Worker(workerScript), mainThread: nodeFiles });
  return { pool, dispose: async () => { await pool.dispose(); await fs.rm(folder, { recursive: true, force: true }); } };
}

/** The first scan with the parse pool: the workers run the pipeline, the main thread indexes. */
async function pooledIndexPass(files: readonly WorkspaceFile[], pool: ParsePool): Promise<NoteIndex> {
  const { readings, workerFailures } = await pool.readAndParse(files.map((file) => ({ path: file.absolute, uri: file.uri, pathSegments: file.pathSegments, settings: SETTINGS })));
  if (workerFailures.length > 0) throw new Error(`A parse worker failed: ${workerFailures.join('; ')}`);
  return indexOf(readings, files);
}

// ---------------------------------------------------------------------------------------------------------------
// Warm start: the saved index of the last session, then a stat of every file, and only the stale ones read.

/** The folder a snapshot is for; the benchmark's files are read by absolute path, so it is only a name. */
const BENCH_FOLDER = 'file:///bench';
const FOLDER_SETTINGS = { ...folderSettingsFromFile({}), ...SETTINGS };

/** The snapshot a session would have saved after indexing the workspace; `changed` entries look older than their files. */
function savedSnapshot(readings: readonly NoteReading[], files: readonly WorkspaceFile[], changed: number): Uint8Array {
  const entries = snapshotEntries([], readings.map((reading, i) => ({ file: refOf(files[i]), reading })));
  if (entries.length !== files.length) throw new Error(`Only ${entries.length} of ${files.length} readings carry a file version to save.`);
  const step = Math.floor(entries.length / Math.max(1, changed));
  const saved = entries.map((entry, i): SnapshotEntry => (changed > 0 && i % step === 0 && i / step < changed ? { ...entry, key: { ...entry.key, mtime: entry.key.mtime - 1000 } } : entry));
  return encodeSnapshot(folderSnapshot(BENCH_FOLDER, FOLDER_SETTINGS, saved));
}

function refOf(file: WorkspaceFile): { path: string; uri: string; pathSegments: readonly string[] } {
  return { path: file.absolute, uri: file.uri, pathSegments: file.pathSegments };
}

/**
 * What the extension's first scan does with a saved index (on the main thread, as every host stats): read and
 * check the snapshot file, put its notes in a NoteIndex (the tree can be drawn), stat every file, read and parse
 * the stale ones, and one more `updateMany`. The file listing is built before timing, as for every pass.
 */
async function warmStartPass(files: readonly WorkspaceFile[], snapshotFile: string, expectStale: number): Promise<NoteIndex> {
  const loaded = decodeSnapshot(await fs.readFile(snapshotFile), { folder: BENCH_FOLDER, settings: settingsKey(SETTINGS.parseOptions) }, 'bench');
  if ('rejected' in loaded) throw new Error(`The saved index was rejected: ${loaded.rejected.code}`);
  const restored = restorableEntries(loaded.snapshot, FOLDER_SETTINGS);
  const index = new NoteIndex();
  index.updateMany(restored.map((entry) => entry.note), []);
  const { stale, removed } = await staleFiles(nodeFiles, files.map(refOf), restored, SETTINGS, READ_CONCURRENCY);
  if (stale.length !== expectStale || removed.length !== 0) throw new Error(`The warm start found ${stale.length} stale files and ${removed.length} removed; expected ${expectStale} and 0.`);
  const readings = await readNotes(nodeFiles, stale, SETTINGS, { cause: 'scan', concurrency: READ_CONCURRENCY });
  index.updateMany(readings.flatMap((reading) => (reading.kind === 'parsed' ? [reading.note] : [])), []);
  return index;
}

type TextParser = (text: string) => unknown;

/** Foam's parser stack. The packages are ES modules only, hence the dynamic imports from this CommonJS script. */
async function loadRemark(): Promise<TextParser> {
  const [{ unified }, { default: remarkParse }, { default: remarkFrontmatter }] = await Promise.all([
    import('unified'),
    import('remark-parse'),
    import('remark-frontmatter'),
  ]);
  const processor = unified().use(remarkParse).use(remarkFrontmatter);
  return (text) => processor.parse(text);
}

function remarkPass(files: readonly WorkspaceFile[], remark: TextParser): Promise<void> {
  return forEachFile(files, (bytes) => void remark(utf8.decode(bytes)));
}

function markdownItPass(files: readonly WorkspaceFile[]): Promise<void> {
  return forEachFile(files, (bytes) => void naiveMarkdownIt.parse(utf8.decode(bytes), {}));
}

async function timed(pass: () => Promise<unknown>): Promise<number> {
  collectGarbage();
  const start = performance.now();
  await pass();
  return performance.now() - start;
}

// ---------------------------------------------------------------------------------------------------------------
// Incremental updates: with the whole workspace indexed, one file's text changes and is re-parsed and applied.

/** Renames the file's first session (report) or changes its track (session file): both move aggregates. */
function edited(text: string, marker: string): string {
  const result = text.replace(/^(### |track: )([^\r\n]+)/m, (_, prefix: string, value: string) => `${prefix}${value} ${marker}`);
  if (result === text) throw new Error('Nothing to edit: the generator no longer writes a session heading or a track line.');
  return result;
}

async function incrementalUpdates(index: NoteIndex, files: readonly WorkspaceFile[]): Promise<number[]> {
  // Files spread over the whole workspace, so both layouts and all sizes are among them.
  const picked = Array.from({ length: INCREMENTAL_WARM_UP + INCREMENTAL_UPDATES }, (_, i) => files[Math.floor((i * files.length) / (INCREMENTAL_WARM_UP + INCREMENTAL_UPDATES))]);
  const texts = await Promise.all(picked.map(async (file) => utf8.decode(await fs.readFile(file.absolute))));
  const durations: number[] = [];
  for (let i = 0; i < picked.length; i++) {
    const file = picked[i];
    const marker = `rev${i}`;
    const text = edited(texts[i], marker);
    const start = performance.now();
    index.update(parseNote(text, contextOf(file)));
    const duration = performance.now() - start;
    if (!index.sessionsOf(file.uri).some((session) => session.title.endsWith(marker) || session.track?.endsWith(marker) === true)) {
      throw new Error(`The update of ${file.relative} did not reach the index.`);
    }
    if (i >= INCREMENTAL_WARM_UP) durations.push(duration);
  }
  return durations;
}

// ---------------------------------------------------------------------------------------------------------------
// Go to Session: one workspace-symbol query answered from the indexed workspace (the search is built before, as
// the first query builds it); the median over queries that match many, few and no sessions.

const SYMBOL_QUERIES = ['s', 'scal', 'ebpf', 'prod', 'securing', 'hardening the hard way', 'keynote', 'zzzz'];
const SYMBOL_QUERY_ROUNDS = 5;

function symbolQueries(index: NoteIndex): number[] {
  const search = new SessionSearch(index);
  const durations: number[] = [];
  for (let round = 0; round <= SYMBOL_QUERY_ROUNDS; round++) {
    for (const query of SYMBOL_QUERIES) {
      const start = performance.now();
      const found = search.query(query, SESSION_SYMBOL_LIMIT);
      const duration = performance.now() - start;
      if (query === 'scal' && found.length === 0) throw new Error('Go to Session found nothing for "scal": the generator no longer writes "Scaling …" titles.');
      if (round > 0) durations.push(duration); // round 0 warms up
    }
  }
  search.dispose();
  return durations;
}

// ---------------------------------------------------------------------------------------------------------------
// One workspace size

/** The saved indexes a warm start reads, written before timing: as saved, and with WARM_CHANGED_FILES files stale. */
async function writeSnapshots(files: readonly WorkspaceFile[], folder: string): Promise<{ unchanged: string; changed: string; bytes: number }> {
  const readings = await readNotes(nodeFiles, files.map(refOf), SETTINGS, { cause: 'scan', concurrency: READ_CONCURRENCY });
  const unchanged = path.join(folder, `${files.length}.snapshot`);
  const changed = path.join(folder, `${files.length}-changed.snapshot`);
  const bytes = savedSnapshot(readings, files, 0);
  await fs.writeFile(unchanged, bytes);
  await fs.writeFile(changed, savedSnapshot(readings, files, WARM_CHANGED_FILES));
  return { unchanged, changed, bytes: bytes.length };
}

async function measureSize(workspace: BenchWorkspace, runs: number, remarkRuns: number, remark: TextParser | undefined, pool: ParsePool, scratch: string): Promise<SizeResult> {
  const files = listFiles(workspace);
  const notes = files.length.toLocaleString('en');

  log(`${notes} notes: warm-up…`);
  await readPass(files); // every file, so the page cache is as warm for the first timed pass as for the last
  const warmUpFiles = files.slice(0, WARM_UP_FILES);
  await indexPass(warmUpFiles);
  await pooledIndexPass(warmUpFiles, pool);
  if (remark) {
    await remarkPass(warmUpFiles, remark);
    await markdownItPass(warmUpFiles);
  }
  const snapshots = await writeSnapshots(files, scratch);
  const changedFiles = Math.min(WARM_CHANGED_FILES, files.length);
  // Over the cap the extension saves no index, and every start is a cold one: there is no warm start to time.
  const savable = snapshots.bytes <= MAX_SNAPSHOT_BYTES;
  if (savable) await warmStartPass(files, snapshots.changed, changedFiles);
  else log(`${notes} notes: the saved index would take ${snapshots.bytes.toLocaleString('en')} bytes, over the cap of ${MAX_SNAPSHOT_BYTES.toLocaleString('en')}; no warm start.`);

  const timings = {
    read: [] as number[], index: [] as number[], indexSingleThread: [] as number[], warmStart: [] as number[], warmChanged: [] as number[],
    markdownIt: [] as number[], remark: [] as number[],
  };
  const rounds = Math.max(runs, remark ? remarkRuns : 0);
  // Rounds interleave the passes, so a slow spell of the machine hits all of them alike.
  for (let roundNumber = 1; roundNumber <= rounds; roundNumber++) {
    const times: string[] = [];
    const measure = async (name: keyof typeof timings, pass: () => Promise<unknown>): Promise<void> => {
      const duration = await timed(pass);
      timings[name].push(duration);
      times.push(`${name} ${Math.round(duration)} ms`);
    };
    if (roundNumber <= runs) {
      await measure('read', () => readPass(files));
      await measure('index', () => pooledIndexPass(files, pool));
      await measure('indexSingleThread', () => indexPass(files));
      if (savable) await measure('warmStart', () => warmStartPass(files, snapshots.unchanged, 0));
      if (savable) await measure('warmChanged', () => warmStartPass(files, snapshots.changed, changedFiles));
      if (remark) await measure('markdownIt', () => markdownItPass(files));
    }
    if (remark && roundNumber <= remarkRuns) await measure('remark', () => remarkPass(files, remark));
    log(`${notes} notes, round ${roundNumber} of ${rounds}: ${times.join(', ')}`);
  }

  log(`${notes} notes: heap and incremental updates…`);
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const noteIndex = await pooledIndexPass(files, pool);
  collectGarbage();
  const heapAfter = process.memoryUsage().heapUsed;
  if (noteIndex.noteCount !== files.length || noteIndex.sessionCount !== workspace.sessions) {
    throw new Error(`Indexed ${noteIndex.noteCount} notes and ${noteIndex.sessionCount} sessions; the generator wrote ${files.length} and ${workspace.sessions}.`);
  }
  const updates = await incrementalUpdates(noteIndex, files);
  const symbolQueryDurations = symbolQueries(noteIndex);

  const readMs = median(timings.read);
  const indexMs = median(timings.index);
  const singleThreadMs = median(timings.indexSingleThread);
  const warmStartMs = savable ? median(timings.warmStart) : undefined;
  const warmChangedMs = savable ? median(timings.warmChanged) : undefined;
  const remarkMs = remark ? median(timings.remark) : undefined;
  const markdownItMs = remark ? median(timings.markdownIt) : undefined;
  return {
    notes: files.length,
    sessions: workspace.sessions,
    bytes_mb: round(workspace.bytes / 2 ** 20, 1),
    read_ms: round(readMs, 1),
    index_ms: round(indexMs, 1),
    index_single_thread_ms: round(singleThreadMs, 1),
    index_vs_read: round(indexMs / readMs, 2),
    index_single_thread_vs_read: round(singleThreadMs / readMs, 2),
    warm_start_ms: warmStartMs === undefined ? null : round(warmStartMs, 1),
    warm_start_vs_read: warmStartMs === undefined ? null : round(warmStartMs / readMs, 2),
    warm_changed_ms: warmChangedMs === undefined ? null : round(warmChangedMs, 1),
    warm_changed_vs_read: warmChangedMs === undefined ? null : round(warmChangedMs / readMs, 2),
    snapshot_mb: round(snapshots.bytes / 2 ** 20, 1),
    remark_ms: remarkMs === undefined ? null : round(remarkMs, 1),
    remark_vs_index: remarkMs === undefined ? null : round(remarkMs / indexMs, 2),
    markdown_it_ms: markdownItMs === undefined ? null : round(markdownItMs, 1),
    markdown_it_vs_index: markdownItMs === undefined ? null : round(markdownItMs / indexMs, 2),
    incremental_median_ms: round(median(updates), 3),
    incremental_p95_ms: round(percentile(updates, 95), 3),
    heap_mb: round((heapAfter - heapBefore) / 2 ** 20, 1),
    symbol_query_ms: round(median(symbolQueryDurations), 2),
    runs,
    remark_runs: remarkRuns,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics + chart

function measureRender(): number {
  const conferences = 10;
  const tracks = 50;
  const index = new NoteIndex();
  index.updateMany(
    Array.from({ length: conferences }, (_, c) => {
      const conference = `Conference ${c + 1}`;
      // 1–9 sessions per track, varied so the bars (and the count sort) differ.
      const sessions = Array.from({ length: tracks }, (_, t) => Array.from({ length: 1 + ((c * 7 + t * 13) % 9) }, () => ({ track: `Track ${t + 1}` }))).flat();
      return makeNote(`file:///render/conference-${c + 1}.md`, conference, sessions);
    }),
    [],
  );
  const durations: number[] = [];
  for (let run = 0; run < RENDER_WARM_UP + RENDER_RUNS; run++) {
    const start = performance.now();
    const stats = computeTrackStats(index);
    const svg = renderTrackChart(stats);
    const duration = performance.now() - start;
    if (stats.conferences.length !== conferences || stats.tracks.length !== tracks || svg.length === 0) {
      throw new Error(`Rendered ${stats.conferences.length} conferences × ${stats.tracks.length} tracks, not ${conferences} × ${tracks}.`);
    }
    if (run >= RENDER_WARM_UP) durations.push(duration);
  }
  return round(median(durations), 2);
}

// ---------------------------------------------------------------------------------------------------------------
// Report

function machine(): { cpus: number; cpu_model: string; node: string; platform: string; memory_gb: number } {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpu_model: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    memory_gb: round(os.totalmem() / 2 ** 30, 1),
  };
}

function met(name: TargetName, value: number | null): boolean {
  const target = TARGETS[name];
  if (value === null) return false;
  return target.atMost ? value <= target.limit : value >= target.limit;
}

function table(small: SizeResult, large: SizeResult, renderMs: number, info: ReturnType<typeof machine>): string {
  const ms = (value: number | null): string => (value === null ? '—' : `${value.toLocaleString('en', { maximumFractionDigits: value < 10 ? 3 : 1 })} ms`);
  const ratio = (value: number | null): string => (value === null ? '—' : `${value.toFixed(2)}×`);
  const mb = (value: number): string => `${value.toFixed(1)} MB`;
  const mark = (name: TargetName, value: number | null, text: string): string => (value === null ? text : `${text} ${met(name, value) ? '✓' : '✗'}`);
  const rows: [string, (result: SizeResult) => string, string][] = [
    ['read only (I/O floor)', (r) => ms(r.read_ms), ''],
    ['full index, parse pool (read + decode + parse + index)', (r) => ms(r.index_ms), ''],
    ['  index ÷ read', (r) => mark('index_vs_read', r.index_vs_read, ratio(r.index_vs_read)), TARGETS.index_vs_read.label],
    ['the same on the main thread (web build, virtual workspaces)', (r) => ms(r.index_single_thread_ms), ''],
    ['  main thread ÷ read', (r) => mark('index_single_thread_vs_read', r.index_single_thread_vs_read, ratio(r.index_single_thread_vs_read)), TARGETS.index_single_thread_vs_read.label],
    ['warm start from the saved index, nothing changed', (r) => ms(r.warm_start_ms), ''],
    ['  warm start ÷ read', (r) => mark('warm_start_vs_read', r.warm_start_vs_read, ratio(r.warm_start_vs_read)), TARGETS.warm_start_vs_read.label],
    [`warm start, ${WARM_CHANGED_FILES} files changed`, (r) => ms(r.warm_changed_ms), ''],
    ['  warm start (changed) ÷ read', (r) => mark('warm_changed_vs_read', r.warm_changed_vs_read, ratio(r.warm_changed_vs_read)), TARGETS.warm_changed_vs_read.label],
    ['saved index on disk', (r) => mb(r.snapshot_mb), ''],
    ['remark-parse + remark-frontmatter (read included)', (r) => ms(r.remark_ms), ''],
    ['  remark ÷ index', (r) => mark('remark_vs_index', r.remark_vs_index, ratio(r.remark_vs_index)), TARGETS.remark_vs_index.label],
    ['naive markdown-it parse (read included)', (r) => ms(r.markdown_it_ms), ''],
    ['  markdown-it ÷ index', (r) => ratio(r.markdown_it_vs_index), ''],
    ['one-file update, median', (r) => mark('incremental_median_ms', r.incremental_median_ms, ms(r.incremental_median_ms)), TARGETS.incremental_median_ms.label],
    ['one-file update, p95', (r) => ms(r.incremental_p95_ms), ''],
    ['heap kept by the index', (r) => mark('heap_mb', r.heap_mb, mb(r.heap_mb)), TARGETS.heap_mb.label],
    ['Go to Session query, median', (r) => mark('symbol_query_ms', r.symbol_query_ms, ms(r.symbol_query_ms)), TARGETS.symbol_query_ms.label],
  ];
  const header = ['measure', `${small.notes.toLocaleString('en')} notes`, `${large.notes.toLocaleString('en')} notes`, 'target (10,000 notes)'];
  const body = [
    ...rows.map(([label, value, target]) => [label, value(small), value(large), target]),
    ['stats + SVG, 10 conferences × 50 tracks', '', mark('render_ms', renderMs, ms(renderMs)), TARGETS.render_ms.label],
  ];
  const widths = header.map((_, column) => Math.max(...[header, ...body].map((row) => [...row[column]].length)));
  const line = (row: readonly string[]): string => `| ${row.map((cell, column) => cell + ' '.repeat(widths[column] - [...cell].length)).join(' | ')} |`;
  const workspaces = [small, large].map((r) => `${r.notes.toLocaleString('en')} notes = ${r.bytes_mb} MB, ${r.sessions.toLocaleString('en')} sessions`).join('; ');
  return [
    `Conference Notes benchmark — ${info.cpus} × ${info.cpu_model}, ${info.memory_gb} GB, Node ${info.node}, ${info.platform}`,
    `Workspaces (generator v${GENERATOR_VERSION}): ${workspaces}.`,
    `Medians after a warm-up: ${[small, large].map((r) => `${r.runs} runs (remark ${r.remark_runs}) at ${r.notes.toLocaleString('en')} notes`).join(', ')}; files read ${READ_CONCURRENCY} at a time.`,
    '',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...body.map(line),
  ].join('\n');
}

async function main(): Promise<void> {
  collectGarbage(); // fail before generating anything when --expose-gc is missing
  // On demand: 10,000 notes (the reference of the ratio) and N, three runs each, without remark and markdown-it.
  const sizes = onDemandNotes === undefined ? SIZES : [{ notes: 10_000, runs: 3, remarkRuns: 0 }, { notes: onDemandNotes, runs: 3, remarkRuns: 0 }];
  const remark = onDemandNotes === undefined ? await loadRemark() : undefined;
  const results: SizeResult[] = [];
  // A warm pool, started before any timing: the extension would start it before its first scan.
  const parsePool = await startParsePool();
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'conference-notes-snapshots-'));
  try {
    for (const size of sizes) {
      const workspace = await ensureWorkspace(size.notes, log);
      results.push(await measureSize(workspace, size.runs, size.remarkRuns, remark, parsePool.pool, scratch));
    }
  } finally {
    await parsePool.dispose();
    await fs.rm(scratch, { recursive: true, force: true });
  }
  log('stats + SVG…');
  const renderMs = measureRender();
  const [small, large] = results;
  const info = machine();
  if (json && onDemandNotes !== undefined) {
    // The 100,000-note targets: linear index time, heap, one-file update.
    const scaling = { index_vs_10000: round(large.index_ms / small.index_ms, 2), index_single_thread_vs_10000: round(large.index_single_thread_ms / small.index_single_thread_ms, 2) };
    process.stdout.write(`${JSON.stringify({ ...large, ...scaling, render_ms: renderMs, notes_10000: small, read_concurrency: READ_CONCURRENCY, generator_version: GENERATOR_VERSION, machine: info })}\n`);
  } else if (json) {
    const targets = Object.fromEntries(
      (Object.keys(TARGETS) as TargetName[]).map((name) => [name, { target: TARGETS[name].label, met: met(name, name === 'render_ms' ? renderMs : large[name]) }]),
    );
    process.stdout.write(`${JSON.stringify({ ...large, render_ms: renderMs, notes_1000: small, targets, read_concurrency: READ_CONCURRENCY, generator_version: GENERATOR_VERSION, machine: info })}\n`);
  } else {
    process.stdout.write(`${table(small, large, renderMs, info)}\n`);
    if (onDemandNotes !== undefined) process.stdout.write(`index time, ${large.notes.toLocaleString('en')} ÷ 10,000 notes: parse pool ${(large.index_ms / small.index_ms).toFixed(2)}×, main thread ${(large.index_single_thread_ms / small.index_single_thread_ms).toFixed(2)}×\n`);
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
