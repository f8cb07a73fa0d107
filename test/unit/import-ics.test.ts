import assert from 'node:assert/strict';
import { parseSchedule, systemTimeZone } from '../../src/core/import/schedule';
import { parseFixture, readScheduleFixture, sessionById } from './helpers/scheduleFixtures';

describe('schedule import: sched.com iCalendar', () => {
  it('reads the conference and every session, keeping the first of a duplicate UID with a warning', async () => {
    const schedule = await parseFixture('sched-devsummit.ics', 'Asia/Tokyo');
    assert.equal(schedule.conference, 'DevSummit Tokyo 2024');
    assert.equal(schedule.sessions.length, 9);
    assert.equal(schedule.sessions.filter((session) => session.uid === 'SCHED-c3d5').length, 1);
    assert.equal(sessionById(schedule, 'SCHED-c3d5').time, '10:30–11:10');
    const duplicate = schedule.warnings.find((warning) => warning.code === 'duplicate-uid');
    assert.deepEqual(duplicate?.args, ['SCHED-c3d5', 'Scaling Postgres, Kafka, and You', 'Scaling Postgres (repeat)']);
  });

  it('unfolds long lines and unescapes commas in titles, descriptions and locations', async () => {
    const session = sessionById(await parseFixture('sched-devsummit.ics', 'Asia/Tokyo'), 'SCHED-c3d5');
    assert.equal(session.title, 'Scaling Postgres, Kafka, and You');
    assert.equal(session.abstract, 'A tour of partitioning, replication and change-data-capture at scale.\nBring questions.');
    // The venue's address after the room is dropped.
    assert.equal(session.room, 'Room 101');
    assert.equal(session.url, 'https://devsummit2024.sched.com/event/c3d5');
  });

  it('takes every category as a track, the first one as the session track', async () => {
    const session = sessionById(await parseFixture('sched-devsummit.ics', 'Asia/Tokyo'), 'SCHED-c3d5');
    assert.deepEqual(session.tracks, ['Databases', 'Cloud Native Novice']);
    assert.equal(session.track, 'Databases');
  });

  it('takes speakers from the summary suffix or a Speakers line, and leaves other titles whole', async () => {
    const schedule = await parseFixture('sched-devsummit.ics', 'Asia/Tokyo');
    assert.deepEqual(sessionById(schedule, 'SCHED-c3d5').speakers, ['Ravi Patel', 'Mei Chen']);
    assert.deepEqual(sessionById(schedule, 'SCHED-a1f3').speakers, ['Aiko Tanaka']);
    assert.equal(sessionById(schedule, 'SCHED-a1f3').title, 'Opening Keynote: Building for the Next Decade');
    const japanese = sessionById(schedule, 'SCHED-d4e6');
    assert.equal(japanese.title, 'Kubernetes 入門 - はじめてのクラスタ運用');
    assert.deepEqual(japanese.speakers, ['山田 太郎', '佐藤 花子']);
    assert.equal(japanese.abstract, 'Kubernetes を初めて本番で運用するときに気をつけることを、実例を交えて紹介します。');
    const dashed = sessionById(schedule, 'SCHED-b8ca');
    assert.equal(dashed.title, 'Zero-Trust Networking - The Hard Way');
    assert.deepEqual(dashed.speakers, []);
  });

  it('gives an all-day event its date and no time', async () => {
    const expo = sessionById(await parseFixture('sched-devsummit.ics', 'Asia/Tokyo'), 'SCHED-e5f7');
    assert.equal(expo.date, '2024-06-12');
    assert.equal(expo.time, undefined);
  });

  it('converts UTC times so sessions land on the right local day on both sides of midnight', async () => {
    const tokyo = await parseFixture('sched-devsummit.ics', 'Asia/Tokyo');
    // 23:30 UTC on the 11th is the next morning in Tokyo; 15:00 UTC on the 12th is midnight there.
    assert.deepEqual([sessionById(tokyo, 'SCHED-b2c4').date, sessionById(tokyo, 'SCHED-b2c4').time], ['2024-06-12', '08:30–09:00']);
    assert.deepEqual([sessionById(tokyo, 'SCHED-f6a8').date, sessionById(tokyo, 'SCHED-f6a8').time], ['2024-06-13', '00:00–01:00']);
    const losAngeles = await parseFixture('sched-devsummit.ics', 'America/Los_Angeles');
    assert.deepEqual([sessionById(losAngeles, 'SCHED-a1f3').date, sessionById(losAngeles, 'SCHED-a1f3').time], ['2024-06-11', '17:00–17:30']);
    const utc = await parseFixture('sched-devsummit.ics', 'UTC');
    assert.deepEqual([sessionById(utc, 'SCHED-f6a8').date, sessionById(utc, 'SCHED-f6a8').time], ['2024-06-12', '15:00–16:00']);
  });

  it('orders sessions by local date and time, all-day events first on their day', async () => {
    const schedule = await parseFixture('sched-devsummit.ics', 'Asia/Tokyo');
    assert.deepEqual(schedule.sessions.map((session) => session.uid), [
      'SCHED-e5f7', 'SCHED-b2c4', 'SCHED-a1f3', 'SCHED-c3d5', 'SCHED-d4e6', 'SCHED-f6a8', 'SCHED-a7b9', 'SCHED-b8ca', 'SCHED-c9db',
    ]);
  });

  it('marks STATUS:CANCELLED events as cancelled', async () => {
    const schedule = await parseFixture('sched-devsummit.ics', 'Asia/Tokyo');
    assert.deepEqual(schedule.sessions.filter((session) => session.cancelled).map((session) => session.uid), ['SCHED-c9db']);
  });

  it('defaults to the system time zone', async () => {
    const implicit = await parseFixture('sched-devsummit.ics');
    const explicit = await parseFixture('sched-devsummit.ics', systemTimeZone());
    assert.deepEqual(implicit.sessions, explicit.sessions);
  });

  it('handles TZID, floating and DURATION times, and warns about unreadable ones without failing', async () => {
    const schedule = await parseFixture('odd-times.ics', 'Asia/Tokyo');
    assert.equal(schedule.conference, 'Odd Times Conf');
    // 10:00 in Berlin (summer time) is 17:00 in Tokyo.
    assert.equal(sessionById(schedule, 'odd-2').time, '17:00–18:00');
    // A Windows zone name cannot be converted: the time is kept as written, with a warning.
    assert.equal(sessionById(schedule, 'odd-3').time, '10:00–10:45');
    assert.ok(schedule.warnings.some((warning) => warning.code === 'unknown-event-time-zone' && warning.args.includes('Tokyo Standard Time')));
    // Floating times are already local.
    assert.equal(sessionById(schedule, 'odd-4').time, '14:00–15:30');
    const unreadable = sessionById(schedule, 'odd-1');
    assert.equal(unreadable.time, undefined);
    assert.ok(schedule.warnings.some((warning) => warning.code === 'bad-ics-time' && warning.args[0] === 'Unreadable start'));
    assert.equal(sessionById(schedule, 'odd-5').date, undefined);
    const skipped = schedule.warnings.find((warning) => warning.code === 'session-skipped');
    assert.deepEqual(skipped?.args, ['odd-times.ics', 'UID', '"No UID here"']);
    assert.equal(schedule.sessions.length, 5);
  });

  it('fails on a malformed file, naming it', async () => {
    const result = await parseSchedule(readScheduleFixture('malformed-unterminated.ics'), { fileName: 'malformed-unterminated.ics', timeZone: 'UTC' });
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.error.code, 'ics-malformed');
      assert.equal(result.error.args[0], 'malformed-unterminated.ics');
      assert.equal(result.error.severity, 'error');
    }
  });

  it('fails on iCalendar text without a calendar', async () => {
    const result = await parseSchedule('BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Alone\r\nEND:VEVENT\r\n', { fileName: 'event.ics', timeZone: 'UTC' });
    assert.deepEqual(result.ok ? undefined : [result.error.code, result.error.args], ['missing-structure', ['iCalendar', 'event.ics', 'BEGIN:VCALENDAR']]);
  });

  it('reads a file that starts with a byte-order mark', async () => {
    const result = await parseSchedule(`\ufeff${readScheduleFixture('sched-devsummit.ics')}`, { fileName: 'all.ics', timeZone: 'UTC' });
    assert.equal(result.ok && result.schedule.sessions.length, 9);
  });
});
