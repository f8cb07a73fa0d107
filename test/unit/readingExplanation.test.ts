// How a note was read, and pinning that reading: the lines a user reads, and front matter that keeps every session.
import assert from 'node:assert/strict';
import { DEFAULT_PARSE_OPTIONS, type ParsedNote } from '../../src/core/notes/model';
import { parseNote } from '../../src/core/notes/parser';
import { describeReading, pinReading, planPinEdit, sharedPin, withPinnedKeys, type PinnedKeys } from '../../src/core/notes/readingExplanation';

const english = (text: string) => text;

function read(text: string, path: string): ParsedNote {
  return parseNote(text, { uri: `file:///ws/${path}`, pathSegments: path.split('/'), options: DEFAULT_PARSE_OPTIONS });
}

const report = [
  '# Harbour Summit 2031',
  '',
  '## Overview',
  '',
  'Two good days.',
  '',
  '## Cloud',
  '',
  '### Queues',
  '',
  '- speakers: Ada Byron',
  '',
  'Backpressure everywhere.',
  '',
  '### Streams',
  '',
  '- speakers: Alan Kay',
  '',
  'Exactly once, mostly.',
  '',
].join('\n');

const talk = '# Caching at the edge\n\n## Notes\n\nHit ratios matter.\n\n## Q&A\n\n- TTLs\n';

function pinned(text: string, path: string) {
  const note = read(text, path);
  return { note, pin: pinReading(note, (keys) => read(withPinnedKeys(text, keys), path)) };
}

describe('how a note was read', () => {
  it('names the layout, the levels, the conference and why headings hold no session', () => {
    assert.deepEqual(describeReading(read(report, 'notes/summit.md'), 'summit.md', english), [
      'How summit.md was read',
      'Layout: a report of several sessions (from its headings)',
      'Sessions: headings of level 3',
      'Tracks: headings of level 2',
      'Conference: Harbour Summit 2031 (named by its title heading)',
      'Sessions read: 2',
      'Headings that hold no session:',
      '- line 1: Harbour Summit 2031 — the title of the document',
      '- line 3: Overview — a section that is no talk (summary, links, to-do…)',
    ]);
  });

  it('says what front matter decided, in the host’s language', () => {
    const explicit = read('---\ntype: session\nconference: Harbour Summit 2031\n---\n# Queues\n', 'notes/queues.md');
    const japanese = (text: string) => (text === 'How {0} was read' ? '{0} の読み方' : text);
    assert.deepEqual(describeReading(explicit, 'queues.md', japanese).slice(0, 3), [
      'queues.md の読み方',
      'Layout: one session in the whole file (from its front matter)',
      'Conference: Harbour Summit 2031 (named by its front matter)',
    ]);
  });
});

describe('pin this reading', () => {
  it('writes a report’s layout and conference, and the pinned note reads the same sessions', () => {
    const { note, pin } = pinned(report, 'notes/summit.md');
    assert.equal(pin.complete, true);
    assert.deepEqual(pin.keys, [['type', 'report'], ['session-level', '3'], ['track-level', '2'], ['conference', 'Harbour Summit 2031']]);
    const again = read(withPinnedKeys(report, pin.keys), 'notes/summit.md');
    assert.equal(again.reading?.layoutSource, 'front-matter', 'nothing inferred any more');
    assert.deepEqual(again.sessions.map((session) => [session.title, session.track]), note.sessions.map((session) => [session.title, session.track]));
  });

  it('writes a one-talk file as a session with its title', () => {
    const { pin } = pinned(talk, 'conf-2031/caching.md');
    assert.deepEqual(pin.keys, [['type', 'session'], ['title', 'Caching at the edge'], ['conference', 'conf 2031']]);
  });

  it('pins only the conference when only inference reads the sessions (bold lines, `Title by Speaker`)', () => {
    const bold = '# Rust Meetup Harbour 2031\n\n**Safer FFI — Ana Ruiz**\n\nNotes on bindings.\n\n**Async drop — Ken Ito**\n\nAn open question.\n\n## To look up\n\n- the RFC\n';
    const byline = '# Harbour Summit 2031\n\n## Cloud\n\n### Queues by Ada Byron\n\nBackpressure.\n\n### Streams by Alan Kay\n\nExactly once.\n';
    for (const [text, conference] of [[bold, 'Rust Meetup Harbour 2031'], [byline, 'Harbour Summit 2031']]) {
      const { note, pin } = pinned(text, 'meetups/notes.md');
      assert.equal(note.sessions.length, 2, 'the fixture reads two sessions');
      assert.deepEqual(pin, { keys: [['conference', conference]], complete: false });
    }
  });

  it('adds keys inside existing front matter, skipping keys it has, in one edit that changes nothing else', () => {
    const text = '---\r\ntitle: Caching at the edge\r\ntags: [cdn]\r\n---\r\n# Caching at the edge\r\n';
    const keys: PinnedKeys = [['type', 'session'], ['title', 'Caching at the edge'], ['conference', 'Edge Days 2031']];
    const edit = planPinEdit(text, keys);
    assert.deepEqual(edit, { startLine: 3, startCharacter: 0, endLine: 3, endCharacter: 0, newText: 'type: session\r\nconference: Edge Days 2031\r\n' });
    assert.equal(withPinnedKeys('# Talk\n', [['type', 'session']]), '---\ntype: session\n---\n# Talk\n');
  });

  it('a folder shares only the keys every note has, never a title or a track', () => {
    const a: PinnedKeys = [['type', 'session'], ['title', 'A'], ['track', 'Cloud'], ['conference', 'conf 2031']];
    const b: PinnedKeys = [['type', 'session'], ['title', 'B'], ['track', 'Cloud'], ['conference', 'conf 2031']];
    const c: PinnedKeys = [['type', 'session'], ['title', 'C'], ['conference', 'other 2031']];
    assert.deepEqual(sharedPin([a, b]), [['type', 'session'], ['conference', 'conf 2031']]);
    assert.deepEqual(sharedPin([a, b, c]), [['type', 'session']]);
  });
});
