import assert from 'node:assert/strict';
import { applyEdits, planReportReimport, planSessionFilesReimport, summarizeReimport, type ReimportPlan } from '../../src/core/import/merge';
import { formatImportMessage, type ImportedSchedule, type ScheduleSession } from '../../src/core/import/schedule';
import { readFrontMatter } from '../../src/core/notes/frontMatter';
import { DEFAULT_PARSE_OPTIONS } from '../../src/core/notes/model';
import { parseNote } from '../../src/core/notes/parser';
import { renderReport } from '../../src/core/import/sessionStub';
import { importedValues, type SessionRecords } from '../../src/core/import/importRecord';
import { parseFixture } from './helpers/scheduleFixtures';

/** Lines with their terminators, so comparisons are byte for byte. */
const linesOf = (text: string): string[] => text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];

/** The lines of `before` that are not in a longest common subsequence with `after`: what an edit removed or rewrote. */
function rewrittenLines(before: string, after: string): string[] {
  const a = linesOf(before);
  const b = linesOf(after);
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const removed: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length) {
    if (j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < b.length && lcs[i][j + 1] >= lcs[i + 1][j]) j++;
    else removed.push(a[i++]);
  }
  return removed;
}

const USER_NOTES = [
  'The speaker opened with a live demo — it worked on the second try.',
  '',
  '- note: this list item is mine, not a field',
  '- 感想: とても良かった。',
  '',
  '```yaml',
  '- uid: not-a-session',
  '### not a heading',
  '```',
  'Trailing spaces stay.   ',
];

/** A report as the user keeps it: an overview, notes under every session, a closing summary. */
function reportWithUserText(generated: string, eol = '\n'): string {
  const withNotes = generated
    .replace(/^(# .*\n\n)/, '$1## Overview\n\nWhy I went, in my own words.\n\n')
    .replace(/^(- status: .*\n)/gm, `$1\n${USER_NOTES.join('\n')}\n`);
  return `${withNotes}\n## Summary\n\nA great conference.\n`.replace(/\n/g, eol);
}

/**
 * Every status a note can hold, and what re-import leaves when the schedule drops the session: the imported
 * `planned` becomes `cancelled`; a status the user set (attended, watched, to-watch, skipped, cancelled) stays.
 */
const USER_STATUS_OUTCOMES = [
  ['planned', 'cancelled'],
  ['attended', 'attended'],
  ['watched', 'watched'],
  ['to-watch', 'to-watch'],
  ['skipped', 'skipped'],
  ['cancelled', 'cancelled'],
] as const;

/** The record a first import of `schedule` as a report keeps: every session it wrote, as written. */
const recordOf = (schedule: ImportedSchedule): SessionRecords =>
  new Map(schedule.sessions.filter((session) => !session.cancelled).map((session) => [session.uid, importedValues(session)]));

const readBack = (text: string) => parseNote(text, { uri: 'file:///notes/report.md', pathSegments: ['notes', 'report.md'], options: DEFAULT_PARSE_OPTIONS });

function changeKeys(plan: ReimportPlan): string[] {
  return plan.changed.flatMap((change) => change.fields.map((field) => `${change.uid} ${field.key}`)).sort();
}

interface Case {
  readonly name: string;
  readonly v1: string;
  readonly v2: string;
  readonly timeZone?: string;
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly cancelled: readonly string[];
}

const CASES: readonly Case[] = [
  {
    name: 'sched.com', v1: 'sched-devsummit.ics', v2: 'sched-devsummit-v2.ics', timeZone: 'Asia/Tokyo',
    added: ['SCHED-dbec'], changed: ['SCHED-a7b9 room', 'SCHED-c3d5 time', 'SCHED-d4e6 title'], cancelled: ['SCHED-b8ca', 'SCHED-f6a8'],
  },
  {
    name: 'pretalx', v1: 'pretalx-rustfest.json', v2: 'pretalx-rustfest-v2.json',
    added: ['6f1c2a9e-0b6d-5a53-9f1e-7d1a4c1b2e07'],
    changed: ['6f1c2a9e-0b6d-5a53-9f1e-7d1a4c1b2e04 title', '6f1c2a9e-0b6d-5a53-9f1e-7d1a4c1b2e05 time', '6f1c2a9e-0b6d-5a53-9f1e-7d1a4c1b2e06 room'],
    cancelled: ['6f1c2a9e-0b6d-5a53-9f1e-7d1a4c1b2e03'],
  },
  {
    name: 'frab XML', v1: 'fosdem-day.xml', v2: 'fosdem-day-v2.xml',
    added: ['2b5a5f6c-6f2e-5a1b-9a55-000000000007'], changed: ['2b5a5f6c-6f2e-5a1b-9a55-000000000004 time'], cancelled: ['2b5a5f6c-6f2e-5a1b-9a55-000000000006'],
  },
  ...['sessions', 'all'].map((shape) => ({
    name: `Sessionize (${shape})`, v1: `sessionize-cloudday-${shape}.json`, v2: `sessionize-cloudday-${shape}-v2.json`,
    added: ['612308'], changed: ['612301 title', '612302 time', '612303 room'], cancelled: ['612304'],
  })),
];

describe('schedule re-import: report', () => {
  for (const testCase of CASES) {
    describe(testCase.name, () => {
      let v1: ImportedSchedule;
      let v2: ImportedSchedule;
      before(async () => {
        v1 = await parseFixture(testCase.v1, testCase.timeZone);
        v2 = await parseFixture(testCase.v2, testCase.timeZone);
      });

      it('finds what was added, changed and cancelled', () => {
        const plan = planReportReimport(reportWithUserText(renderReport(v1)), v2, { imported: recordOf(v1) });
        assert.deepEqual(plan.added.map((session) => session.uid), testCase.added);
        assert.deepEqual(changeKeys(plan), testCase.changed);
        assert.deepEqual(plan.cancelled.map((session) => session.uid).sort(), testCase.cancelled);
        assert.equal(plan.unchanged.length + plan.changed.length + plan.cancelled.length, v1.sessions.filter((session) => !session.cancelled).length);
      });

      for (const [ending, eol] of [['LF', '\n'], ['CRLF', '\r\n']] as const) {
        it(`keeps every byte outside the changed field lines and headings (${ending})`, () => {
          const before = reportWithUserText(renderReport(v1), eol);
          const plan = planReportReimport(before, v2, { imported: recordOf(v1) });
          const after = applyEdits(before, plan.edits);
          const rewritten = rewrittenLines(before, after);
          // One rewritten line per changed field (title = heading) and per cancellation, nothing else.
          assert.equal(rewritten.length, plan.changed.flatMap((change) => change.fields).length + plan.cancelled.length);
          for (const line of rewritten) assert.match(line, /^(#{3} .*|- (speakers|date|time|room|status): .*)\r?\n$/);
          for (const line of USER_NOTES.filter((note) => note !== '')) {
            const count = (text: string) => linesOf(text).filter((candidate) => candidate === `${line}${eol}`).length;
            assert.equal(count(after), count(before), line);
          }
          if (eol === '\r\n') assert.doesNotMatch(after, /[^\r]\n/);
        });
      }

      it('leaves the report as the newer schedule describes it, and a second run changes nothing', () => {
        const first = planReportReimport(reportWithUserText(renderReport(v1)), v2, { imported: recordOf(v1) });
        const after = applyEdits(reportWithUserText(renderReport(v1)), first.edits);
        const sessions = readBack(after).sessions.filter((session) => session.uid !== undefined);
        for (const expected of v2.sessions.filter((session) => !session.cancelled)) {
          const read = sessions.find((session) => session.uid === expected.uid);
          assert.ok(read, expected.uid);
          assert.deepEqual([read.title, read.date, read.time, read.room, read.track], [expected.title, expected.date, expected.time, expected.room, expected.track ?? 'Other sessions']);
        }
        for (const uid of testCase.cancelled) assert.equal(sessions.find((session) => session.uid === uid)?.status, 'cancelled');
        const again = planReportReimport(after, v2, { imported: first.record });
        assert.deepEqual([again.edits, again.added, again.changed, again.cancelled, again.conflicts], [[], [], [], [], []]);
        assert.deepEqual([...again.record], [...first.record], 'the record is the same too');
      });
    });
  }

  describe('details', () => {
    let v1: ImportedSchedule;
    let v2: ImportedSchedule;
    before(async () => {
      v1 = await parseFixture('sched-devsummit.ics', 'Asia/Tokyo');
      v2 = await parseFixture('sched-devsummit-v2.ics', 'Asia/Tokyo');
    });
    const sessionLines = (text: string, uid: string) => {
      const lines = text.split('\n');
      const uidLine = lines.indexOf(`- uid: ${uid}`);
      let start = uidLine;
      while (!lines[start].startsWith('### ')) start--;
      let end = uidLine;
      while (end < lines.length && !/^#{1,3} /.test(lines[end + 1] ?? '# ')) end++;
      return lines.slice(start, end + 1);
    };

    it('puts a new session into its track at its place in time', () => {
      const after = applyEdits(renderReport(v1), planReportReimport(renderReport(v1), v2, { imported: recordOf(v1) }).edits);
      const track = readBack(after).sessions.filter((session) => session.track === 'Cloud Native Novice').map((session) => session.uid);
      assert.deepEqual(track, ['SCHED-d4e6', 'SCHED-dbec']);
      const report = renderReport(v1).replace('- date: 2024-06-12\n- time: 10:30–11:10\n- room: Room 102', '- date: 2024-06-13\n- time: 16:00–16:40\n- room: Room 102');
      const later = applyEdits(report, planReportReimport(report, { ...v2, sessions: v2.sessions.filter((session) => session.uid !== 'SCHED-d4e6') }, { imported: recordOf(v1) }).edits);
      assert.deepEqual(readBack(later).sessions.filter((session) => session.track === 'Cloud Native Novice').map((session) => session.uid), ['SCHED-dbec', 'SCHED-d4e6']);
    });

    it('joins a new session and a retitled heading on the same line into one edit', () => {
      const moveKubernetes = (text: string) => text.replace('- date: 2024-06-12\n- time: 10:30–11:10\n- room: Room 102', '- date: 2024-06-13\n- time: 16:00–16:40\n- room: Room 102');
      const report = moveKubernetes(renderReport(v1));
      const schedule = { ...v2, sessions: v2.sessions.map((session) => (session.uid === 'SCHED-d4e6' ? { ...session, date: '2024-06-13', time: '16:00–16:40' } : session)) };
      const plan = planReportReimport(report, schedule, { imported: recordOf(v1) });
      const starts = plan.edits.map((edit) => edit.start);
      assert.equal(new Set(starts).size, starts.length);
      const after = readBack(applyEdits(report, plan.edits)).sessions.filter((session) => session.track === 'Cloud Native Novice');
      assert.deepEqual(after.map((session) => [session.uid, session.title]), [
        ['SCHED-dbec', 'Platform Engineering Roundtable'],
        ['SCHED-d4e6', 'Kubernetes 入門 - はじめてのクラスタ運用 (改訂版)'],
      ]);
    });

    it('adds sections for new tracks, and for sessions without one, at the end', () => {
      const extra: ScheduleSession[] = [
        { uid: 'new-hw', title: 'RISC-V Boards', track: 'Hardware', tracks: ['Hardware'], speakers: [], date: '2024-06-13', time: '09:00–09:30' },
        { uid: 'new-none', title: 'Community Meetup', tracks: [], speakers: [], date: '2024-06-13', time: '18:00–19:00' },
      ];
      const report = renderReport({ ...v1, sessions: v1.sessions.filter((session) => session.track !== undefined) });
      const after = applyEdits(report, planReportReimport(report, { ...v1, sessions: [...v1.sessions.filter((session) => session.track !== undefined), ...extra] }, { imported: recordOf(v1) }).edits);
      assert.ok(after.startsWith(report.trimEnd()), 'existing text is untouched');
      assert.equal(after.slice(report.trimEnd().length), [
        '', '', '## Hardware', '', '### RISC-V Boards', '', '- date: 2024-06-13', '- time: 09:00–09:30', '- uid: new-hw', '- status: planned',
        '', '## Other sessions', '', '### Community Meetup', '', '- date: 2024-06-13', '- time: 18:00–19:00', '- uid: new-none', '- status: planned', '',
      ].join('\n'));
    });

    // What the user recorded about a session the schedule drops, and what re-import leaves there.
    for (const [status, after] of USER_STATUS_OUTCOMES) {
      it(`leaves a session the user marked ${status} as ${after} when the schedule drops it`, () => {
        const report = renderReport(v1).replace(/(- uid: SCHED-b8ca\n- url: .*\n)- status: planned/, `$1- status: ${status}`);
        const plan = planReportReimport(report, v2, { imported: recordOf(v1) });
        assert.ok(sessionLines(applyEdits(report, plan.edits), 'SCHED-b8ca').includes(`- status: ${after}`));
        assert.equal(plan.cancelled.some((session) => session.uid === 'SCHED-b8ca'), status !== after);
        const kept = plan.warnings.filter((warning) => warning.code === 'reimport-kept-status').map((warning) => warning.args);
        assert.deepEqual(kept, status === 'planned' || status === 'cancelled' ? [] : [['Zero-Trust Networking - The Hard Way', status]]);
      });
    }

    it('sets a cancelled session back to planned when it returns to the schedule', () => {
      const toV2 = planReportReimport(renderReport(v1), v2, { imported: recordOf(v1) });
      const cancelledReport = applyEdits(renderReport(v1), toV2.edits);
      const plan = planReportReimport(cancelledReport, v1, { imported: toV2.record });
      assert.deepEqual(plan.changed.filter((change) => change.fields.some((field) => field.key === 'status')).map((change) => change.uid).sort(), ['SCHED-b8ca', 'SCHED-f6a8']);
      assert.deepEqual(plan.cancelled.map((session) => session.uid), ['SCHED-dbec']);
      // Back to the first schedule: only the session the first schedule lacks stays, marked cancelled.
      const restored = applyEdits(cancelledReport, plan.edits);
      assert.equal(restored.replace(/### Platform Engineering Roundtable\n[\s\S]*?- status: cancelled\n\n/, ''), renderReport(v1));
    });

    it('rewrites only the value of a field line the user reformatted, and reads their time format as equal', () => {
      const report = renderReport(v1)
        .replace('- time: 10:30–11:10\n- room: Room 101', '* Time: 10:30 - 11:10\n- room: Room 101')
        .replace('- time: 11:00–11:40', '- time: 11:00-11:40');
      const plan = planReportReimport(report, v2, { imported: recordOf(v1) });
      const rewrites = plan.edits.filter((edit) => edit.end > edit.start && edit.lines.some((line) => /time/i.test(line)));
      assert.deepEqual(rewrites.map((edit) => edit.lines), [['* Time: 11:00–11:40']]);
    });

    it('adds a field the import never wrote next to the uid line', () => {
      const withoutRoom = { ...v1, sessions: v1.sessions.map((session) => (session.uid === 'SCHED-a7b9' ? { ...session, room: undefined } : session)) };
      const report = renderReport(withoutRoom);
      const after = applyEdits(report, planReportReimport(report, v2, { imported: recordOf(withoutRoom) }).edits);
      assert.deepEqual(sessionLines(after, 'SCHED-a7b9').slice(2, 7), ['- speakers: Lena Novak', '- date: 2024-06-13', '- time: 11:00–11:40', '- room: Hall B', '- uid: SCHED-a7b9']);
    });

    it('does not write again a field line the user removed, and lists the conflict', () => {
      const report = renderReport(v1).replace('- room: Room 101\n- uid: SCHED-a7b9', '- uid: SCHED-a7b9');
      const plan = planReportReimport(report, v2, { imported: recordOf(v1) });
      assert.ok(!sessionLines(applyEdits(report, plan.edits), 'SCHED-a7b9').some((line) => line.startsWith('- room')));
      assert.deepEqual(plan.conflicts, [{ uid: 'SCHED-a7b9', title: 'Observability Without the Bill: eBPF in Production', key: 'room', note: undefined, schedule: 'Hall B' }]);
    });

    it('does not recreate a session the user removed when its UID is known, and reports it', () => {
      const report = renderReport(v1).replace(/### Opening Keynote[\s\S]*?(?=## Lightning Talk)/, '');
      const withoutKnown = planReportReimport(report, v2);
      assert.ok(withoutKnown.added.some((session) => session.uid === 'SCHED-a1f3'), 'listed as new, so the preview shows it');
      const recorded = planReportReimport(report, v2, { imported: recordOf(v1) });
      assert.deepEqual(recorded.missing.map((session) => session.uid), ['SCHED-a1f3'], 'the import record knows it too');
      const withKnown = planReportReimport(report, v2, { knownUids: v1.sessions.map((session) => session.uid) });
      assert.ok(!withKnown.added.some((session) => session.uid === 'SCHED-a1f3'));
      assert.deepEqual(withKnown.missing, [{ uid: 'SCHED-a1f3', title: 'Opening Keynote: Building for the Next Decade' }]);
      assert.ok(withKnown.warnings.some((warning) => warning.code === 'reimport-missing' && warning.args[1] === 'SCHED-a1f3'));
    });

    it('updates only the first of two sections with the same UID, with a warning', () => {
      const section = sessionLines(renderReport(v1), 'SCHED-c3d5').join('\n');
      const report = `${renderReport(v1)}\n## Copies\n\n${section.replace('### Scaling', '### Copy of Scaling')}\n`;
      const plan = planReportReimport(report, v2, { imported: recordOf(v1) });
      assert.ok(plan.warnings.some((warning) => warning.code === 'reimport-duplicate-uid' && warning.args[0] === 'SCHED-c3d5'));
      assert.equal(sessionLines(applyEdits(report, plan.edits), 'SCHED-c3d5').find((line) => line.startsWith('- time')), '- time: 11:00–11:40');
      assert.ok(applyEdits(report, plan.edits).includes('### Copy of Scaling Postgres, Kafka, and You\n\n- speakers: Ravi Patel, Mei Chen\n- date: 2024-06-12\n- time: 10:30–11:10'));
    });

    it('summarises the plan in one count line and one line per session', () => {
      const summary = summarizeReimport(planReportReimport(renderReport(v1), v2, { imported: recordOf(v1) })).map(formatImportMessage);
      assert.deepEqual(summary, [
        '1 added, 3 changed, 2 cancelled, 3 unchanged.',
        'Added: Platform Engineering Roundtable',
        'Changed: Kubernetes 入門 - はじめてのクラスタ運用 (改訂版) (title: Kubernetes 入門 - はじめてのクラスタ運用 → Kubernetes 入門 - はじめてのクラスタ運用 (改訂版))',
        'Changed: Scaling Postgres, Kafka, and You (time: 10:30–11:10 → 11:00–11:40)',
        'Changed: Observability Without the Bill: eBPF in Production (room: Room 101 → Hall B)',
        'Cancelled: Late Night Lightning Talks: 10 Talks in 60 Minutes',
        'Cancelled: Zero-Trust Networking - The Hard Way',
      ]);
    });
  });
});

describe('schedule re-import: applyEdits', () => {
  it('keeps each untouched line’s own line ending in mixed text', () => {
    assert.equal(applyEdits('a\r\nb\nc\r\n', [{ start: 1, end: 2, lines: ['B'] }]), 'a\r\nB\nc\r\n');
  });

  it('appends after a last line without a newline and still ends without one', () => {
    assert.equal(applyEdits('a\nb', [{ start: 2, end: 2, lines: ['', 'c'] }]), 'a\nb\n\nc');
  });

  it('keeps the byte-order mark when the first line is replaced', () => {
    assert.equal(applyEdits('\ufeff# A\n', [{ start: 0, end: 1, lines: ['# B'] }]), '\ufeff# B\n');
  });
});

describe('schedule re-import: session files', () => {
  let v1: ImportedSchedule;
  let v2: ImportedSchedule;
  before(async () => {
    v1 = await parseFixture('sched-devsummit.ics', 'Asia/Tokyo');
    v2 = await parseFixture('sched-devsummit-v2.ics', 'Asia/Tokyo');
  });
  const firstImport = () => planSessionFilesReimport([], v1).newFiles;
  const imported = () => ({ imported: planSessionFilesReimport([], v1).record });
  const fileOf = (files: readonly { name: string; text: string }[], uid: string) => {
    const file = files.find((candidate) => readFrontMatter(candidate.text).data.uid === uid);
    assert.ok(file, uid);
    return file;
  };
  const withNotes = (files: readonly { name: string; text: string }[]) => files.map((file) => ({
    name: file.name,
    text: file.text.replace('status: planned\n', 'status: planned\nrating: 4 # my own key\n') + `\n${USER_NOTES.join('\n')}\n`,
  }));

  it('writes one file per session on the first import, with distinct names', () => {
    const files = firstImport();
    assert.equal(files.length, v1.sessions.filter((session) => !session.cancelled).length);
    assert.equal(new Set(files.map((file) => file.name)).size, files.length);
    const twins = planSessionFilesReimport([{ name: '2024-06-12-Talk.md', text: 'my own file\n' }], {
      conference: 'C', warnings: [], sessions: ['a', 'b'].map((uid) => ({ uid, title: 'Talk', date: '2024-06-12', tracks: [], speakers: [] })),
    });
    assert.deepEqual(twins.newFiles.map((file) => file.name), ['2024-06-12-Talk-2.md', '2024-06-12-Talk-3.md']);
  });

  it('changes only front-matter field lines and the H1, keeping every other byte of every file', () => {
    const before = withNotes(firstImport());
    const plan = planSessionFilesReimport(before, v2, imported());
    assert.deepEqual(plan.newFiles.map((file) => file.name), ['2024-06-13-Platform-Engineering-Roundtable.md']);
    assert.deepEqual(changeKeys(plan), ['SCHED-a7b9 room', 'SCHED-c3d5 time', 'SCHED-d4e6 title']);
    assert.deepEqual(plan.cancelled.map((session) => session.uid).sort(), ['SCHED-b8ca', 'SCHED-f6a8']);
    const rewritten = before.flatMap((file) => {
      const edits = plan.edits.find((candidate) => candidate.name === file.name)?.edits ?? [];
      return rewrittenLines(file.text, applyEdits(file.text, edits));
    });
    assert.deepEqual(rewritten.sort(), [
      '# Kubernetes 入門 - はじめてのクラスタ運用\n',
      'room: Room 101\n',
      'status: planned\n',
      'status: planned\n',
      'time: 10:30–11:10\n',
      'title: Kubernetes 入門 - はじめてのクラスタ運用\n',
    ]);
  });

  it('matches a renamed file by UID, leaves a changed H1 alone, and replaces a block list whole', () => {
    const files = withNotes(firstImport()).map((file) => {
      const uid = readFrontMatter(file.text).data.uid;
      if (uid === 'SCHED-d4e6') return { name: 'k8s-notes.md', text: file.text.replace(/^# .*$/m, '# My Kubernetes notes') };
      if (uid === 'SCHED-c3d5') return { ...file, text: file.text.replace('speakers: [Ravi Patel, Mei Chen]', 'speakers:\n  - Ravi Patel\n  - Mei Chen') };
      return file;
    });
    const schedule = { ...v2, sessions: v2.sessions.map((session) => (session.uid === 'SCHED-c3d5' ? { ...session, speakers: ['Ravi Patel'] } : session)) };
    const plan = planSessionFilesReimport(files, schedule, imported());
    assert.ok(!plan.newFiles.some((file) => readFrontMatter(file.text).data.uid === 'SCHED-d4e6'));
    const renamed = fileOf(files, 'SCHED-d4e6');
    const renamedAfter = applyEdits(renamed.text, plan.edits.find((file) => file.name === 'k8s-notes.md')?.edits ?? []);
    assert.equal(readFrontMatter(renamedAfter).data.title, 'Kubernetes 入門 - はじめてのクラスタ運用 (改訂版)');
    assert.match(renamedAfter, /^# My Kubernetes notes$/m);
    const listed = fileOf(files, 'SCHED-c3d5');
    const listedAfter = applyEdits(listed.text, plan.edits.find((file) => file.name === listed.name)?.edits ?? []);
    assert.deepEqual(readFrontMatter(listedAfter).data.speakers, ['Ravi Patel']);
    assert.match(listedAfter, /^rating: 4 # my own key$/m);
  });

  it('leaves a file with broken front matter alone, warns, and does not write its session again', () => {
    const files = withNotes(firstImport()).map((file) =>
      readFrontMatter(file.text).data.uid === 'SCHED-a7b9' ? { ...file, text: file.text.replace('room: Room 101', 'room: [Room 101') } : file);
    const plan = planSessionFilesReimport(files, v2, imported());
    const broken = fileOf(withNotes(firstImport()), 'SCHED-a7b9').name;
    assert.ok(!plan.edits.some((file) => file.name === broken));
    assert.ok(!plan.newFiles.some((file) => file.text.includes('SCHED-a7b9')));
    assert.ok(plan.warnings.some((warning) => warning.code === 'reimport-unreadable-file' && warning.args[0] === broken));
  });

  for (const [status, after] of USER_STATUS_OUTCOMES) {
    it(`leaves a session file the user marked ${status} as ${after} when the schedule drops it`, () => {
      const files = firstImport().map((file) => (readFrontMatter(file.text).data.uid === 'SCHED-b8ca' ? { ...file, text: file.text.replace('status: planned\n', `status: ${status}\n`) } : file));
      const plan = planSessionFilesReimport(files, v2, imported());
      const file = fileOf(files, 'SCHED-b8ca');
      const edited = applyEdits(file.text, plan.edits.find((candidate) => candidate.name === file.name)?.edits ?? []);
      assert.equal(readFrontMatter(edited).data.status, after);
      assert.equal(plan.cancelled.some((session) => session.uid === 'SCHED-b8ca'), status !== after);
    });
  }

  it('reports a deleted file whose UID is known instead of writing it again', () => {
    const files = withNotes(firstImport()).filter((file) => readFrontMatter(file.text).data.uid !== 'SCHED-a1f3');
    assert.ok(planSessionFilesReimport(files, v2).newFiles.some((file) => file.text.includes('uid: SCHED-a1f3')));
    const plan = planSessionFilesReimport(files, v2, { knownUids: ['SCHED-a1f3'] });
    assert.ok(!plan.newFiles.some((file) => file.text.includes('uid: SCHED-a1f3')));
    assert.deepEqual(plan.missing.map((session) => session.uid), ['SCHED-a1f3']);
  });
});
