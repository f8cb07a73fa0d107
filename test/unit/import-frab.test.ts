// frab/Pentabarf XML (FOSDEM-like, pretalx's and wafer's variants), frab JSON and xCal: each fixture imports into
// notes whose tracks, days, times (the event's own zone), speakers, UIDs and links are right.
import assert from 'node:assert/strict';
import { detectScheduleFormat, parseSchedule } from '../../src/core/import/schedule';
import { DEFAULT_PARSE_OPTIONS } from '../../src/core/notes/model';
import { parseNote } from '../../src/core/notes/parser';
import { importInto, type Folder } from './helpers/importFolder';
import { parseFixture, readScheduleFixture, sessionById } from './helpers/scheduleFixtures';

const WELCOME = '2b5a5f6c-6f2e-5a1b-9a55-000000000001';
const NO_STD = '2b5a5f6c-6f2e-5a1b-9a55-000000000004';

const readNotes = (text: string, fileName: string) => parseNote(text, { uri: `file:///notes/${fileName}`, pathSegments: ['notes', fileName], options: DEFAULT_PARSE_OPTIONS });

async function errorOf(name: string) {
  const result = await parseSchedule(readScheduleFixture(name), { fileName: name });
  return result.ok ? assert.fail(`${name} should not parse`) : result.error;
}

describe('schedule import: frab XML, frab JSON and xCal', () => {
  it('tells the formats apart by their content, whatever the file is called', () => {
    assert.equal(detectScheduleFormat(readScheduleFixture('fosdem-day.xml'), 'xml'), 'frab-xml');
    assert.equal(detectScheduleFormat(readScheduleFixture('pretalx-export.xml'), 'schedule.json'), 'frab-xml');
    assert.equal(detectScheduleFormat(readScheduleFixture('wafer-debconf.xml'), 'pentabarf'), 'frab-xml');
    assert.equal(detectScheduleFormat(readScheduleFixture('xcal-meetup.xml'), 'schedule.ics'), 'xcal');
    assert.equal(detectScheduleFormat(readScheduleFixture('frab-camp.json'), 'schedule.json'), 'frab-json');
    assert.equal(detectScheduleFormat(readScheduleFixture('pretalx-rustfest.json'), 'schedule.json'), 'pretalx');
    assert.equal(detectScheduleFormat(readScheduleFixture('not-a-schedule.xml'), 'schedule.xml'), undefined);
  });

  it('imports a FOSDEM-like day into a report with a section per track, rooms, Brussels times and speakers', async () => {
    const folder: Folder = new Map();
    importInto(folder, await parseFixture('fosdem-day.xml'));
    const report = folder.get('FOSDEM-2025.md') ?? assert.fail(`no report in ${[...folder.keys()].join(', ')}`);
    const sessions = readNotes(report, 'FOSDEM-2025.md').sessions;
    assert.deepEqual(sessions.map((session) => [session.track, session.title, session.date, session.time, session.room, session.speakers.join(', ')]), [
      ['Containers', 'Rootless Containers in Production', '2025-02-01', '10:30–11:10', 'UD2.218A', 'Lea Fischer'],
      ['Containers', 'Containers Lightning Talks', '2025-02-01', '18:30–19:00', 'UD2.218A', ''],
      ['Keynotes', 'Welcome to FOSDEM 2025', '2025-02-01', '09:30–09:55', 'Janson', 'Richard Roe, María López'],
      ['Keynotes', 'Free Software & You: 40 Years On', '2025-02-01', '10:00–10:50', 'Janson', 'Jane Doe'],
      ['Rust', 'Async Rust in the Kernel', '2025-02-01', '10:30–11:00', 'K.1.105 (La Fontaine)', 'Kenji Sato'],
      ['Rust', 'no_std Everywhere', '2025-02-01', '11:05–11:30', 'K.1.105 (La Fontaine)', 'Ada Kowalska, Tomáš Novák'],
    ]);
    assert.match(report, new RegExp(`- uid: ${WELCOME}\n`));
  });

  it('links the slides and the recording, relative addresses resolved against the schedule’s base URL', async () => {
    const schedule = await parseFixture('fosdem-day.xml');
    const welcome = sessionById(schedule, WELCOME);
    assert.equal(welcome.slides, 'https://fosdem.example.org/2025/schedule/event/fosdem-2025-5001-welcome-to-fosdem-2025/attachments/slides/1/welcome.pdf');
    assert.equal(welcome.video, 'https://video.fosdem.example.org/2025/janson/fosdem-2025-5001-welcome-to-fosdem-2025.webm');
    // A paper and a source repository are neither slides nor a recording.
    const asyncTalk = sessionById(schedule, '2b5a5f6c-6f2e-5a1b-9a55-000000000003');
    assert.deepEqual([asyncTalk.slides, asyncTalk.video], [undefined, 'https://video.fosdem.example.org/2025/k1105/fosdem-2025-5003-async-rust-in-the-kernel.mp4']);
    const folder: Folder = new Map();
    importInto(folder, schedule, 'files');
    const file = [...folder].find(([name]) => name.includes('Welcome'))?.[1] ?? assert.fail('no session file');
    const [session] = readNotes(file, 'welcome.md').sessions;
    assert.deepEqual(session.links.map((link) => [link.label, link.url]), [
      ['link', 'https://fosdem.example.org/2025/schedule/event/fosdem-2025-5001-welcome-to-fosdem-2025/'],
      ['slides', welcome.slides],
      ['video', welcome.video],
    ]);
  });

  it('decodes the XML entities, character references and CDATA, and the times keep the event’s zone unless one is chosen', async () => {
    const schedule = await parseFixture('fosdem-day.xml');
    assert.equal(schedule.timeZone, 'Europe/Brussels');
    assert.equal(sessionById(schedule, '2b5a5f6c-6f2e-5a1b-9a55-000000000002').abstract, '<p>Forty years of <em>free software</em> & what comes next.</p>');
    const tokyo = await parseFixture('fosdem-day.xml', 'Asia/Tokyo');
    assert.deepEqual([sessionById(tokyo, NO_STD).date, sessionById(tokyo, NO_STD).time, tokyo.timeZone], ['2025-02-01', '19:05–19:30', 'Asia/Tokyo']);
  });

  it('reads pretalx’s XML export: talk pages, slides under the base URL, the type when there is no track, New York times', async () => {
    const schedule = await parseFixture('pretalx-export.xml');
    assert.equal(schedule.conference, 'PyCon Example 2025');
    assert.equal(schedule.timeZone, 'America/New_York');
    assert.deepEqual(schedule.sessions.map((session) => [session.title, session.track, session.date, session.time, session.speakers.join(', ')]), [
      ['Typing the Web', 'Web', '2025-04-10', '09:00–09:30', 'Priya Natarajan'],
      ['Dataframes at Scale', 'Data', '2025-04-10', '14:00–14:45', 'Luis García, Mei Chen'],
      ['Sprint Orientation', 'Workshop', '2025-04-11', '10:00–11:30', ''],
    ]);
    const typing = sessionById(schedule, '8d8c3a7e-1e6b-5c35-8e8b-0000000000a1');
    assert.deepEqual([typing.url, typing.slides], ['https://pretalx.example.org/pyconex25/talk/QWE123/', 'https://pretalx.example.org/media/pyconex25/submissions/QWE123/resources/typing-web.pdf']);
    assert.equal(sessionById(schedule, '8d8c3a7e-1e6b-5c35-8e8b-0000000000a3').video, 'https://www.youtube.com/watch?v=example203');
  });

  it('reads wafer’s XML: the talk page from full_conf_url, the recording, the description when the abstract is empty', async () => {
    const schedule = await parseFixture('wafer-debconf.xml');
    const [dpl, bof] = schedule.sessions;
    assert.deepEqual([dpl.title, dpl.url, dpl.video, dpl.room], [
      'Bits from the DPL', 'https://debconf25.example.org/talks/1101-bits-from-the-dpl/',
      'https://meetings-archive.example.org/pub/debian-meetings/2025/DebConf25/debconf25-1101-bits-from-the-dpl.av1.webm', 'Amphi 1',
    ]);
    assert.deepEqual([bof.track, bof.time, bof.abstract, bof.speakers], ['BoF (90 minutes)', '11:00–12:30', 'Status and next steps.', ['Sam Okafor', 'Ines Duarte']]);
  });

  it('reads frab JSON (c3voc): German link titles, a session after midnight on the next date, Berlin time', async () => {
    const schedule = await parseFixture('frab-camp.json');
    const [opening, night] = schedule.sessions;
    assert.deepEqual([opening.slides, opening.video], ['https://frab.example.org/system/attachments/12001/opening-folien.pdf', 'https://media.ccc.example.org/v/camp2025-12001-opening']);
    assert.deepEqual([night.date, night.time, night.track], ['2025-08-14', '01:30–02:15', 'Hardware & Making']);
    assert.equal(schedule.timeZone, 'Europe/Berlin');
  });

  it('reads xCal: TZID times, DURATION, categories as track and tags, attendees as speakers, and STATUS:CANCELLED', async () => {
    const schedule = await parseFixture('xcal-meetup.xml');
    assert.equal(schedule.conference, 'Paris Web Meetup 2025');
    assert.equal(schedule.timeZone, 'Europe/Paris');
    assert.deepEqual(schedule.sessions.map((session) => [session.uid, session.title, session.time, session.tracks, session.speakers, session.cancelled ?? false]), [
      ['pwm25-001@example.org', 'CSS Container Queries in Practice', '18:30–19:10', ['Frontend', 'CSS'], ['Camille Bernard'], false],
      ['pwm25-002@example.org', 'Accessible Forms & Errors', '19:20–19:45', ['Accessibility'], ['Youssef Amrani'], false],
      ['pwm25-003@example.org', 'WebAssembly Components', '20:00–20:30', ['Frontend'], [], true],
    ]);
    const folder: Folder = new Map();
    importInto(folder, schedule);
    assert.doesNotMatch(folder.get('Paris-Web-Meetup-2025.md') ?? assert.fail('no report'), /WebAssembly Components/, 'a session cancelled before the first import is left out');
  });

  it('does not expand entities a document type declares, and never HTML entities', async () => {
    const schedule = await parseFixture('xml-entities.xml');
    assert.equal(schedule.sessions[0].title, 'Talk &lol3; &nbsp; AB');
    assert.equal(schedule.sessions[0].room, 'Main & Only');
  });

  it('refuses broken XML with the line, a frab file without days and an XML file of another kind', async () => {
    const unclosed = await errorOf('malformed-unclosed.xml');
    assert.deepEqual([unclosed.code, unclosed.args[0], unclosed.args[2]], ['xml-malformed', 'malformed-unclosed.xml', '8']);
    const noDays = await errorOf('frab-no-days.xml');
    assert.deepEqual([noDays.code, noDays.args], ['missing-structure', ['frab XML', 'frab-no-days.xml', '<day>']]);
    assert.equal((await errorOf('not-a-schedule.xml')).code, 'unknown-format');
  });

  it('refuses a frab XML with more events than the limit before reading them', async () => {
    const event = '<event guid="g"><title>T</title></event>';
    const text = `<schedule><day date="2025-01-01"><room name="A">${event.repeat(20_001)}</room></day></schedule>`;
    const result = await parseSchedule(text, { fileName: 'big.xml' });
    assert.equal(result.ok ? undefined : result.error.code, 'too-many-sessions');
  });
});
