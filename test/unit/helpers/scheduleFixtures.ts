// Reads the hand-written schedule exports in test/fixtures/schedules and parses them, failing the test
// when a fixture that should parse does not.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatImportMessage, parseSchedule, type ImportedSchedule } from '../../../src/core/import/schedule';

export const SCHEDULE_FIXTURES = join(__dirname, '..', '..', 'fixtures', 'schedules');

export function readScheduleFixture(name: string): string {
  return readFileSync(join(SCHEDULE_FIXTURES, name), 'utf8');
}

export async function parseFixture(name: string, timeZone?: string): Promise<ImportedSchedule> {
  const result = await parseSchedule(readScheduleFixture(name), { fileName: name, timeZone });
  if (!result.ok) assert.fail(`${name} did not parse: ${formatImportMessage(result.error)}`);
  return result.schedule;
}

export function sessionById(schedule: ImportedSchedule, uid: string) {
  const session = schedule.sessions.find((candidate) => candidate.uid === uid);
  assert.ok(session, `no session ${uid}`);
  return session;
}
