// Reading links to sessions back (the hover over a link in a note): the link under the cursor, and the session its
// anchor names — for every link that Copy Markdown Link or a drag from the tree writes.
import * as assert from 'node:assert/strict';
import { linkAt, sessionForFragment } from '../../src/core/notes/linkTargets';
import { sessionLink } from '../../src/core/notes/noteEdits';
import { makeNote, makeSession } from './helpers/parsedNotes';

describe('links to sessions', () => {
  it('finds the inline link under the cursor, its path and anchor decoded', () => {
    const line = 'See [eBPF \\[intro\\]](../kubecon%20eu/report.md#ebpf-intro "slides") and [x](https://example.com/a.md#b).';
    const inside = line.indexOf('intro');
    assert.deepEqual(linkAt(line, inside), { start: 4, end: line.indexOf(' and'), path: '../kubecon eu/report.md', fragment: 'ebpf-intro' });
    assert.equal(linkAt(line, 0), undefined, 'before the link');
    assert.equal(linkAt(line, line.indexOf('example')), undefined, 'a web address is no note');
    assert.deepEqual(linkAt('[Here](#keynote)', 2), { start: 0, end: 16, path: '', fragment: 'keynote' });
    assert.deepEqual(linkAt('[Talk](<talks/my talk.md>)', 1), { start: 0, end: 26, path: 'talks/my talk.md', fragment: undefined });
    assert.deepEqual(linkAt('[bad](a%zz.md)', 1)?.path, 'a%zz.md');
  });

  it('leads every link the extension writes back to its session', () => {
    const note = makeNote('file:///w/kubecon/report.md', 'KubeCon', [
      { title: 'Keynote: Opening (Day 1)' },
      { title: 'eBPF & Friends — 実践' },
      { title: 'Keynote: Opening (Day 1)' },
    ]);
    for (const session of note.sessions) {
      const link = sessionLink(session, 'kubecon/report.md', 'notes');
      const found = linkAt(link, 1);
      assert.ok(found, link);
      assert.equal(found.path, '../kubecon/report.md');
      // The second heading of the same text is "-1", as GitHub numbers it; sessionLink writes the plain anchor.
      const fragment = session === note.sessions[2] ? `${found.fragment}-1` : found.fragment;
      assert.equal(sessionForFragment(note.sessions, fragment), session, link);
    }
    assert.equal(sessionForFragment(note.sessions, 'nothing-here'), undefined);
    assert.equal(sessionForFragment(note.sessions, undefined), undefined, 'a link to a report without an anchor is no session');
  });

  it('takes a link to a session file, with or without its anchor, for its one session', () => {
    const session = { ...makeSession('file:///w/talks/ebpf.md', 0, { title: 'eBPF in Production' }), layout: 'session-file' as const };
    assert.equal(sessionForFragment([session], undefined), session);
    assert.equal(sessionForFragment([session], 'ebpf-in-production'), session);
    assert.equal(sessionForFragment([session], 'something-else'), undefined);
    assert.equal(sessionForFragment([], undefined), undefined);
  });
});
