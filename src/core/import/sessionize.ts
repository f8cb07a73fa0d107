// Sessionize API exports, in both shapes:
// - "Sessions" (`/view/Sessions`): an array of groups `{groupName, sessions[]}` (or a bare `{sessions[]}`)
//   whose sessions embed `speakers[{id, name}]`, `categories[{name, categoryItems[{name}]}]` and `room`;
// - "All data" (`/view/All`): `{sessions[], speakers[], categories[], rooms[]}` where sessions refer to
//   speakers, category items and rooms by id.
// Times (`startsAt`, `endsAt`) are the event's local time without an offset, so they are kept as written.
import { importMessage, type ImportMessage } from './messages';
import { baseName, buildSchedule, distinctNames, failure, isRecord, oneLine, tooManySessions, type ScheduleParseResult, type ScheduleSession } from './scheduleModel';
import { formatTimeRange, isPlausibleEnd, readIsoDateTime } from './zonedTime';

/** A session's categories with the names of its chosen items, whichever shape they came from. */
interface Category {
  readonly name: string;
  readonly items: readonly string[];
}

/** Lookups that the "All data" shape keeps at the top level. */
interface Lookups {
  readonly speakers: ReadonlyMap<string, string>;
  readonly categoryItems: ReadonlyMap<string, { category: string; item: string }>;
  readonly rooms: ReadonlyMap<string, string>;
}

const NO_LOOKUPS: Lookups = { speakers: new Map(), categoryItems: new Map(), rooms: new Map() };

/** True when `value` has the shape of either Sessionize export (used to tell formats apart). */
export function looksLikeSessionize(value: unknown): boolean {
  if (isRecord(value)) return Array.isArray(value.sessions);
  return Array.isArray(value) && value.length > 0 && isRecord(value[0]) && (Array.isArray(value[0].sessions) || 'startsAt' in value[0]);
}

export function parseSessionize(value: unknown, fileName: string, timeZone: string | undefined): ScheduleParseResult {
  const rawSessions = sessionsOf(value);
  if (!rawSessions) return failure(importMessage('missing-structure', ['Sessionize', fileName, 'sessions'], 'error'));
  const tooMany = tooManySessions(fileName, rawSessions.length);
  if (tooMany) return tooMany;

  const lookups = isRecord(value) ? allDataLookups(value) : NO_LOOKUPS;
  const warnings: ImportMessage[] = [];
  const sessions: ScheduleSession[] = [];
  let serviceSessions = 0;
  for (const raw of rawSessions) {
    if (!isRecord(raw)) continue;
    // Breaks and meals are not sessions anyone takes notes on.
    if (raw.isServiceSession === true) {
      serviceSessions++;
      continue;
    }
    const session = readSession(raw, lookups, fileName, timeZone, warnings);
    if (session) sessions.push(session);
  }
  if (serviceSessions > 0) warnings.push(importMessage('service-sessions-skipped', [serviceSessions], 'info'));
  return { ok: true, schedule: buildSchedule(baseName(fileName), sessions, warnings, fileName) };
}

function sessionsOf(value: unknown): unknown[] | undefined {
  if (isRecord(value)) return Array.isArray(value.sessions) ? value.sessions : undefined;
  if (!Array.isArray(value)) return undefined;
  // The grouped "Sessions" view: one group per day, room or "All", each with its sessions.
  const grouped = value.every((group) => isRecord(group) && Array.isArray(group.sessions));
  return grouped ? value.flatMap((group) => (group as { sessions: unknown[] }).sessions) : value;
}

function idMap(entries: unknown, name: (entry: Record<string, unknown>) => unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (Array.isArray(entries)) {
    for (const entry of entries) {
      const id = isRecord(entry) ? oneLine(entry.id) : undefined;
      const text = id === undefined ? undefined : oneLine(name(entry as Record<string, unknown>));
      if (id !== undefined && text !== undefined) map.set(id, text);
    }
  }
  return map;
}

function allDataLookups(root: Record<string, unknown>): Lookups {
  const categoryItems = new Map<string, { category: string; item: string }>();
  for (const category of Array.isArray(root.categories) ? root.categories : []) {
    const categoryName = isRecord(category) ? oneLine(category.title ?? category.name) : undefined;
    if (!isRecord(category) || categoryName === undefined) continue;
    for (const [id, item] of idMap(category.items, (entry) => entry.name)) categoryItems.set(id, { category: categoryName, item });
  }
  return {
    speakers: idMap(root.speakers, (speaker) => speaker.fullName ?? [speaker.firstName, speaker.lastName].filter(Boolean).join(' ')),
    categoryItems,
    rooms: idMap(root.rooms, (room) => room.name),
  };
}

function categoriesOf(raw: Record<string, unknown>, lookups: Lookups): Category[] {
  if (Array.isArray(raw.categories)) {
    return raw.categories.filter(isRecord).map((category) => ({
      name: oneLine(category.name) ?? '',
      items: distinctNames(Array.isArray(category.categoryItems) ? category.categoryItems.map((item) => (isRecord(item) ? item.name : undefined)) : []),
    }));
  }
  const byCategory = new Map<string, string[]>();
  for (const id of Array.isArray(raw.categoryItems) ? raw.categoryItems : []) {
    const entry = lookups.categoryItems.get(String(id));
    if (entry) byCategory.set(entry.category, [...(byCategory.get(entry.category) ?? []), entry.item]);
  }
  return [...byCategory].map(([name, items]) => ({ name, items }));
}

/** The category named like "Track" holds the tracks; without one, the first category (often the format). */
function tracksOf(categories: readonly Category[]): string[] {
  const withItems = categories.filter((category) => category.items.length > 0);
  const trackCategory = withItems.find((category) => /track|トラック/i.test(category.name)) ?? withItems[0];
  return trackCategory ? [...trackCategory.items] : [];
}

function readSession(raw: Record<string, unknown>, lookups: Lookups, fileName: string, timeZone: string | undefined, warnings: ImportMessage[]): ScheduleSession | undefined {
  const uid = oneLine(raw.id);
  const title = oneLine(raw.title);
  if (uid === undefined || title === undefined) {
    warnings.push(importMessage('session-skipped', [fileName, uid === undefined ? 'id' : 'title', uid === undefined ? `"${title ?? ''}"` : `id ${uid}`], 'warning'));
    return undefined;
  }
  const speakers = Array.isArray(raw.speakers)
    ? raw.speakers.map((speaker) => (isRecord(speaker) ? speaker.name : lookups.speakers.get(String(speaker))))
    : [];
  const start = typeof raw.startsAt === 'string' ? readIsoDateTime(raw.startsAt, timeZone) : undefined;
  if (raw.startsAt !== undefined && raw.startsAt !== null && !start) warnings.push(importMessage('bad-time', [title, 'startsAt', String(raw.startsAt)], 'warning'));
  const writtenEnd = typeof raw.endsAt === 'string' && start ? readIsoDateTime(raw.endsAt, timeZone) : undefined;
  const end = start && writtenEnd && isPlausibleEnd(start, writtenEnd) ? writtenEnd : undefined;
  if (start && !end && raw.endsAt !== undefined && raw.endsAt !== null) warnings.push(importMessage('bad-end-time', [title, 'endsAt', String(raw.endsAt)], 'warning'));
  const tracks = tracksOf(categoriesOf(raw, lookups));
  return {
    uid,
    title,
    track: tracks[0],
    tracks,
    speakers: distinctNames(speakers),
    date: start?.date,
    time: start ? formatTimeRange(start, end) : undefined,
    room: oneLine(raw.room) ?? (raw.roomId === undefined || raw.roomId === null ? undefined : lookups.rooms.get(String(raw.roomId))),
    url: oneLine(raw.liveUrl) ?? oneLine(raw.recordingUrl),
    abstract: typeof raw.description === 'string' && raw.description.trim() !== '' ? raw.description.trim() : undefined,
  };
}
