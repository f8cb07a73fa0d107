// Opening a session: the note's editor with the session heading at the top and the cursor on it.
import * as vscode from 'vscode';
import type { Session } from '../core/notes/model';

export const OPEN_SESSION_COMMAND = 'conferenceNotes.openSession';
/** Open Session In…: one place of a session written in several (see sessions/sessionPlaces.ts). */
export const OPEN_SESSION_PLACE_COMMAND = 'conferenceNotes.openSessionPlace';

/**
 * A session's context value in the Sessions view and the agenda: `session`, or `session.merged` for a talk written in
 * several places (menus offer Open Session In… on `/\.merged$/`). Menus test it with `=~ /^session(\.merged)?$/`;
 * the agenda's overlapping sessions are `sessionOverlapping(.merged)`.
 */
export function sessionContextValue(session: Session, base = 'session'): string {
  return session.places ? `${base}.merged` : base;
}

/** Opens a session at its preferred place (a merged session's: the user's own note). */
export function openSession(session: Session, viewColumn?: vscode.ViewColumn): Promise<vscode.TextEditor> {
  return openNoteAt(session.uri, session.line, viewColumn);
}

/** Opens a note with `line` (a session's heading) at the top and the cursor on it. */
export async function openNoteAt(uri: string, line: number, viewColumn?: vscode.ViewColumn): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const heading = new vscode.Position(Math.min(line, document.lineCount - 1), 0);
  const editor = await vscode.window.showTextDocument(document, {
    selection: new vscode.Range(heading, heading),
    viewColumn,
  });
  editor.revealRange(new vscode.Range(heading, heading), vscode.TextEditorRevealType.AtTop);
  return editor;
}

export function registerOpenSession(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_SESSION_COMMAND, (session: Session) => openSession(session)),
  );
}
