// Re-import as a three-way merge, through the plan both hosts use: the import record is the base, a user's change is
// never reverted (it is listed as a conflict when the schedule changed the same value), lines the import did not write
// are never touched, and re-importing an unchanged schedule writes nothing.
import assert from 'node:assert/strict';
import { IMPORT_RECORD_FILE, type ImportPlan } from '../../src/core/import/importPlan';
import { formatImportMessage, type ImportedSchedule, type ScheduleSession } from '../../src/core/import/schedule';
import { buildSchedule } from '../../src/core/import/scheduleModel';
import { importInto, type Folder } from './helpers/importFolder';

const session = (uid: string, fields: Partial<ScheduleSession> = {}): ScheduleSession => ({
  uid, title: `Talk ${uid}`, track: 'Ops', tracks: ['Ops'], speakers: ['Ann Lee'], date: '2024-06-12', time: '10:00–10:30', room: 'Hall A', ...fields,
});
const scheduleOf = (...sessions: ScheduleSession[]): ImportedSchedule => buildSchedule('Conf 2024', sessions, [], 'conf.ics');

const REPORT = 'Conf-2024.md';
const edit = (folder: Folder, name: string, from: string | RegExp, to: string) => {
  const text = folder.get(name) ?? assert.fail(name);
  const edited = text.replace(from, to);
  assert.notEqual(edited, text, `the edit of ${String(from)} applies`);
  folder.set(name, edited);
};
const summary = (plan: ImportPlan) => plan.summary.map(formatImportMessage);

describe('schedule re-import: three-way merge (report)', () => {
  it('keeps a renamed heading and a corrected time when the same schedule is imported again, writing nothing', () => {
    const folder: Folder = new Map();
    const schedule = scheduleOf(session('a'), session('b', { time: '11:00–11:30' }));
    importInto(folder, schedule);
    edit(folder, REPORT, '### Talk a', '### Talk a (my title)');
    edit(folder, REPORT, '- time: 11:00–11:30', '- time: 11:05–11:30');
    const before = new Map(folder);
    const plan = importInto(folder, schedule);
    assert.deepEqual(plan.writes, [], 'not a byte changes');
    assert.deepEqual(folder, before);
    assert.deepEqual(summary(plan), ['0 added, 0 changed, 0 cancelled, 2 unchanged.']);
  });

  it('lists a conflict where the user and the schedule changed the same value, and keeps the user’s', () => {
    const folder: Folder = new Map();
    importInto(folder, scheduleOf(session('a')));
    edit(folder, REPORT, '### Talk a', '### My title');
    edit(folder, REPORT, '- room: Hall A', '- room: Hall A (back row)');
    const plan = importInto(folder, scheduleOf(session('a', { title: 'Talk a, revised', room: 'Hall B', time: '10:15–10:45' })));
    const report = folder.get(REPORT) ?? '';
    assert.match(report, /^### My title$/m);
    assert.match(report, /^- room: Hall A \(back row\)$/m);
    assert.match(report, /^- time: 10:15–10:45$/m, 'the value the user left alone follows the schedule');
    assert.deepEqual(summary(plan), [
      '0 added, 1 changed, 0 cancelled, 0 unchanged.',
      'Changed: Talk a, revised (time: 10:00–10:30 → 10:15–10:45)',
      'Kept your title of "My title": the note says My title, the schedule now says Talk a, revised.',
      'Kept your room of "My title": the note says Hall A (back row), the schedule now says Hall B.',
    ]);
    const again = importInto(folder, scheduleOf(session('a', { title: 'Talk a, revised', room: 'Hall B', time: '10:15–10:45' })));
    assert.deepEqual(again.writes, [], 'a second run changes nothing');
    assert.equal(again.counts.conflicts.length, 2, 'and still lists the conflicts');
  });

  it('never takes a user’s own field line under a session for the imported one', () => {
    const folder: Folder = new Map();
    importInto(folder, scheduleOf(session('a', { room: undefined })));
    edit(folder, REPORT, '- status: planned\n', '- status: planned\n\n- room: the one with the broken projector\n');
    const plan = importInto(folder, scheduleOf(session('a', { room: 'Hall B' })));
    assert.match(folder.get(REPORT) ?? '', /^- room: the one with the broken projector$/m);
    assert.doesNotMatch(folder.get(REPORT) ?? '', /Hall B/);
    assert.deepEqual(plan.counts.conflicts.map((conflict) => [conflict.key, conflict.note, conflict.schedule]), [['room', 'the one with the broken projector', 'Hall B']]);
  });

  it('updates the real field line when the user wrote a line with the same key between the heading and the fields', () => {
    const folder: Folder = new Map();
    importInto(folder, scheduleOf(session('a')));
    edit(folder, REPORT, '### Talk a\n\n', '### Talk a\n\n- time: I came ten minutes late\n\n');
    importInto(folder, scheduleOf(session('a', { time: '14:00–14:30' })));
    const report = folder.get(REPORT) ?? '';
    assert.match(report, /^- time: I came ten minutes late$/m);
    assert.match(report, /^- time: 14:00–14:30$/m);
    assert.doesNotMatch(report, /10:00–10:30/, 'no stale imported line is left');
  });

  for (const status of ['attended', 'watched', 'to-watch', 'skipped'] as const) {
    it(`never overrides a status the user set (${status}), not even when the schedule cancels the session`, () => {
      const folder: Folder = new Map();
      importInto(folder, scheduleOf(session('a'), session('b')));
      edit(folder, REPORT, /(- uid: a\n)- status: planned/, `$1- status: ${status}`);
      const plan = importInto(folder, scheduleOf(session('a', { cancelled: true }), session('b', { cancelled: true })));
      assert.match(folder.get(REPORT) ?? '', new RegExp(`- uid: a\\n- status: ${status}\\n`));
      assert.match(folder.get(REPORT) ?? '', /- uid: b\n- status: cancelled\n/, 'the imported status follows the schedule');
      assert.deepEqual(plan.counts.cancelled.map((ref) => ref.uid), ['b']);
      assert.ok(summary(plan).includes(`Session "Talk a" is no longer in the schedule, but its status "${status}" was kept.`));
    });
  }

  it('without an import record (notes of an earlier version), keeps every value that differs and lists it', () => {
    const folder: Folder = new Map();
    importInto(folder, scheduleOf(session('a')));
    folder.delete(IMPORT_RECORD_FILE);
    const plan = importInto(folder, scheduleOf(session('a', { room: 'Hall B' })));
    assert.match(folder.get(REPORT) ?? '', /^- room: Hall A$/m);
    assert.deepEqual(plan.counts.conflicts.map((conflict) => conflict.key), ['room']);
    assert.ok(folder.has(IMPORT_RECORD_FILE), 'the record is written from now on');
  });

  it('reads an unreadable import record as none, with a warning', () => {
    const folder: Folder = new Map();
    importInto(folder, scheduleOf(session('a')));
    folder.set(IMPORT_RECORD_FILE, '{ not json');
    const plan = importInto(folder, scheduleOf(session('a', { room: 'Hall B' })));
    assert.match(folder.get(REPORT) ?? '', /^- room: Hall A$/m);
    assert.ok(plan.summary.some((message) => message.code === 'import-record-unreadable'));
  });
});

describe('schedule re-import: three-way merge (session files)', () => {
  const fileOf = (folder: Folder) => [...folder.keys()].find((name) => name.endsWith('.md')) ?? assert.fail('no session file');

  it('keeps a YAML comment on a field line it updates, and the user’s changed values', () => {
    const folder: Folder = new Map();
    importInto(folder, scheduleOf(session('a')), 'files');
    const name = fileOf(folder);
    edit(folder, name, 'room: Hall A', 'room: Hall A # the small one');
    edit(folder, name, 'time: 10:00–10:30', 'time: "10:05–10:30" # started late');
    const plan = importInto(folder, scheduleOf(session('a', { room: 'Hall B', time: '10:30–11:00' })), 'files');
    const text = folder.get(name) ?? '';
    assert.match(text, /^room: Hall B # the small one$/m);
    assert.match(text, /^time: "10:05–10:30" # started late$/m);
    assert.deepEqual(plan.counts.conflicts.map((conflict) => [conflict.key, conflict.note, conflict.schedule]), [['time', '10:05–10:30', '10:30–11:00']]);
    assert.deepEqual(importInto(folder, scheduleOf(session('a', { room: 'Hall B', time: '10:30–11:00' })), 'files').writes, []);
  });

  it('keeps a title the user changed in the front matter and in the H1', () => {
    const folder: Folder = new Map();
    importInto(folder, scheduleOf(session('a')), 'files');
    const name = fileOf(folder);
    edit(folder, name, '# Talk a', '# Talk a — my notes');
    importInto(folder, scheduleOf(session('a', { title: 'Talk A' })), 'files');
    const text = folder.get(name) ?? '';
    assert.match(text, /^title: Talk A$/m, 'the front-matter title still held the imported one');
    assert.match(text, /^# Talk a — my notes$/m);
  });
});
