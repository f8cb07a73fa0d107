// What the Sessions view says while it has no session to show. VS Code shows a view's welcome content whenever its
// tree is empty — also while the tree waits for its first children, which is the whole first scan — so each welcome
// entry (package.json `viewsWelcome`) is shown under a context key set here: "reading" while the workspace is read,
// the create buttons once a scan found no note, how notes are read once it found notes but none reads as a session,
// and a retry when the scan failed. Welcome text takes no arguments, so the number of notes found is the view's
// message.
import * as vscode from 'vscode';
import type { NoteWorkspace } from '../noteWorkspace';

/** The context keys of the `viewsWelcome` entries of the Sessions view. */
const SCANNING_KEY = 'conferenceNotes.scanning';
const NO_NOTES_KEY = 'conferenceNotes.noNotes';
const NO_SESSIONS_KEY = 'conferenceNotes.noSessions';
const SCAN_FAILED_KEY = 'conferenceNotes.scanFailed';

export function registerReadingState(notes: NoteWorkspace, view: vscode.TreeView<unknown>): vscode.Disposable {
  const shown = new Map<string, boolean>();
  // Each key only when its value changes: the index changes on every saved note.
  const set = (key: string, value: boolean): void => {
    if (shown.get(key) === value) return;
    shown.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  };
  let countShown: string | undefined;
  const show = (): void => {
    const read = !notes.scanning && !notes.scanFailed && notes.hasScanned && notes.index.sessionCount === 0;
    const noteCount = notes.index.noteCount;
    set(SCANNING_KEY, notes.scanning);
    set(SCAN_FAILED_KEY, !notes.scanning && notes.scanFailed);
    set(NO_NOTES_KEY, read && noteCount === 0);
    set(NO_SESSIONS_KEY, read && noteCount > 0);
    const count = read && noteCount > 0 ? notesWithoutSessions(noteCount) : undefined;
    // The message is the filter's too: only the one set here is taken back.
    if (count !== countShown && (count !== undefined || view.message === countShown)) view.message = count;
    countShown = count;
  };
  show();
  return vscode.Disposable.from(notes.onDidChangeScanning(show), notes.index.onDidChange(show));
}

function notesWithoutSessions(count: number): string {
  return count === 1
    ? vscode.l10n.t('1 markdown note found: it does not read as conference sessions.')
    : vscode.l10n.t('{0} markdown notes found: none of them reads as conference sessions.', count);
}
