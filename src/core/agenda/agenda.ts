// A personal agenda for one conference: its sessions by day and time slot on the conference's own clock, the
// overlaps between the sessions the user picked (planned or attended), and what is on now and next. The clock is
// always passed in (an instant in milliseconds), so the same agenda answers for the extension, the CLI and tests.
import type { Session, SessionStatus } from '../notes/model';
import { compareNames, sessionDay } from '../notes/noteIndex';
import { epochFromWallTime, formatTimeRange, wallTimeInZone } from '../import/zonedTime';
import { isoDateOf, minutesOf, readClockSpan } from './sessionTimes';

/** The statuses of the sessions the user picked: these are exported and checked for overlaps. */
export const PICKED_STATUSES: readonly SessionStatus[] = ['planned', 'attended'];

export function isPicked(session: Session): boolean {
  return session.status !== undefined && PICKED_STATUSES.includes(session.status);
}

/** A session where it stands in the agenda. */
export interface AgendaEntry {
  readonly session: Session;
  /** `HH:mm` on the conference's clock; undefined when the session's time is not written (or not readable). */
  readonly start?: string;
  readonly end?: string;
  /** `10:00–10:30`, or just the start when the end is not written. */
  readonly timeLabel?: string;
  /** The instants it starts and ends, when its date is an ISO date too. */
  readonly startMs?: number;
  readonly endMs?: number;
}

/** The sessions of a day that start at the same time (`start` undefined: the day's sessions without a time). */
export interface AgendaSlot {
  readonly start?: string;
  readonly entries: readonly AgendaEntry[];
}

export interface AgendaDay {
  /** The session's date (ISO) or day label (`Day 1`); undefined for the sessions that have neither. */
  readonly key: string | undefined;
  /** Set when the key is an ISO date. */
  readonly date?: string;
  readonly slots: readonly AgendaSlot[];
}

/** Two picked sessions of the same day whose times meet. */
export interface Overlap {
  readonly first: AgendaEntry;
  readonly second: AgendaEntry;
}

export interface Agenda {
  readonly conference: string;
  /** The IANA zone the times are read in. */
  readonly timeZone: string;
  /** In time order; the day without a date last. */
  readonly days: readonly AgendaDay[];
  /** In time order of the first session of each pair. */
  readonly overlaps: readonly Overlap[];
  /** Per session id, the picked sessions it overlaps. */
  readonly overlapsBySession: ReadonlyMap<string, readonly Session[]>;
}

/** How long a session without a written end counts as running, unless the next session of its day starts sooner. */
export const OPEN_END_MINUTES = 60;

function entryOf(session: Session, timeZone: string): AgendaEntry {
  const span = readClockSpan(session.time);
  if (!span) return { session };
  const timeLabel = formatTimeRange({ date: '', time: span.start }, span.end === undefined ? undefined : { date: '', time: span.end });
  const date = isoDateOf(session.date);
  if (date === undefined) return { session, start: span.start, end: span.end, timeLabel };
  const startMs = epochFromWallTime({ date, time: span.start }, timeZone);
  let endMs: number | undefined;
  if (span.end !== undefined) {
    const sameDayEnd = epochFromWallTime({ date, time: span.end }, timeZone);
    endMs = span.endsNextDay ? sameDayEnd + 24 * 60 * 60_000 : sameDayEnd;
  }
  return { session, start: span.start, end: span.end, timeLabel, startMs, endMs };
}

function compareEntries(a: AgendaEntry, b: AgendaEntry): number {
  return compareNames(a.start, b.start) || compareNames(a.session.room, b.session.room) || compareNames(a.session.title, b.session.title) || compareNames(a.session.id, b.session.id);
}

/** The session's span in minutes from the start of its day; an unwritten end is the start itself. */
function minutesSpan(entry: AgendaEntry): { from: number; to: number } {
  const from = minutesOf(entry.start as string);
  if (entry.end === undefined) return { from, to: from };
  const to = minutesOf(entry.end);
  return { from, to: to < from ? to + 24 * 60 : to };
}

/**
 * Picked sessions whose times meet: they start together, or one starts while the other runs. Sessions without a
 * written end are a point in time. A sweep in start order, so the work grows with the overlaps found, not with
 * the square of the day's sessions.
 */
function overlapsOfDay(day: AgendaDay): Overlap[] {
  const picked = day.slots.flatMap((slot) => slot.entries).filter((entry) => entry.start !== undefined && isPicked(entry.session));
  const overlaps: Overlap[] = [];
  picked.forEach((first, i) => {
    const { from, to } = minutesSpan(first);
    for (const second of picked.slice(i + 1)) {
      const other = minutesSpan(second).from;
      if (other > from && other >= to) break;
      overlaps.push({ first, second });
    }
  });
  return overlaps;
}

/** The agenda of `conference` from its sessions (any order), with times read in `timeZone` (a valid IANA zone). */
export function buildAgenda(conference: string, sessions: readonly Session[], timeZone: string): Agenda {
  const byDay = new Map<string | undefined, AgendaEntry[]>();
  for (const session of sessions) {
    if (session.conference !== conference) continue;
    const key = sessionDay(session);
    let entries = byDay.get(key);
    if (!entries) byDay.set(key, (entries = []));
    entries.push(entryOf(session, timeZone));
  }
  const days: AgendaDay[] = [...byDay.keys()].sort(compareNames).map((key) => {
    const entries = (byDay.get(key) as AgendaEntry[]).sort(compareEntries);
    const slots: AgendaSlot[] = [];
    for (const entry of entries) {
      const last = slots.at(-1);
      if (last && last.start === entry.start) (last.entries as AgendaEntry[]).push(entry);
      else slots.push({ start: entry.start, entries: [entry] });
    }
    return { key, date: isoDateOf(key), slots };
  });
  const overlaps = days.flatMap(overlapsOfDay);
  const overlapsBySession = new Map<string, Session[]>();
  const note = (entry: AgendaEntry, other: AgendaEntry) => {
    const list = overlapsBySession.get(entry.session.id);
    if (list) list.push(other.session);
    else overlapsBySession.set(entry.session.id, [other.session]);
  };
  for (const { first, second } of overlaps) {
    note(first, second);
    note(second, first);
  }
  return { conference, timeZone, days, overlaps, overlapsBySession };
}

/** Every entry of the agenda, day by day in time order. */
export function agendaEntries(agenda: Agenda): AgendaEntry[] {
  return agenda.days.flatMap((day) => day.slots.flatMap((slot) => slot.entries));
}

/** The ISO date that clocks in the conference's zone show at `atMs`. */
export function conferenceDate(agenda: Pick<Agenda, 'timeZone'>, atMs: number): string {
  return wallTimeInZone(atMs, agenda.timeZone).date;
}

/** The agenda's day at `atMs`, if the conference has sessions on that date: the conference is on. */
export function dayAt(agenda: Agenda, atMs: number): AgendaDay | undefined {
  const today = conferenceDate(agenda, atMs);
  return agenda.days.find((day) => day.date === today);
}

/** The planned sessions on the conference's date at `atMs` (zero when the conference is not on). */
export function plannedToday(agenda: Agenda, atMs: number): number {
  const day = dayAt(agenda, atMs);
  return day ? day.slots.reduce((sum, slot) => sum + slot.entries.filter((entry) => entry.session.status === 'planned').length, 0) : 0;
}

/**
 * The sessions Now / Next speaks of: the user's picks, or — while nothing is picked — every session that is neither
 * skipped nor cancelled, so a freshly written agenda still says what comes next.
 */
export function followedEntries(agenda: Agenda): AgendaEntry[] {
  const timed = agendaEntries(agenda).filter((entry) => entry.startMs !== undefined);
  const picked = timed.filter((entry) => isPicked(entry.session));
  return picked.length > 0 ? picked : timed.filter((entry) => entry.session.status !== 'skipped' && entry.session.status !== 'cancelled');
}

export interface NowAndNext {
  /** Running at the instant, earliest start first. */
  readonly now: readonly AgendaEntry[];
  /** Those starting next after the instant (several when they start together). */
  readonly next: readonly AgendaEntry[];
}

/**
 * What of `entries` runs at `atMs` and what starts next. A session without a written end runs until the next of
 * the given sessions starts, at most OPEN_END_MINUTES.
 */
export function nowAndNext(entries: readonly AgendaEntry[], atMs: number): NowAndNext {
  const timed = entries.filter((entry) => entry.startMs !== undefined).sort((a, b) => (a.startMs as number) - (b.startMs as number));
  const runsUntil = (entry: AgendaEntry): number => {
    if (entry.endMs !== undefined) return entry.endMs;
    const start = entry.startMs as number;
    const following = timed.find((other) => (other.startMs as number) > start)?.startMs;
    return Math.min(start + OPEN_END_MINUTES * 60_000, following ?? Infinity);
  };
  const now = timed.filter((entry) => (entry.startMs as number) <= atMs && atMs < runsUntil(entry));
  const upcoming = timed.find((entry) => (entry.startMs as number) > atMs)?.startMs;
  const next = upcoming === undefined ? [] : timed.filter((entry) => entry.startMs === upcoming);
  return { now, next };
}

