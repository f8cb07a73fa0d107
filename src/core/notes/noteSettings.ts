// A workspace folder's reading settings (`conferenceNotes.*`, files.exclude, search.exclude) as one typed object:
// the one place that validates what a user wrote, used by the extension (values from VS Code's configuration) and
// by the CLI (values from the folder's settings.json), so both read a folder of notes the same way.
import { escape as escapeGlob } from 'minimatch';
import { compileExcludes, type ExcludeGlobs } from './excludes';
import { DEFAULT_PARSE_OPTIONS, type FileDefaults, type ParseOptions } from './model';

/** Files above this many bytes are not read (setting `conferenceNotes.maxFileSize`). */
export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;
/** Where the user's own note templates are (setting `conferenceNotes.templatesFolder`), relative to the folder. */
export const DEFAULT_TEMPLATES_FOLDER = '.vscode/conference-notes/templates';

/** How the notes of one workspace folder are read. */
export interface FolderSettings {
  readonly parseOptions: ParseOptions;
  readonly maxFileSize: number;
  /** The folder of the user's own templates, `/`-separated and relative to the workspace folder (never above it). */
  readonly templatesFolder: string;
  /** files.exclude, search.exclude, conferenceNotes.exclude and the templates folder, compiled once. */
  readonly excludes: ExcludeGlobs;
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
  return {
    parseOptions: parseOptionsFromSettings((key) => get('conferenceNotes', key)),
    maxFileSize: typeof maxFileSize === 'number' && maxFileSize > 0 ? maxFileSize : DEFAULT_MAX_FILE_SIZE,
    templatesFolder: templates,
    excludes: compileExcludes([
      ...enabledGlobs(get('files', 'exclude')),
      ...enabledGlobs(get('search', 'exclude')),
      ...enabledGlobs(get('conferenceNotes', 'exclude')),
      // Templates are notes with placeholders (`${2|planned,attended|}`): read as notes they would be a conference
      // called "templates" full of warnings. A glob naming a folder excludes everything below it; its special
      // characters are escaped as `[x]`, which VS Code's file search reads the same way.
      escapeGlob(templates, { windowsPathsNoEscape: true, magicalBraces: true }),
    ]),
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
