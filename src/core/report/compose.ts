// Compose Conference Report: the report a user publishes after a conference, built from their notes — front matter,
// a title, an overview with a `conference-stats` block comparing the conference with the earlier ones of its series,
// the tracks with the sessions the user attended, watched or wrote notes on, and a summary — in the notes' language.
// Each session's notes are the user's text copied as written; only its headings move down to sit under the session's
// heading. The result reads back through the same pipeline into the same sessions, tracks and notes (the unit test
// reads it back). The index keeps no note text, so the hosts hand in a reader of the notes as the user sees them.
import { renderFieldLine, renderHeadingText } from '../import/sessionStub';
import { readFieldLines } from '../notes/fields';
import { yamlScalar } from '../notes/frontMatter';
import { readMarkdownStructure } from '../notes/markdown';
import type { PlaceKind, Session } from '../notes/model';
import { frontMatterLines } from '../notes/noteEdits';
import type { GroupKey, NoteIndex } from '../notes/noteIndex';
import { conferenceInfos, conferenceTimesOf, computeTrackStats, placeKinds } from '../stats/stats';
import { seriesNamesOf, seriesUpTo } from '../stats/series';
import { STATS_BLOCK_LANGUAGE } from '../stats/statsBlock';
import { reportWords } from '../templates/builtIn';
import { DEFAULT_FIELD_KEYS, fieldKeysOf, noteLanguage, templateLanguageFor, type TemplateLanguage } from '../templates/noteLanguage';

/** What becomes of the sessions the user attended or wrote down without a note of their own. */
export type SessionsWithoutNotes = 'list' | 'omit';
export const SESSIONS_WITHOUT_NOTES: readonly SessionsWithoutNotes[] = ['list', 'omit'];

/** The note's text as the user sees it (unsaved edits included); undefined when it cannot be read. */
export type NoteTextReader = (uri: string) => Promise<string | undefined>;

export interface ComposeOptions {
  readonly withoutNotes: SessionsWithoutNotes;
  /** The report's language; default: the language the notes are written in, else `displayLanguage`'s. */
  readonly language?: TemplateLanguage;
  /** The UI language (`vscode.env.language`, the CLI's locale), when the notes do not tell. */
  readonly displayLanguage?: string;
}

export interface ComposedReport {
  readonly markdown: string;
  readonly language: TemplateLanguage;
  /** How many sessions the report holds. */
  readonly sessions: number;
}

/** The report's own words besides the skeleton's (templates/builtIn.ts). */
const REPORT_TEXT = {
  en: {
    untracked: 'Other sessions',
    statsIntro: 'Sessions per track:',
    seriesIntro: 'Sessions per track, compared with the earlier conferences of the series:',
    dates: (dates: string) => `Dates: ${dates}`,
  },
  ja: {
    untracked: 'その他のセッション',
    statsIntro: 'トラック別のセッション数:',
    seriesIntro: 'シリーズのこれまでの回とのトラック別セッション数の比較:',
    dates: (dates: string) => `日程: ${dates}`,
  },
} as const;

/** Headings of a session's notes start one level below the session's own (3): its parts. */
const PART_LEVEL = 4;
const MAX_HEADING_LEVEL = 6;
const ATX_HEADING = /^( {0,3})(#{1,6})(?=[ \t]|$)/;
const UNSPACED_HEADING = /^( {0,3})(#{2,6})(?=[^\s#])/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;

/** A session in the report and its notes (none when the user wrote none). */
interface ReportSession {
  readonly session: Session;
  readonly notes: readonly string[];
}

function linesOf(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

function trimBlankLines(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start].trim() === '') start++;
  while (end > start && lines[end - 1].trim() === '') end--;
  return lines.slice(start, end);
}

/**
 * Where the title at `line` ends: the underline of a setext heading (its text may run over several lines, never
 * over a blank one), else the line itself — an ATX heading, a bold line or a list item.
 */
function headingEnd(lines: readonly string[], line: number): number {
  if (ATX_HEADING.test(lines[line]) || UNSPACED_HEADING.test(lines[line])) return line;
  for (let end = line + 1; end < lines.length && lines[end].trim() !== ''; end++) {
    if (SETEXT_UNDERLINE.test(lines[end])) return end;
  }
  return line;
}

/**
 * The notes' headings moved so that the highest becomes a part of the session (level 4), the others keeping their
 * distance to it as far as markdown's six levels go; a setext heading becomes an ATX one, which has every level.
 * Headings inside code fences, lists and quotes are text and stay as they are.
 */
export function shiftHeadings(lines: readonly string[]): string[] {
  const { headings } = readMarkdownStructure(lines.join('\n'));
  if (headings.length === 0) return [...lines];
  const shift = PART_LEVEL - Math.min(...headings.map((heading) => heading.level));
  const shifted: (string | undefined)[] = [...lines];
  for (const heading of headings) {
    const level = Math.min(Math.max(heading.level + shift, PART_LEVEL), MAX_HEADING_LEVEL);
    const line = lines[heading.line];
    const atx = ATX_HEADING.exec(line) ?? UNSPACED_HEADING.exec(line);
    if (atx) {
      shifted[heading.line] = `${atx[1]}${'#'.repeat(level)}${line.slice(atx[0].length)}`;
      continue;
    }
    const end = headingEnd(lines, heading.line);
    const text = lines.slice(heading.line, end).map((part) => part.trim()).join(' ');
    shifted[heading.line] = `${'#'.repeat(level)} ${text}`;
    for (let i = heading.line + 1; i <= end; i++) shifted[i] = undefined;
  }
  return shifted.filter((line): line is string => line !== undefined);
}

/** Lines of a place's own text: below its heading (a report section) or its front matter and title (a session file). */
function placeLines(session: Session, text: string): string[] {
  const lines = linesOf(text);
  const last = Math.min(session.range.end, lines.length - 1);
  let start = session.range.start;
  if (session.layout === 'session-file') {
    const frontMatter = frontMatterLines(lines);
    if (frontMatter) start = Math.max(start, frontMatter.closing + 1);
  }
  if (session.line < start || session.line > last) return lines.slice(start, last + 1);
  const titleIsHeading = session.layout === 'report' || readMarkdownStructure(lines.slice(session.line, last + 1).join('\n')).headings[0]?.line === 0;
  const titleEnd = titleIsHeading ? headingEnd(lines, session.line) : session.line - 1;
  return [...lines.slice(start, session.line), ...lines.slice(titleEnd + 1, last + 1)];
}

/** The lines that are not field lines: an imported stub's (speakers, times, UID, `status: planned`) are the schedule's words. */
function withoutFieldLines(lines: readonly string[]): string[] {
  const fieldLines = new Set<number>();
  for (const paragraph of readMarkdownStructure(lines.join('\n')).paragraphs) {
    for (const field of readFieldLines(paragraph.content, paragraph.line, paragraph.listItem)) fieldLines.add(field.line);
  }
  return lines.filter((_, i) => !fieldLines.has(i));
}

/** The lines of a list item's notes, moved left by what they all share, so they are not read as code under a heading. */
function dedented(lines: readonly string[]): string[] {
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return common === 0 ? [...lines] : lines.map((line) => line.slice(Math.min(common, /^[ \t]*/.exec(line)?.[0].length ?? 0)));
}

/** Reads each note at most once. */
function textCache(read: NoteTextReader): (uri: string) => Promise<string | undefined> {
  const texts = new Map<string, Promise<string | undefined>>();
  return (uri) => {
    let text = texts.get(uri);
    if (!text) texts.set(uri, (text = read(uri).catch(() => undefined)));
    return text;
  };
}

/** The user's notes on a talk: the text of each place it is written in, the user's own notes before the schedule's. */
async function notesOf(index: NoteIndex, session: Session, kinds: readonly PlaceKind[], textOf: (uri: string) => Promise<string | undefined>): Promise<string[]> {
  const places = session.places ?? [{ uri: session.uri, line: session.line, kind: kinds[0] }];
  const notes: string[][] = [];
  for (const place of places) {
    const written = index.sessionsOf(place.uri).find((candidate) => candidate.line === place.line);
    const text = written && (await textOf(place.uri));
    if (!written || text === undefined) continue;
    let lines = placeLines(written, text);
    const prose = withoutFieldLines(lines);
    // Field lines alone are no notes; with notes, the user's own field lines stay as written, the schedule's go.
    if (prose.every((line) => line.trim() === '')) continue;
    if (place.kind === 'programme') lines = prose;
    const itemKind = index.note(place.uri)?.reading?.itemKind;
    if (itemKind === 'list-item' || itemKind === 'lettered-item') lines = dedented(lines);
    lines = trimBlankLines(lines);
    if (lines.length > 0) notes.push(shiftHeadings(lines));
  }
  return notes.flatMap((lines, i) => (i === 0 ? lines : ['', ...lines]));
}

/** A session the user was at, or wrote down in notes of their own without saying they were not. */
function attendedOrOwn(session: Session, kinds: readonly PlaceKind[]): boolean {
  return session.status === 'attended' || session.status === 'watched' || (session.status === undefined && kinds.some((kind) => kind !== 'programme'));
}

/** A name the block's comma-separated `conferences:` line can hold as written. */
function fitsStatsBlock(name: string): boolean {
  return !name.includes(',') && !/(^|\s)#/.test(name);
}

/** The conferences the overview's chart compares: the series up to this one, in time order (none when its name cannot be written there). */
function chartedSeries(index: NoteIndex, conference: string): string[] {
  const series = seriesUpTo(conference, index.conferences().map((group) => group.name), conferenceTimesOf(index), seriesNamesOf(index)).filter(fitsStatsBlock);
  return series.includes(conference) ? series : [];
}

/** The `conference-stats` block over `series`, counting what the statistics count by default, written out. */
function statsBlock(index: NoteIndex, series: readonly string[]): string[] {
  const { scope } = computeTrackStats(index, { conferences: series });
  return ['```' + STATS_BLOCK_LANGUAGE, `conferences: ${series.join(', ')}`, ...(scope ? [`scope: ${scope}`] : []), '```'];
}

/** What the conference's notes' front matter says about it (the first note that says it). */
function conferenceFacts(index: NoteIndex, conference: string): { dates?: string; series?: string } {
  return { dates: conferenceInfos(index).dates.get(conference)?.[0], series: seriesNamesOf(index)(conference) };
}

function sessionSection(entry: ReportSession, language: TemplateLanguage): string[] {
  const { session, notes } = entry;
  const speakers = session.speakers.length > 0 && !fieldKeysOf(notes.join('\n')).has('speakers')
    ? [renderFieldLine(DEFAULT_FIELD_KEYS[language].speakers, session.speakers.join(', '))]
    : [];
  // Beside the notes' own field list, the speakers line joins it.
  const apart = speakers.length > 0 && notes.length > 0 && !/^\s*[-*+]\s/.test(notes[0]);
  const body = [...speakers, ...(apart ? [''] : []), ...notes];
  return [`### ${renderHeadingText(session.title)}`, '', ...(body.length > 0 ? [...body, ''] : [])];
}

/**
 * The report of `conference` from the notes in `index`, their text read through `read`. Sessions in document order,
 * grouped under their tracks in the order the tracks first come, sessions without a track last.
 */
export async function composeReport(index: NoteIndex, conference: string, read: NoteTextReader, options: ComposeOptions): Promise<ComposedReport> {
  const kinds = placeKinds(index);
  const textOf = textCache(read);
  const entries: ReportSession[] = [];
  for (const session of index.sessionsOfConference(conference)) {
    const placeKindsOfSession = kinds(session);
    const notes = await notesOf(index, session, placeKindsOfSession, textOf);
    const wanted = notes.length > 0 || (options.withoutNotes === 'list' && attendedOrOwn(session, placeKindsOfSession));
    if (wanted) entries.push({ session, notes });
  }
  const language = options.language ?? noteLanguage(entries.flatMap((entry) => [entry.session.title, ...entry.notes]).join('\n')) ?? templateLanguageFor(options.displayLanguage ?? 'en');
  const words = { ...reportWords(language), ...REPORT_TEXT[language] };

  const byTrack = new Map<GroupKey, ReportSession[]>();
  for (const entry of entries) byTrack.set(entry.session.track, [...(byTrack.get(entry.session.track) ?? []), entry]);
  const untracked = byTrack.get(undefined);
  byTrack.delete(undefined);
  if (untracked) byTrack.set(words.untracked, [...(byTrack.get(words.untracked) ?? []), ...untracked]);

  const facts = conferenceFacts(index, conference);
  const series = chartedSeries(index, conference);
  const lines = [
    '---',
    `conference: ${yamlScalar(conference)}`,
    ...(facts.dates !== undefined ? [`dates: ${yamlScalar(facts.dates)}`] : []),
    ...(facts.series !== undefined ? [`series: ${yamlScalar(facts.series)}`] : []),
    '---',
    '',
    `# ${renderHeadingText(words.reportHeading(conference))}`,
    '',
    `## ${words.overview}`,
    '',
    ...(facts.dates !== undefined ? [words.dates(facts.dates), ''] : []),
    ...(series.length > 0 ? [series.length > 1 ? words.seriesIntro : words.statsIntro, '', ...statsBlock(index, series), ''] : []),
  ];
  for (const [track, sessions] of byTrack) {
    lines.push(`## ${renderHeadingText(track as string)}`, '');
    for (const entry of sessions) lines.push(...sessionSection(entry, language));
  }
  lines.push(`## ${words.summary}`, '', words.summaryText, '');
  return { markdown: lines.join('\n'), language, sessions: entries.length };
}
