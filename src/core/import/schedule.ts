// Schedule import entry point: tells the formats apart, enforces the limits, validates the time zone
// and hands over to the format's parser. Nothing here writes anything: on `ok: false` there is nothing
// to write, and on success the caller previews before writing.
import { importMessage, type ImportMessage } from './messages';
import { parseIcs } from './ics';
import { frabJsonFlavour, looksLikeFrabJson, parseFrabJson } from './frabJson';
import { parseFrabXml } from './frabXml';
import { MAX_SCHEDULE_TEXT_LENGTH, failure, type ImportedSchedule, type ScheduleParseResult } from './scheduleModel';
import { parseXcal } from './xcal';
import { parseXmlDocument, xmlRootName } from './xmlDocument';
import { looksLikeSessionize, parseSessionize } from './sessionize';
import { isValidTimeZone, systemTimeZone } from './zonedTime';

export type { ImportedSchedule, ScheduleParseResult, ScheduleSession } from './scheduleModel';
export { MAX_SCHEDULE_SESSIONS, MAX_SCHEDULE_TEXT_LENGTH } from './scheduleModel';
export { IMPORT_MESSAGES, formatImportMessage, type ImportMessage, type ImportMessageCode } from './messages';
export { systemTimeZone } from './zonedTime';

export type ScheduleFormat = 'ics' | 'pretalx' | 'frab-json' | 'frab-xml' | 'xcal' | 'sessionize';

export interface ScheduleParseOptions {
  /** Shown in messages and used as the conference name when the file names none. */
  readonly fileName: string;
  /**
   * IANA zone the notes' dates and times are written in. sched files are UTC only, so for them it
   * defaults to the system's zone; frab, pretalx, xCal and Sessionize times stay in the event's own zone unless a
   * zone is given.
   */
  readonly timeZone?: string;
  /** The URL the text was fetched from: kept in the schedule (and so in the notes) for Refresh Schedule. */
  readonly source?: string;
}

const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

function looksLikeIcs(text: string, fileName: string): boolean {
  return /^\s*BEGIN:VCALENDAR/i.test(text) || /\.(ics|ical|ifb|icalendar)$/i.test(fileName);
}

function formatOfJson(value: unknown): ScheduleFormat | undefined {
  if (looksLikeFrabJson(value)) return frabJsonFlavour(value) === 'pretalx' ? 'pretalx' : 'frab-json';
  if (looksLikeSessionize(value)) return 'sessionize';
  return undefined;
}

/** The XML formats by their root element: frab's `<schedule>`, xCal's `<icalendar>`. */
const XML_FORMATS: Readonly<Record<string, ScheduleFormat>> = { schedule: 'frab-xml', icalendar: 'xcal' };

/** Which parser a file needs, from its content (and its extension for iCalendar); undefined when unknown. */
export function detectScheduleFormat(text: string, fileName: string): ScheduleFormat | undefined {
  const content = stripBom(text);
  const root = xmlRootName(content);
  if (root !== undefined) return XML_FORMATS[root];
  if (looksLikeIcs(content, fileName)) return 'ics';
  try {
    return formatOfJson(JSON.parse(content));
  } catch {
    return undefined;
  }
}

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');

/**
 * Whether a host may read the schedule file it was given, from what it is and its size in bytes, before reading a
 * byte: a folder, a pipe or a device is refused (a read of a pipe would never end), and so is an oversized file.
 */
export function scheduleFileProblem(fileName: string, entry: { readonly isFile: boolean; readonly size: number }): ImportMessage | undefined {
  if (!entry.isFile) return importMessage('not-a-file', [fileName], 'error');
  if (entry.size > MAX_SCHEDULE_TEXT_LENGTH) return importMessage('too-large', [fileName, megabytes(entry.size), megabytes(MAX_SCHEDULE_TEXT_LENGTH)], 'error');
  return undefined;
}

/**
 * Parses a schedule export into session stubs. Asynchronous because the iCalendar library is loaded
 * only when an .ics file is imported.
 */
export async function parseSchedule(text: string, options: ScheduleParseOptions): Promise<ScheduleParseResult> {
  const result = await parseScheduleText(text, options);
  return result.ok && options.source !== undefined ? { ok: true, schedule: { ...result.schedule, source: options.source } } : result;
}

async function parseScheduleText(text: string, options: ScheduleParseOptions): Promise<ScheduleParseResult> {
  const { fileName } = options;
  if (text.length > MAX_SCHEDULE_TEXT_LENGTH) {
    return failure(importMessage('too-large', [fileName, megabytes(text.length), megabytes(MAX_SCHEDULE_TEXT_LENGTH)], 'error'));
  }
  if (options.timeZone !== undefined && !isValidTimeZone(options.timeZone)) {
    return failure(importMessage('invalid-time-zone', [options.timeZone], 'error'));
  }
  const content = stripBom(text);
  if (xmlRootName(content) !== undefined) return parseXmlSchedule(content, fileName, options.timeZone);
  if (looksLikeIcs(content, fileName)) return parseIcs(content, fileName, options.timeZone ?? systemTimeZone());

  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    if (!/\.json$/i.test(fileName) && !/^\s*[[{]/.test(content)) return failure(importMessage('unknown-format', [fileName], 'error'));
    return failure(importMessage('json-malformed', [fileName, error instanceof Error ? error.message : String(error)], 'error'));
  }
  switch (formatOfJson(value)) {
    case 'pretalx':
    case 'frab-json': return parseFrabJson(value, fileName, options.timeZone);
    case 'sessionize': return parseSessionize(value, fileName, options.timeZone);
    default: return failure(importMessage('unknown-format', [fileName], 'error'));
  }
}

async function parseXmlSchedule(content: string, fileName: string, timeZone: string | undefined): Promise<ScheduleParseResult> {
  const document = await parseXmlDocument(content, fileName);
  if (!document.ok) return document;
  switch (XML_FORMATS[document.rootName]) {
    case 'frab-xml': return parseFrabXml(document.root, fileName, timeZone);
    case 'xcal': return parseXcal(document.root, fileName, timeZone);
    default: return failure(importMessage('unknown-format', [fileName], 'error'));
  }
}

/** What the preview shows before anything is written. */
export interface ScheduleStats {
  readonly sessions: number;
  readonly tracks: number;
  readonly days: number;
  readonly cancelled: number;
}

export function scheduleStats(schedule: ImportedSchedule): ScheduleStats {
  const tracks = new Set(schedule.sessions.flatMap((session) => (session.track === undefined ? [] : [session.track])));
  const days = new Set(schedule.sessions.flatMap((session) => (session.date === undefined ? [] : [session.date])));
  return {
    sessions: schedule.sessions.length,
    tracks: tracks.size,
    days: days.size,
    cancelled: schedule.sessions.filter((session) => session.cancelled).length,
  };
}
