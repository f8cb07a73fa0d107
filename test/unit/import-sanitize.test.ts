// Hostile or broken schedules: control characters never reach the notes or a terminal, and impossible dates and
// times are warnings naming the session, never rolled into other dates.
import assert from 'node:assert/strict';
import { formatImportMessage, parseSchedule, type ImportedSchedule } from '../../src/core/import/schedule';
import { planImport } from '../../src/core/import/importPlan';
import { decodeNoteBytes, parseNote } from '../../src/core/notes/parser';
import { DEFAULT_PARSE_OPTIONS } from '../../src/core/notes/model';

const CONTROLS = '\u0000\u0007\u001b\u007f\u009b\u0085';
// Every control character the sanitising strips, C0 (but tab and line breaks), DEL and C1.
// eslint-disable-next-line no-control-regex -- matching them is the point
const ALL_STRIPPED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

async function parsed(fileName: string, text: string, timeZone?: string): Promise<ImportedSchedule> {
  const result = await parseSchedule(text, { fileName, timeZone });
  if (!result.ok) assert.fail(formatImportMessage(result.error));
  return result.schedule;
}

const ics = (event: string) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Conf${CONTROLS}\r\nBEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:Talk\r\n${event}END:VEVENT\r\nEND:VCALENDAR\r\n`;
const pretalx = (event: object) => JSON.stringify({ schedule: { conference: { title: 'Conf', days: [{ date: '2024-05-01', rooms: { Hall: [{ guid: 'g1', title: 'Talk', ...event }] } }] } } });
const sessionize = (session: object) => JSON.stringify([{ id: 's1', title: 'Talk', ...session }]);

const hostileSchedules: [string, string][] = [
  ['hostile.ics', ics(`SUMMARY:Ti\\,tle${CONTROLS}\u001b]0;owned\u0007 - Jane${CONTROLS} Doe\\, Acme\r\nCATEGORIES:Tra${CONTROLS}ck\r\nLOCATION:Ro${CONTROLS}om\r\nDTSTART:20240501T100000Z\r\n`)],
  ['hostile.json', pretalx({ title: `Ti\\,tle${CONTROLS}`, track: `Tra${CONTROLS}ck`, room: `Ro${CONTROLS}om`, persons: [{ public_name: `Jane${CONTROLS}` }], date: '2024-05-01T10:00:00+00:00' })],
  ['hostile-sz.json', sessionize({ title: `Ti\\,tle${CONTROLS}`, room: `Ro${CONTROLS}om`, speakers: [{ name: `Jane${CONTROLS}` }], startsAt: '2024-05-01T10:00:00' })],
];

describe('schedule import: control characters', () => {
  for (const [fileName, text] of hostileSchedules) {
    it(`strips them from every text of ${fileName}, so the written note is text, not binary`, async () => {
      const schedule = await parsed(fileName, text, 'UTC');
      const session = schedule.sessions[0];
      for (const value of [schedule.conference, session.uid, session.title, session.room ?? '', ...session.tracks, ...session.speakers]) {
        assert.doesNotMatch(value, ALL_STRIPPED, JSON.stringify(value));
      }
      for (const layout of ['report', 'files'] as const) {
        for (const write of planImport(schedule, { layout, existingFiles: [] }).writes.filter((candidate) => candidate.name.endsWith('.md'))) {
          const decoded = decodeNoteBytes(new TextEncoder().encode(write.text));
          assert.ok('text' in decoded, `${write.name} reads as text`);
          assert.doesNotMatch(write.text, ALL_STRIPPED);
          const note = parseNote(decoded.text, { uri: `file:///n/${write.name}`, pathSegments: ['n', write.name], options: DEFAULT_PARSE_OPTIONS });
          assert.ok(note.sessions.some((read) => read.title === session.title), `${write.name}: the session reads back`);
        }
      }
    });
  }

  it('strips them from the values of warnings too (a title quoted in a message)', async () => {
    const schedule = await parsed('bad.json', sessionize({ title: `Bad\u001b[2J${CONTROLS}`, startsAt: '2024-13-01T10:00:00' }));
    assert.deepEqual(schedule.warnings.map(formatImportMessage), ['Session "Bad[2J" has an unreadable startsAt "2024-13-01T10:00:00"; it was imported without a time.']);
  });
});

describe('schedule import: impossible dates and times', () => {
  const cases: { name: string; fileName: string; text: string; date?: string; time?: string; warning: string }[] = [
    { name: 'iCalendar February 30', fileName: 'a.ics', text: ics('DTSTART:20240230T100000Z\r\nDTEND:20240230T110000Z\r\n'), warning: 'Session "Talk" has an unreadable DTSTART; it was imported without a time.' },
    { name: 'iCalendar month 13', fileName: 'a.ics', text: ics('DTSTART:20241301T100000Z\r\n'), warning: 'Session "Talk" has an unreadable DTSTART; it was imported without a time.' },
    { name: 'iCalendar 25:00', fileName: 'a.ics', text: ics('DTSTART:20240501T250000Z\r\n'), warning: 'Session "Talk" has an unreadable DTSTART; it was imported without a time.' },
    { name: 'iCalendar all-day February 30', fileName: 'a.ics', text: ics('DTSTART;VALUE=DATE:20240230\r\n'), warning: 'Session "Talk" has an unreadable DTSTART; it was imported without a time.' },
    { name: 'iCalendar zoned February 30', fileName: 'a.ics', text: ics('DTSTART;TZID=Asia/Tokyo:20240230T100000\r\n'), warning: 'Session "Talk" has an unreadable DTSTART; it was imported without a time.' },
    {
      name: 'iCalendar DTEND minute 60', fileName: 'a.ics', text: ics('DTSTART:20240501T100000Z\r\nDTEND:20240501T106000Z\r\n'), date: '2024-05-01', time: '10:00',
      warning: 'Session "Talk" has an unreadable or impossible DTEND "2024-05-01T10:60:00Z"; it was imported with its start time only.',
    },
    {
      name: 'iCalendar DTEND before DTSTART', fileName: 'a.ics', text: ics('DTSTART:20240501T100000Z\r\nDTEND:20240501T090000Z\r\n'), date: '2024-05-01', time: '10:00',
      warning: 'Session "Talk" has an unreadable or impossible DTEND "2024-05-01T09:00:00Z"; it was imported with its start time only.',
    },
    {
      name: 'iCalendar DURATION of years', fileName: 'a.ics', text: ics('DTSTART:20240501T100000Z\r\nDURATION:PT99999H\r\n'), date: '2024-05-01', time: '10:00',
      warning: 'Session "Talk" has an unreadable or impossible DURATION "PT99999H"; it was imported with its start time only.',
    },
    { name: 'pretalx February 30', fileName: 'p.json', text: pretalx({ date: '2024-02-30T10:00:00+02:00', duration: '00:30' }), warning: 'Session "Talk" has an unreadable date "2024-02-30T10:00:00+02:00"; it was imported without a time.' },
    { name: 'pretalx offset +25:00', fileName: 'p.json', text: pretalx({ date: '2024-05-01T10:00:00+25:00' }), warning: 'Session "Talk" has an unreadable date "2024-05-01T10:00:00+25:00"; it was imported without a time.' },
    { name: 'pretalx start 24:30', fileName: 'p.json', text: pretalx({ start: '24:30' }), warning: 'Session "Talk" has an unreadable date "24:30"; it was imported without a time.' },
    {
      name: 'pretalx duration 00:75', fileName: 'p.json', text: pretalx({ date: '2024-05-01T10:00:00+00:00', duration: '00:75' }), date: '2024-05-01', time: '10:00',
      warning: 'Session "Talk" has an unreadable or impossible duration "00:75"; it was imported with its start time only.',
    },
    {
      name: 'pretalx duration of weeks', fileName: 'p.json', text: pretalx({ date: '2024-05-01T10:00:00+00:00', duration: '999:00' }), date: '2024-05-01', time: '10:00',
      warning: 'Session "Talk" has an unreadable or impossible duration "999:00"; it was imported with its start time only.',
    },
    { name: 'Sessionize February 30', fileName: 's.json', text: sessionize({ startsAt: '2024-02-30T10:00:00' }), warning: 'Session "Talk" has an unreadable startsAt "2024-02-30T10:00:00"; it was imported without a time.' },
    {
      name: 'Sessionize endsAt 26:00', fileName: 's.json', text: sessionize({ startsAt: '2024-05-01T10:00:00', endsAt: '2024-05-01T26:00:00' }), date: '2024-05-01', time: '10:00',
      warning: 'Session "Talk" has an unreadable or impossible endsAt "2024-05-01T26:00:00"; it was imported with its start time only.',
    },
    {
      name: 'Sessionize endsAt before startsAt', fileName: 's.json', text: sessionize({ startsAt: '2024-05-01T10:00:00', endsAt: '2024-04-01T09:00:00' }), date: '2024-05-01', time: '10:00',
      warning: 'Session "Talk" has an unreadable or impossible endsAt "2024-04-01T09:00:00"; it was imported with its start time only.',
    },
  ];
  for (const testCase of cases) {
    it(`${testCase.name}: a warning naming the session, no shifted date`, async () => {
      const schedule = await parsed(testCase.fileName, testCase.text, 'UTC');
      assert.deepEqual([schedule.sessions[0].date, schedule.sessions[0].time], [testCase.date, testCase.time]);
      assert.deepEqual(schedule.warnings.map(formatImportMessage), [testCase.warning]);
    });
  }

  it('keeps a real session that ends after midnight', async () => {
    const schedule = await parsed('late.json', sessionize({ startsAt: '2024-05-01T23:00:00', endsAt: '2024-05-02T01:00:00' }));
    assert.deepEqual([schedule.sessions[0].date, schedule.sessions[0].time, schedule.warnings], ['2024-05-01', '23:00–01:00', []]);
  });
});
