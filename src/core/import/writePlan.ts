// Writing an import plan all or nothing, for every host: each file is first written in full to a temporary file next
// to it, then moved into place; if any step fails, what was already moved is put back and the temporary files are
// removed. A file-system error becomes one message that says what, where and what to do — never an exception.
import { importMessage, type ImportMessage, type ImportMessageCode } from './messages';
import type { ImportWrite } from './importPlan';

/** What is at a name in the target folder. */
export type EntryKind = 'missing' | 'file' | 'folder' | 'link' | 'other';

/** The target folder as a host gives it (Node's fs for the CLI, workspace.fs in VS Code); names are in the folder. */
export interface ImportFiles {
  /** What is at `name`, without following a link. */
  kind(name: string): Promise<EntryKind>;
  /** Creates `name` holding `text`; fails when anything is there already. */
  createNew(name: string, text: string): Promise<void>;
  /** Moves the file `from` to `to`, replacing the file there. */
  replace(from: string, to: string): Promise<void>;
  remove(name: string): Promise<void>;
}

/** The error codes of Node and of VS Code's FileSystemError, and the message each one gets. */
const MESSAGE_OF_CODE: Readonly<Record<string, ImportMessageCode>> = {
  EEXIST: 'write-exists', FileExists: 'write-exists', ENOTEMPTY: 'write-folder',
  EISDIR: 'write-folder', FileIsADirectory: 'write-folder',
  ENOTDIR: 'write-not-folder', FileNotADirectory: 'write-not-folder',
  ELOOP: 'write-link',
  ENOSPC: 'write-no-space', EDQUOT: 'write-no-space',
  EACCES: 'write-no-permission', EPERM: 'write-no-permission', EROFS: 'write-no-permission', NoPermissions: 'write-no-permission',
};

const MESSAGE_OF_KIND: Partial<Record<EntryKind, ImportMessageCode>> = { file: 'write-exists', folder: 'write-folder', link: 'write-link', other: 'write-exists' };

function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** The one message for a failed write of `name` in the folder `where`. */
export function writeFailure(name: string, where: string, error: unknown): ImportMessage {
  const code = MESSAGE_OF_CODE[errorCode(error) ?? ''];
  if (code) return importMessage(code, [name, where], 'error');
  return importMessage('write-failed', [name, where, error instanceof Error ? error.message : String(error)], 'error');
}

/** A name next to `name` that no note reader takes for markdown, unlikely to be in use. */
function temporaryName(name: string, attempt: number): string {
  return `.${name}.${Date.now().toString(36)}${attempt}.import-tmp`;
}

async function removeQuietly(files: ImportFiles, names: readonly string[]): Promise<void> {
  for (const name of names) await files.remove(name).catch(() => undefined);
}

/**
 * Writes every file of the plan, or none. Returns undefined on success, else the message for the first failure,
 * after putting the folder back as it was (the notes' own text, `previous`, is written back to updated files).
 */
export async function writeImportPlan(writes: readonly ImportWrite[], files: ImportFiles, where: string): Promise<ImportMessage | undefined> {
  // Before anything is written: a new file must find nothing in its place, an update a regular file (not a link).
  for (const write of writes) {
    let kind: EntryKind;
    try {
      kind = await files.kind(write.name);
    } catch (error) {
      return writeFailure(write.name, where, error);
    }
    const expected: EntryKind = write.kind === 'create' ? 'missing' : 'file';
    if (kind !== expected) return importMessage(MESSAGE_OF_KIND[kind] ?? 'write-exists', [write.name, where], 'error');
  }
  const temporary: string[] = [];
  for (const [index, write] of writes.entries()) {
    const name = temporaryName(write.name, index);
    try {
      await files.createNew(name, write.text);
      temporary.push(name);
    } catch (error) {
      // A partly written temporary file may exist: remove it with the others.
      await removeQuietly(files, [...temporary, name]);
      return writeFailure(write.name, where, error);
    }
  }
  const moved: ImportWrite[] = [];
  for (const [index, write] of writes.entries()) {
    try {
      await files.replace(temporary[index], write.name);
      moved.push(write);
    } catch (error) {
      await removeQuietly(files, temporary.slice(index));
      const restored = await restore(files, moved);
      return restored ? writeFailure(write.name, where, error) : importMessage('write-rollback-failed', [write.name, where, moved.map((done) => done.name).join(', ')], 'error');
    }
  }
  return undefined;
}

/** Puts back what the writes replaced: new files removed, updated files given their previous text. */
async function restore(files: ImportFiles, moved: readonly ImportWrite[]): Promise<boolean> {
  let restored = true;
  for (const [index, write] of moved.entries()) {
    try {
      if (write.kind === 'create') {
        await files.remove(write.name);
      } else {
        const name = temporaryName(write.name, moved.length + index);
        await files.createNew(name, write.previous ?? '');
        await files.replace(name, write.name);
      }
    } catch {
      restored = false;
    }
  }
  return restored;
}
