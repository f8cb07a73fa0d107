// The hover over a markdown link to a session — `[Title](report.md#title)`, as Copy Markdown Link and a session
// dragged from the Sessions view write it — shows that session's fields and status, as its tooltip in the tree does.
import * as vscode from 'vscode';
import { linkAt, sessionForFragment } from '../../core/notes/linkTargets';
import type { NoteWorkspace } from '../noteWorkspace';
import { sessionTooltip } from './sessionTree';

/** The note a link's path leads to: relative to the linking note, or to its workspace folder when it starts with `/`. */
function linkedNote(from: vscode.Uri, path: string): vscode.Uri {
  if (path === '') return from;
  const folder = vscode.workspace.getWorkspaceFolder(from);
  return path.startsWith('/') && folder ? vscode.Uri.joinPath(folder.uri, path) : vscode.Uri.joinPath(from, '..', path);
}

export class SessionLinkHoverProvider implements vscode.HoverProvider {
  constructor(private readonly notes: NoteWorkspace) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const link = linkAt(document.lineAt(position.line).text, position.character);
    if (!link) return undefined;
    await this.notes.ready();
    const note = linkedNote(document.uri, link.path).toString();
    const session = sessionForFragment(this.notes.index.sessionsOf(note), link.fragment);
    if (!session || token.isCancellationRequested) return undefined;
    return new vscode.Hover(await sessionTooltip(session), new vscode.Range(position.line, link.start, position.line, link.end));
  }
}

export function registerSessionHover(context: vscode.ExtensionContext, notes: NoteWorkspace): void {
  context.subscriptions.push(vscode.languages.registerHoverProvider({ language: 'markdown' }, new SessionLinkHoverProvider(notes)));
}
