// The reading settings (`conferenceNotes.*`) as ParseOptions: one place that validates what a user wrote, used by
// the extension (values from VS Code's configuration) and by the CLI (values from a settings.json), so both read
// a folder of notes the same way.
import { DEFAULT_PARSE_OPTIONS, type FileDefaults, type ParseOptions } from './model';

/** Looks up one `conferenceNotes.<key>` value as written by the user (undefined when unset). */
export type SettingLookup = (key: string) => unknown;

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

function headingLevel(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 6 ? value : fallback;
}

function fileDefaults(value: unknown): FileDefaults[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const entries = value.filter(
    (entry): entry is FileDefaults =>
      typeof entry === 'object' && entry !== null &&
      (typeof entry.files === 'string' || isStringArray(entry.files)) &&
      typeof entry.frontMatter === 'object' && entry.frontMatter !== null && !Array.isArray(entry.frontMatter),
  );
  return entries.length > 0 ? entries : undefined;
}

/** ParseOptions from settings; a value of the wrong type is ignored (the default applies), never thrown on. */
export function parseOptionsFromSettings(get: SettingLookup): ParseOptions {
  const depth = get('conferenceFolderDepth');
  const subfolder = get('subfolderMeaning');
  const prefixes = get('titlePrefixTracks');
  const nonSession = get('nonSessionHeadings');
  return {
    trackHeadingLevel: headingLevel(get('trackHeadingLevel'), DEFAULT_PARSE_OPTIONS.trackHeadingLevel),
    sessionHeadingLevel: headingLevel(get('sessionHeadingLevel'), DEFAULT_PARSE_OPTIONS.sessionHeadingLevel),
    titlePrefixTracks: isStringArray(prefixes) ? prefixes : DEFAULT_PARSE_OPTIONS.titlePrefixTracks,
    fileDefaults: fileDefaults(get('fileDefaults')),
    conferenceFolderDepth: typeof depth === 'number' && Number.isInteger(depth) && depth >= 1 ? depth : undefined,
    readableFolderNames: get('readableFolderNames') === true ? true : undefined,
    subfolderMeaning: subfolder === 'day' || subfolder === 'track' ? subfolder : undefined,
    nonSessionHeadings: isStringArray(nonSession) && nonSession.length > 0 ? nonSession : undefined,
  };
}
