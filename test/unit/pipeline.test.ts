// One note-reading pipeline for every host: the fixture folder test/fixtures/reading (settings with heading levels,
// excludes of three kinds and a size cap; a too-large, a binary and an invalid-YAML file; excluded notes) read by
// the core pipeline over memory, over Node's fs, by the parse worker and by the CLI gives the same sessions and the
// same problems — and what the user should see. Also: a read that fails mid-scan does not stop the others.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import { parse as parseJsonc } from 'jsonc-parser';
import { nodeFolderSource } from '../../src/cli/folderSource';
import { runCli } from '../../src/cli/main';
import { cliText } from '../../src/cli/text';
import { compileExcludes } from '../../src/core/notes/excludes';
import type { Session } from '../../src/core/notes/model';
import { folderSettingsFromFile, type FolderSettings } from '../../src/core/notes/noteSettings';
import {
  folderFile, listNotes, problemLine, problemsOf, readFolder, readNotes, settle, type FolderReading, type NoteReading, type NoteSource,
} from '../../src/core/notes/pipeline';
import { createParsePool } from '../../src/node/parsePool';
import { EXPECTED_READING, normalizeOutcome, problemSummary, READING_FIXTURE, sessionLines, type ReadingOutcome } from './helpers/readingFixture';

const settings: FolderSettings = folderSettingsFromFile(parseJsonc(readFileSync(path.join(READING_FIXTURE, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>);
const uriOf = (relative: string) => `memory:///reading/${relative}`;

/** Every file of the fixture, as bytes in memory, keyed by its folder-relative path. */
function fixtureFiles(dir = READING_FIXTURE, prefix = ''): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const relative = `${prefix}${entry.name}`;
    if (entry.isDirectory()) for (const [name, bytes] of fixtureFiles(path.join(dir, entry.name), `${relative}/`)) files.set(name, bytes);
    else files.set(relative, readFileSync(path.join(dir, entry.name)));
  }
  return files;
}

/** A NoteSource over files in memory; `failing` names files whose read throws, as a disk error would. */
function memorySource(files: ReadonlyMap<string, Uint8Array>, failing: ReadonlySet<string> = new Set()): NoteSource {
  return {
    list: async () => [...files.keys()],
    stat: async (file) => (files.has(file) ? { size: files.get(file)!.length, isFile: () => true } : { failure: 'missing' }),
    read: async (file) => {
      if (failing.has(file)) throw new Error('EIO: i/o error, read');
      return files.get(file) ?? { failure: 'missing' };
    },
  };
}

function outcomeOf(readings: readonly FolderReading[], fileOfUri: (uri: string) => string): ReadingOutcome {
  const sessions: Session[] = readings.flatMap(({ reading }) => (reading.kind === 'parsed' ? reading.note.sessions : []));
  const problems = readings.flatMap(({ file, reading }) => problemsOf(reading).map((problem) => ({ file: file.path, problem })));
  return normalizeOutcome(sessions, problems, fileOfUri);
}

const fromMemory = (uri: string) => uri.slice(uriOf('').length);
const fromDisk = (uri: string) => path.relative(READING_FIXTURE, fileURLToPath(uri)).split(path.sep).join('/');

describe('the note-reading pipeline', () => {
  let scratch: string;
  let workerScript: string;

  before(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'reading-pipeline-'));
    // The worker runs as the extension ships it: an esbuild bundle of its entry.
    workerScript = path.join(scratch, 'parseWorker.js');
    buildSync({ entryPoints: [path.join(__dirname, '..', '..', 'src', 'node', 'parseWorker.ts')], outfile: workerScript, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('reads the fixture as its settings say: H3 tracks, H4 sessions, excludes, size cap, bad files reported', async () => {
    const outcome = outcomeOf(await readFolder(memorySource(fixtureFiles()), settings, uriOf, 8), fromMemory);
    assert.deepEqual(sessionLines(outcome), EXPECTED_READING.sessions);
    assert.deepEqual(problemSummary(outcome), EXPECTED_READING.problems);
    assert.deepEqual(outcome.problems.find((problem) => problem.code === 'too-large')?.args, EXPECTED_READING.tooLargeArgs);
  });

  it('gives the same sessions and problems in memory, over Node fs, in the parse worker and in the CLI', async () => {
    const inMemory = outcomeOf(await readFolder(memorySource(fixtureFiles()), settings, uriOf, 8), fromMemory);
    const onDisk = nodeFolderSource(READING_FIXTURE, (message) => assert.fail(message));
    const overFs = outcomeOf(await readFolder(onDisk, settings, (relative) => pathToFileURL(path.join(READING_FIXTURE, relative)).href, 8), fromDisk);
    assert.deepEqual(overFs, inMemory);

    // The parse worker, given the files the listing found, as the extension's first scan gives them.
    const files = (await listNotes(onDisk, settings)).map((relative) => folderFile(relative, (p) => pathToFileURL(path.join(READING_FIXTURE, p)).href));
    const pool = createParsePool({ size: 2, createWorker: () => new Worker(workerScript), mainThread: { stat: () => assert.fail('no main-thread stat'), read: () => assert.fail('no main-thread read') } });
    try {
      const pooled = await pool.readAndParse(files.map((file) => ({ ...file, path: path.join(READING_FIXTURE, file.path), settings })));
      assert.deepEqual(pooled.workerFailures, []);
      assert.deepEqual(outcomeOf(pooled.readings.map((reading, i) => ({ file: files[i], reading })), fromDisk), inMemory);
    } finally {
      await pool.dispose();
    }

    // The CLI: the sessions it prints, and on stderr one line per problem — the pipeline's, localised.
    let out = '';
    let err = '';
    assert.equal(await runCli(['sessions', '--format', 'json', READING_FIXTURE], { out: (text) => (out += text), err: (text) => (err += text) }), 0);
    const cliSessions = (JSON.parse(out) as { sessions: Session[] }).sessions;
    assert.deepEqual(normalizeOutcome(cliSessions, [], fromDisk).sessions, inMemory.sessions);
    const expectedLines = inMemory.problems.map((problem) => {
      const shown = path.relative(process.cwd(), path.join(READING_FIXTURE, problem.file));
      return problemLine(shown, problem, cliText(problem.message, ...problem.args));
    });
    assert.deepEqual(err.trimEnd().split('\n').sort(), expectedLines.sort());
  });

  it('reads every other file when one read fails mid-scan, and says which could not be read', async () => {
    const files = fixtureFiles();
    const outcome = outcomeOf(await readFolder(memorySource(files, new Set(['report.md'])), settings, uriOf, 8), fromMemory);
    assert.deepEqual(sessionLines(outcome), EXPECTED_READING.sessions.filter((line) => !line.includes('/ Platform /') && !line.includes('/ Data /')));
    const problem = outcome.problems.find(({ file }) => file === 'report.md');
    assert.deepEqual(problem && [problem.code, problem.severity, cliText(problem.message, ...problem.args)], ['unreadable', 'error', 'Could not read this file: EIO: i/o error, read']);
  });

  it('tells of each reading as it comes in, in the order the reads end, before they are all there', async () => {
    const files = fixtureFiles();
    // The first file's read ends last: its reading must come after the others, and not hold them back.
    const [slowest] = [...files.keys()];
    let releaseSlowest!: () => void;
    const slowestHeld = new Promise<void>((resolve) => (releaseSlowest = resolve));
    const source = memorySource(files);
    const held: NoteSource = { ...source, read: async (file) => (file === slowest ? slowestHeld.then(() => source.read(file)) : source.read(file)) };
    const refs = [...files.keys()].map((relative) => folderFile(relative, uriOf));
    const heard: { position: number; reading: NoteReading }[] = [];
    const reading = readNotes(held, refs, settings, { cause: 'scan', concurrency: 8, onReading: (position, reading) => heard.push({ position, reading }) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(heard.map(({ position }) => position).sort((a, b) => a - b), refs.slice(1).map((_, i) => i + 1), 'every other file heard of while the first is held');
    releaseSlowest();
    const readings = await reading;
    assert.equal(heard.at(-1)?.position, 0);
    assert.deepEqual(heard.map(({ position, reading }) => [position, reading]).sort(([a], [b]) => Number(a) - Number(b)), readings.map((reading, i) => [i, reading]));
  });

  it('fails the read, once and with its error, when whoever hears of the readings throws, and still tells of every other reading', async () => {
    const files = fixtureFiles();
    const refs = [...files.keys()].map((relative) => folderFile(relative, uriOf));
    const heard: number[] = [];
    const listenerBug = new Error('the listener is broken');
    const reading = readNotes(memorySource(files), refs, settings, {
      cause: 'scan',
      concurrency: 3,
      onReading: (position) => {
        heard.push(position);
        if (position === 1) throw listenerBug;
      },
    });
    await assert.rejects(reading, (error) => error === listenerBug);
    assert.deepEqual(heard.sort((a, b) => a - b), refs.map((_, i) => i));
  });

  it('tells a file deleted between listing and reading from one a change event said was deleted', async () => {
    const gone: NoteSource = { list: async () => ['gone.md'], stat: () => settle(() => Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }))), read: async () => ({ failure: 'missing' }) };
    const [scanned] = await readFolder(gone, settings, uriOf, 1);
    assert.deepEqual(problemsOf(scanned.reading).map((problem) => problem.code), ['deleted-mid-read']);
  });
});

describe('exclude globs', () => {
  it('exclude a folder named by a glob, and everything below it, as VS Code does', () => {
    const excludes = compileExcludes(['drafts', '**/archive', '**/*.scratch.md']);
    assert.deepEqual(
      excludes.withoutExcluded(['drafts/a.md', 'drafts/deep/b.md', 'notes/drafts.md', 'x/archive/c.md', 'archive/d.md', 'e.scratch.md', 'f.md']),
      ['notes/drafts.md', 'f.md'],
    );
    assert.equal(excludes.excludes('drafts/deep/b.md'), true);
    assert.equal(excludes.excludes('notes/drafts.md'), false);
  });

  it('leave out the templates folder, the configured one or the default, but no other folder', async () => {
    const files = new Map(['notes/a.md', 'templates/talk.md', 'templates/deep/keynote.md', 'templates-old.md', '.vscode/conference-notes/templates/t.md'].map((name) => [name, new Uint8Array()]));
    assert.deepEqual(await listNotes(memorySource(files), settings), ['notes/a.md', 'templates-old.md', '.vscode/conference-notes/templates/t.md']);
    assert.deepEqual(await listNotes(memorySource(files), folderSettingsFromFile({})), ['notes/a.md', 'templates/talk.md', 'templates/deep/keynote.md', 'templates-old.md']);
    // A folder name is a name, not a glob; `..` cannot reach out of the workspace folder.
    const odd = folderSettingsFromFile({ 'conferenceNotes.templatesFolder': '../my [templates]/' });
    assert.equal(odd.templatesFolder, 'my [templates]');
    assert.equal(odd.excludes.excludes('my [templates]/talk.md'), true);
    assert.equal(odd.excludes.excludes('my t/talk.md'), false);
  });

  it('skip what VS Code skips by default when a settings file sets nothing, unless it switches a default off', () => {
    const defaults = folderSettingsFromFile({}).excludes;
    assert.equal(defaults.excludes('.git/notes.md'), true);
    assert.equal(defaults.excludes('web/node_modules/pkg/README.md'), true);
    const gitIncluded = folderSettingsFromFile({ 'files.exclude': { '**/.git': false } }).excludes;
    assert.equal(gitIncluded.excludes('.git/notes.md'), false);
    assert.equal(gitIncluded.excludes('node_modules/README.md'), true);
  });
});
