// Which files of a workspace folder are notes: the note extensions, minus the exclude globs (files.exclude,
// search.exclude, conferenceNotes.exclude) matched as VS Code matches them — relative to the folder, dot files
// included, and a glob that matches a folder excludes everything below it. The one place that knows the glob
// engine, so every host (VS Code, the parse worker, the CLI) excludes the same files.
import { Minimatch } from 'minimatch';

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

export function compileExcludes(globs: readonly string[]): ExcludeGlobs {
  // A glob minimatch cannot compile matches nothing, as VS Code ignores a malformed glob.
  const patterns = globs.flatMap((glob) => {
    const pattern = new Minimatch(glob, { dot: true }).makeRe();
    return pattern ? [pattern] : [];
  });
  const matchesItself = (path: string): boolean => patterns.some((pattern) => pattern.test(path));
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

/** All the globs as one, for a search API that takes a single exclude pattern; undefined when there are none. */
export function combinedGlob(excludes: ExcludeGlobs): string | undefined {
  return excludes.globs.length > 0 ? `{${excludes.globs.join(',')}}` : undefined;
}
