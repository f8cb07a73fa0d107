// The Sessions view's filter over what a user remembers of a talk: its fields, and words of its own notes, read
// through the real parser, never the notes of the session beside it.
import * as assert from 'node:assert/strict';
import { DEFAULT_PARSE_OPTIONS } from '../../src/core/notes/model';
import { parseNoteText } from '../../src/core/notes/pipeline';
import { foldForSearch, SESSION_TEXT_LENGTH, sessionMatchesFilter } from '../../src/core/notes/sessionFilter';
import { makeNote } from './helpers/parsedNotes';

const settings = { parseOptions: DEFAULT_PARSE_OPTIONS };
const parse = (text: string, name = 'devconf.md') => parseNoteText(text, { uri: `file:///notes/${name}`, pathSegments: [name] }, settings);

const REPORT = [
  '# DevConf 2024',
  '',
  '## Cloud',
  '',
  '### Scaling Queues',
  '',
  '- speakers: Ada Park',
  '',
  'Backpressure with Ｋａｆｋａ consumer groups.',
  '',
  '### Serverless Cold Starts',
  '',
  '- speakers: Ben Ortiz',
  '',
  'Snapshots of the runtime shave seconds.',
].join('\n');

const matching = (text: string, filter: string): string[] => parse(text).sessions.filter((session) => sessionMatchesFilter(session, filter)).map((session) => session.title);

describe('sessionMatchesFilter', () => {
  it('finds a session by a word of its own notes, ignoring case and width, not by its neighbour’s', () => {
    assert.deepEqual(matching(REPORT, 'kafka'), ['Scaling Queues']);
    assert.deepEqual(matching(REPORT, 'BACKPRESSURE'), ['Scaling Queues']);
    assert.deepEqual(matching(REPORT, 'runtime'), ['Serverless Cold Starts']);
  });

  it('needs every word, from the fields or the notes alike', () => {
    assert.deepEqual(matching(REPORT, 'ada kafka'), ['Scaling Queues']);
    assert.deepEqual(matching(REPORT, 'ben kafka'), []);
    assert.deepEqual(matching(REPORT, 'devconf snapshots'), ['Serverless Cold Starts']);
  });

  it('reads the notes of a one-session file, CRLF line ends included', () => {
    const note = parse('---\ntype: session\nconference: DevConf 2024\n---\r\n# Islands Architecture\r\n\r\nPartial hydration keeps pages light.\r\n', 'islands.md');
    assert.deepEqual(note.sessions.map((session) => session.title), ['Islands Architecture']);
    assert.ok(sessionMatchesFilter(note.sessions[0], 'hydration'));
    assert.ok(!sessionMatchesFilter(note.sessions[0], 'kafka'));
  });

  it('reads the opening of long notes only, so a large index stays small', () => {
    const filler = 'word '.repeat(SESSION_TEXT_LENGTH / 5);
    const [session] = parse(`# DevConf 2024\n\n## Cloud\n\n### Long Talk\n\n${filler}\n\nepilogue\n`).sessions;
    assert.ok(sessionMatchesFilter(session, 'word'));
    assert.ok(!sessionMatchesFilter(session, 'epilogue'), 'text past the kept opening is not searched');
    assert.ok((session.searchText ?? '').length <= SESSION_TEXT_LENGTH);
  });

  it('filters the sessions of 10,000 notes over their text quickly', () => {
    const sessions = Array.from({ length: 10_000 }, (_, n) =>
      makeNote(`file:///notes/note${n}.md`, 'DevConf 2024', [0, 1].map((talk) => ({ title: `Talk ${talk}`, searchText: foldForSearch(`notes about topic${n}-${talk} `.repeat(20)) }))).sessions,
    ).flat();
    const started = performance.now();
    const found = sessions.filter((session) => sessionMatchesFilter(session, 'topic9999-1'));
    const elapsed = performance.now() - started;
    assert.deepEqual(found.map((session) => `${session.uri} ${session.title}`), ['file:///notes/note9999.md Talk 1']);
    assert.ok(elapsed < 1000, `one filter over 20,000 sessions took ${elapsed.toFixed(0)} ms`);
  });
});
