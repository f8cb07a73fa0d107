// pretalx `schedule.json` (the frab-compatible export):
// `schedule.conference.{title, time_zone_name, days[].rooms{room: [event]}}`, each event with `guid`,
// `title`, `track`, `type`, `date` (ISO with offset), `start`, `duration "HH:MM"`, `room`, `persons[]`.
import { importMessage, type ImportMessage } from './messages';
import { baseName, buildSchedule, distinctNames, failure, isRecord, oneLine, tooManySessions, type ScheduleParseResult, type ScheduleSession } from './scheduleModel';
import { addMinutes, formatTimeRange, isPlausibleEnd, isRealWallTime, readIsoDateTime, type WallTime } from './zonedTime';

/** True when `value` has the shape of a pretalx/frab schedule (used to tell formats apart). */
export function looksLikePretalx(value: unknown): boolean {
  return isRecord(value) && isRecord(value.schedule) && isRecord(value.schedule.conference);
}

/**
 * Times are converted to `timeZone` when one is given; otherwise they stay in the event's own zone,
 * which is how pretalx writes them.
 */
export function parsePretalx(value: unknown, fileName: string, timeZone: string | undefined): ScheduleParseResult {
  const conference = isRecord(value) && isRecord(value.schedule) && isRecord(value.schedule.conference) ? value.schedule.conference : undefined;
  if (!conference || !Array.isArray(conference.days)) {
    return failure(importMessage('missing-structure', ['pretalx', fileName, 'schedule.conference.days'], 'error'));
  }
  const slots: { day: Record<string, unknown>; roomName: string; event: unknown }[] = [];
  for (const day of conference.days) {
    if (!isRecord(day) || !isRecord(day.rooms)) continue;
    for (const [roomName, events] of Object.entries(day.rooms)) {
      if (Array.isArray(events)) for (const event of events) slots.push({ day, roomName, event });
    }
  }
  const tooMany = tooManySessions(fileName, slots.length);
  if (tooMany) return tooMany;

  const warnings: ImportMessage[] = [];
  const sessions: ScheduleSession[] = [];
  for (const { day, roomName, event } of slots) {
    const session = isRecord(event) ? readEvent(event, day, roomName, fileName, timeZone, warnings) : undefined;
    if (session) sessions.push(session);
  }
  return { ok: true, schedule: buildSchedule(oneLine(conference.title) ?? baseName(fileName), sessions, warnings, fileName) };
}

function readEvent(event: Record<string, unknown>, day: Record<string, unknown>, roomName: string, fileName: string, timeZone: string | undefined, warnings: ImportMessage[]): ScheduleSession | undefined {
  const uid = oneLine(event.guid);
  const title = oneLine(event.title);
  if (uid === undefined || title === undefined) {
    warnings.push(importMessage('session-skipped', [fileName, uid === undefined ? 'guid' : 'title', uid === undefined ? `"${title ?? ''}"` : `guid ${uid}`], 'warning'));
    return undefined;
  }
  // A conference without tracks still sorts its sessions by type (Talk, Workshop…).
  const tracks = distinctNames([oneLine(event.track) ?? oneLine(event.type)]);
  const start = startOf(event, day, timeZone);
  if (!start) warnings.push(importMessage('bad-time', [title, 'date', String(event.date ?? event.start ?? '')], 'warning'));
  const end = start && event.duration !== undefined && event.duration !== null ? endOf(start, event.duration) : undefined;
  if (start && end === undefined && event.duration !== undefined && event.duration !== null) {
    warnings.push(importMessage('bad-end-time', [title, 'duration', String(event.duration)], 'warning'));
  }
  const persons = Array.isArray(event.persons) ? event.persons : [];
  return {
    uid,
    title,
    track: tracks[0],
    tracks,
    speakers: distinctNames(persons.map((person) => (isRecord(person) ? person.public_name ?? person.name : person))),
    date: start?.date,
    time: start ? formatTimeRange(start, end) : undefined,
    room: oneLine(event.room) ?? oneLine(roomName),
    url: oneLine(event.url),
    abstract: typeof event.abstract === 'string' && event.abstract.trim() !== '' ? event.abstract.trim() : undefined,
  };
}

/** The event's `date` carries the offset; the day's date plus `start` is the fallback, already local. */
function startOf(event: Record<string, unknown>, day: Record<string, unknown>, timeZone: string | undefined): WallTime | undefined {
  if (typeof event.date === 'string') {
    const fromDate = readIsoDateTime(event.date, timeZone);
    if (fromDate) return fromDate;
  }
  if (typeof day.date === 'string' && typeof event.start === 'string' && /^\d{2}:\d{2}$/.test(event.start)) {
    const wall = { date: day.date, time: event.start };
    if (/^\d{4}-\d{2}-\d{2}$/.test(day.date) && isRealWallTime(wall)) return wall;
  }
  return undefined;
}

/** The end after a frab duration, `HH:MM` (sometimes `HH:MM:SS`); undefined when unreadable or implausible. */
function endOf(start: WallTime, duration: unknown): WallTime | undefined {
  const match = typeof duration === 'string' ? /^(\d{1,3}):([0-5]\d)(?::[0-5]\d)?$/.exec(duration.trim()) : null;
  const end = match ? addMinutes(start, Number(match[1]) * 60 + Number(match[2])) : undefined;
  return end && isPlausibleEnd(start, end) ? end : undefined;
}
