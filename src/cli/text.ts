// Localisation for the command line: the same Japanese bundle as the extension (l10n/bundle.l10n.ja.json, keyed by
// the English text), chosen from the system language as other command-line tools do.
import japaneseBundle from '../../l10n/bundle.l10n.ja.json';
import { fillTemplate } from '../core/messages';
import { STATS_MESSAGES, type StatsLabels } from '../core/stats/stats';

export const CLI_MESSAGES = {
  usage: `Usage:
  conference-notes sessions [--format table|json] PATH...
  conference-notes stats [--format table|json|csv|md] [--sort count|name] [--percent] [--status LIST] [--scope programme|mine] PATH...
  conference-notes chart [-o FILE.svg] [--theme light|dark] [--sort count|name] [--percent] [--status LIST] [--scope programme|mine] PATH...
  conference-notes import FILE|URL --out DIR [--layout report|files] [--tz ZONE] [--timeout SECONDS]
  conference-notes refresh DIR [--tz ZONE] [--timeout SECONDS]
  conference-notes mcp [--allow-edits] FOLDER
  conference-notes publish REPORT --out DIR [--notes PATH]... [--format svg|png] [--theme light|dark] [--force]
  conference-notes explain FILE
  conference-notes agenda [--conference NAME] [--tz ZONE] [--ics [--out FILE]] PATH...
  conference-notes compose --conference NAME [--without-notes list|omit] [--out FILE] PATH...

PATH is a markdown note or a folder searched for *.md and *.markdown files.
FILE is a frab/Pentabarf schedule.xml, a frab or pretalx schedule.json, an iCalendar .ics, an xCal file or a
Sessionize JSON export; URL is the address of one (fetched within --timeout, default 30 s). Importing it again
into the same DIR updates the notes (field lines only) and prints what changed; refresh DIR does so from the URL
the notes were imported from.
explain FILE tells how the note was read: its layout, the heading levels of sessions and tracks, what named its
conference and which headings hold no session, reading it with the repository (or .vscode folder) it sits in.
mcp serves the notes of FOLDER to an assistant (a Model Context Protocol server on stdin/stdout); it changes
nothing unless --allow-edits lets it set a session's status.
--status planned,attended,watched,to-watch,skipped,cancelled counts only the sessions with one of those statuses.
--scope programme counts every session of the imported schedules, mine those attended, watched or with notes of
your own (default: programme when every conference has an imported schedule, else mine).
publish --format png draws the images as PNG (for blogs that take no SVG) with the system's fonts.
agenda prints a conference's sessions by day and time, naming overlapping planned or attended ones; --ics prints
those as iCalendar instead (or writes them to a new --out FILE). Without --conference it takes the only
conference, or the one on today; times are read in --tz, else in the zone the notes name, else the system's.
compose prints the report of a conference: an overview with a conference-stats chart of its series so far, its
tracks with the sessions you attended, watched or wrote notes on, each with your notes as written, and a summary,
in the language of the notes. --without-notes list (default) lists attended sessions you wrote no notes on, omit
leaves them out; --out FILE writes a new file instead (an existing file is never replaced).
Options: --max-size BYTES skips larger files (default 2 MiB); --settings FILE reads the conferenceNotes.*,
files.exclude and search.exclude settings from a VS Code settings.json (default: the .vscode/settings.json of
PATH when it is a folder, or of DIR for import).
`,
  unknownCommand: 'Unknown command "{0}".',
  unknownOption: 'Unknown option {0}.',
  missingValue: 'Option {0} needs a value.',
  invalidChoice: 'Option {0} takes one of: {1}.',
  invalidSize: 'Option {0} takes a positive number of bytes.',
  invalidTimeout: 'Option {0} takes a positive number of seconds.',
  noPaths: 'Give at least one file or folder of notes.',
  seeHelp: 'Run "conference-notes --help" for usage.',
  cannotRead: 'Could not read {0}: {1}',
  wrote: 'Wrote {0}.',
  conferenceColumn: 'Conference',
  trackColumn: 'Track',
  sessionColumn: 'Session',
  speakersColumn: 'Speakers',
  noTrack: 'No track',
  importUsage: 'import takes one schedule file and --out DIR.',
  refreshUsage: 'refresh takes one folder of imported notes.',
  mcpUsage: 'mcp takes one folder of notes.',
  agendaOutUsage: 'agenda writes a file only with --ics: --ics --out FILE.',
  cacheOption: '--cache DIR keeps the index of each folder read in DIR, so that the next run reads only the notes that\nchanged since.\n',
  cacheNotSaved: 'Could not save the index in {0}: {1}',
  explainUsage: 'explain takes one note file.',
  explainNotANote: '{0} is not read as a note here (excluded by the settings, too large, or not markdown).',
  invalidTimeZone: '"{0}" is not a time zone (use an IANA name such as Europe/Brussels).',
  cannotWrite: 'Could not write {0}: {1}',
  noConference: 'No conference is named "{0}". Conferences: {1}',
  agendaNoSessions: 'No sessions found.',
  agendaChooseConference: 'No conference is on today; name one with --conference: {0}',
  agendaLeftOut: 'Left out of the calendar (no date or time): {0}',
  outExists: '{0} exists; choose another --out file.',
  composeUsage: 'compose takes --conference NAME, the conference whose report to write.',
  publishUsage: 'publish takes one report and --out DIR.',
  publishSameFile: 'The published copy would replace the report itself; choose another --out folder.',
  publishExists: '{0} exists; add --force to replace it.',
  publishBlockProblem: '{0}:{1}: {2} (the block was left as written)',
  pngUnavailable: 'PNG images need the @resvg/resvg-js package ({0}); --format svg writes SVG images.',
  mcpListSessionsTitle: 'List sessions',
  mcpListSessionsDescription: 'Lists the sessions of the notes, with their fields and the id to ask for each one by. Every filter is optional; conference, track and speaker match part of the name, case-insensitively.',
  mcpGetSessionTitle: 'Get a session',
  mcpGetSessionDescription: 'One session by its id from list_sessions: its fields and what the note says about it (at most {0} characters).',
  mcpTrackStatsTitle: 'Sessions per track',
  mcpTrackStatsDescription: 'The number of sessions per track of each conference, as `conference-notes stats --format json` prints it.',
  mcpChartTitle: 'Chart of sessions per track',
  mcpChartDescription: 'The bar chart of sessions per track and conference as an SVG image, as `conference-notes chart` writes it.',
  mcpSetStatusTitle: 'Set the status of a session',
  mcpSetStatusDescription: 'Sets the status of a session in its note: the one status value is replaced (or a status line added), nothing else in the file changes.',
  mcpReportsTitle: 'Conference reports',
  mcpReportsDescription: 'The text of each report: a note holding a conference\'s sessions under track headings (at most {0} characters).',
  mcpReportTitle: 'Report: {0}',
  mcpNoSession: 'No session has the id "{0}" in this folder. Ask list_sessions for the ids.',
  mcpNoReport: 'No report has the URI "{0}" in this folder.',
  mcpOutsideFolder: 'That note is not a file inside the folder this server serves.',
} as const;

/** `ja` when the environment asks for Japanese (LC_ALL, LC_MESSAGES, LANG, then the ICU default locale). */
export function cliLanguage(env: Record<string, string | undefined> = process.env): 'ja' | 'en' {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale;
  return /^ja([_.-]|$)/i.test(locale) ? 'ja' : 'en';
}

const translations: Readonly<Record<string, string>> = cliLanguage() === 'ja' ? japaneseBundle : {};

/** The statistics' own words (the no-track row's name…) in the user's language, for every export of them. */
export function statsLabels(): StatsLabels {
  return Object.fromEntries(Object.entries(STATS_MESSAGES).map(([key, text]) => [key, cliText(text)])) as unknown as StatsLabels;
}

/** The text in the user's language with `{0}`… filled in. */
export function cliText(template: string, ...args: readonly (string | number)[]): string {
  return fillTemplate(translations[template] ?? template, args);
}
