// Real public note repositories (../shared/corpus next to the repository, when present), checked against the
// reading their README calls natural: first with no settings at all, through the index (layout inference and its
// folder pass), then each with the settings its owner would use. docs/note-formats.md explains both.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compileExcludes } from '../../src/core/notes/excludes';
import { DEFAULT_PARSE_OPTIONS, type ParsedNote, type ParseOptions, type Session } from '../../src/core/notes/model';
import { NoteIndex } from '../../src/core/notes/noteIndex';
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

/** Every note of one repository indexed with no settings, as a new user's workspace folder. */
function indexWithoutSettings(name: string): NoteIndex {
  const index = new NoteIndex();
  index.updateMany(readRepository(name, { options: {}, exclude: [] }), []);
  return index;
}

/** Sessions per conference that has any, as the Sessions view lists them. */
function conferenceCounts(index: NoteIndex): Record<string, number> {
  return Object.fromEntries(index.conferences().map((group) => [group.name, group.count]));
}

function trackCounts(index: NoteIndex, conference: string): Record<string, number> {
  return Object.fromEntries(index.tracks(conference).map((group) => [group.name ?? '(none)', group.count]));
}

function inRange(value: number | undefined, low: number, high: number, what: string): void {
  assert.ok(value !== undefined && value >= low && value <= high, `${what}: ${low}–${high}, read ${value}`);
}

describe('the real note corpus, read with no settings', function () {
  before(function () {
    if (!existsSync(CORPUS)) this.skip();
  });

  it('one talk per file under <year>/<conference>/: four conferences, READMEs and licences are no sessions', () => {
    const index = indexWithoutSettings('daneah__conference-notes');
    assert.deepEqual(conferenceCounts(index), { 'GitHub Universe 2015': 6, 'djangocon us 2016': 23, 'PyGotham 2017': 13, 'DjangoCon US 2018': 10 });
    assert.ok(index.sessions().every((session) => session.track === undefined), 'no tracks');
    const speakerHeading = index.sessions().find((session) => session.uri.endsWith('2016/djangocon-us/channels.md'));
    assert.deepEqual([speakerHeading?.title, speakerHeading?.speakers], ['Architecting with Channels', ['Andrew Godwin']], 'the H2 under the title is the speaker');
    const quoted = index.sessions().find((session) => session.uri.endsWith('loop-better-trey-hunner.md'));
    assert.deepEqual([quoted?.title, quoted?.speakers], ['Loop Better', ['Trey Hunner']], '"Title" by Speaker');
  });

  it('one talk per file, many without headings: days from DayN- prefixes, tracks from the README lists', () => {
    const index = indexWithoutSettings('lastcoolnameleft__Conference-Notes');
    const counts = conferenceCounts(index);
    assert.deepEqual([counts['Build 2017'], counts['DockerCon 2017'], counts['KubeCon 2017'], counts.misc], [9, 10, 17, 1]);
    inRange(counts['OSCon 2016'], 15, 16, 'OSCon 2016 (the keynotes page is optional)');
    assert.equal(Object.keys(counts).length, 5, 'four conferences and the loose talk');
    const build = index.sessionsOfConference('Build 2017');
    assert.deepEqual(countsBy(build, (session) => session.day), { 'Day 1': 4, 'Day 2': 3, 'Day 3': 2 });
    const oscon = trackCounts(index, 'OSCon 2016');
    assert.deepEqual([oscon.Tutorials, oscon.Sessions], [5, 10]);
    assert.equal(index.sessionsOf('corpus:/lastcoolnameleft__Conference-Notes/KubeCon-2017/Day-1-keynote.md').length, 1, 'twelve H1s are one keynote');
    assert.equal(index.sessionsOf('corpus:/lastcoolnameleft__Conference-Notes/KubeCon-2017/quotes.md').length, 0, 'a page of quotes is no talk');
  });

  it('mixed layouts: day files at H1–H4, one-talk folders, bold speakers, single-file conferences', () => {
    const index = indexWithoutSettings('pulibrary__conference_notes');
    const counts = conferenceCounts(index);
    const exact = {
      // 13, not 16: three files of one talk (one title, one day) and two of another are one session each.
      'Code4lib 2023': 13, 'axe con 2023': 7, 'csun assistive technology 2024': 21, 'postgres conference 2024': 18,
      'SmashingConf New York 2024': 12, 'owasp global appsec 2024': 9, 'Access Conference 2024': 23, 'checkmk 2024': 8,
      'csun assistive technology 2025': 16, 'Rust conference - remote - 2025': 19, 'Blacklight Summit 2022': 15,
    };
    for (const [conference, count] of Object.entries(exact)) assert.equal(counts[conference], count, conference);
    inRange(counts['AnsibleFest 2022'], 4, 5, 'AnsibleFest 2022');
    inRange(counts['AnsibleFest 2024'], 5, 5, 'AnsibleFest 2024');
    inRange(counts['ElixirConf US 2024'] ?? 0, 0, 1, 'ElixirConf: themes are no talks');
    const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
    inRange(total, 170, 175, 'all sessions');
    assert.equal(Object.keys(counts).length, 14, 'sixteen conferences, of which Open Repositories and RubyConf hold no session');
    assert.deepEqual(trackCounts(index, 'AnsibleFest 2024'), { 'Automating firewalls': 3, Security: 2 });
    assert.deepEqual(trackCounts(index, 'Code4lib 2023'), { 'am talks': 3, keynotes: 1, lightning: 1, '(none)': 8 });
    const titles = index.sessions().map((session) => session.title);
    for (const left of [/^Informal/, /^Pre Questions/, /^Live Presentations/, /^10\.4\.22$/, /^Keynote Speaker$/, /^Sessions? \d/, /^Livebook$/]) {
      assert.ok(!titles.some((title) => left.test(title)), `no session ${left}`);
    }
    assert.deepEqual(countsBy(index.sessionsOfConference('postgres conference 2024'), (session) => session.day), { 'Day 1': 8, 'Day 2': 8, 'Day 3': 2 });
    const access = index.sessionsOfConference('Access Conference 2024').find((session) => session.title.startsWith('We built our own'));
    assert.deepEqual(access?.speakers, ['Todd Digby'], 'a bold line under the title is the speaker');
  });

  it('DocC catalog: one conference named by its landing page, tracks from @TitleHeading', () => {
    const index = indexWithoutSettings('bennokress__conference-notes');
    assert.deepEqual(conferenceCounts(index), { '2026 ARCtic Conference': 20 });
    assert.deepEqual(trackCounts(index, '2026 ARCtic Conference'), { Talk: 14, Workshop: 6 });
  });

  it('one talk per file with day folders: one conference, two days', () => {
    const index = indexWithoutSettings('AndyWendt__conference-notes');
    assert.deepEqual(conferenceCounts(index), { 'PNWPHP 2016': 12 });
    assert.deepEqual(countsBy(index.sessions(), (session) => session.day), { 'Day 1': 2, 'Day 2': 10 });
  });
});

describe('the real note corpus, read with settings', function () {
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
    // Files no setting covers are read by inference: the day-two README, a list of links, is no session (the
    // README allows 4 or 5), and CheckMK's `# Keynote` above the session headings is the keynote (8, as the
    // README counts).
    assert.deepEqual(counts, {
      'AnsibleFest 2022': 4,
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
      'checkmk 2024': 8,
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
