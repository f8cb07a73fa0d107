// A workspace folder's reading settings (`conferenceNotes.*`, files.exclude, search.exclude) as one typed object:
// the one place that validates what a user wrote, used by the extension (values from VS Code's configuration) and
// by the CLI (values from the folder's settings.json), so both read a folder of notes the same way.
import { coreMessage, type CoreMessage } from '../messages';
import { compileExcludes, type ExcludeGlobs } from './excludes';
import { escapeGlob, globProblem, MAX_GLOB_LENGTH } from './glob';
import { DEFAULT_PARSE_OPTIONS, type FileDefaults, type ParseOptions } from './model';

/** Files above this many bytes are not read (setting `conferenceNotes.maxFileSize`). */
export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;
/** Where the user's own note templates are (setting `conferenceNotes.templatesFolder`), relative to the folder. */
export const DEFAULT_TEMPLATES_FOLDER = '.vscode/conference-notes/templates';

/** A settings file larger than this is not read (1 MiB: settings files are a few kilobytes). */
export const MAX_SETTINGS_FILE_SIZE = 1024 * 1024;

/** English templates of the messages about settings that were not used; adapters localise them. */
export const SETTINGS_MESSAGES = {
  'glob-too-long': 'The glob "{1}" of the setting {0} is longer than {2} characters and was ignored; the other globs and settings still apply.',
  'settings-not-a-file': '{0} is not a regular file (a folder, a pipe, a socket or a device) and was not read; the default settings apply.',
  'settings-too-large': '{0} is {1} bytes, over the limit of {2} bytes for a settings file, and was not read; the default settings apply.',
} as const;

export type SettingsMessage = CoreMessage<keyof typeof SETTINGS_MESSAGES>;

/** Characters of a refused glob shown in its message: enough to find it in the settings file. */
const SHOWN_GLOB_LENGTH = 80;

function refusedGlob(setting: string, glob: string): SettingsMessage {
  const shown = glob.length > SHOWN_GLOB_LENGTH ? `${glob.slice(0, SHOWN_GLOB_LENGTH)}…` : glob;
  return coreMessage(SETTINGS_MESSAGES, 'glob-too-long', [setting, shown, MAX_GLOB_LENGTH]);
}

/** The globs of `setting` that are used; each refused one is reported to `report`. */
function usableGlobs(setting: string, globs: readonly string[], report: (problem: SettingsMessage) => void): string[] {
  return globs.filter((glob) => {
    if (globProblem(glob) === undefined) return true;
    report(refusedGlob(setting, glob));
    return false;
  });
}

/**
 * Whether a host may read a settings file, from what it is and its size in bytes, before reading a byte: a folder,
 * a pipe or a device is refused (reading a pipe would never end), and so is an oversized file.
 */
export function settingsFileProblem(fileName: string, entry: { readonly isFile: boolean; readonly size: number }): SettingsMessage | undefined {
  if (!entry.isFile) return coreMessage(SETTINGS_MESSAGES, 'settings-not-a-file', [fileName]);
  if (entry.size > MAX_SETTINGS_FILE_SIZE) return coreMessage(SETTINGS_MESSAGES, 'settings-too-large', [fileName, entry.size, MAX_SETTINGS_FILE_SIZE]);
  return undefined;
}

/** How the notes of one workspace folder are read. */
export interface FolderSettings {
  readonly parseOptions: ParseOptions;
  readonly maxFileSize: number;
  /** The folder of the user's own templates, `/`-separated and relative to the workspace folder (never above it). */
  readonly templatesFolder: string;
  /** files.exclude, search.exclude, conferenceNotes.exclude and the templates folder, compiled once. */
  readonly excludes: ExcludeGlobs;
  /** Globs that were refused (too long to match in bounded time); a host reports them once, not per file. */
  readonly problems: readonly SettingsMessage[];
}

/** Looks up one `conferenceNotes.<key>` value as written by the user (undefined when unset). */
export type SettingLookup = (key: string) => unknown;

/** Looks up one `<section>.<key>` setting as in force for the folder (undefined when unset). */
export type SectionLookup = (section: 'conferenceNotes' | 'files' | 'search', key: string) => unknown;

/**
 * VS Code's defaults of files.exclude and search.exclude. VS Code merges a folder's object settings into them; a
 * host without VS Code's configuration (the CLI) starts from them too, so both skip the same folders.
 */
export const DEFAULT_EXCLUDE_SETTINGS: Readonly<Record<'files' | 'search', Readonly<Record<string, boolean>>>> = {
  files: { '**/.git': true, '**/.svn': true, '**/.hg': true, '**/CVS': true, '**/.DS_Store': true, '**/Thumbs.db': true },
  search: { '**/node_modules': true, '**/bower_components': true, '**/*.code-search': true },
};

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

function headingLevel(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 6 ? value : fallback;
}

/** `{ canonical: [aliases…] }`; entries of the wrong shape are left out. */
function trackAliases(value: unknown): Record<string, string[]> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value).filter((entry): entry is [string, string[]] => isStringArray(entry[1]));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function fileDefaults(value: unknown, report: (problem: SettingsMessage) => void): FileDefaults[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const entries = value
    .filter(
      (entry): entry is FileDefaults =>
        typeof entry === 'object' && entry !== null &&
        (typeof entry.files === 'string' || isStringArray(entry.files)) &&
        typeof entry.frontMatter === 'object' && entry.frontMatter !== null && !Array.isArray(entry.frontMatter),
    )
    .map((entry) => ({ ...entry, files: usableGlobs('conferenceNotes.fileDefaults', typeof entry.files === 'string' ? [entry.files] : entry.files, report) }))
    .filter((entry) => entry.files.length > 0);
  return entries.length > 0 ? entries : undefined;
}

/**
 * ParseOptions from settings; a value of the wrong type is ignored (the default applies), never thrown on. A
 * refused `fileDefaults` glob is left out and reported to `report`.
 */
export function parseOptionsFromSettings(get: SettingLookup, report: (problem: SettingsMessage) => void = () => undefined): ParseOptions {
  const depth = get('conferenceFolderDepth');
  const subfolder = get('subfolderMeaning');
  const prefixes = get('titlePrefixTracks');
  const nonSession = get('nonSessionHeadings');
  return {
    trackHeadingLevel: headingLevel(get('trackHeadingLevel'), DEFAULT_PARSE_OPTIONS.trackHeadingLevel),
    sessionHeadingLevel: headingLevel(get('sessionHeadingLevel'), DEFAULT_PARSE_OPTIONS.sessionHeadingLevel),
    // Levels the user set are read as set in every report; unset, each report's levels are inferred.
    headingLevelsSet: headingLevel(get('trackHeadingLevel'), 0) !== 0 || headingLevel(get('sessionHeadingLevel'), 0) !== 0 ? true : undefined,
    titlePrefixTracks: isStringArray(prefixes) ? prefixes : DEFAULT_PARSE_OPTIONS.titlePrefixTracks,
    fileDefaults: fileDefaults(get('fileDefaults'), report),
    conferenceFolderDepth: typeof depth === 'number' && Number.isInteger(depth) && depth >= 1 ? depth : undefined,
    readableFolderNames: get('readableFolderNames') === true ? true : undefined,
    subfolderMeaning: subfolder === 'day' || subfolder === 'track' ? subfolder : undefined,
    nonSessionHeadings: isStringArray(nonSession) && nonSession.length > 0 ? nonSession : undefined,
    trackAliases: trackAliases(get('trackAliases')),
  };
}

/** The globs an `exclude` setting switches on: the keys set to `true` (files/search) or the list (ours). */
function enabledGlobs(value: unknown): string[] {
  if (isStringArray(value)) return value;
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).filter(([, enabled]) => enabled === true).map(([glob]) => glob);
}

/** The templates folder as a clean relative path: no empty, `.` or `..` segment, so it stays inside the folder. */
function templatesFolder(value: unknown): string {
  const segments = (typeof value === 'string' ? value : '').split(/[\\/]/).filter((segment) => segment && segment !== '.' && segment !== '..');
  return segments.length > 0 ? segments.join('/') : DEFAULT_TEMPLATES_FOLDER;
}

/** A folder's settings from its configuration; values of the wrong type are ignored (the default applies). */
export function folderSettingsFrom(get: SectionLookup): FolderSettings {
  const maxFileSize = get('conferenceNotes', 'maxFileSize');
  const templates = templatesFolder(get('conferenceNotes', 'templatesFolder'));
  const problems: SettingsMessage[] = [];
  const report = (problem: SettingsMessage) => problems.push(problem);
  const excludeGlobs = (section: 'conferenceNotes' | 'files' | 'search') => usableGlobs(`${section}.exclude`, enabledGlobs(get(section, 'exclude')), report);
  return {
    parseOptions: parseOptionsFromSettings((key) => get('conferenceNotes', key), report),
    maxFileSize: typeof maxFileSize === 'number' && maxFileSize > 0 ? maxFileSize : DEFAULT_MAX_FILE_SIZE,
    templatesFolder: templates,
    excludes: compileExcludes([
      ...excludeGlobs('files'),
      ...excludeGlobs('search'),
      ...excludeGlobs('conferenceNotes'),
      // Templates are notes with placeholders (`${2|planned,attended|}`): read as notes they would be a conference
      // called "templates" full of warnings. A glob naming a folder excludes everything below it; its special
      // characters are escaped as `[x]`, which VS Code's file search reads the same way.
      escapeGlob(templates),
    ]),
    problems,
  };
}

/**
 * A folder's settings from the contents of a settings.json (`"section.key": value` entries), merged into VS Code's
 * defaults as VS Code merges them.
 */
export function folderSettingsFromFile(values: Readonly<Record<string, unknown>>): FolderSettings {
  return folderSettingsFrom((section, key) => {
    const value = values[`${section}.${key}`];
    if (section === 'conferenceNotes' || key !== 'exclude') return value;
    return { ...DEFAULT_EXCLUDE_SETTINGS[section], ...(typeof value === 'object' && value !== null ? value : {}) };
  });
}
