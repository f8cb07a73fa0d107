import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ScheduleSession } from '../../src/core/import/schedule';
import { readFrontMatter } from '../../src/core/notes/frontMatter';
import { collapseWhitespace, readMarkdownStructure } from '../../src/core/notes/markdown';
import { DEFAULT_PARSE_OPTIONS } from '../../src/core/notes/model';
import { parseNote } from '../../src/core/notes/parser';
import { renderFieldLine, renderHeadingText, renderReport, renderSessionFile, renderSessionSection, sessionFileName } from '../../src/core/import/sessionStub';
import { assertProperty } from './helpers/property';
import { parseFixture } from './helpers/scheduleFixtures';

const stub = (fields: Partial<ScheduleSession>): ScheduleSession => ({ uid: 'uid-1', title: 'A Talk', tracks: [], speakers: [], ...fields });

function readBack(text: string, fileName: string) {
  return parseNote(text, { uri: `file:///notes/${fileName}`, pathSegments: ['notes', fileName], options: DEFAULT_PARSE_OPTIONS });
}

describe('schedule import: session stubs', () => {
  it('renders a report section with its field lines and room for notes', () => {
    const section = renderSessionSection(stub({ title: 'Rust *and* You', speakers: ['A', 'B'], date: '2024-09-19', time: '10:30–11:00', room: 'Main Hall', url: 'https://example.org/t' }), 3);
    assert.equal(section, [
      '### Rust \\*and\\* You', '',
      '- speakers: A, B', '- date: 2024-09-19', '- time: 10:30–11:00', '- room: Main Hall', '- uid: uid-1', '- url: https://example.org/t', '- status: planned',
      '', '',
    ].join('\n'));
    assert.equal(renderFieldLine('room', 'Hall\n  A'), '- room: Hall A');
  });

  it('renders a report the note parser reads back: tracks, sessions, fields and status', async () => {
    const schedule = await parseFixture('sched-devsummit.ics', 'Asia/Tokyo');
    const report = renderReport(schedule);
    assert.ok(report.startsWith('# DevSummit Tokyo 2024\n\n## Cloud Native Novice\n\n### Kubernetes 入門 - はじめてのクラスタ運用\n'));
    assert.ok(!report.includes('Service Mesh Panel'), 'a session cancelled before the first import is not written');
    assert.ok(report.endsWith('- status: planned\n'));
    const parsed = readBack(report, 'devsummit.md');
    assert.equal(parsed.conference, 'DevSummit Tokyo 2024');
    const written = schedule.sessions.filter((session) => !session.cancelled);
    assert.equal(written.length, schedule.sessions.length - 1);
    assert.equal(parsed.sessions.length, written.length);
    for (const session of written) {
      const read = parsed.sessions.find((candidate) => candidate.uid === session.uid);
      assert.ok(read, session.uid);
      assert.equal(read.title, session.title);
      assert.equal(read.track, session.track ?? 'Other sessions');
      assert.deepEqual(read.speakers, session.speakers);
      assert.equal(read.date, session.date);
      assert.equal(read.time, session.time);
      assert.equal(read.room, session.room);
      assert.equal(read.status, 'planned');
    }
  });

  it('orders tracks by name with untracked sessions last, and sessions by time within a track', async () => {
    const report = renderReport(await parseFixture('sessionize-cloudday-all.json'), { trackHeadingLevel: 3, sessionHeadingLevel: 4 });
    const headings = readMarkdownStructure(report).headings.map((heading) => `${heading.level} ${heading.text}`);
    assert.deepEqual(headings, [
      '1 sessionize-cloudday-all',
      '3 Cloud', '4 Welcome & Keynote: The Cloud in 2030',
      '3 Data & AI', '4 Serverless データ基盤の作り方', '4 Unscheduled Talk: MLOps Lessons',
      '3 DevOps', '4 GitOps Hands-on', '4 Observability for Small Teams',
      '3 Talk', '4 Closing Panel',
    ]);
  });

  const headingOf = (title: string) => readMarkdownStructure(`### ${renderHeadingText(title)}\n`).headings[0]?.text;

  it('writes markup in a title as text: strikethrough (`~~*~~*`, a counterexample the property found), emphasis, code, links, HTML, entities, closing #s', () => {
    const titles = ['~~*~~*', '~~Deprecated~~ APIs', '**Bold** _claims_', '`kubectl` tips', '[Slides](https://x.test)', '![logo](x.png)', '<https://x.test>', '<b>HTML</b>', 'Q&amp;A', 'Caf&#233;', 'C# #', '#1 ###', 'Path\\to\\x', 'a \\'];
    for (const title of titles) assert.equal(headingOf(title), title);
  });

  it('escapes heading text so it reads back exactly as the title (property)', () => {
    const markup = fc.constantFrom(
      '*', '**', '_', '__', '`', '``', '~', '~~', '[', ']', '](', '(', ')', '<', '>', '!', '&', ';', '#', '\\', '=', '-', '+', '|', ' ', '  ', '\t',
      'a', 'é', '字', 'amp', '&amp;', '&#35;', '&#x23;', '&copy;', 'http://x.test', '<b>', '</b>',
    );
    assertProperty(
      fc.property(fc.array(markup, { minLength: 1, maxLength: 24 }).map((parts) => parts.join('')), (title) => {
        fc.pre(title.trim() !== '');
        assert.equal(headingOf(title), collapseWhitespace(title));
      }),
      { numRuns: 500 },
    );
  });

  it('writes session-file front matter that keeps tricky titles and ids as strings', () => {
    const title = 'Keynote: "yes" — #1 & more';
    const file = renderSessionFile(stub({ uid: '612301', title, speakers: ['Laura Gómez', 'Doe, Jane'], tracks: ['Cloud', 'Data'], track: 'Cloud', date: '2024-11-08', time: '10:00' }), 'Cloud Day: 2024');
    const frontMatter = readFrontMatter(file);
    assert.equal(frontMatter.problem, undefined);
    assert.deepEqual(frontMatter.data, {
      type: 'session', title, conference: 'Cloud Day: 2024', track: 'Cloud', speakers: ['Laura Gómez', 'Doe, Jane'],
      date: '2024-11-08', time: '10:00', tags: ['Data'], uid: '612301', status: 'planned',
    });
    assert.ok(file.endsWith(`\n# ${renderHeadingText(title)}\n`));
    const parsed = readBack(file, 'keynote.md');
    assert.equal(parsed.layout, 'session-file');
    assert.deepEqual([parsed.sessions[0].title, parsed.sessions[0].uid, parsed.sessions[0].track], [title, '612301', 'Cloud']);
  });

  it('names session files by date and title, keeping Unicode and dropping reserved characters', () => {
    assert.equal(sessionFileName(stub({ date: '2024-06-12', title: 'Kubernetes 入門 - はじめてのクラスタ運用' })), '2024-06-12-Kubernetes-入門-はじめてのクラスタ運用.md');
    assert.equal(sessionFileName(stub({ date: '2024-06-12', title: 'What? A/B: <Testing> "Live" | Now*' })), '2024-06-12-What-A-B-Testing-Live-Now.md');
    assert.equal(sessionFileName(stub({ title: 'No Date Yet' })), 'No-Date-Yet.md');
    assert.equal(sessionFileName(stub({ uid: 'SCHED-42', title: '???' })), 'SCHED-42.md');
    const long = sessionFileName(stub({ date: '2024-06-12', title: 'とても長いタイトル'.repeat(40) }));
    assert.ok(new TextEncoder().encode(long).length <= 110, long);
    assert.ok(long.startsWith('2024-06-12-とても長いタイトル') && long.endsWith('.md'));
  });
});
