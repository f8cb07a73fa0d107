// Opening a session: the note's editor with the session heading at the top and the cursor on it.
import * as vscode from 'vscode';
import type { Session } from '../core/notes/model';

export const OPEN_SESSION_COMMAND = 'conferenceNotes.openSession';

export async function openSession(session: Session, viewColumn?: vscode.ViewColumn): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(session.uri));
  const heading = new vscode.Position(Math.min(session.line, document.lineCount - 1), 0);
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
