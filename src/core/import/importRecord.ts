// What the last import wrote, per session: the base of re-import's three-way merge. A value of a note is updated only
// while the note still holds what the import wrote there; anything else is the user's and stays.
//
// The record is a sidecar file next to the notes, not text in them: a report is published as it is, and bookkeeping
// in it would be published too (or be edited by accident, which would silently change the base). The sidecar is
// written in the same all-or-nothing step as the notes, so the two never disagree.
import type { ScheduleSession } from './scheduleModel';

/** The sidecar's name in the import's target folder. A dot file, and not markdown: never read as a note. */
export const IMPORT_RECORD_FILE = '.conference-notes-import.json';

/**
 * The values a session's stub holds as the import wrote them (speakers joined with `, `). A value is absent where the
 * import wrote none, or where the notes held something else before the import kept a record (the user's, then).
 */
export interface ImportedValues {
  readonly title?: string;
  readonly speakers?: string;
  readonly date?: string;
  readonly time?: string;
  readonly room?: string;
  readonly status?: 'planned' | 'cancelled';
}

/** Imported values by UID. */
export type SessionRecords = ReadonlyMap<string, ImportedValues>;

export interface ImportRecord {
  /** Per report file name: the sessions imported into it. */
  readonly reports: ReadonlyMap<string, SessionRecords>;
  /** The sessions imported as session files into the folder. */
  readonly sessionFiles: SessionRecords;
}

export const EMPTY_IMPORT_RECORD: ImportRecord = { reports: new Map(), sessionFiles: new Map() };

const RECORD_VERSION = 1;
const VALUE_KEYS = ['title', 'speakers', 'date', 'time', 'room', 'status'] as const;

/** What a stub of `session` holds. */
export function importedValues(session: ScheduleSession): ImportedValues {
  return {
    title: session.title,
    speakers: session.speakers.length > 0 ? session.speakers.join(', ') : undefined,
    date: session.date,
    time: session.time,
    room: session.room,
    status: session.cancelled ? 'cancelled' : 'planned',
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function readValues(value: unknown): ImportedValues | undefined {
  if (!isRecord(value)) return undefined;
  const text = (key: string) => (typeof value[key] === 'string' ? (value[key] as string) : undefined);
  const status = value.status === 'planned' || value.status === 'cancelled' ? value.status : undefined;
  return { title: text('title'), speakers: text('speakers'), date: text('date'), time: text('time'), room: text('room'), status };
}

function readSessions(value: unknown): Map<string, ImportedValues> {
  const sessions = new Map<string, ImportedValues>();
  if (isRecord(value)) {
    for (const [uid, entry] of Object.entries(value)) {
      const values = readValues(entry);
      if (values) sessions.set(uid, values);
    }
  }
  return sessions;
}

/** The record in a sidecar's text; `undefined` when the text is not one (the caller warns and starts afresh). */
export function parseImportRecord(text: string): ImportRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.version !== RECORD_VERSION) return undefined;
  const reports = new Map<string, SessionRecords>();
  if (isRecord(value.reports)) for (const [name, sessions] of Object.entries(value.reports)) reports.set(name, readSessions(sessions));
  return { reports, sessionFiles: readSessions(value.sessionFiles) };
}

function sessionsJson(sessions: SessionRecords): Record<string, Record<string, string>> {
  return Object.fromEntries([...sessions].map(([uid, values]) => [
    uid,
    Object.fromEntries(VALUE_KEYS.flatMap((key) => (values[key] === undefined ? [] : [[key, values[key]]]))),
  ]));
}

/** The sidecar's text: the same record always gives the same bytes. */
export function serializeImportRecord(record: ImportRecord): string {
  const json = {
    version: RECORD_VERSION,
    reports: Object.fromEntries([...record.reports].map(([name, sessions]) => [name, sessionsJson(sessions)])),
    sessionFiles: sessionsJson(record.sessionFiles),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
