// Real public note repositories (../shared/corpus next to the repository, when present), each read with the
// settings its owner would use, checked against the reading its README calls natural. docs/note-formats.md
// explains the settings per layout and what cannot be read.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compileExcludes } from '../../src/core/notes/excludes';
import { DEFAULT_PARSE_OPTIONS, type ParsedNote, type ParseOptions, type Session } from '../../src/core/notes/model';
import { decodeNoteBytes, parseNote } from '../../src/core/notes/parser';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');
const NOTE_FILE = /\.(?:md|markdown)$/i;

interface CorpusSettings {
  readonly options: Partial<ParseOptions>;
  /** conferenceNotes.exclude */
  readonly exclude: readonly string[];
}

/** Every note of one repository, read as the extension reads a workspace folder with these settings. */
function readRepository(name: string, settings: CorpusSettings): ParsedNote[] {
  const root = join(CORPUS, name);
  const options: ParseOptions = { ...DEFAULT_PARSE_OPTIONS, ...settings.options };
  const excludes = compileExcludes(settings.exclude);
  const relativePaths = (readdirSync(root, { recursive: true }) as string[])
    .map((path) => path.split('\\').join('/'))
    .filter((path) => NOTE_FILE.test(path) && statSync(join(root, path)).isFile())
    .filter((path) => !excludes.excludes(path))
    .sort();
  return relativePaths.map((path) => {
    const decoded = decodeNoteBytes(readFileSync(join(root, path)));
    assert.ok('text' in decoded, `${path} is UTF-8 text`);
    return parseNote(decoded.text, { uri: `corpus:/${name}/${path}`, pathSegments: path.split('/'), options });
  });
}

function sessionsOf(notes: readonly ParsedNote[]): Session[] {
  return notes.flatMap((note) => note.sessions);
}

/** Sessions per conference, every conference of a parsed file included (a file may name one with no session). */
function countsByConference(notes: readonly ParsedNote[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const note of notes) counts[note.conference] = (counts[note.conference] ?? 0) + note.sessions.length;
  return counts;
}

function countsBy(sessions: readonly Session[], key: (session: Session) => string | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const session of sessions) {
    const value = key(session) ?? '(none)';
    counts[value] = (counts[value] ?? 0) + 1;
  }
  return counts;
}

describe('the real note corpus', function () {
  before(function () {
    if (!existsSync(CORPUS)) this.skip();
  });

  it('one talk per file, conference = two folder levels (year/slug)', () => {
    const notes = readRepository('daneah__conference-notes', {
      options: {
        conferenceFolderDepth: 2,
        readableFolderNames: true,
        fileDefaults: [
          { files: '*/*/*.md', frontMatter: { type: 'session' } },
          { files: '*/*/README.md', frontMatter: { type: 'index' } },
        ],
      },
      exclude: ['README.md', '**/LICENSE*'],
    });
    assert.deepEqual(countsByConference(notes), {
      'github universe 2015': 6,
      'djangocon us 2016': 23,
      'pygotham 2017': 13,
      'djangocon us 2018': 10,
    });
    const sessions = sessionsOf(notes);
    assert.ok(sessions.every((session) => session.track === undefined), 'no tracks');
    assert.ok(sessions.every((session) => session.title.length > 0));
  });

  it('one talk per file in a conference folder, many without headings, days from DayN- prefixes', () => {
    const tutorials = ['three-functional-languages-haskell-scala-clojure', 'building-cli-in-go', 'machine-learning-through-tensorflow', 'introduction-to-clojure', 'fluent-python'];
    const notes = readRepository('lastcoolnameleft__Conference-Notes', {
      options: {
        readableFolderNames: true,
        fileDefaults: [
          { files: '**/*.md', frontMatter: { type: 'session' } },
          { files: 'oscon-2016/*.md', frontMatter: { track: 'Sessions' } },
          { files: `oscon-2016/{${tutorials.join(',')}}.md`, frontMatter: { track: 'Tutorials' } },
        ],
      },
      exclude: ['**/README.md', 'LICENSE*', '**/quotes.md', '**/tech-to-check.md', '**/keynotes-and-vendors.md'],
    });
    assert.deepEqual(countsByConference(notes), { 'Build 2017': 9, 'DockerCon 2017': 10, 'KubeCon 2017': 17, misc: 1, 'oscon 2016': 15 });
    const sessions = sessionsOf(notes);
    const build = sessions.filter((session) => session.conference === 'Build 2017');
    assert.deepEqual(countsBy(build, (session) => session.day), { 'Day 1': 4, 'Day 2': 3, 'Day 3': 2 });
    assert.ok(build.every((session) => !/^day/i.test(session.title)), 'the day prefix is not part of the title');
    const oscon = sessions.filter((session) => session.conference === 'oscon 2016');
    assert.deepEqual(countsBy(oscon, (session) => session.track), { Tutorials: 5, Sessions: 10 });
    const kubeconKeynote = sessions.filter((session) => session.uri.endsWith('KubeCon-2017/Day-1-keynote.md'));
    assert.equal(kubeconKeynote.length, 1, 'twelve H1s in one file are still one session');
    const fencedComment = sessions.find((session) => session.uri.endsWith('Creating-Effective-Images.md'));
    assert.equal(fencedComment?.title, 'Creating Effective Images', 'a # line in a code fence is no title');
  });

  it('mixed layouts: report files at varying heading levels, one-talk files, root-level conferences', () => {
    const notes = readRepository('pulibrary__conference_notes', {
      options: {
        conferenceFolderDepth: 2,
        readableFolderNames: true,
        nonSessionHeadings: ['Informal*', 'Pre Questions', 'Live Presentations*', 'Blacklight Summit*', '10.4.22'],
        fileDefaults: [
          { files: '2022/10_AnsibleFest/*/vscode.md', frontMatter: { 'session-level': 4 } },
          { files: '2023/03_Code4lib/*/*.md', frontMatter: { 'session-level': 2 } },
          { files: '2023/03_Code4lib/*/am_talks/*.md', frontMatter: { type: 'report', track: 'AM talks', 'session-level': 2 } },
          { files: '2023/03_Code4lib/*/lightning/*.md', frontMatter: { type: 'report', track: 'Lightning talks', 'session-level': 2 } },
          { files: '2023/03_Code4lib/keynotes/**/*.md', frontMatter: { type: 'report', track: 'Keynotes' } },
          { files: '2023/03_axe-con/**/*.md', frontMatter: { type: 'session' } },
          { files: '2024_08_10_smashing_conference/*.md', frontMatter: { 'session-level': 2, 'track-level': 'none' } },
          { files: '2024_08_ElixirConfUs.md', frontMatter: { type: 'index' } },
          { files: '2024_10_accessca/*.md', frontMatter: { 'session-level': 4, 'track-level': 'none' } },
        ],
      },
      exclude: ['README.md', 'LICENSE*'],
    });
    const counts = countsByConference(notes);
    assert.deepEqual(counts, {
      'AnsibleFest 2022': 5,
      'Code4lib 2023': 16,
      'axe con 2023': 7,
      'csun assistive technology 2024': 21,
      'postgres conference 2024': 18,
      'AnsibleFest 2024': 5,
      'open repositories 2024': 0,
      'smashing conference 2024': 12,
      'ElixirConfUs 2024': 0,
      'owasp global appsec 2024': 9,
      'accessca 2024': 23,
      // The README counts 8 here: its keynote is the file's H1, which in a report names the document.
      'checkmk 2024': 7,
      'csun assistive technology 2025': 16,
      'rust conference 2025': 19,
      'Blacklight Summit 2022': 15,
      'ruby conf 2022': 0,
    });
    const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
    assert.ok(total >= 170 && total <= 175, `about 170–175 sessions, got ${total}`);
    const sessions = sessionsOf(notes);
    const ansible2024 = sessions.filter((session) => session.conference === 'AnsibleFest 2024');
    assert.deepEqual(countsBy(ansible2024, (session) => session.track), { 'Automating firewalls': 3, Security: 2 });
    const code4lib = sessions.filter((session) => session.conference === 'Code4lib 2023');
    assert.equal(new Set(code4lib.map((session) => session.title)).size, 13, 'repeated stub titles stay separate sessions');
    assert.deepEqual(countsBy(code4lib, (session) => session.track), { '(none)': 9, 'AM talks': 5, 'Lightning talks': 1, Keynotes: 1 });
    const blacklight = sessions.filter((session) => session.conference === 'Blacklight Summit 2022');
    assert.ok(blacklight.every((session) => !session.title.includes('\\')), 'escapes resolved');
    const postgres = sessions.filter((session) => session.conference === 'postgres conference 2024');
    assert.deepEqual(countsBy(postgres, (session) => session.day), { 'Day 1': 8, 'Day 2': 8, 'Day 3': 2 });
  });

  it('DocC catalog: one talk per file, track from @TitleHeading', () => {
    const conferenceFolder = 'ConferenceNotes.docc/2026-ARCtic';
    const notes = readRepository('bennokress__conference-notes', {
      options: {
        fileDefaults: [
          { files: `${conferenceFolder}/*.md`, frontMatter: { type: 'session', conference: '2026 ARCtic Conference' } },
          { files: `${conferenceFolder}/2026 ARCtic Conference.md`, frontMatter: { type: 'index' } },
        ],
      },
      exclude: ['README.md', 'LICENSE*', 'ConferenceNotes.docc/Conference Notes.md'],
    });
    assert.deepEqual(countsByConference(notes), { '2026 ARCtic Conference': 20 });
    assert.deepEqual(countsBy(sessionsOf(notes), (session) => session.track), { Talk: 14, Workshop: 6 });
  });

  it('one talk per file, conference = two folder levels, day subfolders', () => {
    const notes = readRepository('AndyWendt__conference-notes', {
      options: {
        conferenceFolderDepth: 2,
        readableFolderNames: true,
        subfolderMeaning: 'day',
        fileDefaults: [{ files: '*/*/**/*.md', frontMatter: { type: 'session' } }],
      },
      exclude: ['README.md', 'LICENSE*'],
    });
    assert.deepEqual(countsByConference(notes), { 'PNWPHP 2016': 12 });
    assert.deepEqual(countsBy(sessionsOf(notes), (session) => session.day), { 'Day 1': 2, 'Day 2': 10 });
  });
});
