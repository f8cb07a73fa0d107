// Only regular files are read — notes, settings files, templates — and no read can block: a pipe, a socket, a device
// or a folder where a note or a settings file is expected is skipped with one message, a file swapped for a pipe
// between the stat and the read is not waited on, a symbolic-link loop does not hang the walk, and a settings file
// over 1 MiB is not read. Everything that could block runs in a child process with a timeout, so a regression fails
// the test instead of hanging mocha.
import * as assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { runCli } from '../../src/cli/main';
import { DEFAULT_PARSE_OPTIONS } from '../../src/core/notes/model';
import { MAX_SETTINGS_FILE_SIZE } from '../../src/core/notes/noteSettings';
import { readNote, settle, type NoteSource, type NoteStat, type ReadFailure } from '../../src/core/notes/pipeline';
import { statLocalFiles } from '../../src/cli/regularFile';

const root = join(__dirname, '..', '..');
/** Far beyond what these runs take (about a second each), far below mocha's own timeout. */
const CHILD_TIMEOUT_MS = 15_000;
const ENGLISH = { ...process.env, LC_ALL: 'C', LANG: 'C', LC_MESSAGES: 'C' };
const NOT_A_FILE = 'Skipped: this is not a regular file (a folder, a pipe, a socket or a device), so it was not read.';
const NOTE = '# DevConf 2024\n\n## Platform\n\n### Paved Roads\n\n- speakers: Ada\n';

interface Run {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
  /** The child was killed at the timeout: something blocked. */
  readonly timedOut: boolean;
}

/** Runs `node --import tsx` with `args` in a child process, killed after CHILD_TIMEOUT_MS. */
function runNode(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env: ENGLISH, timeout: CHILD_TIMEOUT_MS }, (error, out, err) => {
      const failure = error as (Error & { code?: number | string; killed?: boolean }) | null;
      resolve({ code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0, out, err, timedOut: failure?.killed === true });
    });
  });
}

const runCliProcess = (...args: string[]) => runNode([join(root, 'src', 'cli', 'main.ts'), ...args]);

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('hostile files: only regular files are read, and no read blocks', function () {
  this.timeout(CHILD_TIMEOUT_MS * 2);
  let scratch: string;
  let notes: string;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'conference-notes-hostile-'));
    notes = join(scratch, 'notes');
    mkdirSync(join(notes, '.vscode'), { recursive: true });
    writeFileSync(join(notes, 'devconf.md'), NOTE);
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('skips a pipe named like a note with one message, and reads the other notes (CLI)', async () => {
    execFileSync('mkfifo', [join(notes, 'stuck.md')]);
    const run = await runCliProcess('sessions', notes);
    assert.equal(run.timedOut, false, 'the CLI did not wait on the pipe');
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /Paved Roads/);
    assert.equal(count(run.err, `stuck.md: ${NOT_A_FILE}`), 1, run.err);
  });

  it('does not block on a settings file that is a pipe, and reads the notes with the default settings (CLI)', async () => {
    execFileSync('mkfifo', [join(notes, '.vscode', 'settings.json')]);
    const run = await runCliProcess('sessions', notes);
    assert.equal(run.timedOut, false, 'the CLI did not wait on the pipe');
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /Paved Roads/);
    assert.match(run.err, /settings\.json is not a regular file \(a folder, a pipe, a socket or a device\) and was not read; the default settings apply\./);
  });

  it('refuses a device given as --settings instead of reading it forever (CLI)', async () => {
    const run = await runCliProcess('stats', '--settings', '/dev/zero', notes);
    assert.equal(run.timedOut, false, 'the CLI did not read /dev/zero');
    assert.equal(run.code, 0, run.err);
    assert.match(run.err, /\/dev\/zero is not a regular file/);
  });

  it('does not wait on a note swapped for a pipe after its stat said it was a file, nor on one read in one visit (parse worker and main thread)', async () => {
    // The stat is made to say "file", as it did before the swap; the read must still not open the pipe blocking.
    // A stat and read in one visit (the parse worker's) opens the pipe without blocking and sees what it is.
    const script = join(scratch, 'swap.mts'); // an ES module: it awaits at the top level
    const fifo = join(scratch, 'swapped.md');
    execFileSync('mkfifo', [fifo]);
    // The worker runs as the extension ships it: an esbuild bundle of its entry.
    const workerScript = join(scratch, 'parseWorker.js');
    buildSync({ entryPoints: [join(root, 'src', 'node', 'parseWorker.ts')], outfile: workerScript, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
    writeFileSync(script, `
      import { Worker } from 'node:worker_threads';
      import { readRegularFile, regularFileOnly, statAndReadRegularFile, statAndReadRegularFileSync } from ${JSON.stringify(join(root, 'src', 'cli', 'regularFile.ts'))};
      import { readNote, settle } from ${JSON.stringify(join(root, 'src', 'core', 'notes', 'pipeline.ts'))};
      import { createParsePool } from ${JSON.stringify(join(root, 'src', 'node', 'parsePool.ts'))};
      import { DEFAULT_PARSE_OPTIONS } from ${JSON.stringify(join(root, 'src', 'core', 'notes', 'model.ts'))};
      const fifo = ${JSON.stringify(fifo)};
      const settings = { parseOptions: DEFAULT_PARSE_OPTIONS, maxFileSize: 1_000_000 };
      const file = { path: fifo, uri: 'file://' + fifo, pathSegments: ['swapped.md'] };
      const saysFile = { size: 0, isFile: () => true };
      const main = await readNote({ stat: async () => saysFile, read: (path) => settle(() => readRegularFile(path, regularFileOnly)) }, file, settings, 'scan');
      const oneVisit = await readNote({ statAndRead: (path, wanted) => settle(() => statAndReadRegularFile(path, wanted)) }, file, settings, 'scan');
      const sync = await readNote({ statAndRead: (path, wanted) => settle(() => statAndReadRegularFileSync(path, wanted)) }, file, settings, 'scan');
      const workerScript = ${JSON.stringify(workerScript)};
      const pool = createParsePool({ size: 1, createWorker: () => new Worker(workerScript), mainThread: { stat: async () => ({ failure: 'missing' }), read: async () => ({ failure: 'missing' }) } });
      const pooled = await pool.readAndParse([{ ...file, settings }, { path: ${JSON.stringify(scratch)}, uri: 'file:///x.md', pathSegments: ['x.md'], settings }]);
      await pool.dispose();
      console.log(JSON.stringify([main, oneVisit, sync, ...pooled.readings].map((reading) => reading.kind === 'skipped' ? reading.problem.code : reading.kind)));
    `);
    const run = await runNode([script]);
    assert.equal(run.timedOut, false, 'no read waited on the pipe');
    assert.equal(run.code, 0, run.err);
    assert.deepEqual(JSON.parse(run.out), ['not-a-file', 'not-a-file', 'not-a-file', 'not-a-file', 'not-a-file']);
  });

  it('skips a socket named like a note with one message (CLI)', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(join(notes, 'socket.md'), resolve));
    try {
      const run = await cli('sessions', notes);
      assert.equal(run.code, 0, run.err);
      assert.match(run.out, /Paved Roads/);
      assert.equal(count(run.err, NOT_A_FILE), 1, run.err);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('reads a folder named like a note as a folder, and never reads it as a note', async () => {
    mkdirSync(join(notes, 'archive.md'));
    writeFileSync(join(notes, 'archive.md', 'old.md'), NOTE.replace('Paved Roads', 'Old Roads'));
    const run = await cli('sessions', notes);
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /Old Roads/);
    assert.equal(run.err, '');
    const folderAsNote = await readNote(
      { stat: async () => ({ size: 0, isFile: () => false }), read: () => assert.fail('a folder is never read') },
      { path: 'archive.md', uri: 'file:///archive.md', pathSegments: ['archive.md'] },
      { parseOptions: DEFAULT_PARSE_OPTIONS, maxFileSize: 1_000_000 },
      'event',
    );
    assert.deepEqual(folderAsNote.kind === 'skipped' && [folderAsNote.problem.code, folderAsNote.problem.severity], ['not-a-file', 'warning']);
  });

  it('does not hang on symbolic-link loops: the walk does not follow links, a stat of one fails at once', async () => {
    symlinkSync('loop.md', join(notes, 'loop.md'));
    symlinkSync('b.md', join(notes, 'a.md'));
    symlinkSync('a.md', join(notes, 'b.md'));
    symlinkSync('.', join(notes, 'again'));
    const run = await runCliProcess('sessions', notes);
    assert.equal(run.timedOut, false);
    assert.equal(run.code, 0, run.err);
    assert.equal(count(run.out, 'Paved Roads'), 1, 'the folder is not read again through its link');
    // The extension host's stat follows links (VS Code's file search lists them): a loop is an unreadable file.
    const { promises: fs } = await import('node:fs');
    const local: Pick<NoteSource, 'stat' | 'read'> = { stat: (path) => fs.stat(path).catch((error: Error) => ({ failure: 'unreadable', message: error.message })), read: () => assert.fail('not read') };
    const reading = await readNote(local, { path: join(notes, 'loop.md'), uri: 'file:///loop.md', pathSegments: ['loop.md'] }, { parseOptions: DEFAULT_PARSE_OPTIONS, maxFileSize: 1_000_000 }, 'scan');
    assert.deepEqual(reading.kind === 'skipped' && [reading.problem.code, /ELOOP/.test(reading.problem.args[0])], ['unreadable', true]);
  });

  it('stats files at once as one at a time: a note, a folder, a pipe, a link loop and a missing file, in order', async () => {
    mkdirSync(join(notes, 'archive.md'));
    execFileSync('mkfifo', [join(notes, 'pipe.md')]);
    symlinkSync('loop.md', join(notes, 'loop.md'));
    const paths = ['devconf.md', 'archive.md', 'pipe.md', 'loop.md', 'gone.md'].map((name) => join(notes, name));
    const { promises: fs } = await import('node:fs');
    const seen = (stat: NoteStat | ReadFailure) => ('failure' in stat ? stat.failure : [stat.isFile(), stat.size, stat.mtimeMs]);
    const oneAtATime = await Promise.all(paths.map((path) => settle(() => fs.stat(path))));
    const atOnce = await statLocalFiles(paths);
    assert.deepEqual(atOnce.map(seen), oneAtATime.map(seen));
    const kind = (stat: NoteStat | ReadFailure) => ('failure' in stat ? stat.failure : stat.isFile() ? `file of ${stat.size} bytes` : 'not a file');
    assert.deepEqual(atOnce.map(kind), [`file of ${NOTE.length} bytes`, 'not a file', 'not a file', 'unreadable', 'missing']);
  });

  it('does not read a settings file over 1 MiB, says so, and reads the notes with the default settings', async () => {
    const settings = JSON.stringify({ 'conferenceNotes.exclude': ['devconf.md'] });
    writeFileSync(join(notes, '.vscode', 'settings.json'), settings + ' '.repeat(MAX_SETTINGS_FILE_SIZE));
    const run = await cli('sessions', notes);
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /Paved Roads/, 'the exclude of the oversized file was not applied');
    assert.match(run.err, new RegExp(`settings\\.json is ${MAX_SETTINGS_FILE_SIZE + settings.length} bytes, over the limit of ${MAX_SETTINGS_FILE_SIZE} bytes for a settings file, and was not read; the default settings apply\\.`));
    // At the limit it is read: the exclude applies.
    writeFileSync(join(notes, '.vscode', 'settings.json'), settings + ' '.repeat(MAX_SETTINGS_FILE_SIZE - settings.length));
    writeFileSync(join(notes, 'other.md'), NOTE.replace('Paved Roads', 'Other Roads'));
    const atLimit = await cli('sessions', notes);
    assert.doesNotMatch(atLimit.out, /Paved Roads/);
    assert.match(atLimit.out, /Other Roads/);
  });

  it('reports a glob of a settings file that is too long once, not for every note, and applies the rest (CLI)', async () => {
    for (const name of ['a', 'b', 'c']) writeFileSync(join(notes, `${name}.md`), NOTE.replace('Paved Roads', `Talk ${name}`));
    writeFileSync(join(notes, '.vscode', 'settings.json'), JSON.stringify({ 'files.exclude': { [`**/${'+(a|aa)'.repeat(100)}`]: true, 'b.md': true } }));
    const run = await cli('sessions', notes);
    assert.equal(run.code, 0, run.err);
    assert.equal(count(run.err, 'of the setting files.exclude is longer than 512 characters and was ignored'), 1, run.err);
    assert.match(run.out, /Talk a/);
    assert.doesNotMatch(run.out, /Talk b/);
  });
});
