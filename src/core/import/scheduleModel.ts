// The common model every schedule parser produces, and the steps they share: size limits, duplicate
// UIDs, ordering by time.
import { importMessage, type ImportMessage } from './messages';
import { withoutControlCharacters } from './controlCharacters';

/** One session of an imported schedule. Times are wall-clock strings in the chosen zone, never `Date`s. */
export interface ScheduleSession {
  /** sched `UID`, pretalx `guid`, Sessionize `id`: what re-import matches on. */
  readonly uid: string;
  readonly title: string;
  /** The first of `tracks`: the track heading the session goes under. */
  readonly track?: string;
  readonly tracks: readonly string[];
  readonly speakers: readonly string[];
  /** `YYYY-MM-DD`. */
  readonly date?: string;
  /** `HH:mm–HH:mm`, or `HH:mm` when the end is unknown; absent for all-day events. */
  readonly time?: string;
  readonly room?: string;
  readonly url?: string;
  /** Slides and the recording, where the schedule links them (frab `attachments`/`links`). */
  readonly slides?: string;
  readonly video?: string;
  readonly abstract?: string;
  readonly cancelled?: boolean;
}

export interface ImportedSchedule {
  readonly conference: string;
  /** Ordered by date and time; sessions without a date last. */
  readonly sessions: readonly ScheduleSession[];
  readonly warnings: readonly ImportMessage[];
  /** The IANA zone the times are written in, when the schedule names its own (frab `time_zone_name`, an xCal TZID). */
  readonly timeZone?: string;
  /** The URL the schedule was fetched from: written into the notes so Refresh Schedule knows where to look. */
  readonly source?: string;
}

export type ScheduleParseResult =
  | { readonly ok: true; readonly schedule: ImportedSchedule }
  | { readonly ok: false; readonly error: ImportMessage };

/** Larger text is refused before parsing: no real conference schedule comes near it. */
export const MAX_SCHEDULE_TEXT_LENGTH = 20 * 1024 * 1024;
export const MAX_SCHEDULE_SESSIONS = 20_000;

export function failure(error: ImportMessage): ScheduleParseResult {
  return { ok: false, error };
}

export function tooManySessions(fileName: string, count: number): ScheduleParseResult | undefined {
  return count > MAX_SCHEDULE_SESSIONS
    ? failure(importMessage('too-many-sessions', [fileName, count, MAX_SCHEDULE_SESSIONS], 'error'))
    : undefined;
}

/** Collapses the whitespace of a one-line value (titles, rooms, names) and drops it when empty. */
export function oneLine(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

/** Keeps the first of each name, in order, ignoring blanks. */
export function distinctNames(names: Iterable<unknown>): string[] {
  const seen = new Set<string>();
  for (const name of names) {
    const text = oneLine(name);
    if (text !== undefined) seen.add(text);
  }
  return [...seen];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sortKey(session: ScheduleSession): string {
  // Sessions without a date sort after every date; all-day events before timed ones of their day.
  return `${session.date ?? '\uffff'} ${session.time ?? ''}`;
}

/** Every text of a session without control characters; one-line values lose the blanks a stripped character left. */
function sanitizedSession(session: ScheduleSession): ScheduleSession {
  const line = (text: string) => oneLine(withoutControlCharacters(text)) ?? '';
  const optionalLine = (text: string | undefined) => (text === undefined ? undefined : oneLine(withoutControlCharacters(text)));
  const names = (list: readonly string[]) => distinctNames(list.map(withoutControlCharacters));
  return {
    ...session,
    uid: line(session.uid),
    title: line(session.title),
    track: optionalLine(session.track),
    tracks: names(session.tracks),
    speakers: names(session.speakers),
    room: optionalLine(session.room),
    url: optionalLine(session.url),
    slides: optionalLine(session.slides),
    video: optionalLine(session.video),
    abstract: session.abstract === undefined ? undefined : withoutControlCharacters(session.abstract),
  };
}

/**
 * The schedule every parser returns: texts without control characters, repeated UIDs dropped (keeping the first,
 * with a warning), sessions ordered by time.
 */
export function buildSchedule(conference: string, sessions: readonly ScheduleSession[], warnings: readonly ImportMessage[], fileName: string): ImportedSchedule {
  const byUid = new Map<string, ScheduleSession>();
  const allWarnings = [...warnings];
  for (const session of sessions.map(sanitizedSession)) {
    const first = byUid.get(session.uid);
    if (first) allWarnings.push(importMessage('duplicate-uid', [session.uid, first.title, session.title], 'warning'));
    else byUid.set(session.uid, session);
  }
  if (byUid.size === 0) allWarnings.push(importMessage('empty-schedule', [fileName], 'warning'));
  // Array.prototype.sort is stable, so equal times keep the order of the file.
  const ordered = [...byUid.values()].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  return { conference: oneLine(withoutControlCharacters(conference)) ?? baseName(fileName), sessions: ordered, warnings: allWarnings };
}

/** The file name without its extension: the conference name when the file names none. */
export function baseName(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(0, dot) : last;
}
