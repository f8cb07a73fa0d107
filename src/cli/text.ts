// Localisation for the command line: the same Japanese bundle as the extension (l10n/bundle.l10n.ja.json, keyed by
// the English text), chosen from the system language as other command-line tools do.
import japaneseBundle from '../../l10n/bundle.l10n.ja.json';
import { fillTemplate } from '../core/messages';

export const CLI_MESSAGES = {
  usage: `Usage:
  conference-notes sessions [--format table|json] PATH...
  conference-notes stats [--format table|json|csv|md] [--sort count|name] [--percent] PATH...
  conference-notes chart [-o FILE.svg] [--theme light|dark] [--sort count|name] [--percent] PATH...
  conference-notes import FILE --out DIR [--layout report|files] [--tz ZONE]

PATH is a markdown note or a folder searched for *.md and *.markdown files.
FILE is a sched.com .ics, a pretalx schedule.json or a Sessionize JSON export; importing it again into the
same DIR updates the notes (field lines only) and prints what changed.
Options: --max-size BYTES skips larger files (default 2 MiB); --settings FILE reads the conferenceNotes.*,
files.exclude and search.exclude settings from a VS Code settings.json (default: the .vscode/settings.json of
PATH when it is a folder, or of DIR for import).
`,
  unknownCommand: 'Unknown command "{0}".',
  unknownOption: 'Unknown option {0}.',
  missingValue: 'Option {0} needs a value.',
  invalidChoice: 'Option {0} takes one of: {1}.',
  invalidSize: 'Option {0} takes a positive number of bytes.',
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
} as const;

/** `ja` when the environment asks for Japanese (LC_ALL, LC_MESSAGES, LANG, then the ICU default locale). */
export function cliLanguage(env: Record<string, string | undefined> = process.env): 'ja' | 'en' {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale;
  return /^ja([_.-]|$)/i.test(locale) ? 'ja' : 'en';
}

const translations: Readonly<Record<string, string>> = cliLanguage() === 'ja' ? japaneseBundle : {};

/** The text in the user's language with `{0}`… filled in. */
export function cliText(template: string, ...args: readonly (string | number)[]): string {
  return fillTemplate(translations[template] ?? template, args);
}
