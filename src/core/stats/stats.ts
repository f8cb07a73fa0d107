// Sessions per track, compared across conferences: the numbers behind the chart, the table in the
// statistics panel, the exports (CSV, Markdown) and the CLI's JSON.
import type { PlaceKind, Session, SessionStatus } from '../notes/model';
import { placeKind } from '../notes/sessionIdentity';
import { fillTemplate } from '../messages';
import { compareNames, type GroupKey, type NoteIndex } from '../notes/noteIndex';
import { TrackSpellings, trackVariantKey } from '../notes/trackAliases';
import { conferenceTime, orderConferences, shortConferenceLabels, type ConferenceTime } from './conferenceOrder';

/** English templates for every user-facing string of the table exports; adapters pass localised ones. */
export const STATS_MESSAGES = {
  noTrack: 'No track',
  trackColumn: 'Track',
  totalColumn: 'Total',
  shareColumn: 'Share (%)',
  totalRow: 'Total',
  /** Header of a conference column when the values are percentages: {0} = conference name. */
  percentColumn: '{0} (%)',
} as const;

export type StatsLabels = { readonly [K in keyof typeof STATS_MESSAGES]: string };

export type TrackSort = 'count' | 'name';
/** `percent`: the share of that conference's sessions, 0–100. */
export type ValueMode = 'count' | 'percent';
/** `programme`: every session of the conferences' imported schedules; `mine`: attended, watched or with notes of the user's own. */
export type StatsScope = 'programme' | 'mine';
export const STATS_SCOPES: readonly StatsScope[] = ['programme', 'mine'];

export interface TrackStatsOptions {
  /** Which conferences (default: all), always in time order. Conferences without sessions are left out. */
  readonly conferences?: readonly string[];
  /** Only sessions with one of these statuses (default: every session). */
  readonly statuses?: readonly SessionStatus[];
  /** Which sessions count (default: `programme` when every chosen conference has an imported programme, else `mine`). */
  readonly scope?: StatsScope;
  /** Only these tracks (any spelling: case and width do not matter; default: every track). */
  readonly tracks?: readonly string[];
  /** `count` (default): most sessions first; `name`: alphabetical. The no-track row is always last. */
  readonly sort?: TrackSort;
  /** How the chart and the exports show values by default (both are always computed). Default `count`. */
  readonly valueMode?: ValueMode;
}

export interface ConferenceStats {
  readonly name: string;
  /** What a legend shows: the name without the words every chosen conference's name starts with. */
  readonly label: string;
  readonly sessions: number;
}

export interface TrackStatsRow {
  /** `undefined` for sessions without a track. */
  readonly name: GroupKey;
  /** Sessions per conference, aligned with `TrackStats.conferences`. */
  readonly counts: readonly number[];
  /** Percent of each conference's sessions (0–100), aligned with `TrackStats.conferences`. */
  readonly percents: readonly number[];
  readonly total: number;
  /** Percent of all sessions of the chosen conferences (0–100). */
  readonly sharePercent: number;
}

export interface TrackStats {
  readonly conferences: readonly ConferenceStats[];
  readonly tracks: readonly TrackStatsRow[];
  readonly totalSessions: number;
  readonly sort: TrackSort;
  readonly valueMode: ValueMode;
  /** The sessions counted: the scope asked for, or the default one. */
  readonly scope?: StatsScope;
}

/** The CLI's `--json` output. */
export interface TrackStatsJson {
  readonly valueMode: ValueMode;
  readonly conferences: readonly {
    readonly name: string;
    readonly sessions: number;
    readonly tracks: readonly { readonly name: string; readonly sessions: number; readonly percent: number; readonly noTrack?: true }[];
  }[];
}

function percentOf(part: number, whole: number): number {
  return whole === 0 ? 0 : (part / whole) * 100;
}

function isSessionList(source: NoteIndex | readonly Session[]): source is readonly Session[] {
  return Array.isArray(source);
}

interface TrackCounts {
  /** Conference → track → sessions. */
  readonly counts: Map<string, Map<GroupKey, number>>;
  readonly timeOf: (conference: string) => ConferenceTime;
}

export interface ConferenceInfos {
  readonly dates: ReadonlyMap<string, readonly string[]>;
  readonly shortNames: ReadonlyMap<string, string>;
}

const NO_INFOS: ConferenceInfos = { dates: new Map(), shortNames: new Map() };

/** Per conference, the front matter `dates` (in note order) and `short-name` (the first note giving one wins) of its notes. */
export function conferenceInfos(index: NoteIndex): ConferenceInfos {
  const dates = new Map<string, string[]>();
  const shortNames = new Map<string, string>();
  for (const uri of index.uris()) {
    const note = index.note(uri);
    const info = note?.conferenceInfo;
    if (!note || !info) continue;
    if (info.dates !== undefined) dates.set(note.conference, [...(dates.get(note.conference) ?? []), info.dates]);
    if (info.shortName !== undefined && !shortNames.has(note.conference)) shortNames.set(note.conference, info.shortName);
  }
  return { dates, shortNames };
}

/** When each conference of the index took place: its notes' front matter `dates` and its sessions' dates. */
function indexTimes(index: NoteIndex, infos: ConferenceInfos): (conference: string) => ConferenceTime {
  return (name) => conferenceTime(name, [...(infos.dates.get(name) ?? []), ...index.sessionsOfConference(name).map((session) => session.date)]);
}

/** When each conference of the index took place, as the statistics order them. */
export function conferenceTimesOf(index: NoteIndex): (conference: string) => ConferenceTime {
  return indexTimes(index, conferenceInfos(index));
}

/**
 * The name a track is counted under: the index's canonical spelling of it, or for a bare session list the one its own
 * sessions write most (trackAliases.ts), so that variants of a name are one row.
 */
function trackNamer(source: NoteIndex | readonly Session[]): (track: string) => string {
  if (!isSessionList(source)) return (track) => source.canonicalTrack(track) ?? track;
  const spellings = TrackSpellings.of(source);
  return (track) => spellings.canonical(track);
}

/** Counts per conference → track, read from the index's aggregates or counted from a session list. */
function countTracks(source: NoteIndex | readonly Session[], infos: ConferenceInfos, trackName: (track: string) => string): TrackCounts {
  const counts = new Map<string, Map<GroupKey, number>>();
  // Structural, not `instanceof`: every bundle (extension, tests, preview plugin) has its own copy of the class.
  if (!isSessionList(source)) {
    for (const { name } of source.conferences()) {
      counts.set(name, new Map(source.tracks(name).map((track) => [track.name, track.count])));
    }
    return { counts, timeOf: indexTimes(source, infos) };
  }
  const dates = new Map<string, (string | undefined)[]>();
  for (const { conference, track, date } of source) {
    let tracks = counts.get(conference);
    if (!tracks) {
      counts.set(conference, (tracks = new Map()));
      dates.set(conference, []);
    }
    const name = track === undefined ? undefined : trackName(track);
    tracks.set(name, (tracks.get(name) ?? 0) + 1);
    dates.get(conference)?.push(date);
  }
  return { counts, timeOf: (name) => conferenceTime(name, [...(infos.dates.get(name) ?? []), ...(dates.get(name) ?? [])]) };
}

function withStatus(source: NoteIndex | readonly Session[], statuses: readonly SessionStatus[] | undefined): NoteIndex | readonly Session[] {
  if (!statuses) return source;
  const wanted = new Set(statuses);
  return (isSessionList(source) ? source : source.sessions()).filter((session) => session.status !== undefined && wanted.has(session.status));
}

/** The places a session is written in: a merged session's, else the kind of its note (a session list's: the user's). */
export function placeKinds(source: NoteIndex | readonly Session[]): (session: Session) => readonly PlaceKind[] {
  const byUri = new Map<string, PlaceKind>();
  const kindOf = (uri: string): PlaceKind => {
    let kind = byUri.get(uri);
    if (kind === undefined) {
      const note = isSessionList(source) ? undefined : source.note(uri);
      byUri.set(uri, (kind = note ? placeKind(note) : 'report'));
    }
    return kind;
  };
  return (session) => session.places?.map((place) => place.kind) ?? [kindOf(session.uri)];
}

/** The conferences with an imported programme. */
function programmeConferences(source: NoteIndex | readonly Session[], kinds: (session: Session) => readonly PlaceKind[]): Set<string> {
  const conferences = new Set<string>();
  if (isSessionList(source)) {
    for (const session of source) if (kinds(session).includes('programme')) conferences.add(session.conference);
    return conferences;
  }
  for (const uri of source.uris()) {
    const note = source.note(uri);
    if (note && placeKind(note) === 'programme') for (const session of note.sessions) conferences.add(session.conference);
  }
  return conferences;
}

/** The scope asked for, else programmes when every chosen conference has one, else the user's sessions. */
function resolveScope(source: NoteIndex | readonly Session[], options: TrackStatsOptions, programmes: ReadonlySet<string>): StatsScope {
  if (options.scope) return options.scope;
  const chosen = options.conferences ?? (isSessionList(source) ? [...new Set(source.map((session) => session.conference))] : source.conferences().map((group) => group.name));
  return chosen.length > 0 && chosen.every((name) => programmes.has(name)) ? 'programme' : 'mine';
}

function inScope(source: NoteIndex | readonly Session[], options: TrackStatsOptions): { source: NoteIndex | readonly Session[]; scope: StatsScope } {
  const kinds = placeKinds(source);
  const programmes = programmeConferences(source, kinds);
  const scope = resolveScope(source, options, programmes);
  // Without a programme every session is the user's own: nothing to leave out.
  if (programmes.size === 0 && scope === 'mine') return { source, scope };
  const sessions = isSessionList(source) ? source : source.sessions();
  const counted = scope === 'programme'
    ? sessions.filter((session) => kinds(session).includes('programme'))
    : sessions.filter((session) => session.status === 'attended' || session.status === 'watched' || kinds(session).some((kind) => kind !== 'programme'));
  return { source: counted, scope };
}

export function computeTrackStats(source: NoteIndex | readonly Session[], options: TrackStatsOptions = {}): TrackStats {
  const sort = options.sort ?? 'count';
  const valueMode = options.valueMode ?? 'count';
  // Front matter belongs to notes: a session list has none, an index filtered by status keeps its notes'.
  const infos = isSessionList(source) ? NO_INFOS : conferenceInfos(source);
  const scoped = inScope(source, options);
  // Named after the whole source: a status or scope leaving some spellings out does not rename the track.
  const { counts, timeOf } = countTracks(withStatus(scoped.source, options.statuses), infos, trackNamer(source));
  const chosen = options.conferences ? [...new Set(options.conferences)].filter((name) => counts.has(name)) : counts.keys();
  const names = orderConferences(chosen, timeOf);
  const labels = shortConferenceLabels(names).map((label, i) => infos.shortNames.get(names[i]) ?? label);
  const conferences = names.map((name, i) => ({
    name,
    label: labels[i],
    sessions: [...(counts.get(name)?.values() ?? [])].reduce((sum, count) => sum + count, 0),
  }));
  const totalSessions = conferences.reduce((sum, conference) => sum + conference.sessions, 0);

  const trackNames = new Set<GroupKey>();
  for (const name of names) for (const track of counts.get(name)?.keys() ?? []) trackNames.add(track);
  if (options.tracks) {
    const wanted = new Set(options.tracks.map(trackVariantKey));
    for (const track of trackNames) if (track === undefined || !wanted.has(trackVariantKey(track))) trackNames.delete(track);
  }
  const tracks = [...trackNames].map((track): TrackStatsRow => {
    const perConference = names.map((name) => counts.get(name)?.get(track) ?? 0);
    const total = perConference.reduce((sum, count) => sum + count, 0);
    return {
      name: track,
      counts: perConference,
      percents: perConference.map((count, i) => percentOf(count, conferences[i].sessions)),
      total,
      sharePercent: percentOf(total, totalSessions),
    };
  });
  tracks.sort((a, b) => {
    // compareNames already puts the no-track bucket last; keep it last when sorting by count too.
    if (a.name === undefined || b.name === undefined || sort === 'name') return compareNames(a.name, b.name);
    return b.total - a.total || compareNames(a.name, b.name);
  });
  return { conferences, tracks, totalSessions, sort, valueMode, scope: scoped.scope };
}

/** The row's values in the given mode, aligned with the conferences. */
export function rowValues(row: TrackStatsRow, mode: ValueMode): readonly number[] {
  return mode === 'percent' ? row.percents : row.counts;
}

function roundToTenth(value: number): number {
  return Math.round(value * 10) / 10;
}

/** One decimal at most, no trailing `.0`: 12, 33.3, 100. */
export function formatNumber(value: number): string {
  return String(roundToTenth(value));
}

/** A value as shown to people: `12` or `33.3%`. */
export function formatValue(value: number, mode: ValueMode): string {
  return mode === 'percent' ? `${formatNumber(value)}%` : formatNumber(value);
}

export function trackLabel(name: GroupKey, labels: Pick<StatsLabels, 'noTrack'> = STATS_MESSAGES): string {
  return name ?? labels.noTrack;
}

export interface StatsTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * The table the panel shows and the exports write: one row per track plus a total row. With one conference its
 * column already is the total (in counts) or the share (in percent), so that repeated column is left out.
 */
function statsTable(stats: TrackStats, mode: ValueMode, labels: StatsLabels, percentSuffix: string): StatsTable {
  const conferenceHeader = (name: string) => (mode === 'percent' ? fillTemplate(labels.percentColumn, [name]) : name);
  const cell = (value: number) => formatNumber(value) + (mode === 'percent' ? percentSuffix : '');
  const share = (value: number) => formatNumber(value) + percentSuffix;
  const single = stats.conferences.length === 1;
  const withTotal = !single || mode === 'percent';
  const withShare = !single || mode === 'count';
  const sums = (total: string, sharePercent: string) => [...(withTotal ? [total] : []), ...(withShare ? [sharePercent] : [])];
  return {
    header: [labels.trackColumn, ...stats.conferences.map((c) => conferenceHeader(c.name)), ...sums(labels.totalColumn, labels.shareColumn)],
    rows: [
      ...stats.tracks.map((row) => [trackLabel(row.name, labels), ...rowValues(row, mode).map(cell), ...sums(formatNumber(row.total), share(row.sharePercent))]),
      [
        labels.totalRow,
        // Column sums: every conference's sessions, or 100% of them.
        ...stats.conferences.map((c) => cell(mode === 'percent' ? percentOf(c.sessions, c.sessions) : c.sessions)),
        ...sums(formatNumber(stats.totalSessions), share(percentOf(stats.totalSessions, stats.totalSessions))),
      ],
    ],
  };
}

export interface StatsExportOptions {
  /** Default: the mode the stats were computed with. */
  readonly valueMode?: ValueMode;
  /** Localised column headers and the no-track label. */
  readonly labels?: Partial<StatsLabels>;
}

function resolveExport(stats: TrackStats, options: StatsExportOptions): { mode: ValueMode; labels: StatsLabels } {
  return { mode: options.valueMode ?? stats.valueMode, labels: { ...STATS_MESSAGES, ...options.labels } };
}

/** The table as text cells (header, a row per track, a total row), for the CLI's aligned plain-text output. */
export function statsToTable(stats: TrackStats, options: StatsExportOptions = {}): StatsTable {
  const { mode, labels } = resolveExport(stats, options);
  return statsTable(stats, mode, labels, '%');
}

// A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection"); tab and CR too.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV (CRLF line ends); text cells that a spreadsheet would run as a formula are prefixed with `'`. */
export function statsToCsv(stats: TrackStats, options: StatsExportOptions = {}): string {
  const { mode, labels } = resolveExport(stats, options);
  const table = statsTable(stats, mode, labels, '');
  // Only the header and the first column hold note text; numbers are never prefixed.
  const lines = [table.header.map(csvCell), ...table.rows.map(([label, ...numbers]) => [csvCell(label), ...numbers])];
  return lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n';
}

/**
 * A cell of note text (track and conference names) for a report that a blog engine renders: HTML characters become
 * entities, and whatever would make a link — `[…](…)`, `<…>` autolinks, a bare `https:`, `javascript:` or `www.`, an
 * e-mail address — is broken up with an entity, which renders as the same character but links nothing. Backslashes
 * are doubled too, so a name's own backslash cannot turn into (or swallow) a pipe escape.
 */
function markdownCell(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\|[\]]/g, '\\$&')
    .replace(/\b(javascript|vbscript|data|file|mailto|[a-z][a-z\d+.-]*(?=:\/\/)):/gi, '$1&#58;')
    .replace(/\b(www)\./gi, '$1&#46;')
    .replace(/(\w)@(?=\w)/g, '$1&#64;');
}

/** A GitHub-flavoured Markdown table (HTML, links and pipes escaped, line breaks flattened), numbers right-aligned. */
export function statsToMarkdownTable(stats: TrackStats, options: StatsExportOptions = {}): string {
  const { mode, labels } = resolveExport(stats, options);
  const table = statsTable(stats, mode, labels, '%');
  const line = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  const alignment = `| --- |${' ---: |'.repeat(table.header.length - 1)}`;
  return [line(table.header), alignment, ...table.rows.map(line)].join('\n') + '\n';
}

/** The CLI's JSON: per conference its sessions and its tracks (only those with sessions), in the stats' order. */
export function statsToJson(stats: TrackStats, options: Pick<StatsExportOptions, 'labels'> = {}): TrackStatsJson {
  const noTrack = options.labels?.noTrack ?? STATS_MESSAGES.noTrack;
  return {
    valueMode: stats.valueMode,
    conferences: stats.conferences.map((conference, i) => ({
      name: conference.name,
      sessions: conference.sessions,
      tracks: stats.tracks
        .filter((row) => row.counts[i] > 0)
        .map((row) => ({
          name: trackLabel(row.name, { noTrack }),
          sessions: row.counts[i],
          percent: roundToTenth(row.percents[i]),
          ...(row.name === undefined ? { noTrack: true as const } : {}),
        })),
    })),
  };
}
