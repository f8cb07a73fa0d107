import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { DEFAULT_PARSE_OPTIONS, type NoteContext, type ParseOptions } from '../../src/core/notes/model';
import { decodeNoteBytes, parseNote } from '../../src/core/notes/parser';
import { createParsePool, type FileParseResult, type NoteFile, type ParsePool } from '../../src/node/parsePool';

const FIXTURES = join(__dirname, '..', 'fixtures', 'notes');

/** What the extension gets today on its main thread, for comparison with what comes back from a worker. */
function parsedOnMainThread(file: NoteFile): FileParseResult {
  const decoded = decodeNoteBytes(readFileSync(file.path));
  return 'diagnostic' in decoded ? { kind: 'not-text', diagnostic: decoded.diagnostic } : { kind: 'parsed', note: parseNote(decoded.text, file.context) };
}

function noteFile(path: string, pathSegments: readonly string[], options: ParseOptions = DEFAULT_PARSE_OPTIONS, maxFileSize = 1_000_000): NoteFile {
  return { path, context: { uri: pathToFileURL(path).href, pathSegments, options } satisfies NoteContext, maxFileSize };
}

describe('createParsePool', () => {
  let folder: string;
  let pool: ParsePool;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'parse-pool-'));
    // The worker runs as the extension ships it: an esbuild bundle of its entry.
    const workerScript = join(folder, 'parseWorker.js');
    buildSync({ entryPoints: [join(__dirname, '..', '..', 'src', 'node', 'parseWorker.ts')], outfile: workerScript, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
    pool = createParsePool(2, workerScript);
  });

  after(async () => {
    await pool.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('gives exactly what decodeNoteBytes + parseNote give on the main thread, in the order of the files', async () => {
    const files = readdirSync(FIXTURES).map((name) => noteFile(join(FIXTURES, name), ['devsummit-2024', name]));
    // Enough files for several batches on both workers, so the order of the results is put to the test.
    const many = Array.from({ length: 300 }, (_, i) => files[i % files.length]);
    const results = await pool.readAndParse(many);
    assert.deepEqual(results, many.map(parsedOnMainThread));
    assert.ok(results.some((result) => result.kind === 'parsed' && result.note.sessions.length > 1), 'the fixtures hold a report with sessions');
  });

  it('parses each file with its own folder options, fileDefaults included', async () => {
    const path = join(folder, 'keynote.md');
    writeFileSync(path, '# Opening keynote\n\nSome notes.\n');
    const sessionFolder: ParseOptions = { ...DEFAULT_PARSE_OPTIONS, fileDefaults: [{ files: 'talks/*.md', frontMatter: { type: 'session', track: 'Main stage' } }] };
    const asReport = noteFile(path, ['talks', 'keynote.md']);
    const asSession = noteFile(path, ['talks', 'keynote.md'], sessionFolder);
    const [report, session] = await pool.readAndParse([asReport, asSession]);
    assert.deepEqual([report, session], [parsedOnMainThread(asReport), parsedOnMainThread(asSession)]);
    assert.equal(session.kind === 'parsed' && session.note.sessions[0]?.track, 'Main stage');
  });

  it('reports binary and non-UTF-8 files with the diagnostics of decodeNoteBytes', async () => {
    const binary = join(folder, 'binary.md');
    const utf16 = join(folder, 'utf16.md');
    const latin1 = join(folder, 'latin1.md');
    writeFileSync(binary, Uint8Array.from([0x23, 0x20, 0x41, 0x00, 0x42]));
    writeFileSync(utf16, Buffer.from('\ufeff# Talk\n', 'utf16le'));
    writeFileSync(latin1, Buffer.from('# Caf\xe9\n', 'latin1'));
    const results = await pool.readAndParse([binary, utf16, latin1].map((path) => noteFile(path, ['x.md'])));
    assert.deepEqual(results.map((result) => result.kind === 'not-text' && result.diagnostic.code), ['binary-file', 'not-utf8', 'not-utf8']);
  });

  it('skips files over the size limit, and tells missing files from unreadable ones', async () => {
    const big = join(folder, 'big.md');
    writeFileSync(big, `# Big\n\n${'x'.repeat(2_000)}\n`);
    const [tooLarge, missing, unreadable] = await pool.readAndParse([
      noteFile(big, ['big.md'], DEFAULT_PARSE_OPTIONS, 1_000),
      noteFile(join(folder, 'deleted.md'), ['deleted.md']),
      noteFile(folder, ['folder.md']), // a folder: reading it fails with EISDIR
    ]);
    assert.deepEqual(tooLarge, { kind: 'too-large', size: 2_008 });
    assert.deepEqual(missing, { kind: 'missing' });
    assert.equal(unreadable.kind, 'unreadable');
  });

  it('rejects work once disposed', async () => {
    const workerScript = join(folder, 'parseWorker.js');
    const disposed = createParsePool(1, workerScript);
    await disposed.dispose();
    await assert.rejects(disposed.readAndParse([noteFile(join(FIXTURES, 'session-file.md'), ['session-file.md'])]), /disposed/);
  });
});
