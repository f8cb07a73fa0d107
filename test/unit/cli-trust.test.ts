// The command line with hostile notes and a hostile file system: tables never pass terminal control sequences through
// nor split a row, and an import either writes everything or nothing, with one clear message and exit code 1.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
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
