// The markdown link to a session that Copy Markdown Link copies and a session dragged from the Sessions view drops
// into a note: one link, however it gets there.
import * as vscode from 'vscode';
import type { Session } from '../../core/notes/model';
import { sessionLink } from '../../core/notes/noteEdits';

/** The path of a URI relative to its workspace folder, with `/` separators (empty folder path for the root). */
function workspacePath(uri: vscode.Uri): { folder: vscode.WorkspaceFolder | undefined; path: string } {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return { folder, path: folder ? uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1) : uri.path };
}

/** A link that works from the markdown file being edited (same folder), else from the workspace folder's root. */
export function linkToSession(session: Session, from: vscode.Uri | undefined): string {
  const target = workspacePath(vscode.Uri.parse(session.uri));
  const source = from ? workspacePath(from) : undefined;
  const fromDirectory = source && source.folder === target.folder ? source.path.split('/').slice(0, -1).join('/') : '';
  return sessionLink(session, target.path, fromDirectory);
}
