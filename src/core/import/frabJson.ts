// frab's schedule JSON (the c3voc schema): `schedule.conference.{title, time_zone_name, days[].rooms{room: [event]}}`,
// each event with `guid`, `title`, `track`, `type`, `date` (ISO with offset), `start`, `duration "HH:MM"`, `room`,
// `persons[]`, `links[]` and `attachments[]`. frab, the c3voc tools and pretalx (`/schedule/export/schedule.json`)
// write it; the frab/Pentabarf XML (frabXml.ts) is read into the same shape and through the same reader.
import { importMessage, type ImportMessage } from './messages';
import { baseName, buildSchedule, distinctNames, failure, isRecord, oneLine, tooManySessions, type ScheduleParseResult, type ScheduleSession } from './scheduleModel';
import { addMinutes, formatTimeRange, isPlausibleEnd, isRealWallTime, isValidTimeZone, readIsoDateTime, type WallTime } from './zonedTime';

/** The generator of a frab JSON, as messages name it: pretalx's export, or any other frab-shaped one. */
export type FrabJsonFlavour = 'pretalx' | 'frab';

/** True when `value` has the shape of a frab schedule JSON (used to tell formats apart). */
export function looksLikeFrabJson(value: unknown): value is { schedule: Record<string, unknown> & { conference: Record<string, unknown> } } {
  return isRecord(value) && isRecord(value.schedule) && isRecord(value.schedule.conference);
}

/** pretalx names itself in `generator` (and links its talks under `/talk/`); frab and the c3voc tools do not. */
export function frabJsonFlavour(value: { schedule: Record<string, unknown>; generator?: unknown }): FrabJsonFlavour {
  const generator = isRecord(value.generator) ? oneLine(value.generator.name) : undefined;
  return generator?.toLowerCase() === 'pretalx' ? 'pretalx' : 'frab';
}

const FLAVOUR_NAMES: Record<FrabJsonFlavour | 'frab-xml', string> = { pretalx: 'pretalx', frab: 'frab JSON', 'frab-xml': 'frab XML' };

/**
 * Times are converted to `timeZone` when one is given; otherwise they stay in the event's own zone, which is how frab
 * writes them (and the schedule's `timeZone` is its `time_zone_name`).
 */
export function parseFrabJson(value: unknown, fileName: string, timeZone: string | undefined): ScheduleParseResult {
  if (!looksLikeFrabJson(value)) return failure(importMessage('missing-structure', ['frab JSON', fileName, 'schedule.conference'], 'error'));
  return readFrabConference(value.schedule.conference, value.schedule.base_url, frabJsonFlavour(value), fileName, timeZone);
}

/** A frab conference object (from JSON, or built from the XML), with `base_url` for relative links. */
export function readFrabConference(conference: Record<string, unknown>, baseUrl: unknown, flavour: FrabJsonFlavour | 'frab-xml', fileName: string, timeZone: string | undefined): ScheduleParseResult {
  if (!Array.isArray(conference.days)) {
    return failure(importMessage('missing-structure', [FLAVOUR_NAMES[flavour], fileName, flavour === 'frab-xml' ? '<day>' : 'schedule.conference.days'], 'error'));
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

  const base = linkBase(baseUrl ?? conference.base_url);
  const warnings: ImportMessage[] = [];
  const sessions: ScheduleSession[] = [];
  for (const { day, roomName, event } of slots) {
    const session = isRecord(event) ? readEvent(event, day, roomName, base, fileName, timeZone, warnings) : undefined;
    if (session) sessions.push(session);
  }
  const ownZone = oneLine(conference.time_zone_name);
  const schedule = buildSchedule(oneLine(conference.title) ?? baseName(fileName), sessions, warnings, fileName);
  return { ok: true, schedule: { ...schedule, timeZone: timeZone ?? (ownZone !== undefined && isValidTimeZone(ownZone) ? ownZone : undefined) } };
}

function readEvent(event: Record<string, unknown>, day: Record<string, unknown>, roomName: string, base: URL | undefined, fileName: string, timeZone: string | undefined, warnings: ImportMessage[]): ScheduleSession | undefined {
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
  const links = [event.attachments, event.links].flatMap((list) => (Array.isArray(list) ? list.filter(isRecord) : []));
  const abstract = [event.abstract, event.description].find((text): text is string => typeof text === 'string' && text.trim() !== '');
  return {
    uid,
    title,
    track: tracks[0],
    tracks,
    speakers: distinctNames(persons.map((person) => (isRecord(person) ? person.public_name ?? person.name : person))),
    date: start?.date,
    time: start ? formatTimeRange(start, end) : undefined,
    room: oneLine(event.room) ?? oneLine(roomName),
    // wafer (DebConf) gives the talk's page as `full_conf_url`, the others as `url`.
    url: absoluteLink(event.url, base) ?? absoluteLink(event.full_conf_url, base),
    slides: linkOf(links, 'slides', base),
    video: linkOf(links, 'video', base),
    abstract: abstract?.trim(),
  };
}

const SLIDES = { label: /slide|folien|presentation|deck/i, address: /\.(?:pdf|pptx?|odp|key)(?:[?#]|$)/i };
const VIDEO = { label: /video|recording|aufzeichnung|mitschnitt/i, address: /\.(?:mp4|webm|mkv|ogv)(?:[?#]|$)|\/\/(?:media\.ccc\.de|(?:www\.)?youtube\.com|youtu\.be|vimeo\.com)\//i };

/** The first link (an attachment's `type`, its title or its address) that is the session's slides or its recording. */
function linkOf(links: readonly Record<string, unknown>[], kind: 'slides' | 'video', base: URL | undefined): string | undefined {
  const pattern = kind === 'slides' ? SLIDES : VIDEO;
  for (const link of links) {
    const address = absoluteLink(link.url ?? link.href, base);
    const label = `${oneLine(link.type) ?? ''} ${oneLine(link.title) ?? ''}`;
    if (address !== undefined && (pattern.label.test(label) || pattern.address.test(address))) return address;
  }
  return undefined;
}

function linkBase(value: unknown): URL | undefined {
  const text = oneLine(value);
  if (text === undefined) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** An http(s) address, relative ones resolved against the schedule's `base_url`; anything else (javascript:, mailto:) is dropped. */
function absoluteLink(value: unknown, base: URL | undefined): string | undefined {
  const text = oneLine(value);
  if (text === undefined) return undefined;
  try {
    const url = new URL(text, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
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
