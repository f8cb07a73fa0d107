// sched.com iCalendar export (`https://<event>.sched.com/all.ics`), read with ical.js. sched writes
// times in UTC (`X-WR-TIMEZONE:UTC`) and never the event's own zone, so the caller names the zone the
// notes should use; DTSTART with a TZID or floating times from other tools are handled too.
import { importMessage, type ImportMessage } from './messages';
import { baseName, buildSchedule, distinctNames, failure, oneLine, tooManySessions, type ScheduleParseResult, type ScheduleSession } from './scheduleModel';
import { addMinutes, epochFromWallTime, formatTimeRange, isPlausibleEnd, isRealWallTime, isValidTimeZone, wallTimeInZone, type WallTime } from './zonedTime';

// ical.js is loaded on first use only: it is the largest dependency and most sessions never import.
const loadIcal = async () => (await import('ical.js')).default;
type Ical = Awaited<ReturnType<typeof loadIcal>>;
type Component = InstanceType<Ical['Component']>;
type Property = InstanceType<Ical['Property']>;
type IcalTime = InstanceType<Ical['Time']>;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

interface EventTimes {
  readonly start?: WallTime;
  readonly end?: WallTime;
  readonly allDay: boolean;
}

export async function parseIcs(text: string, fileName: string, timeZone: string): Promise<ScheduleParseResult> {
  const ICAL = await loadIcal();
  let parsed: unknown[];
  try {
    parsed = ICAL.parse(text) as unknown[];
  } catch (error) {
    return failure(importMessage('ics-malformed', [fileName, error instanceof Error ? error.message : String(error)], 'error'));
  }
  // ICAL.parse returns one jCal component, or an array of them when the text holds several.
  return readJcal(ICAL, typeof parsed[0] === 'string' ? [parsed] : parsed, fileName, timeZone);
}

/** Reads jCal (RFC 7265) components: what ical.js parses an .ics into, and what xcal.ts turns an xCal document into. */
export async function parseJcal(components: readonly unknown[], fileName: string, timeZone: string): Promise<ScheduleParseResult> {
  return readJcal(await loadIcal(), components, fileName, timeZone);
}

function readJcal(ICAL: Ical, jCal: readonly unknown[], fileName: string, timeZone: string): ScheduleParseResult {
  const components = jCal.map((component) => new ICAL.Component(component as unknown[]));
  const calendars = components.filter((component) => component.name === 'vcalendar');
  if (calendars.length === 0) return failure(importMessage('missing-structure', ['iCalendar', fileName, 'BEGIN:VCALENDAR'], 'error'));
  const events = calendars.flatMap((calendar) => calendar.getAllSubcomponents('vevent'));
  const tooMany = tooManySessions(fileName, events.length);
  if (tooMany) return tooMany;

  const warnings: ImportMessage[] = [];
  const sessions: ScheduleSession[] = [];
  for (const event of events) {
    const session = readEvent(ICAL, event, fileName, timeZone, warnings);
    if (session) sessions.push(session);
  }
  const conference = oneLine(calendars[0].getFirstPropertyValue('x-wr-calname')) ?? baseName(fileName);
  return { ok: true, schedule: { ...buildSchedule(conference, sessions, warnings, fileName), timeZone } };
}

function readEvent(ICAL: Ical, event: Component, fileName: string, timeZone: string, warnings: ImportMessage[]): ScheduleSession | undefined {
  const uid = oneLine(event.getFirstPropertyValue('uid'));
  const summary = oneLine(event.getFirstPropertyValue('summary'));
  if (uid === undefined || summary === undefined) {
    warnings.push(importMessage('session-skipped', [fileName, uid === undefined ? 'UID' : 'SUMMARY', uid === undefined ? `"${summary ?? ''}"` : `UID ${uid}`], 'warning'));
    return undefined;
  }
  const description = textValue(event, 'description');
  const named = speakersFromDescription(description);
  const abstract = named.length > 0 ? description?.replace(SPEAKERS_LINE, '').trim() || undefined : description;
  // Other tools than sched name the speakers as attendees (`ATTENDEE;CN=Jane Doe`).
  const attendees = distinctNames(event.getAllProperties('attendee').map((property) => property.getParameter('cn')));
  const split = named.length > 0 || attendees.length > 0 ? { title: summary, speakers: named.length > 0 ? named : attendees } : splitSchedSummary(summary);
  const tracks = distinctNames(event.getAllProperties('categories').flatMap((property) => property.getValues()));
  const times = eventTimes(ICAL, event, split.title, timeZone, warnings);
  return {
    uid,
    title: split.title,
    track: tracks[0],
    tracks,
    speakers: split.speakers,
    date: times.start?.date,
    time: times.start && !times.allDay ? formatTimeRange(times.start, times.end) : undefined,
    room: roomOf(textValue(event, 'location')),
    url: oneLine(event.getFirstPropertyValue('url')),
    abstract,
    cancelled: textValue(event, 'status')?.toUpperCase() === 'CANCELLED' ? true : undefined,
  };
}

function textValue(event: Component, name: string): string | undefined {
  const value = event.getFirstPropertyValue(name);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

const SPEAKERS_LINE = /^\s*speakers?\s*:\s*(.+)$/im;

/** A `Speakers: A, B` (or `Speaker:`) line in the description, as some sched events carry. */
function speakersFromDescription(description: string | undefined): string[] {
  const line = description && SPEAKERS_LINE.exec(description);
  return line ? distinctNames(line[1].split(/\s*(?:[,;]|\s&\s)\s*/)) : [];
}

/**
 * sched appends the speakers to the title: `Title - Jane Doe, Acme & John Roe, Initech`. The suffix is
 * only taken as speakers when every `&`-separated part has the `Name, Company` shape, so a title such as
 * `Kubernetes - The Hard Way` stays whole.
 */
function splitSchedSummary(summary: string): { title: string; speakers: string[] } {
  const dash = summary.lastIndexOf(' - ');
  if (dash > 0) {
    const parts = summary.slice(dash + 3).split(/\s+&\s+|;\s*/);
    if (parts.every((part) => /^[^,]+, \S/.test(part))) {
      return { title: summary.slice(0, dash).trim(), speakers: distinctNames(parts.map((part) => part.split(',')[0])) };
    }
  }
  return { title: summary, speakers: [] };
}

/** sched writes the room first, often followed by the venue's address: `Room 6A, Convention Center, …`. */
function roomOf(location: string | undefined): string | undefined {
  return oneLine(location?.split(',')[0]);
}

function eventTimes(ICAL: Ical, event: Component, title: string, timeZone: string, warnings: ImportMessage[]): EventTimes {
  const startProperty = event.getFirstProperty('dtstart');
  if (!startProperty) return { allDay: false };
  const startTime = readTime(startProperty);
  if (!startTime) {
    // The text may be garbled beyond quoting (ical.js reformats what it cannot read), so only the property is named.
    warnings.push(importMessage('bad-ics-time', [title, 'DTSTART'], 'warning'));
    return { allDay: false };
  }
  if (startTime.isDate) return { start: { date: dateOf(startTime), time: '00:00' }, allDay: true };
  const start = wallTime(startProperty, startTime, title, timeZone, warnings);
  // RFC 5545 gives either DTEND or DURATION.
  const endSource = event.getFirstProperty('dtend') ?? event.getFirstProperty('duration');
  if (!endSource) return { start, allDay: false };
  const end = endOf(ICAL, endSource, start, title, timeZone, warnings);
  if (end && isPlausibleEnd(start, end)) return { start, end, allDay: false };
  warnings.push(importMessage('bad-end-time', [title, endSource.name.toUpperCase(), writtenValue(endSource) ?? ''], 'warning'));
  return { start, allDay: false };
}

function endOf(ICAL: Ical, property: Property, start: WallTime, title: string, timeZone: string, warnings: ImportMessage[]): WallTime | undefined {
  if (property.name === 'duration') {
    const duration = readValue(property);
    return duration instanceof ICAL.Duration ? addMinutes(start, Math.round(duration.toSeconds() / 60)) : undefined;
  }
  const time = readTime(property);
  return time && !time.isDate ? wallTime(property, time, title, timeZone, warnings) : undefined;
}

/** ical.js decodes values lazily and throws on an unreadable one. */
function readValue(property: Property): unknown {
  try {
    return property.getFirstValue();
  } catch {
    return undefined;
  }
}

/** The value as the file gives it: once decoded, ical.js has rolled a month 13 or a 25:00 into another date. */
function writtenValue(property: Property): string | undefined {
  const value: unknown = property.toJSON()[3];
  return typeof value === 'string' ? value : undefined;
}

const ICS_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})Z?)?$/;

/** A DTSTART/DTEND value, or undefined when unreadable or not a real date and time (February 30, 25:00…). */
function readTime(property: Property): IcalTime | undefined {
  const match = ICS_DATE_TIME.exec(writtenValue(property) ?? '');
  if (!match) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00'] = match;
  if (Number(second) > 59 || !isRealWallTime({ date: `${year}-${month}-${day}`, time: `${hour}:${minute}` })) return undefined;
  const time = readValue(property) as IcalTime | undefined;
  return typeof time === 'object' && time !== null && typeof time.isDate === 'boolean' ? time : undefined;
}

/** The DTSTART/DTEND wall time in `timeZone`: UTC and TZID times are converted, floating ones kept. */
function wallTime(property: Property, time: IcalTime, title: string, timeZone: string, warnings: ImportMessage[]): WallTime {
  const written: WallTime = { date: dateOf(time), time: `${pad(time.hour)}:${pad(time.minute)}` };
  if (time.zone?.tzid === 'UTC') {
    return wallTimeInZone(Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute), timeZone);
  }
  const tzid = property.getParameter('tzid');
  if (typeof tzid !== 'string') return written;
  if (!isValidTimeZone(tzid)) {
    warnings.push(importMessage('unknown-event-time-zone', [title, tzid], 'warning'));
    return written;
  }
  return wallTimeInZone(epochFromWallTime(written, tzid), timeZone);
}

function dateOf(time: IcalTime): string {
  return `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`;
}
