import assert from 'node:assert/strict';
import {
  IMPORT_MESSAGES, MAX_SCHEDULE_SESSIONS, MAX_SCHEDULE_TEXT_LENGTH, detectScheduleFormat, formatImportMessage, parseSchedule, scheduleStats,
} from '../../src/core/import/schedule';
import { parseFixture, readScheduleFixture } from './helpers/scheduleFixtures';

async function errorOf(text: string, fileName: string, timeZone?: string) {
  const result = await parseSchedule(text, { fileName, timeZone });
  assert.equal(result.ok, false, `${fileName} should not parse`);
  return result.ok ? assert.fail() : result.error;
}

describe('schedule import: formats, limits and messages', () => {
  it('tells the formats apart by content', () => {
    assert.equal(detectScheduleFormat(readScheduleFixture('sched-devsummit.ics'), 'download'), 'ics');
    assert.equal(detectScheduleFormat(readScheduleFixture('pretalx-rustfest.json'), 'schedule.json'), 'pretalx');
    assert.equal(detectScheduleFormat(readScheduleFixture('sessionize-cloudday-sessions.json'), 'export.json'), 'sessionize');
    assert.equal(detectScheduleFormat(readScheduleFixture('sessionize-cloudday-all.json'), 'export.json'), 'sessionize');
    assert.equal(detectScheduleFormat(readScheduleFixture('not-a-schedule.json'), 'package.json'), undefined);
    assert.equal(detectScheduleFormat('# Notes', 'notes.md'), undefined);
  });

  it('refuses an unknown time zone before reading anything', async () => {
    const error = await errorOf(readScheduleFixture('sched-devsummit.ics'), 'all.ics', 'Mars/Olympus_Mons');
    assert.deepEqual([error.code, error.args], ['invalid-time-zone', ['Mars/Olympus_Mons']]);
  });

  it('refuses text over the size limit', async () => {
    const error = await errorOf(' '.repeat(MAX_SCHEDULE_TEXT_LENGTH + 1), 'huge.json');
    assert.deepEqual([error.code, error.args], ['too-large', ['huge.json', '20', '20']]);
  });

  it('refuses schedules with more sessions than the limit', async () => {
    const sessions = Array.from({ length: MAX_SCHEDULE_SESSIONS + 1 }, (_, index) => ({ id: String(index), title: `Talk ${index}` }));
    const error = await errorOf(JSON.stringify({ sessions }), 'big.json');
    assert.deepEqual([error.code, error.args], ['too-many-sessions', ['big.json', String(MAX_SCHEDULE_SESSIONS + 1), String(MAX_SCHEDULE_SESSIONS)]]);
  });

  it('names the file when it is neither a known export nor readable JSON', async () => {
    assert.equal((await errorOf(readScheduleFixture('not-a-schedule.json'), 'package.json')).code, 'unknown-format');
    assert.equal((await errorOf('just some notes', 'notes.txt')).code, 'unknown-format');
    const malformed = await errorOf('{"sessions": [', 'export.json');
    assert.equal(malformed.code, 'json-malformed');
    assert.equal(malformed.args[0], 'export.json');
  });

  it('counts sessions, tracks, days and cancelled sessions for the preview', async () => {
    assert.deepEqual(scheduleStats(await parseFixture('sched-devsummit.ics', 'Asia/Tokyo')), { sessions: 9, tracks: 7, days: 2, cancelled: 1 });
    assert.deepEqual(scheduleStats(await parseFixture('sessionize-cloudday-all.json')), { sessions: 6, tracks: 4, days: 1, cancelled: 0 });
  });

  it('fills every placeholder of every warning the fixtures produce', async () => {
    const fixtures = ['sched-devsummit.ics', 'odd-times.ics', 'pretalx-rustfest.json', 'sessionize-cloudday-all.json', 'sessionize-cloudday-sessions.json'];
    for (const fixture of fixtures) {
      for (const warning of (await parseFixture(fixture, 'UTC')).warnings) {
        assert.equal(warning.message, IMPORT_MESSAGES[warning.code]);
        assert.doesNotMatch(formatImportMessage(warning), /\{\d+\}/, `${fixture}: ${warning.code}`);
      }
    }
  });
});
