import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PARSE_OPTIONS, type NoteContext, type ParsedNote, type ParseOptions, type Session } from '../../src/core/notes/model';
import { MAX_HEADING_CHARS } from '../../src/core/notes/markdown';
import { decodeNoteBytes, matchesWildcard, parseNote, PARSER_MESSAGES, readableName } from '../../src/core/notes/parser';

const FIXTURES = join(__dirname, '..', 'fixtures', 'notes');
const SEED = join(__dirname, '..', '..', '..', 'shared', 'seed', 'kubecon-na-2020-report.md');

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

function context(pathSegments: readonly string[], options: Partial<ParseOptions> = {}): NoteContext {
  return { uri: `file:///notes/${pathSegments.join('/')}`, pathSegments, options: { ...DEFAULT_PARSE_OPTIONS, ...options } };
}

function parse(text: string, path: readonly string[] = ['devsummit', 'report.md'], options: Partial<ParseOptions> = {}): ParsedNote {
  return parseNote(text, context(path, options));
}

function titles(note: ParsedNote): string[] {
  return note.sessions.map((session) => session.title);
}

function sessionCountsByTrack(sessions: readonly Session[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const session of sessions) counts[session.track ?? '(none)'] = (counts[session.track ?? '(none)'] ?? 0) + 1;
  return counts;
}

function lineOf(text: string, line: string): number {
  const index = text.split('\n').indexOf(line);
  assert.notEqual(index, -1, `fixture line "${line}"`);
  return index;
}

describe('parseNote: report layout', () => {
  const text = fixture('report-seed-like.md');
  const note = parse(text);

  it('takes the conference from the H1', () => {
    assert.equal(note.layout, 'report');
    assert.equal(note.conference, 'DevSummit 2031 Online', 'a trailing レポート is what the page is, not the event');
    assert.deepEqual(note.diagnostics, []);
  });

  it('reads sessions under tracks; overview and summary sections without sessions are no tracks', () => {
    assert.deepEqual(sessionCountsByTrack(note.sessions), { 'Lightning Talks': 2, Keynote: 2, 'Main Sessions': 3 });
  });

  it('reduces inline markup in headings to plain text and ignores # lines in code fences', () => {
    assert.deepEqual(titles(note), [
      'Tracing every request in 2 ms',
      'Rootless builds, one year on',
      'Opening Keynote: Ten Years of Platforms',
      'Keynote: Releasing - Deliberately',
      'Multi-Cluster Routing',
      'Supply Chain Security with Signatures',
      'Mental Health in Tech',
    ]);
  });

  it('keeps deeper headings and code inside the session, up to the next heading of its level or higher', () => {
    const keynote = note.sessions[2];
    const start = lineOf(text, '### [Opening Keynote](https://example.org/keynote): Ten Years of Platforms');
    assert.deepEqual(keynote.range, { start, end: lineOf(text, '### Keynote: Releasing \\- Deliberately') - 1 });
    assert.equal(keynote.line, start);
    // The last session of a track ends before the next track heading, even one with no session under it.
    assert.equal(note.sessions[3].range.end, lineOf(text, 'Main Sessions') - 1);
    assert.equal(note.sessions[6].range.end, lineOf(text, '## まとめ') - 1);
  });

  it('reads the fields written under a session and only there', () => {
    assert.deepEqual(note.sessions[2].speakers, ['Ada Lovelace', 'Grace Hopper']);
    assert.equal(note.sessions[2].status, 'watched');
    assert.deepEqual(note.sessions[4].tags, ['bgp', 'routing']);
    assert.deepEqual(note.sessions[3].speakers, []);
    assert.equal(note.sessions[3].status, undefined);
  });

  it('gives stable ids from the file and the title', () => {
    assert.equal(note.sessions[4].id, 'file:///notes/devsummit/report.md#multi-cluster-routing');
    assert.deepEqual(parse(text).sessions.map((session) => session.id), note.sessions.map((session) => session.id));
  });

  it('reads CRLF line endings and a BOM exactly like LF', () => {
    const windows = parse(`\uFEFF${text.replace(/\n/g, '\r\n')}`);
    assert.deepEqual(windows, note);
  });

  it('numbers repeated titles with ~2, ~3', () => {
    const repeated = parse('# C\n## T\n### Lightning talk\n### Lightning talk\n### Lightning talk\n');
    assert.deepEqual(
      repeated.sessions.map((session) => session.id.split('#')[1]),
      ['lightning-talk', 'lightning-talk~2', 'lightning-talk~3'],
    );
  });

  it('reads sessions that come before any track heading, without a track', () => {
    const flat = parse('### First\n\ntext\n\n### Second\n\nlast line\n\n');
    assert.deepEqual(titles(flat), ['First', 'Second']);
    assert.equal(flat.sessions[0].track, undefined);
    assert.deepEqual(flat.sessions[1].range, { start: 4, end: 6 }, 'the last session ends at the last line with text');
    assert.equal(flat.conference, 'devsummit', 'no H1: the folder names the conference');
  });

  it('uses heading levels from the settings', () => {
    const levels = parse('# C\n### Cloud\n#### Scaling Queues\n## Day 1\n', undefined, { trackHeadingLevel: 3, sessionHeadingLevel: 4 });
    assert.deepEqual(levels.sessions.map((session) => [session.track, session.title]), [['Cloud', 'Scaling Queues']]);
  });
});

describe('parseNote: per-file heading levels', () => {
  it('lets front matter set the track and session levels', () => {
    const note = parse('---\ntrack-level: 1\nsession-level: 2\n---\n# Cloud\n## Scaling Queues\n### Part\n# Data\n## Joins\n');
    assert.deepEqual(note.sessions.map((session) => [session.track, session.title]), [['Cloud', 'Scaling Queues'], ['Data', 'Joins']]);
    assert.equal(note.conference, 'devsummit', 'with H1 tracks the H1 does not name the conference');
    assert.deepEqual(note.headingLevels, { trackHeadingLevel: 1, sessionHeadingLevel: 2 });
  });

  it('accepts track-level: none for files whose sessions have no track headings', () => {
    const note = parse('---\ntrack-level: none\nsession-level: 2\n---\n# DevSummit day 1\n## Talk A\n## Talk B\n');
    assert.deepEqual(titles(note), ['Talk A', 'Talk B']);
    assert.ok(note.sessions.every((session) => session.track === undefined));
    assert.equal(note.conference, 'DevSummit day 1');
    assert.deepEqual(note.headingLevels, { trackHeadingLevel: 0, sessionHeadingLevel: 2 });
  });

  it('reports an invalid level at its line and keeps the setting', () => {
    const note = parse('---\nsession-level: seven\n---\n## T\n### Talk\n');
    assert.equal(note.diagnostics.length, 1);
    assert.equal(note.diagnostics[0].code, 'invalid-level');
    assert.equal(note.diagnostics[0].line, 1);
    assert.deepEqual(note.diagnostics[0].args, ['session-level', 'seven']);
    assert.deepEqual(titles(note), ['Talk']);
  });
});

describe('parseNote: session-file layout', () => {
  const text = fixture('session-file.md');
  const note = parse(text, ['devsummit', 'signing.md']);

  it('reads the whole file as one session with every front matter field', () => {
    assert.equal(note.layout, 'session-file');
    assert.equal(note.headingLevels, undefined, 'heading levels mean nothing in a session file');
    assert.equal(note.conference, 'DevSummit 2031');
    assert.equal(note.sessions.length, 1);
    const [session] = note.sessions;
    assert.equal(session.title, 'Signing Everything');
    assert.equal(session.track, 'Security');
    assert.deepEqual(session.speakers, ['Ada Lovelace', 'Grace Hopper']);
    assert.equal(session.date, '2031-03-07');
    assert.equal(session.time, '10:30');
    assert.equal(session.room, 'Hall B');
    assert.deepEqual(session.tags, ['supply-chain', 'signing']);
    assert.equal(session.status, 'to-watch');
    assert.equal(session.uid, 'devsummit-2031-42');
    assert.deepEqual(session.links, [
      { label: 'slides', url: 'https://example.org/slides.pdf' },
      { label: 'video', url: 'https://example.org/video' },
    ]);
    assert.equal(session.line, lineOf(text, '# Signing *Everything*'));
    assert.deepEqual(session.range, { start: 0, end: lineOf(text, '- What if the log is down?') });
  });

  it('is a session file when front matter has a track or speakers, even without type', () => {
    for (const key of ['track: Cloud', 'speakers: Ada', 'speaker: Ada', '登壇者: 佐藤']) {
      assert.equal(parse(`---\n${key}\n---\n# Talk\n## Part\n### Sub\n`).layout, 'session-file', key);
    }
  });

  it('takes the title from front matter, else the H1, else the file name', () => {
    assert.equal(parse('---\ntype: session\ntitle: From Front Matter\n---\n# From Heading\n').sessions[0].title, 'From Front Matter');
    assert.equal(parse('---\ntype: session\n---\n## Sub-topic only\n', ['c', 'day2-cloud_native-intro.md']).sessions[0].title, 'cloud native intro');
  });

  it('takes the conference from the folder when front matter has none', () => {
    assert.equal(parse('---\ntype: session\n---\n# Talk\n', ['kubecon-2017', 'talk.md']).conference, 'kubecon-2017');
  });

  it('reads a day from a DayN- file-name prefix', () => {
    const note = parse('- speakers: Ada\n', ['build-2017', 'Day1-Azure-Cosmos-DB.md'], { fileDefaults: [{ files: '**/*.md', frontMatter: { type: 'session' } }] });
    assert.equal(note.sessions[0].title, 'Azure Cosmos DB');
    assert.equal(note.sessions[0].day, 'Day 1');
  });
});

describe('parseNote: fields, aliases and precedence', () => {
  const sessionFiles: Partial<ParseOptions> = { fileDefaults: [{ files: '*/*.md', frontMatter: { type: 'session' } }] };

  it('reads Japanese keys, list items with 、 and full-width colons, inline fields and Japanese statuses', () => {
    const [session] = parse(fixture('session-fields-ja.md'), ['oss-japan', 'yocto.md'], sessionFiles).sessions;
    assert.equal(session.title, '組込み Linux の長期サポート');
    assert.deepEqual(session.speakers, ['伊藤 翔', '中村 さくら']);
    assert.equal(session.track, 'Embedded');
    assert.equal(session.status, 'watched');
    assert.deepEqual(session.tags, ['yocto', 'lts']);
    assert.equal(session.room, 'Room A');
    assert.equal(session.date, '2031-12-08');
    assert.equal(session.time, '13:00');
  });

  it('lets an explicit track field beat the track heading', () => {
    const note = parse('# C\n## Cloud\n### Routing\n\ntrack:: Networking\n\n### Queues\n');
    assert.deepEqual(note.sessions.map((session) => session.track), ['Networking', 'Cloud']);
  });

  it("lets the file's front matter beat body fields, and body fields beat fileDefaults", () => {
    const options: Partial<ParseOptions> = { fileDefaults: [{ files: '**', frontMatter: { type: 'session', room: 'From settings', time: '09:00' } }] };
    const [session] = parse('---\nroom: From front matter\n---\n# T\n\n- room: From body\n- time: 10:00\n', undefined, options).sessions;
    assert.equal(session.room, 'From front matter');
    assert.equal(session.time, '10:00');
  });

  it('uses report front matter as defaults for every session of the file', () => {
    const note = parse('---\ntype: report\nstatus: attended\ntrack: Hallway\n---\n# C\n### Loose Talk\n## Cloud\n### Queues\n- status: skipped\n');
    assert.deepEqual(note.sessions.map((session) => [session.track, session.status]), [['Hallway', 'attended'], ['Cloud', 'skipped']]);
  });

  it('names the track from a title prefix only when nothing else does', () => {
    const note = parse('# C\n### Keynote: Opening\n### Lightning Talk - Small Tools\n### Keynotes Revisited\n## Cloud\n### Keynote: Platform Day\n');
    assert.deepEqual(note.sessions.map((session) => session.track), ['Keynote', 'Lightning Talk', undefined, 'Cloud']);
    const custom = parse('# C\n### 基調講演: 開会\n', undefined, { titlePrefixTracks: ['基調講演'] });
    assert.equal(custom.sessions[0].track, '基調講演');
  });

  it('reports an unknown status at its line and reads the rest', () => {
    const note = parse('# C\n## T\n### Talk\n\n- status: maybe\n- speakers: Ada\n');
    assert.equal(note.diagnostics.length, 1);
    assert.equal(note.diagnostics[0].code, 'unknown-status');
    assert.equal(note.diagnostics[0].line, 4);
    assert.equal(note.sessions[0].status, undefined);
    assert.deepEqual(note.sessions[0].speakers, ['Ada']);
  });
});

describe('parseNote: folders, fileDefaults and heading filters', () => {
  it('names the conference from several folder levels, readable, ahead of the H1', () => {
    const options: Partial<ParseOptions> = { conferenceFolderDepth: 2, readableFolderNames: true };
    assert.equal(parse('# Talk notes\n### A\n', ['2016', 'djangocon-us', 'README.md'], options).conference, 'djangocon us 2016');
    assert.equal(parse('# Blacklight notes\n', ['Blacklight-Summit-2022.md'], options).conference, 'Blacklight', 'a root file: its H1, without the word notes');
    assert.equal(parse('### A\n', ['2024_08_ElixirConfUs.md'], options).conference, 'ElixirConfUs 2024', 'a root file without H1: its name');
  });

  it('turns folder names into conference names', () => {
    assert.equal(readableName(['2022', '10_AnsibleFest']), 'AnsibleFest 2022');
    assert.equal(readableName(['2024_08_10_smashing_conference']), 'smashing conference 2024');
    assert.equal(readableName(['Build-2017']), 'Build 2017');
    assert.equal(readableName(['2026-ARCtic']), 'ARCtic 2026');
    assert.equal(readableName(['misc']), 'misc');
  });

  it('reads the folder below the conference as a day or a track', () => {
    const path = ['2016', 'PNWPHP', 'Day 2', 'talk.md'];
    const base: Partial<ParseOptions> = { conferenceFolderDepth: 2, fileDefaults: [{ files: '**', frontMatter: { type: 'session' } }] };
    assert.equal(parse('# Talk\n', path, { ...base, subfolderMeaning: 'day' }).sessions[0].day, 'Day 2');
    assert.equal(parse('# Talk\n', path, { ...base, subfolderMeaning: 'track' }).sessions[0].track, 'Day 2');
  });

  it('applies matching fileDefaults in order, the later entry winning', () => {
    const options: Partial<ParseOptions> = {
      fileDefaults: [
        { files: 'oscon/*.md', frontMatter: { track: 'Sessions' } },
        { files: ['oscon/{clojure,go}.md'], frontMatter: { Track: 'Tutorials' } },
      ],
    };
    assert.equal(parse('# Clojure\n', ['oscon', 'clojure.md'], options).sessions[0].track, 'Tutorials');
    assert.equal(parse('# Rust\n', ['oscon', 'rust.md'], options).sessions[0].track, 'Sessions');
    assert.equal(parse('# Notes\n## A\n### B\n', ['other', 'x.md'], options).layout, 'report');
  });

  it('sets heading levels per folder with fileDefaults', () => {
    const options: Partial<ParseOptions> = { fileDefaults: [{ files: 'access/*.md', frontMatter: { 'session-level': 4, 'track-level': 'none' } }] };
    const note = parse('# Access 2024\n### Keynote Speaker\n#### Keynote Talk\n#### Second Talk\n', ['access', 'am.md'], options);
    assert.deepEqual(note.sessions.map((session) => [session.track, session.title]), [[undefined, 'Keynote Talk'], [undefined, 'Second Talk']]);
  });

  it('reads type: index as a conference page without sessions', () => {
    const note = parse('---\ntype: index\n---\n# GitHub Universe 2015\n## Talks\n### A\n');
    assert.equal(note.conference, 'GitHub Universe 2015');
    assert.deepEqual(note.sessions, []);
  });

  it('skips headings matching nonSessionHeadings, which also end the previous session', () => {
    const text = '### Talk A\n\ntext\n\n### Informally...\n\nchat\n\n### 10.4.22\n\n### Talk B\n';
    const note = parse(text, undefined, { nonSessionHeadings: ['informal*', '10.4.22'] });
    assert.deepEqual(titles(note), ['Talk A', 'Talk B']);
    assert.equal(note.sessions[0].range.end, lineOf(text, '### Informally...') - 1);
  });

  it('matches heading patterns ignoring case, without backtracking blow-up on many stars', () => {
    assert.ok(matchesWildcard('Informal conversations', 'informal*'));
    assert.ok(matchesWildcard('Pre Questions', 'pre questions'));
    assert.ok(!matchesWildcard('Pre Questions and more', 'pre questions'));
    assert.ok(matchesWildcard('a-b-c', '*-*-*'));
    // A backtracking matcher tries every split of the text among the stars: far beyond the test's timeout.
    assert.ok(!matchesWildcard('a'.repeat(50_000), '*a*a*a*a*a*a*b'));
    assert.ok(matchesWildcard(`${'a'.repeat(50_000)}b`, '*a*a*a*a*a*a*b'));
  });

  it('reports an unknown note type and reads the file as a report', () => {
    const note = parse('---\ntype: slides\n---\n# C\n## T\n### Talk\n');
    assert.equal(note.diagnostics[0].code, 'unknown-type');
    assert.equal(note.layout, 'report');
    assert.deepEqual(titles(note), ['Talk']);
  });
});

describe('parseNote: bad input', () => {
  it('reports invalid YAML at its file line and still reads the body', () => {
    const text = fixture('invalid-yaml.md');
    const note = parse(text);
    assert.equal(note.diagnostics.length, 1);
    const [problem] = note.diagnostics;
    assert.equal(problem.code, 'yaml-invalid');
    assert.equal(problem.severity, 'error');
    assert.equal(problem.message, PARSER_MESSAGES['yaml-invalid']);
    assert.ok(problem.line !== undefined && problem.line >= lineOf(text, 'tags: [open, list') && problem.line <= lineOf(text, 'status: attended'));
    assert.equal(note.conference, 'DevSummit 2031', 'front matter ignored, H1 used');
    assert.deepEqual(titles(note), ['Still Read Despite Broken Front Matter']);
    assert.deepEqual(note.sessions[0].speakers, ['Ada Lovelace']);
  });

  it('stops a YAML alias bomb with a diagnostic instead of expanding it', () => {
    const note = parse(fixture('alias-bomb.md'));
    assert.deepEqual(note.diagnostics.map((problem) => problem.code), ['yaml-alias-limit']);
    assert.deepEqual(titles(note), ['Bounded Expansion']);
  });

  it('reads 20,000 headings, each session with its own track and fields', () => {
    const text = `# Big\n${Array.from({ length: 2000 }, (_, track) => `## Track ${track}\n${Array.from({ length: 9 }, (__, index) => `### Talk ${track}-${index}\n- speakers: S${index}\n`).join('')}`).join('')}`;
    const note = parse(text);
    assert.equal(note.sessions.length, 18000);
    assert.equal(new Set(note.sessions.map((session) => session.track)).size, 2000);
    assert.deepEqual([note.sessions[9].title, note.sessions[9].track, note.sessions[9].speakers], ['Talk 1-0', 'Track 1', ['S0']]);
    assert.deepEqual([note.sessions[17999].title, note.sessions[17999].track, note.sessions[17999].speakers], ['Talk 1999-8', 'Track 1999', ['S8']]);
  });

  it('reads 1 MB lines in a paragraph, a field and a heading, cutting the title', () => {
    const long = 'word '.repeat(200_000);
    const note = parse(`# C\n## T\n### Talk\n\n${long}\n\n- speakers: ${'Ada, '.repeat(200_000)}\n\n### ${'*x* [y](z) '.repeat(100_000)}\n`);
    assert.equal(note.sessions.length, 2);
    assert.equal(note.sessions[0].speakers.length, 200_000);
    assert.ok(note.sessions[1].title.startsWith('x y x y'));
    assert.ok(note.sessions[1].title.endsWith('…'));
    assert.ok(note.sessions[1].title.length <= MAX_HEADING_CHARS + 1);
  });
});

describe('decodeNoteBytes', () => {
  it('decodes UTF-8 and drops a BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('# レポート\n')]);
    assert.deepEqual(decodeNoteBytes(bytes), { text: '# レポート\n' });
  });

  it('refuses a binary file with one diagnostic', () => {
    const result = decodeNoteBytes(readFileSync(join(FIXTURES, 'binary-note.md')));
    assert.ok('diagnostic' in result);
    assert.equal(result.diagnostic.code, 'binary-file');
    assert.equal(result.diagnostic.message, PARSER_MESSAGES['binary-file']);
  });

  it('refuses text that is not UTF-8 with one diagnostic', () => {
    const result = decodeNoteBytes(readFileSync(join(FIXTURES, 'latin1-note.md')));
    assert.ok('diagnostic' in result);
    assert.equal(result.diagnostic.code, 'not-utf8');
  });

  it('reports UTF-16 as an encoding problem, not as binary', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x23, 0x00, 0x20, 0x00, 0x41, 0x00]);
    const result = decodeNoteBytes(utf16);
    assert.ok('diagnostic' in result);
    assert.equal(result.diagnostic.code, 'not-utf8');
  });
});

describe('parseNote: the seed report', function () {
  before(function () {
    if (!existsSync(SEED)) this.skip();
  });

  it('finds the conference, 16 sessions and 3 tracks', () => {
    const decoded = decodeNoteBytes(readFileSync(SEED));
    assert.ok('text' in decoded);
    const note = parse(decoded.text, ['kubecon-na-2020-report.md']);
    assert.equal(note.conference, 'KubeCon + CloudNativeCon NA 2020 Virtual');
    assert.equal(note.sessions.length, 16);
    assert.equal(new Set(note.sessions.map((session) => session.track)).size, 3);
    assert.ok(note.sessions.every((session) => session.track !== undefined));
  });
});
