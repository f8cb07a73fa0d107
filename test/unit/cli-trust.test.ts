// The command line with hostile notes and a hostile file system: tables never pass terminal control sequences through
// nor split a row, and an import either writes everything or nothing, with one clear message and exit code 1.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, promises as fs, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import type { ImportFileSystem } from '../../src/cli/importFiles';
import { SCHEDULE_FIXTURES } from './helpers/scheduleFixtures';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return cliWith(fs, ...args);
}

async function cliWith(fileSystem: ImportFileSystem, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (text) => (out += text), err: (text) => (err += text) }, fileSystem);
  return { code, out, err };
}

/** Every file under `dir` with its bytes, to show that a failed import changed none. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = join(entry.parentPath, entry.name);
    files.set(full, entry.isFile() ? readFileSync(full, 'latin1') : entry.isSymbolicLink() ? 'link' : 'folder');
  }
  return files;
}

/** Node's fs, but `call` fails with `code` from its `after`-th use on (0: the first), `times` times. */
function failing(call: 'writeFile' | 'rename', code: string, after = 0, times = Infinity): ImportFileSystem {
  let calls = 0;
  const fails = () => {
    calls++;
    return calls > after && calls <= after + times;
  };
  const fail = () => Object.assign(new Error(`${code}: simulated`), { code });
  return {
    lstat: fs.lstat,
    unlink: fs.unlink,
    writeFile: call === 'writeFile' ? (async (...args: Parameters<typeof fs.writeFile>) => (fails() ? Promise.reject(fail()) : fs.writeFile(...args))) : fs.writeFile,
    rename: call === 'rename' ? (async (...args: Parameters<typeof fs.rename>) => (fails() ? Promise.reject(fail()) : fs.rename(...args))) : fs.rename,
  };
}

// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('conference-notes (CLI): hostile notes in tables', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'conference-notes-trust-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('shows control characters as visible escapes and keeps one row per session', async () => {
    // A title that would set the window title, ring the bell, clear the screen and start a new row.
    writeFileSync(join(scratch, 'evil.md'), [
      '---',
      'type: session',
      'title: "Evil\\e]0;owned\\a title\\e[2J\\rX\\nsecond row\\u009b"',
      'conference: "Conf\\ttab"',
      'track: "Sec\\e[31mred"',
      'speakers: ["A\\u0085B"]',
      '---',
      '',
    ].join('\n'));
    writeFileSync(join(scratch, 'plain.md'), '---\ntype: session\ntitle: Plain\nconference: Conf\ntrack: Ops\n---\n');
    const sessions = await cli('sessions', scratch);
    assert.equal(sessions.code, 0, sessions.err);
    const rows = sessions.out.trimEnd().split('\n');
    assert.equal(rows.length, 3, sessions.out);
    for (const row of rows) assert.doesNotMatch(row, CONTROL, JSON.stringify(row));
    assert.ok(rows.some((row) => row.includes('Evil\\x1b]0;owned\\x07 title\\x1b[2J\\x0dX second row\\x9b')), sessions.out);
    assert.ok(rows.some((row) => row.includes('Sec\\x1b[31mred') && row.includes('A\\x85B')), sessions.out);

    const stats = await cli('stats', scratch);
    assert.equal(stats.code, 0, stats.err);
    assert.doesNotMatch(stats.out.replace(/\n/g, ''), CONTROL);
    assert.ok(stats.out.includes('Sec\\x1b[31mred'), stats.out);
  });
});

describe('conference-notes import: all or nothing, one clear message', () => {
  let scratch: string;
  let out: string;
  const v1 = join(SCHEDULE_FIXTURES, 'sched-devsummit.ics');
  const v2 = join(SCHEDULE_FIXTURES, 'sched-devsummit-v2.ics');
  const report = () => join(out, 'DevSummit-Tokyo-2024.md');
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'conference-notes-import-'));
    out = join(scratch, 'notes');
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  /** One line on stderr naming the file and the folder, exit code 1, no stack trace, and the folder as it was. */
  async function assertRefused(run: Promise<{ code: number; out: string; err: string }>, before: Map<string, string>, expected: RegExp) {
    const result = await run;
    assert.equal(result.code, 1, result.err);
    assert.equal(result.err.trimEnd().split('\n').length, 1, result.err);
    assert.match(result.err, expected);
    assert.match(result.err, /Nothing was changed/);
    assert.doesNotMatch(result.err, /\n\s+at /, 'no stack trace');
    assert.deepEqual(snapshot(scratch), before);
  }

  it('refuses a folder where the report goes', async () => {
    mkdirSync(report(), { recursive: true });
    await assertRefused(cli('import', v1, '--out', out, '--tz', 'Asia/Tokyo'), snapshot(scratch), /DevSummit-Tokyo-2024\.md in .*notes: a folder is where the file goes/);
  });

  it('refuses a symbolic link where the report goes, and leaves its target alone', async () => {
    mkdirSync(out);
    writeFileSync(join(scratch, 'elsewhere.md'), 'not yours\n');
    symlinkSync(join(scratch, 'elsewhere.md'), report());
    await assertRefused(cli('import', v1, '--out', out, '--tz', 'Asia/Tokyo'), snapshot(scratch), /a symbolic link is where the file goes/);
  });

  it('refuses a --out that is a file', async () => {
    writeFileSync(out, 'a file\n');
    const result = await cli('import', v1, '--out', out, '--tz', 'Asia/Tokyo');
    assert.equal(result.code, 1);
    assert.equal(result.err.trimEnd().split('\n').length, 1, result.err);
    assert.match(result.err, /is not a folder/);
  });

  for (const [code, expected] of [['EACCES', /permission denied/], ['EROFS', /permission denied/], ['ENOSPC', /the disk is full/], ['EEXIST', /something the import did not expect is already there/]] as const) {
    it(`writes nothing when the folder fails with ${code}, on the first import and on a re-import`, async () => {
      mkdirSync(out);
      await assertRefused(cliWith(failing('writeFile', code), 'import', v1, '--out', out, '--tz', 'Asia/Tokyo'), snapshot(scratch), expected);
      assert.equal((await cli('import', v1, '--out', out, '--tz', 'Asia/Tokyo')).code, 0);
      writeFileSync(report(), `${readFileSync(report(), 'utf8')}\nMy notes.\n`);
      // The report's temporary file is written, the record's fails: neither the report nor the record changes.
      await assertRefused(cliWith(failing('writeFile', code, 1), 'import', v2, '--out', out, '--tz', 'Asia/Tokyo'), snapshot(scratch), expected);
    });
  }

  it('puts the report back when moving the import record into place fails', async () => {
    assert.equal((await cli('import', v1, '--out', out, '--tz', 'Asia/Tokyo')).code, 0);
    writeFileSync(report(), `${readFileSync(report(), 'utf8')}\nMy notes.\n`);
    await assertRefused(cliWith(failing('rename', 'ENOSPC', 1, 1), 'import', v2, '--out', out, '--tz', 'Asia/Tokyo'), snapshot(scratch), /the disk is full/);
  });

  it('refuses a schedule that is a pipe or a folder without blocking, and one over the size limit', async () => {
    const pipe = join(scratch, 'schedule.ics');
    execFileSync('mkfifo', [pipe]);
    const fromPipe = await cli('import', pipe, '--out', out);
    assert.deepEqual([fromPipe.code, fromPipe.err.trim()], [1, 'conference-notes: The schedule schedule.ics is not a regular file (but a folder, a pipe or a device); give the exported file itself.']);
    const fromFolder = await cli('import', scratch, '--out', out);
    assert.equal(fromFolder.code, 1);
    assert.match(fromFolder.err, /is not a regular file/);
    const huge = join(scratch, 'huge.json');
    writeFileSync(huge, Buffer.alloc(21 * 1024 * 1024, 0x20));
    const fromHuge = await cli('import', huge, '--out', out);
    assert.deepEqual([fromHuge.code, fromHuge.err.trim()], [1, 'conference-notes: The schedule huge.json is 21 MB; files over 20 MB are not imported.']);
  });

  it('says so, naming what to check, when putting the files back fails too', async () => {
    assert.equal((await cli('import', v1, '--out', out, '--tz', 'Asia/Tokyo')).code, 0);
    const result = await cliWith(failing('rename', 'ENOSPC', 1), 'import', v2, '--out', out, '--tz', 'Asia/Tokyo');
    assert.equal(result.code, 1);
    assert.equal(result.err.trim(), `conference-notes: Could not write .conference-notes-import.json in ${out}, and putting back the files already written failed too: check DevSummit-Tokyo-2024.md.`);
  });
});
