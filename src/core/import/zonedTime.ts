// Wall-clock times in a named time zone, without Node: `Intl.DateTimeFormat` with `timeZone` works in
// Node, browsers and web workers alike. A wall time is kept as plain strings so no `Date` ever carries
// the machine's own zone into the notes.

/** A local date and time as written in a note: `YYYY-MM-DD` and `HH:mm`. */
export interface WallTime {
  readonly date: string;
  readonly time: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone of the machine (or browser) running the import: the default when the user names none. */
export function systemTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** The wall time at instant `epochMs` in `timeZone` (which must be valid). */
export function wallTimeInZone(epochMs: number, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

function wallTimeAsUtcMs(wall: WallTime): number {
  const [year, month, day] = wall.date.split('-').map(Number);
  const [hour, minute] = wall.time.split(':').map(Number);
  return Date.UTC(year, month - 1, day, hour, minute);
}

/** The instant at which clocks in `timeZone` show `wall` (the earlier one when a DST change repeats it). */
export function epochFromWallTime(wall: WallTime, timeZone: string): number {
  const asUtc = wallTimeAsUtcMs(wall);
  // The zone's offset at a nearby instant, then once more at the corrected instant: two steps settle
  // every real-world offset change.
  let epoch = asUtc;
  for (let step = 0; step < 2; step++) epoch = asUtc - (wallTimeAsUtcMs(wallTimeInZone(epoch, timeZone)) - epoch);
  return epoch;
}

/** A wall time `minutes` later on the same clock (used for frab durations, where no zone is at hand). */
export function addMinutes(wall: WallTime, minutes: number): WallTime {
  const shifted = new Date(wallTimeAsUtcMs(wall) + minutes * 60_000);
  return {
    date: `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`,
    time: `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`,
  };
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Reads an ISO 8601 date-time such as pretalx's `2024-05-01T10:00:00+02:00` or Sessionize's
 * `2024-05-01T10:00:00`. With an offset (or `Z`) and a target zone the time is converted to that zone;
 * otherwise it is kept as written, which is the event's own local time. Undefined when unreadable.
 */
export function readIsoDateTime(text: string, timeZone: string | undefined): WallTime | undefined {
  const match = ISO_DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, offset] = match;
  const written: WallTime = { date: `${year}-${month}-${day}`, time: `${hour}:${minute}` };
  if (!isRealWallTime(written) || (offset !== undefined && !isRealOffset(offset))) return undefined;
  if (offset === undefined || timeZone === undefined) return written;
  const offsetMinutes = offset === 'Z' ? 0 : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(-2)));
  return wallTimeInZone(wallTimeAsUtcMs(written) - offsetMinutes * 60_000, timeZone);
}

/** `Z` or an offset clocks really use: at most 14 hours, minutes below 60 (`+25:00` would shift the day). */
function isRealOffset(offset: string): boolean {
  return offset === 'Z' || (Number(offset.slice(1, 3)) <= 14 && Number(offset.slice(-2)) < 60);
}

/** Longer spans are data errors, not sessions: their end is not written. */
const MAX_SESSION_MINUTES = 24 * 60;

/** True when `end` comes after `start` on the same clock, by at most a day. */
export function isPlausibleEnd(start: WallTime, end: WallTime): boolean {
  const minutes = (wallTimeAsUtcMs(end) - wallTimeAsUtcMs(start)) / 60_000;
  return minutes > 0 && minutes <= MAX_SESSION_MINUTES;
}

/** False for values such as month 13 or 25:00 that `Date.UTC` would silently roll over. */
export function isRealWallTime(wall: WallTime): boolean {
  const [year, month, day] = wall.date.split('-').map(Number);
  const [hour, minute] = wall.time.split(':').map(Number);
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day
    && probe.getUTCHours() === hour && probe.getUTCMinutes() === minute;
}

/** `10:00–10:30` (en dash), or just the start when the end is unknown. */
export function formatTimeRange(start: WallTime, end: WallTime | undefined): string {
  return end ? `${start.time}\u2013${end.time}` : start.time;
}
