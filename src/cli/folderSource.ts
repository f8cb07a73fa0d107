// A folder of notes on disk as the core's NoteSource (src/core/notes/pipeline.ts), read with Node's fs: what the
// command line reads notes through.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { settle, type NoteSource } from '../core/notes/pipeline';
import { readRegularFile, regularFileOnly } from './regularFile';
import { CLI_MESSAGES as M, cliText } from './text';

/**
 * A folder of notes on disk as the core's NoteSource: a walk that does not enter excluded folders (node_modules,
 * .git… by VS Code's default excludes), and Node's fs. Symbolic links are left out: a note outside the folder is
 * never read through one (the MCP server relies on it), and a link loop cannot make the walk endless. Pipes,
 * sockets and devices are listed, so the pipeline reports each one it is given as not a file instead of reading it.
 */
export function nodeFolderSource(root: string, warn: (message: string) => void): NoteSource {
  const absolute = (relative: string) => path.join(root, ...relative.split('/'));
  return {
    async list(excludes) {
      const found: string[] = [];
      const walk = async (relativeDir: string): Promise<void> => {
        let entries;
        try {
          entries = await fs.readdir(relativeDir ? absolute(relativeDir) : root, { withFileTypes: true });
        } catch (error) {
          warn(cliText(M.cannotRead, absolute(relativeDir), (error as Error).message));
          return;
        }
        for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
          const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
          if (entry.isDirectory()) {
            if (!excludes.excludes(relative)) await walk(relative);
          } else if (!entry.isSymbolicLink()) {
            found.push(relative);
          }
        }
      };
      await walk('');
      return found;
    },
    stat: (relative) => settle(() => fs.stat(absolute(relative))),
    read: (relative) => settle(() => readRegularFile(absolute(relative), regularFileOnly)),
  };
}
