import assert from 'node:assert/strict';
import { parseFixture, sessionById } from './helpers/scheduleFixtures';

describe('schedule import: Sessionize', () => {
  it('reads the "Sessions" and the "All data" export into the same sessions', async () => {
    const grouped = await parseFixture('sessionize-cloudday-sessions.json');
    const allData = await parseFixture('sessionize-cloudday-all.json');
    assert.equal(grouped.sessions.length, 6);
    assert.deepEqual(allData.sessions, grouped.sessions);
    // No event name in the export: the file name stands in.
    assert.equal(grouped.conference, 'sessionize-cloudday-sessions');
  });

  for (const fixture of ['sessionize-cloudday-sessions.json', 'sessionize-cloudday-all.json']) {
    describe(fixture, () => {
      it('takes the tracks from the "Track" category, else the first category', async () => {
        const schedule = await parseFixture(fixture);
        assert.equal(sessionById(schedule, '612301').track, 'Cloud');
        assert.deepEqual(sessionById(schedule, '612302').tracks, ['Data & AI', 'Cloud']);
        assert.equal(sessionById(schedule, '612307').track, 'Talk');
      });

      it('reads speakers, rooms and local times as written', async () => {
        const schedule = await parseFixture(fixture, 'America/New_York');
        const handsOn = sessionById(schedule, '612303');
        assert.deepEqual(handsOn.speakers, ['Laura Gómez', 'Ethan Brooks']);
        assert.equal(handsOn.room, 'Room 3');
        assert.deepEqual([handsOn.date, handsOn.time], ['2024-11-08', '10:00–11:30']);
        assert.equal(sessionById(schedule, '612302').title, 'Serverless データ基盤の作り方');
      });

      it('puts unscheduled sessions last, without date or time', async () => {
        const schedule = await parseFixture(fixture);
        const last = schedule.sessions[schedule.sessions.length - 1];
        assert.deepEqual([last.uid, last.date, last.time], ['612305', undefined, undefined]);
      });

      it('leaves out service sessions and untitled ones, and keeps the first of a repeated id', async () => {
        const schedule = await parseFixture(fixture);
        assert.ok(!schedule.sessions.some((session) => session.title === 'Lunch'));
        assert.deepEqual(schedule.warnings.map((warning) => [warning.code, ...warning.args]), [
          ['session-skipped', fixture, 'title', 'id 612306'],
          ['service-sessions-skipped', '1'],
          ['duplicate-uid', '612304', 'Observability for Small Teams', 'Observability for Small Teams (repeat)'],
        ]);
      });
    });
  }
});
