// The target folder of `conference-notes import` as the core's ImportFiles (src/core/import/writePlan.ts), on Node's
// fs: links are seen as links (never written through), a new file is created exclusively, a move replaces in one step.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { EntryKind, ImportFiles } from '../core/import/writePlan';

/** The calls the import writes with; a test passes one that fails as a full disk or a read-only folder would. */
export type ImportFileSystem = Pick<typeof fs, 'lstat' | 'writeFile' | 'rename' | 'unlink'>;

export function nodeImportFiles(folder: string, fileSystem: ImportFileSystem = fs): ImportFiles {
  const at = (name: string) => path.join(folder, name);
  return {
    async kind(name): Promise<EntryKind> {
      try {
        const entry = await fileSystem.lstat(at(name));
        return entry.isSymbolicLink() ? 'link' : entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : 'other';
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
        throw error;
      }
    },
    createNew: (name, text) => fileSystem.writeFile(at(name), text, { flag: 'wx' }),
    replace: (from, to) => fileSystem.rename(at(from), at(to)),
    remove: (name) => fileSystem.unlink(at(name)),
  };
}
