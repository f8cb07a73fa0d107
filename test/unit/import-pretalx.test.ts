import assert from 'node:assert/strict';
import { parseSchedule } from '../../src/core/import/schedule';
import { parseFixture, readScheduleFixture, sessionById } from './helpers/scheduleFixtures';

const ASYNC_TALK = '6f1c2a9e-0b6d-5a53-9f1e-7d1a4c1b2e02';
const MIDNIGHT_HACK = '6f1c2a9e-0b6d-5a53-9f1e-7d1a4c1b2e03';
const WORKSHOP = '6f1c2a9e-0b6d-5a53-9f1e-7d1a4c1b2e04';

describe('schedule import: pretalx schedule.json', () => {
  it('reads the conference title and every event with a guid, across days and rooms', async () => {
    const schedule = await parseFixture('pretalx-rustfest.json');
    assert.equal(schedule.conference, 'RustFest Kyoto 2024');
    assert.deepEqual(schedule.sessions.map((session) => session.title), [
      'Opening Keynote: Ten Years of Rust',
      'Async Rust を本番で使う',
      'Embedded Rust Workshop, Part 1',
      'Midnight Hack Session',
      'Unsafe Code Guidelines, Explained',
      'Compile Times: A Field Guide',
    ]);
  });

  it('keeps the event’s own local time unless a zone is chosen', async () => {
    const local = sessionById(await parseFixture('pretalx-rustfest.json'), ASYNC_TALK);
    assert.deepEqual([local.date, local.time], ['2024-09-19', '10:30–11:00']);
    const berlin = await parseFixture('pretalx-rustfest.json', 'Europe/Berlin');
    assert.deepEqual([sessionById(berlin, ASYNC_TALK).date, sessionById(berlin, ASYNC_TALK).time], ['2024-09-19', '03:30–04:00']);
    assert.deepEqual([sessionById(berlin, MIDNIGHT_HACK).date, sessionById(berlin, MIDNIGHT_HACK).time], ['2024-09-19', '16:30–17:30']);
  });

  it('ends a session by its HH:MM duration, across midnight too', async () => {
    const schedule = await parseFixture('pretalx-rustfest.json');
    assert.equal(sessionById(schedule, WORKSHOP).time, '10:30–12:00');
    assert.deepEqual([sessionById(schedule, MIDNIGHT_HACK).date, sessionById(schedule, MIDNIGHT_HACK).time], ['2024-09-19', '23:30–00:30']);
  });

  it('reads track, speakers, room, url and abstract, using the type when there is no track', async () => {
    const schedule = await parseFixture('pretalx-rustfest.json');
    const talk = sessionById(schedule, ASYNC_TALK);
    assert.equal(talk.track, 'Async');
    assert.deepEqual(talk.speakers, ['鈴木 一郎', 'Grace Lee']);
    assert.equal(talk.room, 'Main Hall');
    assert.equal(talk.url, 'https://pretalx.example.org/rustfest-kyoto-2024/talk/EF34GH/');
    assert.equal(talk.abstract, '本番環境で async Rust を運用した知見を共有します。');
    assert.equal(sessionById(schedule, MIDNIGHT_HACK).track, 'Workshop');
  });

  it('skips an event without a guid and keeps the first of a repeated guid, naming both in warnings', async () => {
    const schedule = await parseFixture('pretalx-rustfest.json');
    assert.deepEqual(schedule.warnings.map((warning) => [warning.code, ...warning.args]), [
      ['session-skipped', 'pretalx-rustfest.json', 'guid', '"Talk Without a GUID"'],
      ['duplicate-uid', ASYNC_TALK, 'Async Rust を本番で使う', 'Async Rust を本番で使う (encore)'],
    ]);
  });

  it('fails on a schedule without days, naming the missing part', async () => {
    const result = await parseSchedule(readScheduleFixture('pretalx-no-days.json'), { fileName: 'pretalx-no-days.json' });
    assert.deepEqual(result.ok ? undefined : [result.error.code, result.error.args], ['missing-structure', ['frab JSON', 'pretalx-no-days.json', 'schedule.conference.days']]);
  });

  it('fails on truncated JSON', async () => {
    const result = await parseSchedule(readScheduleFixture('malformed-truncated.json'), { fileName: 'schedule.json' });
    assert.equal(result.ok ? undefined : result.error.code, 'json-malformed');
  });
});
