// Session stubs written by schedule import: a report section (`### Title` + field lines) or a session
// file (YAML front matter + `# Title`), and the file name of a session file. Re-import (import/merge.ts)
// rewrites single field lines with the same renderers, so a stub and its later updates look alike.
import { Document, isSeq } from 'yaml';
import { readFrontMatter, yamlScalar } from '../notes/frontMatter';
import { IMPORT_MESSAGES } from './messages';
import { slugifyFileName } from '../templates/fileNames';
import type { ImportedSchedule, ScheduleSession } from './scheduleModel';

/** The field lines of a stub, in the order they are written. `tags` holds a session's further categories. */
export const STUB_FIELD_ORDER = ['speakers', 'date', 'time', 'room', 'tags', 'uid', 'url', 'slides', 'video', 'status'] as const;
export type StubFieldKey = (typeof STUB_FIELD_ORDER)[number];

/** The values of a stub's field lines, defined ones only, in `STUB_FIELD_ORDER`. */
export function stubFields(stub: ScheduleSession): [StubFieldKey, string][] {
  const values: Record<StubFieldKey, string | undefined> = {
    speakers: stub.speakers.length > 0 ? stub.speakers.join(', ') : undefined,
    date: stub.date,
    time: stub.time,
    room: stub.room,
    tags: stub.tracks.length > 1 ? stub.tracks.slice(1).join(', ') : undefined,
    uid: stub.uid,
    url: stub.url,
    slides: stub.slides,
    video: stub.video,
    status: stub.cancelled ? 'cancelled' : 'planned',
  };
  return STUB_FIELD_ORDER.flatMap((key): [StubFieldKey, string][] => (values[key] === undefined ? [] : [[key, values[key]]]));
}

/** `- key: value`, the value on one line. */
export function renderFieldLine(key: string, value: string): string {
  return `- ${key}: ${value.replace(/\s+/g, ' ').trim()}`;
}

/**
 * Heading text that reads back as exactly `title`: every character that may start inline markup the note
 * reader reduces — backslash escapes, code spans, emphasis (`*`, `_`), strikethrough (`~~`), links and
 * images (`[`, `]`), autolinks and HTML (`<`) — is escaped, an `&` only where it would start an entity,
 * and a trailing ` #` that markdown would take for a closing sequence.
 */
export function renderHeadingText(title: string): string {
  return title
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_~[\]<]|&(?=#?\w+;)/g, '\\$&')
    .replace(/(^|\s)(#+)$/, '$1\\$2');
}

/** A report section: heading, blank line, field lines, and a blank line where the notes go. */
export function renderSessionSection(stub: ScheduleSession, headingLevel: number): string {
  const fields = stubFields(stub).map(([key, value]) => renderFieldLine(key, value));
  return [`${'#'.repeat(headingLevel)} ${renderHeadingText(stub.title)}`, '', ...fields, '', ''].join('\n');
}

export interface ReportLayoutOptions {
  readonly trackHeadingLevel?: number;
  readonly sessionHeadingLevel?: number;
  /** Heading of the section for sessions without a track. */
  readonly untrackedHeading?: string;
}

export function resolveReportLayout(options: ReportLayoutOptions = {}): Required<ReportLayoutOptions> {
  return {
    trackHeadingLevel: options.trackHeadingLevel ?? 2,
    sessionHeadingLevel: options.sessionHeadingLevel ?? 3,
    untrackedHeading: options.untrackedHeading ?? IMPORT_MESSAGES['untracked-heading'],
  };
}

/** Sessions grouped by track heading: tracks by name (a stable order across exports), untracked last. */
export function groupByTrack(sessions: readonly ScheduleSession[], untrackedHeading: string): [string, ScheduleSession[]][] {
  const groups = new Map<string, ScheduleSession[]>();
  for (const session of sessions) {
    const heading = session.track ?? untrackedHeading;
    groups.set(heading, [...(groups.get(heading) ?? []), session]);
  }
  const untracked = groups.get(untrackedHeading);
  groups.delete(untrackedHeading);
  const named = [...groups].sort(([a], [b]) => compareNames(a, b));
  return untracked ? [...named, [untrackedHeading, untracked]] : named;
}

function compareNames(a: string, b: string): number {
  const folded = a.toLowerCase().localeCompare(b.toLowerCase(), 'en');
  return folded !== 0 ? folded : a < b ? -1 : a > b ? 1 : 0;
}

/** The track section heading followed by its sessions (already in time order). */
export function renderTrackSection(track: string, sessions: readonly ScheduleSession[], layout: Required<ReportLayoutOptions>): string {
  const heading = `${'#'.repeat(layout.trackHeadingLevel)} ${renderHeadingText(track)}\n\n`;
  return heading + sessions.map((session) => renderSessionSection(session, layout.sessionHeadingLevel)).join('');
}

/**
 * One report for the whole schedule: H1 conference, a section per track, sessions by time. Sessions
 * already cancelled in the schedule are left out, as re-import leaves out cancelled sessions it has
 * not written before.
 */
export function renderReport(schedule: ImportedSchedule, options: ReportLayoutOptions = {}): string {
  const layout = resolveReportLayout(options);
  const sessions = schedule.sessions.filter((session) => !session.cancelled);
  const sections = groupByTrack(sessions, layout.untrackedHeading).map(([track, sessions]) => renderTrackSection(track, sessions, layout));
  const source = sourceFields(schedule);
  const frontMatter = source.length > 0 ? `---\n${source.join('\n')}\n---\n\n` : '';
  return `${[frontMatter, `# ${renderHeadingText(schedule.conference)}\n\n`, ...sections].join('').trimEnd()}\n`;
}

/**
 * `schedule: URL` and `timezone: Area/City` for a schedule fetched from a URL: what Refresh Schedule fetches again, and
 * the zone the times were written in. A schedule imported from a file has no URL to refresh from, so writes neither.
 */
export function sourceFields(origin: ScheduleOrigin): string[] {
  if (origin.source === undefined) return [];
  return [
    renderFrontMatterField('schedule', origin.source),
    ...(origin.timeZone === undefined ? [] : [renderFrontMatterField('timezone', origin.timeZone)]),
  ];
}

/** Where a schedule came from and the zone of its times. */
export type ScheduleOrigin = Pick<ImportedSchedule, 'source' | 'timeZone'>;

/**
 * A report imported before from a file, now from a URL, learns where to refresh from: the `schedule:` and `timezone:`
 * lines it lacks are added to its front matter (which is created when it has none). A report that names a schedule
 * already, or whose front matter cannot be read, is left as it is: the URL there is the user's.
 */
export function withScheduleOrigin(text: string, origin: ScheduleOrigin): string {
  if (origin.source === undefined) return text;
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const frontMatter = readFrontMatter(text.slice(bom.length).replace(/\r\n?/g, '\n'));
  if (frontMatter.problem || frontMatter.data.schedule !== undefined) return text;
  const missing = sourceFields(origin).filter((line) => frontMatter.data[line.slice(0, line.indexOf(':'))] === undefined);
  if (frontMatter.bodyLine === 0) return `${bom}---${eol}${missing.join(eol)}${eol}---${eol}${eol}${text.slice(bom.length)}`;
  // Before the closing fence: the line above the body.
  const lines = text.split('\n');
  const closing = frontMatter.bodyLine - 1;
  return [...lines.slice(0, closing), ...missing.map((line) => (eol === '\r\n' ? `${line}\r` : line)), ...lines.slice(closing)].join('\n');
}

/**
 * One front-matter line, through `yaml` so any title is safe (see yamlScalar). YAML 1.1 quoting also protects values
 * such as `yes` or `10:30` from tools that still read YAML 1.1; lists are written inline.
 */
export function renderFrontMatterField(key: string, value: string | readonly string[]): string {
  if (typeof value === 'string') return `${key}: ${yamlScalar(value)}`;
  const document = new Document({ [key]: value }, { version: '1.1' });
  const node = document.get(key, true);
  if (isSeq(node)) node.flow = true;
  return document.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd();
}

/** The front-matter value of a stub field: speakers and tags as lists. */
function frontMatterValue(key: StubFieldKey, value: string, stub: ScheduleSession): string | readonly string[] {
  if (key === 'speakers') return stub.speakers;
  if (key === 'tags') return stub.tracks.slice(1);
  return value;
}

/** A session file: front matter with every field, then the title as H1 and room for notes. */
export function renderSessionFile(stub: ScheduleSession, conference: string, origin: ScheduleOrigin = {}): string {
  const lines = [
    renderFrontMatterField('type', 'session'),
    renderFrontMatterField('title', stub.title),
    renderFrontMatterField('conference', conference),
    ...(stub.track === undefined ? [] : [renderFrontMatterField('track', stub.track)]),
    ...stubFields(stub).map(([key, value]) => renderFrontMatterField(key, frontMatterValue(key, value, stub))),
    ...sourceFields(origin),
  ];
  return `---\n${lines.join('\n')}\n---\n\n# ${renderHeadingText(stub.title)}\n`;
}

/**
 * `2024-05-01-Opening-Keynote.md`: date and title, any script kept, characters that are invalid in file
 * names dropped, whitespace as `-`, cut to a length every file system takes (the templates' slug rules).
 */
export function sessionFileName(stub: ScheduleSession): string {
  const stem = [stub.date, stub.title].filter((part) => part !== undefined).join(' ');
  return `${slugifyFileName(stem, { fallback: slugifyFileName(stub.uid, { fallback: 'session' }) })}.md`;
}
