// What a user can do with a session from the Sessions view's context menu: open it beside, copy a markdown link
// to it, and set its status (a one-step, undoable edit of the note that changes nothing else).
import * as vscode from 'vscode';
import { SESSION_STATUSES, type Session, type SessionStatus } from '../../core/notes/model';
import { planStatusEdit, type TextEdit } from '../../core/notes/noteEdits';
import type { NoteWorkspace } from '../noteWorkspace';
import { openSession } from '../openSession';
import { linkToSession } from './sessionLinks';
import { statusLabel, type SessionTreeNode } from './sessionTree';

/** What a session command is given: a context menu's tree node (the Sessions view's or the agenda's) or a session. */
export type SessionTarget = SessionTreeNode | Session;

/** Context-menu commands receive the tree node; tests and other commands pass the session itself. */
export function sessionOf(target: SessionTarget | undefined): Session | undefined {
  if (!target) return undefined;
  if ('kind' in target) return target.kind === 'session' ? target.session : undefined;
  return target;
}

export function setSessionStatus(session: Session, status: SessionStatus): Promise<boolean> {
  // A note too short to tell its language gets the key of the display language.
  return applyNoteEdit(vscode.Uri.parse(session.uri), (text) => planStatusEdit(text, session, status, vscode.env.language));
}

/** One planned edit of a note as one undo step, saved unless the note had unsaved changes of the user's. */
export async function applyNoteEdit(uri: vscode.Uri, plan: (text: string) => TextEdit): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(uri);
  const wasDirty = document.isDirty;
  const edit = plan(document.getText());
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.replace(uri, new vscode.Range(edit.startLine, edit.startCharacter, edit.endLine, edit.endCharacter), edit.newText);
  if (!(await vscode.workspace.applyEdit(workspaceEdit))) return false;
  // Our edit is the only change: save it, as a user would expect of a menu action. Unsaved work stays unsaved.
  if (!wasDirty) await document.save();
  return true;
}

export function registerSessionActions(context: vscode.ExtensionContext, notes: NoteWorkspace): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('conferenceNotes.openToSide', async (target?: SessionTarget) => {
      const session = sessionOf(target);
      if (session) await openSession(session, vscode.ViewColumn.Beside);
    }),
    vscode.commands.registerCommand('conferenceNotes.copyMarkdownLink', async (target?: SessionTarget) => {
      const session = sessionOf(target);
      if (!session) return;
      const active = vscode.window.activeTextEditor?.document;
      const link = linkToSession(session, active?.languageId === 'markdown' ? active.uri : undefined);
      await vscode.env.clipboard.writeText(link);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', link), 3000);
    }),
    vscode.commands.registerCommand('conferenceNotes.setStatus', async (target?: SessionTarget, status?: SessionStatus) => {
      const session = sessionOf(target);
      if (!session) return;
      const chosen =
        status ??
        (
          await vscode.window.showQuickPick(
            SESSION_STATUSES.map((value) => ({ label: statusLabel(value), description: value, value, picked: value === session.status })),
            { title: vscode.l10n.t('Set Status of "{0}"', session.title) },
          )
        )?.value;
      if (!chosen || !SESSION_STATUSES.includes(chosen)) return;
      await notes.ready();
      // The session may have moved since the tree was drawn: edit the freshest copy of it.
      const current = notes.index.session(session.id) ?? session;
      if (!(await setSessionStatus(current, chosen))) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not change the status of "{0}".', session.title));
      }
    }),
  );
}
