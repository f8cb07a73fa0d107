// The Node parse pool: what its workers give equals the core pipeline on the main thread, and a worker that throws,
// exits or never answers does not stop a scan — the files it held are read on the main thread, and the scan says so.
import assert from 'node:assert/strict';
import { promises as fs, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import { DEFAULT_PARSE_OPTIONS, type ParseOptions } from '../../src/core/notes/model';
import { readNote, settle, type NoteReading, type NoteSource } from '../../src/core/notes/pipeline';
import { createParsePool, type BatchListener, type NoteFile, type ParsePool, type PoolWorkerPort } from '../../src/node/parsePool';

const FIXTURES = join(__dirname, '..', 'fixtures', 'notes');

const mainThread: Pick<NoteSource, 'stat' | 'read'> = { stat: (path) => settle(() => fs.stat(path)), read: (path) => settle(() => fs.readFile(path)) };

/** What the core pipeline gives on the main thread, for comparison with what comes back from a worker. */
function readOnMainThread(files: readonly NoteFile[]): Promise<NoteReading[]> {
  return Promise.all(files.map((file) => readNote(mainThread, file, file.settings, 'scan')));
}

function noteFile(path: string, pathSegments: readonly string[], parseOptions: ParseOptions = DEFAULT_PARSE_OPTIONS, maxFileSize = 1_000_000): NoteFile {
  return { path, uri: pathToFileURL(path).href, pathSegments, settings: { parseOptions, maxFileSize } };
}

/** A batch listener, and the readings it heard put back in place: each file's once, or the test fails. */
function batchesHeard(): { onBatch: BatchListener; batches: number; inPlace: () => NoteReading[] } {
  const heard: NoteReading[] = [];
  const result = {
    batches: 0,
    onBatch: (first: number, readings: readonly NoteReading[]) => {
      result.batches++;
      readings.forEach((reading, i) => {
        assert.ok(!(first + i in heard), `file ${first + i} heard twice`);
        heard[first + i] = reading;
      });
    },
    inPlace: () => heard,
  };
  return result;
}

/** A worker thread running `code` (CommonJS, in place of the parse worker): how the tests make a worker misbehave. */
const faultyWorker = (code: string) => (): PoolWorkerPort => new Worker(code, { eval: true });
const FAULTS = {
  throws: faultyWorker("require('node:worker_threads').parentPort.on('message', () => { throw new Error('parser bug'); });"),
  exits: faultyWorker("require('node:worker_threads').parentPort.on('message', () => process.exit(3));"),
  neverAnswers: faultyWorker("require('node:worker_threads').parentPort.on('message', () => {});"),
};

describe('createParsePool', () => {
  let folder: string;
  let workerScript: string;
  let pool: ParsePool;
  let many: NoteFile[];

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'parse-pool-'));
    // The worker runs as the extension ships it: an esbuild bundle of its entry.
    workerScript = join(folder, 'parseWorker.js');
    buildSync({ entryPoints: [join(__dirname, '..', '..', 'src', 'node', 'parseWorker.ts')], outfile: workerScript, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
    pool = createParsePool({ size: 2, createWorker: () => new Worker(workerScript), mainThread });
    const files = readdirSync(FIXTURES).map((name) => noteFile(join(FIXTURES, name), ['devsummit-2024', name]));
    // Enough files for several batches on both workers, so the order of the results is put to the test.
    many = Array.from({ length: 300 }, (_, i) => files[i % files.length]);
  });

  after(async () => {
    await pool.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('gives exactly what the pipeline gives on the main thread, in the order of the files, batch by batch as they come', async () => {
    const heard = batchesHeard();
    const { readings, workerFailures, readOnMainThread: reread } = await pool.readAndParse(many, heard.onBatch);
    assert.deepEqual(readings, await readOnMainThread(many));
    assert.deepEqual(heard.inPlace(), readings, 'every reading heard once, at its position');
    assert.ok(heard.batches > 2, `${heard.batches} batches heard`);
    assert.deepEqual([workerFailures, reread], [[], 0]);
    assert.ok(readings.some((reading) => reading.kind === 'parsed' && reading.note.sessions.length > 1), 'the fixtures hold a report with sessions');
  });

  it('parses each file with its own folder options, fileDefaults included', async () => {
    const path = join(folder, 'keynote.md');
    writeFileSync(path, '# Opening keynote\n\nSome notes.\n');
    const sessionFolder: ParseOptions = { ...DEFAULT_PARSE_OPTIONS, fileDefaults: [{ files: 'talks/*.md', frontMatter: { type: 'session', track: 'Main stage' } }] };
    const files = [noteFile(path, ['talks', 'keynote.md']), noteFile(path, ['talks', 'keynote.md'], sessionFolder)];
    const { readings } = await pool.readAndParse(files);
    assert.deepEqual(readings, await readOnMainThread(files));
    assert.equal(readings[1].kind === 'parsed' && readings[1].note.sessions[0]?.track, 'Main stage');
  });

  it('reports binary, non-UTF-8, too-large, deleted files and folders with the pipeline\'s messages', async () => {
    const write = (name: string, bytes: Uint8Array | string) => {
      writeFileSync(join(folder, name), bytes);
      return join(folder, name);
    };
    const files = [
      noteFile(write('binary.md', Uint8Array.from([0x23, 0x20, 0x41, 0x00, 0x42])), ['binary.md']),
      noteFile(write('utf16.md', Buffer.from('\ufeff# Talk\n', 'utf16le')), ['utf16.md']),
      noteFile(write('latin1.md', Buffer.from('# Caf\xe9\n', 'latin1')), ['latin1.md']),
      noteFile(write('big.md', `# Big\n\n${'x'.repeat(2_000)}\n`), ['big.md'], DEFAULT_PARSE_OPTIONS, 1_000),
      noteFile(join(folder, 'deleted.md'), ['deleted.md']),
      noteFile(folder, ['folder.md']), // a folder: not a regular file, so never read
    ];
    const { readings } = await pool.readAndParse(files);
    assert.deepEqual(readings.map((reading) => reading.kind === 'skipped' && reading.problem.code), ['binary-file', 'not-utf8', 'not-utf8', 'too-large', 'deleted-mid-read', 'not-a-file']);
    assert.deepEqual(readings[3].kind === 'skipped' && readings[3].problem.args, ['2008', '1000']);
  });

  for (const [fault, createFaulty] of Object.entries(FAULTS)) {
    it(`completes the scan when a worker ${fault === 'neverAnswers' ? 'never answers' : fault}: its files are read on the main thread`, async () => {
      let created = 0;
      // One worker misbehaves, the other is the real one.
      const faulty = createParsePool({
        size: 2,
        createWorker: () => (created++ === 0 ? createFaulty() : new Worker(workerScript)),
        mainThread,
        // Long enough for the real worker to start up on a busy machine, short enough for a quick test.
        answerTimeoutMs: 2_000,
      });
      try {
        const heard = batchesHeard();
        const { readings, workerFailures, readOnMainThread: reread } = await faulty.readAndParse(many, heard.onBatch);
        assert.deepEqual(readings, await readOnMainThread(many));
        assert.deepEqual(heard.inPlace(), readings, 'the files read on the main thread are heard of too');
        assert.equal(workerFailures.length, 1, 'one failure to report');
        assert.match(workerFailures[0], fault === 'throws' ? /parser bug/ : fault === 'exits' ? /exit code 3/ : /no answer in 2000 ms/);
        assert.ok(reread > 0 && reread < many.length, `${reread} of ${many.length} files read on the main thread`);
        // The pool goes on with the worker it has left.
        const again = await faulty.readAndParse(many.slice(0, 100));
        assert.deepEqual([again.workerFailures, again.readOnMainThread], [[], 0]);
      } finally {
        await faulty.dispose();
      }
    });
  }

  it('reads everything on the main thread when no worker is left, and after it is stopped', async () => {
    const broken = createParsePool({ size: 2, createWorker: FAULTS.exits, mainThread });
    const first = await broken.readAndParse(many);
    assert.deepEqual(first.readings, await readOnMainThread(many));
    assert.deepEqual([first.workerFailures, first.readOnMainThread], [['exit code 3'], many.length]);
    await broken.dispose();
    const stopped = await broken.readAndParse(many.slice(0, 10));
    assert.deepEqual([stopped.readings, stopped.readOnMainThread], [await readOnMainThread(many.slice(0, 10)), 10]);
  });
});
