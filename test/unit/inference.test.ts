// Reading without settings (docs/note-formats.md, "Reading without settings"): our own small repositories, one
// per rule, read through the index as a new user's workspace folder is, with the tree they must give.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DEFAULT_PARSE_OPTIONS, type ParsedNote, type ParseOptions } from '../../src/core/notes/model';
import { NoteIndex } from '../../src/core/notes/noteIndex';
import { parseNote } from '../../src/core/notes/parser';
import { assertProperty } from './helpers/property';
import { sessionTree } from './helpers/sessionTree';

const FIXTURES = join(__dirname, '..', 'fixtures', 'zero-config');

function read(text: string, path: string, options: ParseOptions = DEFAULT_PARSE_OPTIONS): ParsedNote {
  return parseNote(text, { uri: `file:///ws/${path}`, pathSegments: path.split('/'), options });
}

/** The fixture folder indexed with no settings. */
function fixtureIndex(): NoteIndex {
  const paths = (readdirSync(FIXTURES, { recursive: true }) as string[]).map((path) => path.split('\\').join('/')).filter((path) => path.endsWith('.md') && statSync(join(FIXTURES, path)).isFile());
  const index = new NoteIndex();
  index.updateMany(paths.map((path) => read(readFileSync(join(FIXTURES, path), 'utf8'), path)), []);
  return index;
}

/** conference → track → day → titles, the tree a user sees. */
function tree(index: NoteIndex): Record<string, Record<string, string[]>> {
  return sessionTree(index, (session) => `${session.track ?? '-'} / ${session.day ?? session.date ?? '-'}`);
}

describe('reading without settings', () => {
  const index = fixtureIndex();

  it('reads every fixture repository as its author meant', () => {
    assert.deepEqual(tree(index), {
      // One talk per file in day folders; a file of peer sections reads as one talk, like its siblings.
      'nodeconf 2031': {
        '- / Day 1': ['Streams without tears (Mira Okafor)'],
        '- / Day 2': ['hallway', 'Profiling in production', 'Workers in practice (Tomas Lindqvist)'],
      },
      // Japanese day files: an event H1 over an overview, lettered talks, sections that are no talks.
      'JP DevDays 2031': {
        '- / 2日目': ['モノレポ運用の五年 (鈴木 一郎)'],
        '- / Day 1': ['基調講演: これからの開発者体験 (山田 太郎)', 'A. 型で守る API 設計 (佐藤 花子)', 'B. 小さく始める可観測性'],
      },
      // Talks written as bold lines under an event title.
      'Rust Meetup Harbour 2031': { '- / -': ['Safer FFI (Ana Ruiz)', 'Async drop (Ken Ito)'] },
    });
  });

  it('tells why headings hold no session, for the reading shown to the user', () => {
    const day1 = index.note('file:///ws/jp-devdays-2031/day1.md');
    assert.deepEqual(
      day1?.reading && [day1.reading.layout, day1.reading.sessionLevel, day1.reading.trackLevel, day1.reading.conferenceSource],
      ['report', 3, 0, 'heading'],
    );
    assert.deepEqual(day1?.reading?.leftOut.map((heading) => [heading.text, heading.reason]), [
      ['JP DevDays 2031 参加レポート', 'document-title'],
      ['概要', 'non-session'],
      ['まとめ', 'non-session'],
    ]);
    assert.equal(index.note('file:///ws/2031/nodeconf/README.md')?.reading?.layout, 'none', 'a page of links is no talk');
    assert.equal(index.note('file:///ws/2031/nodeconf/Day 2/hallway.md')?.reading?.layoutSource, 'folder');
  });
});

describe('reading without settings: one rule at a time', () => {
  const sessions = (text: string, path = 'conf-2031/notes.md') => read(text, path).sessions.map((session) => session.title);

  it('an H1 over sub-sections is one talk; peer talks with speakers are a report', () => {
    assert.deepEqual(sessions('# Caching at the edge\n\n## Notes\n\ntext\n\n## Q&A\n\nmore\n'), ['Caching at the edge']);
    assert.deepEqual(sessions('# Caching at the edge\n# Notes:\n\ntext\n# Links:\n\n- a\n'), ['Caching at the edge'], 'section H1s beside the title');
    assert.deepEqual(sessions('## Queues by Ada Byron\n\ntext\n\n## Streams by Alan Kay\n\ntext\n'), ['Queues', 'Streams']);
  });

  it('days are never conferences, tracks or sessions', () => {
    const note = read('# Day 1\n\n### Opening by Ada Byron\n\ntext\n\n# 2日目\n\n### Closing by Alan Kay\n\ntext\n', 'conf-2031/notes.md');
    assert.deepEqual(note.sessions.map((session) => [session.title, session.day, session.track]), [['Opening', 'Day 1', undefined], ['Closing', '2日目', undefined]]);
    assert.equal(note.conference, 'conf 2031');
  });

  it('a heading above the sessions that is no day and no section is a track', () => {
    const note = read('# Summit 2031 report\n\n## Overview\n\ntext\n\n## Cloud\n\n### Queues\n\ntext\n\n### Streams\n\ntext\n\n## Data\n\n### Lakes\n\ntext\n', 'notes/summit.md');
    assert.deepEqual(note.sessions.map((session) => [session.title, session.track]), [['Queues', 'Cloud'], ['Streams', 'Cloud'], ['Lakes', 'Data']]);
    assert.equal(note.conference, 'Summit 2031');
  });

  it('a file name with a year names a report\'s conference, so two years stay apart', () => {
    assert.equal(read('## Alpha by Ada Byron\n\nx\n\n## Beta by Alan Kay\n\ny\n', 'pycon-2019.md').conference, 'pycon 2019');
    assert.equal(read('## Alpha by Ada Byron\n\nx\n\n## Beta by Alan Kay\n\ny\n', 'pycon-2020.md').conference, 'pycon 2020');
  });

  it('words in lower case after the year describe the page, not the event', () => {
    const report = (title: string) => read(`# ${title}\n\n## Alpha by Ada Byron\n\nx\n\n## Beta by Alan Kay\n\ny\n`, 'notes/h.md').conference;
    assert.equal(report("Harbour Summit 2031 through Ada's eyes"), 'Harbour Summit 2031');
    assert.equal(report('Harbour Summit 2031 (Lisbon) highlights and takeaways'), 'Harbour Summit 2031');
    assert.equal(report('Harbour Summit NA 2031 Virtual'), 'Harbour Summit NA 2031 Virtual', 'a name goes on in capitals');
  });

  it('a year in a talk title does not make it an event', () => {
    assert.deepEqual(sessions('# Rust in 2031\n\n## Notes\n\ntext\n\n## Q&A\n\nmore\n'), ['Rust in 2031']);
    assert.equal(read('# Harbour Summit 2031\n\n## Alpha by Ada Byron\n\nx\n\n## Beta by Alan Kay\n\ny\n', 'notes/h.md').conference, 'Harbour Summit 2031');
  });

  it('a heading without a space after the hashes is still a heading', () => {
    assert.deepEqual(sessions('# Meetup 2031\n\n##Alpha by Ada Byron\n\nx\n\n##Beta by Alan Kay\n\ny\n'), ['Alpha', 'Beta']);
  });

  it('a placeholder title falls back to the file name', () => {
    assert.deepEqual(sessions('# TODO\n\n## Notes\n\nsome notes\n', 'conf-2031/edge-caching.md'), ['edge caching']);
  });

  it('a talk at the top of the workspace folder takes the folder’s name as its conference', () => {
    const note = parseNote('# Caching at the edge\n\n## Notes\n\n- hit ratios\n- TTLs\n- purges\n', { uri: 'file:///home/ada/edge-days-2031/caching.md', pathSegments: ['caching.md'], options: DEFAULT_PARSE_OPTIONS });
    assert.deepEqual(note.sessions.map((session) => [session.title, session.conference]), [['Caching at the edge', 'edge days 2031']]);
  });

  it('a page that holds a conference-stats chart is no talk of its own', () => {
    assert.deepEqual(sessions('# Trip report\n\nSessions per track, compared:\n\n```conference-stats\nshow: both\n```\n', 'trip-report.md'), []);
    assert.deepEqual(sessions('# Trip report\n\nSessions per track, compared:\n\n```\nshow: both\n```\n', 'trip-report.md'), ['Trip report'], 'another code block');
  });

  it('an acronym is a name, not a placeholder: a track called AI is a track', () => {
    const note = read('# Summit 2031\n\n## AI\n\n### Agents by Ada Byron\n\nx\n\n## UX\n\n### Forms by Alan Kay\n\ny\n', 'notes/summit.md');
    assert.deepEqual(note.sessions.map((session) => [session.title, session.track]), [['Agents', 'AI'], ['Forms', 'UX']]);
  });

  it('licences and pointers hold no session', () => {
    assert.deepEqual(sessions('MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy.\n'.repeat(5), 'LICENSE.md'), []);
    assert.deepEqual(sessions('See my blog: https://example.org/post\n', 'conf-2031/README.md'), []);
  });

  it('a short talk that links to one other note is a talk, not a landing page', () => {
    const text = '# Harbour Summit 2031\n\n## Cloud\n\n### Queues\n\n- speakers: Ada Byron\n\nSee [Streams](../other/streams.md#streams).\n';
    assert.deepEqual(sessions(text, 'links/links.md'), ['Queues'], 'a talk with fields beside a bare link');
    assert.deepEqual(sessions('# Queues at scale\n\n## Notes\n\nAda showed how [streams](../other/streams.md) differ from queues.\n\n## Q&A\n\n- backpressure\n', 'links/links.md'), ['Queues at scale'], 'a link in a sentence');
    assert.deepEqual(sessions('# Harbour Summit 2031\n\n- [Queues](queues.md)\n- [Streams](streams.md)\n', 'links/links.md'), [], 'a page that links several notes');
  });
});

describe('reading without settings: explicit beats inferred', () => {
  const levelsSet: ParseOptions = { ...DEFAULT_PARSE_OPTIONS, headingLevelsSet: true };

  it('front matter, fileDefaults and level settings keep the documented reading', () => {
    const talkLike = '# Caching at the edge\n\n## Notes\n\ntext\n\n### Queues\n\nmore\n';
    assert.deepEqual(read(`---\ntype: report\n---\n${talkLike}`, 'c/a.md').sessions.map((session) => session.title), ['Queues']);
    assert.deepEqual(read(talkLike, 'c/a.md', levelsSet).sessions.map((session) => session.title), ['Queues']);
    const defaults: ParseOptions = { ...DEFAULT_PARSE_OPTIONS, fileDefaults: [{ files: 'c/*.md', frontMatter: { 'session-level': 2 } }] };
    assert.deepEqual(read(talkLike, 'c/a.md', defaults).sessions.map((session) => session.title), ['Notes']);
  });

  it('never drops a session that explicit settings declare, whatever its siblings look like', () => {
    const heading = fc.constantFrom('Queues by Ada Byron', 'Notes', 'Day 1', 'Overview', 'Streams', '概要', 'A. 型の話', 'Keynote');
    const body = fc.constantFrom('', 'text\n', '- speakers: Ada\n', '**Alan Kay**\n');
    const section = fc.tuple(fc.integer({ min: 1, max: 4 }), heading, body).map(([level, text, content]) => `${'#'.repeat(level)} ${text}\n\n${content}\n`);
    const note = fc.record({
      sections: fc.array(section, { maxLength: 8 }),
      explicit: fc.constantFrom('none', 'session', 'levels'),
      name: fc.constantFrom('a', 'b', 'c', 'README', 'day1'),
    });
    assertProperty(
      fc.property(fc.uniqueArray(note, { maxLength: 6, selector: (candidate) => candidate.name }), (notes) => {
        const parsed = notes.map(({ sections, explicit, name }) => {
          const frontMatter = explicit === 'session' ? '---\ntype: session\n---\n' : explicit === 'levels' ? '---\nsession-level: 2\n---\n' : '';
          return read(`${frontMatter}${sections.join('')}`, `conf-2031/${name}.md`);
        });
        const index = new NoteIndex();
        index.updateMany(parsed, []);
        for (const [position, { explicit }] of notes.entries()) {
          if (explicit === 'none') continue;
          const declared = parsed[position];
          assert.ok(declared.sessions.length > 0 || explicit === 'levels');
          assert.deepEqual(index.sessionsOf(declared.uri), declared.sessions);
        }
      }),
    );
  });
});
