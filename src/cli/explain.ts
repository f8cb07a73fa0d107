// `conference-notes explain FILE`: how one note was read, told as "How This Note Was Read" tells it in VS Code. The
// note is read with its repository, as VS Code reads it with the workspace folder open: the folder pass and the
// folder names that may name its conference depend on the notes around it.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NoteIndex } from '../core/notes/noteIndex';
import { describeReading } from '../core/notes/readingExplanation';
import { cliText } from './text';

/** Files or folders that mark the top of a repository or a VS Code workspace folder. */
const ROOT_MARKERS = ['.git', '.vscode'];

async function exists(file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch {
    return false;
  }
}

/** The folder a user would open in VS Code for `file`: the nearest one above it holding .git or .vscode, else its own. */
export async function workspaceRootOf(file: string): Promise<string> {
  const own = path.dirname(file);
  for (let folder = own; ; folder = path.dirname(folder)) {
    for (const marker of ROOT_MARKERS) if (await exists(path.join(folder, marker))) return folder;
    if (path.dirname(folder) === folder) return own;
  }
}

/** The lines `explain` prints for `file`, from the index of its workspace root; undefined when it is not a note there. */
export function explainLines(index: NoteIndex, file: string): string[] | undefined {
  const note = index.note(pathToFileURL(file).toString());
  return note && describeReading(note, path.basename(file), (english) => cliText(english));
}
