// The personal agenda (src/core/agenda): times as notes write them, days and time slots on the conference's clock,
// overlaps of picked sessions, Now / Next at a given instant, the time zone a note names, and the iCalendar export
// parsed back with ical.js.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { agendaEntries, buildAgenda, dayAt, followedEntries, nowAndNext, plannedToday, type Agenda } from '../../src/core/agenda/agenda';
import { agendaTextDays } from '../../src/core/agenda/agendaText';
import { agendaToICalendar } from '../../src/core/agenda/icalendar';
import { isoDateOf, readClockSpan } from '../../src/core/agenda/sessionTimes';
import { conferenceTimeZone, noteTimeZone } from '../../src/core/agenda/timeZone';
import { DEFAULT_PARSE_OPTIONS, type Session } from '../../src/core/notes/model';
import { parseNote } from '../../src/core/notes/parser';
import { assertProperty } from './helpers/property';

const fixture = join(__dirname, '..', 'fixtures', 'agenda', 'harbour-summit.md');
const fixtureText = readFileSync(fixture, 'utf8');
const CONFERENCE = 'Harbour Summit 2031';

function fixtureSessions(): Session[] {
  return [...parseNote(fixtureText, { uri: 'file:///ws/harbour/harbour-summit.md', pathSegments: ['harbour', 'harbour-summit.md'], options: DEFAULT_PARSE_OPTIONS }).sessions];
}

function fixtureAgenda(): Agenda {
  return buildAgenda(CONFERENCE, fixtureSessions(), 'Europe/Brussels');
}

/** 2031-05-14 at `time` in Brussels (CEST, UTC+2). */
const brussels = (time: string, date = '2031-05-14'): number => Date.parse(`${date}T${time}:00+02:00`);

const titles = (entries: readonly { session: Session }[]): string[] => entries.map((entry) => entry.session.title);

function session(title: string, fields: Partial<Session>): Session {
  return { id: `file:///ws/a.md#${title}`, title, conference: 'C', speakers: [], tags: [], links: [], uri: 'file:///ws/a.md', layout: 'report', line: 0, range: { start: 0, end: 0 }, ...fields };
}

describe('agenda: session times', () => {
  it('reads the ways notes write a time or a span', () => {
    assert.deepEqual(readClockSpan('10:00'), { start: '10:00' });
    assert.deepEqual(readClockSpan('9:05 - 9:45'), { start: '09:05', end: '09:45' });
    assert.deepEqual(readClockSpan('10:00–10:30'), { start: '10:00', end: '10:30' });
    assert.deepEqual(readClockSpan('13：00〜13：40'), { start: '13:00', end: '13:40' });
    assert.deepEqual(readClockSpan('2:30 PM to 3:15 PM'), { start: '14:30', end: '15:15' });
    assert.deepEqual(readClockSpan('11:30–1:00 pm'), { start: '11:30', end: '13:00' });
    assert.deepEqual(readClockSpan('2:30–3:15 PM'), { start: '14:30', end: '15:15' });
    assert.deepEqual(readClockSpan('12:00-1:00 p.m.'), { start: '12:00', end: '13:00' });
    assert.deepEqual(readClockSpan('12:15 am'), { start: '00:15' });
    assert.deepEqual(readClockSpan('23:30-00:30'), { start: '23:30', end: '00:30', endsNextDay: true });
    assert.deepEqual(readClockSpan('10:00 (room change!)'), { start: '10:00' });
  });

  it('refuses what is not a time of day', () => {
    for (const text of [undefined, '', 'morning', '25:00', '10:75', '13:00 pm', 'TBD 10:00']) assert.equal(readClockSpan(text), undefined, String(text));
  });

  it('takes only real ISO dates as dates', () => {
    assert.equal(isoDateOf('2031-05-14'), '2031-05-14');
    for (const text of [undefined, 'Day 1', '2031-02-30', '2031-5-14']) assert.equal(isoDateOf(text), undefined, String(text));
  });

  it('reads any HH:mm span back as written', () => {
    const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    assertProperty(
      fc.property(clock, clock, fc.constantFrom('-', '–', ' - ', '〜', ' to '), (start, end, separator) => {
        const span = readClockSpan(`${start}${separator}${end}`);
        assert.equal(span?.start, start);
        if (end === start) assert.equal(span?.end, undefined);
        else assert.deepEqual(span, end < start ? { start, end, endsNextDay: true } : { start, end });
      }),
    );
  });
});

describe('agenda: days, slots and overlaps', () => {
  it('groups the sessions by day and start time, in time order, with rooms', () => {
    const agenda = fixtureAgenda();
    assert.deepEqual(
      agenda.days.map((day) => [day.key, day.slots.map((slot) => [slot.start ?? '-', ...slot.entries.map((entry) => `${entry.timeLabel ?? '?'} ${entry.session.room ?? '?'} ${entry.session.title}`)])]),
      [
        ['2031-05-14', [
          ['09:00', '09:00–09:30 Main Hall Opening the Harbour'],
          ['09:30', '09:30–10:15 K.1.105 Queues That Never Drop'],
          ['10:00', '10:00–10:30 H.2215 Lighthouse Metrics', '10:00–10:45 K.1.106 Log Pipelines at Sea'],
          ['14:30', '14:30–15:00 K.1.105 Tide Tables in the Browser'],
        ]],
        ['2031-05-15', [
          ['11:00', '11:00 Main Hall Sailing Without a Map'],
          ['-', '? ? Unscheduled Hallway Track'],
        ]],
      ],
    );
  });

  it('reads times on the conference clock: 09:00 in Brussels is 07:00 UTC in May', () => {
    const opening = agendaEntries(fixtureAgenda()).find((entry) => entry.session.title === 'Opening the Harbour');
    assert.equal(opening?.startMs, Date.parse('2031-05-14T07:00:00Z'));
    assert.equal(opening?.endMs, Date.parse('2031-05-14T07:30:00Z'));
    const winter = buildAgenda('C', [session('Winter', { date: '2031-01-10', time: '09:00' })], 'Europe/Brussels');
    assert.equal(agendaEntries(winter)[0].startMs, Date.parse('2031-01-10T08:00:00Z'));
  });

  it('marks picked sessions whose times meet, and nothing else', () => {
    const agenda = fixtureAgenda();
    // Queues (planned, 09:30–10:15) meets Log Pipelines (planned, 10:00); Lighthouse is skipped; Opening ends at 09:30.
    assert.deepEqual(agenda.overlaps.map(({ first, second }) => [first.session.title, second.session.title]), [['Queues That Never Drop', 'Log Pipelines at Sea']]);
    assert.deepEqual(agenda.overlapsBySession.get(agendaEntries(agenda).find((e) => e.session.title === 'Log Pipelines at Sea')?.session.id ?? '')?.map((s) => s.title), ['Queues That Never Drop']);
  });

  it('counts sessions that start together as overlapping, end-to-end ones not', () => {
    const sessions = [
      session('A', { date: '2031-05-14', time: '10:00', status: 'planned' }),
      session('B', { date: '2031-05-14', time: '10:00', status: 'attended' }),
      session('C', { date: '2031-05-14', time: '10:30-11:00', status: 'planned' }),
      session('D', { date: '2031-05-14', time: '11:00-11:30', status: 'planned' }),
      session('E', { date: '2031-05-15', time: '10:00', status: 'planned' }),
      session('F', { day: 'Day 1', time: '10:00-10:30', status: 'planned' }),
      session('G', { day: 'Day 1', time: '10:15', status: 'planned' }),
    ];
    const agenda = buildAgenda('C', sessions, 'UTC');
    assert.deepEqual(agenda.overlaps.map(({ first, second }) => `${first.session.title}${second.session.title}`), ['AB', 'FG']);
  });

  it('finds exactly the pairs a brute-force comparison finds', () => {
    const span = fc.tuple(fc.integer({ min: 8 * 60, max: 18 * 60 }), fc.option(fc.integer({ min: 5, max: 120 }), { nil: undefined }));
    const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    assertProperty(
      fc.property(fc.array(fc.tuple(span, fc.constantFrom('planned', 'attended', 'skipped') as fc.Arbitrary<Session['status']>), { maxLength: 12 }), (specs) => {
        const sessions = specs.map(([[start, length], status], i) => session(`S${i}`, { date: '2031-05-14', status, time: length === undefined ? clock(start) : `${clock(start)}-${clock(start + length)}` }));
        const expected = new Set<string>();
        specs.forEach(([[a, aLength], aStatus], i) => specs.forEach(([[b, bLength], bStatus], j) => {
          if (j <= i || aStatus === 'skipped' || bStatus === 'skipped') return;
          const meets = a === b || (a < b && b < a + (aLength ?? 0)) || (b < a && a < b + (bLength ?? 0));
          if (meets) expected.add([`S${i}`, `S${j}`].sort().join('+'));
        }));
        const found = new Set(buildAgenda('C', sessions, 'UTC').overlaps.map(({ first, second }) => [first.session.title, second.session.title].sort().join('+')));
        assert.deepEqual([...found].sort(), [...expected].sort());
      }),
    );
  });
});

describe('agenda: now and next', () => {
  it('says what runs now and what starts next among the picked sessions', () => {
    const agenda = fixtureAgenda();
    const followed = followedEntries(agenda);
    assert.ok(!titles(followed).includes('Lighthouse Metrics'), 'a skipped session is not followed');
    const at = (time: string) => {
      const { now, next } = nowAndNext(followed, brussels(time));
      return [titles(now), titles(next)];
    };
    assert.deepEqual(at('08:00'), [[], ['Opening the Harbour']]);
    assert.deepEqual(at('09:10'), [['Opening the Harbour'], ['Queues That Never Drop']]);
    assert.deepEqual(at('10:05'), [['Queues That Never Drop', 'Log Pipelines at Sea'], ['Tide Tables in the Browser']]);
    assert.deepEqual(at('12:00'), [[], ['Tide Tables in the Browser']]);
    assert.deepEqual(at('15:00'), [[], ['Sailing Without a Map']]);
  });

  it('lets a session without an end run until the next one, at most an hour', () => {
    const followed = followedEntries(fixtureAgenda());
    const { now } = nowAndNext(followed, brussels('11:59', '2031-05-15'));
    assert.deepEqual(titles(now), ['Sailing Without a Map']);
    assert.deepEqual(titles(nowAndNext(followed, brussels('12:00', '2031-05-15')).now), []);
    const close = buildAgenda('C', [session('A', { date: '2031-05-14', time: '10:00', status: 'planned' }), session('B', { date: '2031-05-14', time: '10:20', status: 'planned' })], 'UTC');
    assert.deepEqual(titles(nowAndNext(followedEntries(close), Date.parse('2031-05-14T10:25:00Z')).now), ['B']);
  });

  it('follows every session that is not skipped or cancelled while nothing is picked', () => {
    const agenda = buildAgenda('C', [session('A', { date: '2031-05-14', time: '10:00' }), session('B', { date: '2031-05-14', time: '11:00', status: 'skipped' })], 'UTC');
    assert.deepEqual(titles(followedEntries(agenda)), ['A']);
  });

  it('knows the conference day and the planned sessions of it on the conference clock', () => {
    const agenda = fixtureAgenda();
    // 23:30 UTC on the 13th is already the 14th in Brussels.
    assert.equal(dayAt(agenda, Date.parse('2031-05-13T23:30:00Z'))?.date, '2031-05-14');
    assert.equal(plannedToday(agenda, brussels('08:00')), 3);
    assert.equal(plannedToday(agenda, brussels('08:00', '2031-05-15')), 2);
    assert.equal(dayAt(agenda, brussels('08:00', '2031-05-16')), undefined);
    assert.equal(plannedToday(agenda, brussels('08:00', '2031-05-16')), 0);
  });
});

describe('agenda: time zone of a conference', () => {
  it('takes the zone the front matter names, and only a real one', () => {
    assert.equal(noteTimeZone(fixtureText), 'Europe/Brussels');
    assert.equal(noteTimeZone('\uFEFF---\r\ntimezone: Asia/Tokyo\r\n---\r\n# T\r\n'), 'Asia/Tokyo');
    assert.equal(noteTimeZone('---\ntimezone: Mars/Olympus\n---\n'), undefined);
    assert.equal(noteTimeZone('# No front matter\ntimezone: Asia/Tokyo\n'), undefined);
    assert.equal(conferenceTimeZone(['# a', '---\ntz: America/Chicago\n---\n'], 'UTC'), 'America/Chicago');
    assert.equal(conferenceTimeZone(['# a'], 'UTC'), 'UTC');
  });
});

describe('agenda: as text', () => {
  it('prints a heading per day and a row per session, with overlaps named', () => {
    const [first, second] = agendaTextDays(fixtureAgenda());
    assert.equal(first.heading, '2031-05-14');
    assert.deepEqual(first.rows[1], ['09:30–10:15', 'K.1.105', 'planned', 'Queues That Never Drop', 'overlaps Log Pipelines at Sea']);
    assert.deepEqual(second.rows.at(-1), ['(no time)', '', 'planned', 'Unscheduled Hallway Track', '']);
  });
});

describe('agenda: iCalendar export', () => {
  const now = new Date('2031-05-01T12:00:00Z');
  // ical.js is an ES module; the tests read the export back with the same library the export writes with.
  const loadIcal = async () => (await import('ical.js')).default;
  let ICAL: Awaited<ReturnType<typeof loadIcal>>;
  before(async () => {
    ICAL = await loadIcal();
  });

  it('exports the picked sessions with times, rooms, links and the note path, and reads back with ical.js', async () => {
    const exported = await agendaToICalendar(fixtureAgenda(), { now, notePath: () => 'harbour/harbour-summit.md' });
    assert.equal(exported.exported, 5);
    assert.deepEqual(exported.leftOut.map((s) => s.title), ['Unscheduled Hallway Track']);
    assert.match(exported.text, /^BEGIN:VCALENDAR\r\n/);
    assert.ok(exported.text.split('\r\n').every((line) => line.length <= 75), 'lines are folded');
    const calendar = new ICAL.Component(ICAL.parse(exported.text));
    assert.equal(calendar.getFirstPropertyValue('x-wr-calname'), 'Harbour Summit 2031 (my agenda)');
    const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    assert.deepEqual(events.map((event) => event.summary), ['Opening the Harbour', 'Queues That Never Drop', 'Log Pipelines at Sea', 'Tide Tables in the Browser', 'Sailing Without a Map']);
    const logs = events[2];
    assert.equal(logs.startDate.toJSDate().toISOString(), '2031-05-14T08:00:00.000Z');
    assert.equal(logs.endDate.toJSDate().toISOString(), '2031-05-14T08:45:00.000Z');
    assert.equal(logs.location, 'K.1.106');
    assert.equal(logs.description, 'Speakers: Mira Osei\nTrack: Systems\nvideo: https://example.org/video/logs\nNote: harbour/harbour-summit.md');
    assert.equal(logs.component.getFirstPropertyValue('url'), 'https://example.org/video/logs');
    assert.equal(new Set(events.map((event) => event.uid)).size, 5, 'every event has its own UID');
    assert.ok(events.every((event) => !event.uid.includes('file:')), 'no UID gives away where the notes are');
    assert.equal(events[4].endDate.toJSDate().getTime(), events[4].startDate.toJSDate().getTime(), 'a session without an end is a moment');
  });

  it('keeps note text inside its property: commas, semicolons, line breaks and control characters', async () => {
    const hostile = session('Breaking; the, \u001b[2JCalendar', { date: '2031-05-14', time: '10:00', status: 'planned', room: 'Room 1;\r\nBEGIN:VEVENT', speakers: ['A, B'], uid: 'x\ny' });
    const exported = await agendaToICalendar(buildAgenda('C', [hostile], 'UTC'), { now, notePath: () => 'a.md' });
    const events = new ICAL.Component(ICAL.parse(exported.text)).getAllSubcomponents('vevent');
    assert.equal(events.length, 1);
    assert.equal(events[0].getFirstPropertyValue('summary'), 'Breaking; the, [2JCalendar');
    assert.equal(events[0].getFirstPropertyValue('location'), 'Room 1;\r\nBEGIN:VEVENT');
  });

  it('writes an empty calendar when nothing is picked', async () => {
    const exported = await agendaToICalendar(buildAgenda('C', [session('A', { date: '2031-05-14', time: '10:00' })], 'UTC'), { now, notePath: () => 'a.md' });
    assert.equal(exported.exported, 0);
    assert.equal(new ICAL.Component(ICAL.parse(exported.text)).getAllSubcomponents('vevent').length, 0);
  });
});
