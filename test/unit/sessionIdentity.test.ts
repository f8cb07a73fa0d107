// One talk, one session: the programme an import writes and the user's own notes of the same talks are one session
// in the index, its tracks, facets and statistics.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { planImport } from '../../src/core/import/importPlan';
import { parseSchedule } from '../../src/core/import/schedule';
import { DEFAULT_PARSE_OPTIONS, type ParsedNote } from '../../src/core/notes/model';
import { NoteIndex } from '../../src/core/notes/noteIndex';
import { parseNote } from '../../src/core/notes/parser';
import { placeKind, titleKey } from '../../src/core/notes/sessionIdentity';
import { computeTrackStats } from '../../src/core/stats/stats';
import { makeNote, type SessionFields } from './helpers/parsedNotes';
import { assertProperty } from './helpers/property';
import { parseStatsBlock, statsForBlock } from '../../src/core/stats/statsBlock';

const CONFERENCE = 'Harbour Dev Days 2025';
const TRACKS = ['Cloud', 'Data', 'Web'];

/** A sched-style iCalendar export of 12 talks: four per track over two days, each with a UID. */
function schedExport(): string {
  const events = Array.from({ length: 12 }, (_, i) => {
    const day = i < 6 ? '20250610' : '20250611';
    const hour = String(9 + (i % 6)).padStart(2, '0');
    return [
      'BEGIN:VEVENT',
      `DTSTART:${day}T${hour}0000Z`,
      `DTEND:${day}T${hour}4500Z`,
      `SUMMARY:${i === 0 ? 'Keynote: Ships in the Harbour' : `Talk number ${i + 1}`}`,
      `CATEGORIES:${TRACKS[i % 3]}`,
      `UID:HDD-${i + 1}`,
      'END:VEVENT',
    ].join('\r\n');
  });
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', `X-WR-CALNAME:${CONFERENCE}`, ...events, 'END:VCALENDAR', ''].join('\r\n');
}

function read(name: string, text: string): ParsedNote {
  return parseNote(text, { uri: `file:///notes/${name}`, pathSegments: ['hdd', name], options: DEFAULT_PARSE_OPTIONS });
}

/** The notes a first import of the export writes, read as the extension reads them. */
async function importedNotes(layout: 'report' | 'files', edit: (text: string, i: number) => string = (text) => text): Promise<ParsedNote[]> {
  const parsed = await parseSchedule(schedExport(), { fileName: 'hdd.ics', timeZone: 'UTC' });
  assert.ok(parsed.ok);
  const plan = planImport(parsed.schedule, { layout, existingFiles: [] });
  return plan.writes.filter((write) => write.name.endsWith('.md')).map((write, i) => read(write.name, edit(write.text, i)));
}

const REPORT = [
  '---',
  `conference: ${CONFERENCE}`,
  '---',
  '',
  `# ${CONFERENCE} report`,
  '',
  '## Cloud',
  '',
  '### ＫＥＹＮＯＴＥ： Ships in the harbour!',
  '',
  '- status: attended',
  '- speakers: Mina Sato',
  '',
  'What I took away from the keynote.',
  '',
].join('\n');

function indexOf(notes: readonly ParsedNote[]): NoteIndex {
  const index = new NoteIndex();
  index.updateMany(notes, []);
  return index;
}

describe('one talk, one session', () => {
  describe('title keys', () => {
    it('fold width, case, punctuation and a kind prefix', () => {
      assert.equal(titleKey('ＫＥＹＮＯＴＥ： Ships in the harbour!'), titleKey('Keynote: Ships in the Harbour'));
      assert.equal(titleKey('[LT] Small tools'), titleKey('Small tools'));
      assert.equal(titleKey('【基調講演】未来の港'), titleKey('未来の港'));
      assert.notEqual(titleKey('Rust: the good parts'), titleKey('The good parts'));
    });

    it('take off a kind prefix of several words, before a dash or in brackets, but never the whole title', () => {
      assert.equal(titleKey('Opening Keynote - Ships in the harbour'), 'ships in the harbour');
      assert.equal(titleKey('lightning talk: Small tools'), 'small tools');
      assert.equal(titleKey('( Workshop ) Small tools'), 'small tools');
      assert.equal(titleKey('Keynote:'), 'keynote');
      assert.equal(titleKey('Keynotes: a history'), 'keynotes a history');
      assert.equal(titleKey('Talk-show tips'), 'talk show tips');
    });
  });

  describe('the 12 + 1 case', () => {
    for (const layout of ['report', 'files'] as const) {
      it(`counts 12 sessions when one talk of a 12-session import (${layout}) is also in the user's report`, async () => {
        const programme = await importedNotes(layout);
        assert.ok(programme.every((note) => placeKind(note) === 'programme'));
        const index = indexOf([...programme, read('my-report.md', REPORT)]);
        assert.equal(index.conferenceSessionCount(CONFERENCE), 12);
        assert.equal(index.sessionCount, 12);
        assert.equal(index.sessions().length, 12);
        assert.equal(index.sessionsOfConference(CONFERENCE).length, 12);
        assert.deepEqual(index.tracks(CONFERENCE).map(({ name, count }) => [name, count]), [['Cloud', 4], ['Data', 4], ['Web', 4]]);
        const stats = computeTrackStats(index);
        assert.equal(stats.totalSessions, 12);
        assert.deepEqual(stats.tracks.map((row) => [row.name, row.total]), [['Cloud', 4], ['Data', 4], ['Web', 4]]);
        assert.deepEqual(index.statuses().map(({ name, count }) => [name, count]), [['attended', 1], ['planned', 11]]);
        assert.equal(computeTrackStats(index, { statuses: ['attended'] }).totalSessions, 1);
      });
    }

    it('keeps every place, with the user’s note preferred, and fields merged', async () => {
      const index = indexOf([...(await importedNotes('report')), read('my-report.md', REPORT)]);
      const keynote = index.sessions().find((session) => session.places !== undefined);
      assert.ok(keynote);
      assert.equal(keynote.uri, 'file:///notes/my-report.md');
      assert.equal(keynote.title, 'ＫＥＹＮＯＴＥ： Ships in the harbour!');
      assert.equal(keynote.status, 'attended');
      assert.deepEqual(keynote.speakers, ['Mina Sato']);
      assert.equal(keynote.uid, 'HDD-1');
      assert.equal(keynote.date, '2025-06-10');
      assert.equal(keynote.time, '09:00–09:45');
      assert.deepEqual(keynote.places?.map((place) => place.kind), ['report', 'programme']);
      assert.equal(index.session(keynote.id), keynote);
    });

    it('re-merges when the report is edited and splits again when it is removed', async () => {
      const index = indexOf(await importedNotes('report'));
      index.update(read('my-report.md', REPORT));
      assert.equal(index.sessionCount, 12);
      index.statuses(); // as the tree grouped by status reads them
      const edited = index.update(read('my-report.md', REPORT.replace('status: attended', 'status: watched')));
      assert.ok(edited.facets.statuses.includes('watched'));
      assert.equal(index.statuses().find((group) => group.name === 'watched')?.count, 1);
      index.remove('file:///notes/my-report.md');
      assert.equal(index.sessionCount, 12);
      assert.equal(index.sessions().filter((session) => session.places !== undefined).length, 0);
      assert.equal(index.statuses().find((group) => group.name === 'planned')?.count, 12);
    });
  });

  describe('statistics scope', () => {
    const otherConference = read('other.md', '---\ntype: report\nconference: Small Meetup 2024\n---\n\n# Small Meetup 2024\n\n## Web\n\n### Forms\n\nNotes.\n');

    it('counts the programme or the user’s sessions, and compares programmes by default when every conference has one', async () => {
      const index = indexOf([...(await importedNotes('report')), read('my-report.md', REPORT)]);
      assert.equal(computeTrackStats(index, { scope: 'programme' }).totalSessions, 12);
      const mine = computeTrackStats(index, { scope: 'mine' });
      assert.deepEqual([mine.totalSessions, mine.scope, mine.tracks.map((row) => row.name)], [1, 'mine', ['Cloud']]);
      assert.equal(computeTrackStats(index).scope, 'programme');
      index.update(otherConference);
      const mixed = computeTrackStats(index);
      assert.deepEqual([mixed.scope, mixed.conferences.map((conference) => conference.sessions)], ['mine', [1, 1]]);
      assert.deepEqual(computeTrackStats(index, { conferences: [CONFERENCE] }).scope, 'programme');
    });

    it('takes the scope from a conference-stats block, and refuses one it does not know', async () => {
      const index = indexOf([...(await importedNotes('report')), read('my-report.md', REPORT)]);
      const mine = parseStatsBlock('scope: mine\n');
      assert.deepEqual(mine.problems, []);
      assert.equal(statsForBlock(index, mine.options).totalSessions, 1);
      assert.equal(statsForBlock(index, parseStatsBlock('scope: programme').options).totalSessions, 12);
      assert.deepEqual(parseStatsBlock('scope: everything').problems.map((problem) => problem.code), ['invalid-value']);
    });

    it('counts an attended stub as the user’s, and a workspace without a programme whole', async () => {
      const programme = await importedNotes('files');
      const attended = await importedNotes('files', (text, i) => (i < 2 ? text.replace('status: planned', 'status: attended') : text));
      assert.equal(computeTrackStats(indexOf([otherConference])).totalSessions, 1);
      assert.equal(computeTrackStats(indexOf(programme), { scope: 'mine' }).totalSessions, 0);
      assert.equal(computeTrackStats(indexOf(attended), { scope: 'mine' }).totalSessions, 2);
      assert.equal(computeTrackStats(indexOf(attended)).totalSessions, 12);
    });
  });

  describe('identity without UIDs', () => {
    const note = (name: string, body: string) => read(name, `---\ntype: report\nconference: Tiny Conf\n---\n\n# Tiny Conf\n\n## Main\n\n${body}`);

    it('merges the same title on the same date, and keeps the same title on two days apart', () => {
      const index = indexOf([
        note('a.md', '### Opening\n\n- date: 2025-01-01\n\n### Closing\n\n- date: 2025-01-01\n'),
        note('b.md', '### opening\n\n- date: 2025-01-01\n- status: attended\n\n### Closing\n\n- date: 2025-01-02\n'),
      ]);
      assert.equal(index.conferenceSessionCount('Tiny Conf'), 3);
      const titles = index.sessionsOfConference('Tiny Conf').map((session) => [session.title, session.date, session.places?.length ?? 1]);
      // The merged Opening is where the user decided its status (b.md), so it sorts with b.md's sessions.
      assert.deepEqual(titles, [['Closing', '2025-01-01', 1], ['opening', '2025-01-01', 2], ['Closing', '2025-01-02', 1]]);
    });

    it('merges a talk without a date with the one dated talk of its title', () => {
      const index = indexOf([note('a.md', '### Opening\n\n- date: 2025-01-01\n'), note('b.md', '### Opening\n\n- status: watched\n')]);
      assert.equal(index.sessionCount, 1);
      assert.equal(index.sessions()[0].date, '2025-01-01');
      assert.equal(index.sessions()[0].status, 'watched');
    });

    it('keeps two talks of one title in one file two, and a day label apart like a date', () => {
      const index = indexOf([
        note('a.md', '### Q&A\n\nFirst.\n\n### Q&A\n\nSecond.\n'),
        note('b.md', '### Panel\n\n- day: Day 1\n\n### Panel\n\n- day: Day 2\n'),
        note('c.md', '### q & a\n\nThird.\n\n### Panel\n\n- day: Day 2\n- status: watched\n'),
      ]);
      assert.equal(index.sessionCount, 4);
      assert.deepEqual(index.sessions().filter((session) => session.places).map((session) => [session.title, session.day, session.status]), [
        ['Q&A', undefined, undefined],
        ['Panel', 'Day 2', 'watched'],
      ]);
    });

    it('never merges talks of different conferences', () => {
      const other = read('c.md', '---\nconference: Other Conf\n---\n\n# Other Conf\n\n## Main\n\n### Opening\n');
      const index = indexOf([note('a.md', '### Opening\n'), other]);
      assert.equal(index.sessionCount, 2);
    });
  });

  describe('the user decides', () => {
    it('keeps a talk apart with same-as: none, and merges it again when the line is gone', async () => {
      const programme = await importedNotes('report');
      const apart = REPORT.replace('- status: attended', '- status: attended\n- same-as: none');
      const index = indexOf([...programme, read('my-report.md', apart)]);
      assert.equal(index.sessionCount, 13);
      index.update(read('my-report.md', REPORT));
      assert.equal(index.sessionCount, 12);
    });

    it('keeps a talk apart when its uid is another one', async () => {
      const programme = await importedNotes('report');
      const index = indexOf([...programme, read('my-report.md', REPORT.replace('- status: attended', '- status: attended\n- uid: MY-OWN'))]);
      assert.equal(index.sessionCount, 13);
    });

    it('merges a talk of another title by the UID or the title its same-as names', async () => {
      const programme = await importedNotes('report');
      const byUid = REPORT.replace('### ＫＥＹＮＯＴＥ： Ships in the harbour!', '### My morning\n\n- same-as: HDD-5');
      const index = indexOf([...programme, read('my-report.md', byUid)]);
      assert.equal(index.sessionCount, 12);
      const merged = index.sessions().find((session) => session.places !== undefined);
      assert.equal(merged?.title, 'My morning');
      assert.equal(merged?.uid, 'HDD-5');
      index.update(read('my-report.md', REPORT.replace('### ＫＥＹＮＯＴＥ： Ships in the harbour!', '### My morning\n\n- same-as: Talk number 7')));
      assert.equal(index.sessionCount, 12);
      assert.equal(index.sessions().find((session) => session.places !== undefined)?.uid, 'HDD-7');
    });

    it('merges a session note whose uid names the talk, whichever is read first', async () => {
      const programme = await importedNotes('files');
      const sessionNote = read('notes-on-talk-3.md', '---\ntype: session\ntitle: My notes\nconference: Harbour Dev Days 2025\ntrack: Web\nuid: HDD-3\nstatus: watched\n---\n\nGood talk.\n');
      for (const order of [[...programme, sessionNote], [sessionNote, ...programme]]) {
        const index = new NoteIndex();
        for (const note of order) index.update(note);
        assert.equal(index.sessionCount, 12);
        assert.equal(index.statuses().find((group) => group.name === 'watched')?.count, 1);
      }
    });
  });

  describe('incremental merging', () => {
    const sessionFields: fc.Arbitrary<SessionFields> = fc.record(
      {
        title: fc.constantFrom('Opening', 'KEYNOTE: Opening', 'ｏｐｅｎｉｎｇ', 'Closing'),
        date: fc.constantFrom('2025-01-01', '2025-01-02', undefined),
        // Mostly none: talks matched by their titles and dates, the case that re-matches most.
        uid: fc.constantFrom('U1', 'U2', undefined, undefined, undefined),
        sameAs: fc.constantFrom('none', 'U1', 'Closing', undefined, undefined, undefined, undefined),
        status: fc.constantFrom('attended' as const, 'planned' as const, undefined),
      },
      { requiredKeys: ['title'] },
    );
    const note = fc.record({ file: fc.constantFrom('a', 'b', 'c', 'd'), sessions: fc.array(sessionFields, { maxLength: 3 }) });
    const operation = fc.oneof(note.map((value) => ({ kind: 'update' as const, ...value })), fc.constantFrom('a', 'b', 'c', 'd').map((file) => ({ kind: 'remove' as const, file })));
    const shown = (index: NoteIndex) =>
      index.sessions().map((session) => JSON.stringify([session.id, session.status, session.uid, session.date, session.places ?? []])).sort();

    /** Applies the edits one by one, and returns the notes they leave. */
    function edit(index: NoteIndex, operations: readonly (typeof operation extends fc.Arbitrary<infer T> ? T : never)[]): ParsedNote[] {
      const current = new Map<string, ParsedNote>();
      for (const op of operations) {
        const uri = `file:///${op.file}.md`;
        if (op.kind === 'update') current.set(uri, makeNote(uri, 'Conf', op.sessions));
        else current.delete(uri);
        const now = current.get(uri);
        if (now) index.update(now);
        else index.remove(uri);
      }
      return [...current.values()];
    }

    it('takes a session out of a talk when a place added later contradicts its date, as a fresh index does', () => {
      // a's talk joined the UID talk through c's same-as while c was its only place; b, added after, is on another day.
      const index = new NoteIndex();
      const notes = edit(index, [
        { kind: 'update', file: 'a', sessions: [] },
        { kind: 'update', file: 'c', sessions: [] },
        { kind: 'update', file: 'b', sessions: [{ title: 'Opening', date: '2025-01-01', uid: 'U1' }] },
        { kind: 'update', file: 'c', sessions: [{ title: 'Opening', uid: 'U1', sameAs: 'Closing' }] },
        { kind: 'update', file: 'a', sessions: [{ title: 'Closing', date: '2025-01-02' }] },
      ]);
      assert.deepEqual(shown(indexOf(notes)), shown(index));
      assert.deepEqual(index.sessions().map((session) => (session.places?.map((place) => place.uri) ?? [session.uri]).sort()).sort(), [['file:///a.md'], ['file:///b.md', 'file:///c.md']]);
    });

    it('gives after any edits the sessions a fresh index of the same notes gives', () => {
      assertProperty(
        fc.property(fc.array(operation, { maxLength: 20 }), (operations) => {
          const index = new NoteIndex();
          const fresh = indexOf(edit(index, operations));
          assert.deepEqual(shown(index), shown(fresh));
          assert.equal(index.sessionCount, fresh.sessionCount);
          assert.equal(index.sessions().length, index.sessionCount);
        }),
        { numRuns: 300 },
      );
    });
  });
});
