// Which files of a workspace folder are notes: the note extensions, minus the exclude globs (files.exclude,
// search.exclude, conferenceNotes.exclude) matched as VS Code matches them — relative to the folder, dot files
// included, and a glob that matches a folder excludes everything below it. The one place that knows the glob
// engine (./glob.ts), so every host (VS Code, the parse worker, the CLI) excludes the same files.
import { compileGlob, globProblem } from './glob';

/** The notes of a folder, as a glob for file searches and watchers. */
export const NOTE_GLOB = '**/*.{md,markdown}';
const NOTE_FILE = /\.(md|markdown)$/i;

/** Whether a file name or path has a note extension (`.md`, `.markdown`, any case). */
export function isNoteFile(path: string): boolean {
  return NOTE_FILE.test(path);
}

export interface ExcludeGlobs {
  /** The globs as written, relative to the workspace folder. */
  readonly globs: readonly string[];
  /** Whether a `/`-separated path relative to the folder, or one of the folders it is in, is excluded. */
  excludes(relativePath: string): boolean;
  /** `paths` without the excluded ones; each folder is matched once, however many files it holds. */
  withoutExcluded(relativePaths: readonly string[]): string[];
}

/** The globs compiled; one over the size bound (`globProblem`) excludes nothing — the settings reader reports it. */
export function compileExcludes(globs: readonly string[]): ExcludeGlobs {
  const patterns = globs.map(compileGlob);
  const matchesItself = (path: string): boolean => patterns.some((pattern) => pattern.matches(path));
  const excludes = (relativePath: string): boolean => {
    for (let end = relativePath.length; end > 0; end = relativePath.lastIndexOf('/', end - 1)) {
      if (matchesItself(relativePath.slice(0, end))) return true;
    }
    return false;
  };
  return {
    globs,
    excludes,
    withoutExcluded(relativePaths) {
      if (patterns.length === 0) return [...relativePaths];
      const excludedFolders = new Map<string, boolean>();
      const folderExcluded = (folder: string): boolean => {
        let excluded = excludedFolders.get(folder);
        if (excluded === undefined) {
          excluded = excludes(folder);
          excludedFolders.set(folder, excluded);
        }
        return excluded;
      };
      return relativePaths.filter((path) => {
        const slash = path.lastIndexOf('/');
        return !(matchesItself(path) || (slash > 0 && folderExcluded(path.slice(0, slash))));
      });
    },
  };
}

/**
 * Whether VS Code's own glob engine can be given `glob` safely: it builds a backtracking regular expression, which
 * takes polynomial time in the number of `*` of a segment (`*a*a*a*b`), and it does not nest braces, so a glob
 * holding a brace or a comma cannot join the others in one `{…}`. What is left out is excluded by our own matching.
 */
function safeForFileSearch(glob: string): boolean {
  if (/[{},]/.test(glob) || globProblem(glob) !== undefined) return false;
  const segments = glob.split('/');
  return segments.filter((segment) => segment === '**').length <= 2 && segments.every((segment) => segment === '**' || !/\*[^*]*\*/.test(segment));
}

/**
 * The globs VS Code's file search can apply itself (so it does not walk into excluded folders), as the one exclude
 * pattern it takes; undefined when there are none. The search's results still go through `withoutExcluded`.
 */
export function fileSearchExclude(excludes: ExcludeGlobs): string | undefined {
  const globs = excludes.globs.filter(safeForFileSearch);
  return globs.length > 0 ? `{${globs.join(',')}}` : undefined;
}
