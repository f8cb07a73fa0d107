// Compose Conference Report: the report built from a folder of notes (test/fixtures/compose, English and Japanese),
// read back through the pipeline into the same sessions, tracks and notes.
import * as assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nodeFolderSource } from '../../src/cli/folderSource';
import type { ParsedNote, Session } from '../../src/core/notes/model';
import { NoteIndex } from '../../src/core/notes/noteIndex';
import { folderSettingsFromFile } from '../../src/core/notes/noteSettings';
import { parseNoteText, readFolder } from '../../src/core/notes/pipeline';
import { composeReport, shiftHeadings, type ComposeOptions } from '../../src/core/report/compose';
import { findStatsBlocks } from '../../src/core/stats/publish';
import { parseStatsBlock } from '../../src/core/stats/statsBlock';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'compose');
const settings = folderSettingsFromFile({});

async function folderIndex(folder: string): Promise<NoteIndex> {
  const root = path.join(FIXTURES, folder);
  const readings = await readFolder(nodeFolderSource(root, assert.fail), settings, (file) => pathToFileURL(path.join(root, file)).toString(), 4);
  const index = new NoteIndex();
  index.updateMany(readings.flatMap(({ reading }) => (reading.kind === 'parsed' ? [reading.note] : [])), []);
  return index;
}

const readFromDisk = (uri: string) => fs.readFile(fileURLToPath(uri), 'utf8');

async function compose(folder: string, conference: string, options: ComposeOptions): Promise<string> {
  return (await composeReport(await folderIndex(folder), conference, readFromDisk, options)).markdown;
}

/** The composed report read as a note of the workspace it was composed from. */
function readBack(markdown: string): ParsedNote {
  return parseNoteText(markdown, { uri: 'untitled:report.md', pathSegments: ['report.md'] }, settings);
}

/** A session's notes as the composed report holds them: its lines below the heading, blank lines at the ends left out. */
function notesIn(markdown: string, session: Session): string {
  return markdown.split('\n').slice(session.line + 1, session.range.end + 1).join('\n').trim();
}

const outline = (note: ParsedNote) => note.sessions.map((session) => [session.track, session.title, session.speakers.join(', ')]);

describe('compose a conference report', () => {
  it('builds front matter, title, overview with the series chart, tracks, sessions and summary', async () => {
    const markdown = await compose('en', 'Lakeside Dev Days 2025', { withoutNotes: 'list' });
    assert.match(markdown, /^---\nconference: Lakeside Dev Days 2025\ndates: 2025-06-10 – 2025-06-11\n---\n\n# Lakeside Dev Days 2025\n\n## Overview\n/);
    assert.deepEqual(markdown.split('\n').filter((line) => line.startsWith('## ')), ['## Overview', '## Platform', '## Observability', '## Other sessions', '## Summary']);
    const [block] = findStatsBlocks(markdown);
    const { options, problems } = parseStatsBlock(block.content);
    assert.deepEqual(problems, []);
    // The earlier edition first; 2024 has no imported programme, so the user's own sessions are counted.
    assert.deepEqual(options.conferences, ['Lakeside Dev Days 2024', 'Lakeside Dev Days 2025']);
    assert.equal(options.scope, 'mine');
  });

  it('reads back into the same sessions, tracks and notes', async () => {
    const index = await folderIndex('en');
    const { markdown, sessions } = await composeReport(index, 'Lakeside Dev Days 2025', readFromDisk, { withoutNotes: 'list' });
    const note = readBack(markdown);
    assert.equal(note.conference, 'Lakeside Dev Days 2025');
    assert.equal(note.sessions.length, sessions);
    assert.deepEqual(outline(note), [
      ['Platform', 'Zero-Downtime Schema Changes', 'Mira Holt'],
      ['Platform', 'Buildpacks in Anger', ''],
      ['Platform', 'Feature Flags Without Regret', 'Oskar Lind'],
      ['Observability', 'Tracing Deep Dive', 'Priya Nair'],
      ['Other sessions', 'Monorepos Over Coffee', ''],
    ]);
    const byTitle = new Map(note.sessions.map((session) => [session.title, session]));
    const notes = (title: string) => notesIn(markdown, byTitle.get(title)!);
    // A report section's text as written, its field lines and a fenced `#` line included, below the speakers it lacked.
    const source = readFileSync(path.join(FIXTURES, 'en', 'lakeside-2025-notes.md'), 'utf8');
    const section = source.slice(source.indexOf('- status: attended'), source.indexOf('### Buildpacks')).trim();
    assert.equal(notes('Zero-Downtime Schema Changes'), `- speakers: Mira Holt\n${section}`);
    // A session note's body, its setext and H3 headings moved under the session: parts at level 4 and 5.
    assert.equal(
      notes('Tracing Deep Dive'),
      [
        '- speakers: Priya Nair',
        '',
        'Watched the recording on the train home. Span links finally make sense for queue consumers.',
        '',
        '#### What I will try',
        '',
        '- propagate the trace id through the outbox table',
        '- keep head sampling at one percent',
        '',
        '##### A smaller point',
        '',
        'Baggage is not a place for user ids.',
      ].join('\n'),
    );
    // Notes written under an imported stub, without the stub's field lines (UID, time, `status: planned`).
    assert.equal(notes('Feature Flags Without Regret'), '- speakers: Oskar Lind\n\nFlags outlive the people who added them; the speaker keeps an expiry date on every flag and a weekly report of stale ones.');
    assert.doesNotMatch(markdown, /uid:|status: planned|time: /);
  });

  it('composes the same sessions again from its own reading', async () => {
    const { markdown } = await composeReport(await folderIndex('en'), 'Lakeside Dev Days 2025', readFromDisk, { withoutNotes: 'list' });
    const index = new NoteIndex();
    index.update(readBack(markdown));
    const again = (await composeReport(index, 'Lakeside Dev Days 2025', async () => markdown, { withoutNotes: 'list' })).markdown;
    const tracks = (text: string) => text.slice(text.indexOf('## Platform'));
    assert.equal(tracks(again), tracks(markdown));
  });

  it('saved among the notes, is one more place of the same talks', async () => {
    const index = await folderIndex('en');
    const before = index.conferenceSessionCount('Lakeside Dev Days 2025');
    const { markdown } = await composeReport(index, 'Lakeside Dev Days 2025', readFromDisk, { withoutNotes: 'list' });
    index.update(parseNoteText(markdown, { uri: pathToFileURL(path.join(FIXTURES, 'en', 'report.md')).toString(), pathSegments: ['report.md'] }, settings));
    assert.equal(index.conferenceSessionCount('Lakeside Dev Days 2025'), before);
  });

  it('lists sessions attended without notes, or leaves them out; planned ones never come', async () => {
    const listed = readBack(await compose('ja', 'ミナト技術祭 2025', { withoutNotes: 'list' }));
    assert.deepEqual(listed.sessions.map((session) => session.title), ['小さく始めるサービスメッシュ', '夜間バッチの作り直し', '列指向ストレージ入門']);
    const omitted = readBack(await compose('ja', 'ミナト技術祭 2025', { withoutNotes: 'omit' }));
    assert.deepEqual(omitted.sessions.map((session) => session.title), ['小さく始めるサービスメッシュ', '夜間バッチの作り直し']);
    const english = readBack(await compose('en', 'Lakeside Dev Days 2025', { withoutNotes: 'omit' }));
    assert.ok(!english.sessions.some((session) => session.title === 'Buildpacks in Anger'));
    assert.ok(!english.sessions.some((session) => session.title === 'Sampling Logs Honestly'));
  });

  it('writes a Japanese report for Japanese notes, whatever the UI language', async () => {
    const { markdown, language } = await composeReport(await folderIndex('ja'), 'ミナト技術祭 2025', readFromDisk, { withoutNotes: 'list', displayLanguage: 'en' });
    assert.equal(language, 'ja');
    assert.match(markdown, /\n# ミナト技術祭 2025 レポート\n\n## 概要\n/);
    assert.match(markdown, /\n## まとめ\n/);
    const note = readBack(markdown);
    assert.deepEqual(outline(note), [
      ['インフラ', '小さく始めるサービスメッシュ', '佐伯 真一'],
      ['インフラ', '夜間バッチの作り直し', '森 かおり'],
      ['データ', '列指向ストレージ入門', '川口 亮'],
    ]);
    const first = note.sessions[0];
    assert.match(notesIn(markdown, first), /\n#### 質疑\n\n証明書の更新は/);
    // The language asked for wins over the notes'.
    assert.match((await composeReport(await folderIndex('ja'), 'ミナト技術祭 2025', readFromDisk, { withoutNotes: 'list', language: 'en' })).markdown, /\n## Overview\n/);
  });

  it('compares the series’ programmes when every conference has one, and leaves out names the block cannot hold', async () => {
    const programme = (file: string, conference: string, date: string) => `---\nconference: ${conference}\nschedule: https://example.org/${file}.json\n---\n\n## Main\n\n### Talk of ${date}\n\n- date: ${date}\n- uid: ${file}\n- status: attended\n\nA line of notes.\n`;
    const index = new NoteIndex();
    const files = [['b', 'Quayside Meetup 2023', '2023-03-01'], ['a', 'Quayside Meetup 2024', '2024-03-01'], ['c', 'Quayside, Meetup 2022', '2022-03-01']];
    const texts = new Map(files.map(([file, conference, date]) => [`file:///n/${file}.md`, programme(file, conference, date)]));
    for (const [uri, text] of texts) index.update(parseNoteText(text, { uri, pathSegments: [uri.slice(9)] }, settings));
    const { markdown } = await composeReport(index, 'Quayside Meetup 2024', async (uri) => texts.get(uri), { withoutNotes: 'list' });
    const { options } = parseStatsBlock(findStatsBlocks(markdown)[0].content);
    assert.deepEqual(options.conferences, ['Quayside Meetup 2023', 'Quayside Meetup 2024']);
    assert.equal(options.scope, 'programme');
  });

  it('takes the notes below a lettered item, the item being the title', async () => {
    const text = '# Pier Talks 2030\n\nA. Ropes and Knots (Ana Silva)\nA fine talk about knots that hold under load.\nMore about knots.\n\nB. Tides Explained (Bo Chan)\n\nTides come twice a day.\n\n#### Detail\n\nMoon pulls.\n';
    const index = new NoteIndex();
    index.update(parseNoteText(text, { uri: 'file:///n/pier.md', pathSegments: ['pier.md'] }, settings));
    assert.equal(index.note('file:///n/pier.md')?.reading?.itemKind, 'lettered-item');
    const { markdown } = await composeReport(index, 'Pier Talks 2030', async () => text, { withoutNotes: 'omit' });
    const note = readBack(markdown);
    assert.deepEqual(note.sessions.map((session) => [session.title, notesIn(markdown, session)]), [
      ['Ropes and Knots (Ana Silva)', 'A fine talk about knots that hold under load.\nMore about knots.'],
      ['Tides Explained (Bo Chan)', 'Tides come twice a day.\n\n#### Detail\n\nMoon pulls.'],
    ]);
  });

  it('gives a session without a readable note no notes, and reads each note once', async () => {
    const index = await folderIndex('en');
    const reads: string[] = [];
    const { markdown } = await composeReport(index, 'Lakeside Dev Days 2025', async (uri) => {
      reads.push(uri);
      return uri.endsWith('tracing-deep-dive.md') ? undefined : readFromDisk(uri);
    }, { withoutNotes: 'omit' });
    assert.equal(reads.length, new Set(reads).size);
    assert.ok(!readBack(markdown).sessions.some((session) => session.title === 'Tracing Deep Dive'));
  });
});

describe('shiftHeadings', () => {
  it('moves the highest heading to level 4, keeps the distances up to level 6, and leaves fenced lines alone', () => {
    assert.deepEqual(
      shiftHeadings(['# Top', 'text', '## Middle', '### Low', '#### Lower', 'Setext', '======', '```', '# comment', '```', '##Unspaced']),
      ['#### Top', 'text', '##### Middle', '###### Low', '###### Lower', '#### Setext', '```', '# comment', '```', '#####Unspaced'],
    );
    assert.deepEqual(shiftHeadings(['#### Already a part', 'text']), ['#### Already a part', 'text']);
    assert.deepEqual(shiftHeadings(['- # in a list', 'plain']), ['- # in a list', 'plain']);
  });
});
