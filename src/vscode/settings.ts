// The extension's settings as the note reader needs them. They are resource-scoped, so every workspace folder of
// a multi-root workspace can read its notes differently; values are cached per folder because a scan asks for
// them once per file.
import * as vscode from 'vscode';
import { Minimatch } from 'minimatch';
import type { ParseOptions } from '../core/notes/model';
import { parseOptionsFromSettings } from '../core/notes/noteSettings';

export const NOTE_GLOB = '**/*.{md,markdown}';
const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

export interface NoteSettings {
  readonly parseOptions: ParseOptions;
  readonly maxFileSize: number;
  /** Globs relative to the workspace folder: files.exclude, search.exclude and conferenceNotes.exclude. */
  readonly exclude: readonly string[];
  /** The same globs compiled once: watcher events ask for every file. */
  readonly excludeMatchers: readonly Minimatch[];
}

const cache = new Map<string, NoteSettings>();

/** Settings changed: forget every cached folder. */
export function clearSettingsCache(): void {
  cache.clear();
}

export function readNoteSettings(uri: vscode.Uri): NoteSettings {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const scope = folder?.uri ?? uri;
  const key = scope.toString();
  let settings = cache.get(key);
  if (!settings) {
    settings = loadSettings(scope);
    cache.set(key, settings);
  }
  return settings;
}

function loadSettings(scope: vscode.Uri): NoteSettings {
  const own = vscode.workspace.getConfiguration('conferenceNotes', scope);
  const enabledGlobs = (section: string): string[] =>
    Object.entries(vscode.workspace.getConfiguration(section, scope).get<Record<string, unknown>>('exclude') ?? {})
      .filter(([, enabled]) => enabled === true)
      .map(([glob]) => glob);
  const exclude = [...enabledGlobs('files'), ...enabledGlobs('search'), ...own.get<string[]>('exclude', [])];
  return {
    parseOptions: parseOptionsFromSettings((key) => own.get(key)),
    maxFileSize: own.get<number>('maxFileSize', DEFAULT_MAX_FILE_SIZE),
    exclude,
    excludeMatchers: exclude.map((glob) => new Minimatch(glob, { dot: true })),
  };
}

/** One glob for `workspace.findFiles`; giving any exclude there replaces files.exclude, so it is included. */
export function excludeGlobFor(folder: vscode.WorkspaceFolder): string | undefined {
  const { exclude } = readNoteSettings(folder.uri);
  return exclude.length > 0 ? `{${exclude.join(',')}}` : undefined;
}

/**
 * Whether a file reported by a watcher or an editor is excluded by the same globs as the scan. As in VS Code, a
 * glob that matches a folder (`**\/.git`, `drafts`) excludes everything below it.
 */
export function isExcluded(uri: vscode.Uri, folder: vscode.WorkspaceFolder): boolean {
  const relative = uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
  const matchers = readNoteSettings(folder.uri).excludeMatchers;
  for (let end = relative.length; end > 0; end = relative.lastIndexOf('/', end - 1)) {
    const path = relative.slice(0, end);
    if (matchers.some((matcher) => matcher.match(path))) return true;
  }
  return false;
}
