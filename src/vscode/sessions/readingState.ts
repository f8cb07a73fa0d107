// What the Sessions view says while it has no session to show. VS Code shows a view's welcome content whenever its
// tree is empty — also while the tree waits for its first children, which is the whole first scan — so each welcome
// entry (package.json `viewsWelcome`) is shown under a context key set here: "reading" while the workspace is read,
// the create buttons only once a scan found no session, and a retry when the scan failed.
import * as vscode from 'vscode';
import type { NoteWorkspace } from '../noteWorkspace';

/** The context keys of the `viewsWelcome` entries of the Sessions view. */
const SCANNING_KEY = 'conferenceNotes.scanning';
const NO_NOTES_KEY = 'conferenceNotes.noNotes';
const SCAN_FAILED_KEY = 'conferenceNotes.scanFailed';

export function registerReadingState(notes: NoteWorkspace): vscode.Disposable {
  const shown = new Map<string, boolean>();
  // Each key only when its value changes: the index changes on every saved note.
  const set = (key: string, value: boolean): void => {
    if (shown.get(key) === value) return;
    shown.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  };
  const show = (): void => {
    set(SCANNING_KEY, notes.scanning);
    set(SCAN_FAILED_KEY, !notes.scanning && notes.scanFailed);
    set(NO_NOTES_KEY, !notes.scanning && !notes.scanFailed && notes.hasScanned && notes.index.sessionCount === 0);
  };
  show();
  return vscode.Disposable.from(notes.onDidChangeScanning(show), notes.index.onDidChange(show));
}
