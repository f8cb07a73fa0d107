// Go to Session: every session as a workspace symbol (Ctrl+T, or `#` in Quick Open), named by its title and
// speakers, with its conference and track beside. VS Code ranks and filters the symbols we return by its own fuzzy
// match of their names, so the provider answers with the candidates the core's search finds in the index; the search
// is built on the first query, so a window where nobody asks pays nothing for it.
import * as vscode from 'vscode';
import type { Session } from '../../core/notes/model';
import { SESSION_SYMBOL_LIMIT, SessionSearch, sessionSearchName } from '../../core/notes/sessionSearch';
import { Disposable } from '../disposable';
import type { NoteWorkspace } from '../noteWorkspace';

function sessionSymbol(session: Session): vscode.SymbolInformation {
  const where = new vscode.Location(vscode.Uri.parse(session.uri), new vscode.Position(session.line, 0));
  return new vscode.SymbolInformation(sessionSearchName(session), vscode.SymbolKind.Event, [session.conference, session.track].filter(Boolean).join(' · '), where);
}

export class SessionSymbolProvider extends Disposable implements vscode.WorkspaceSymbolProvider {
  private search: SessionSearch | undefined;

  constructor(private readonly notes: NoteWorkspace) {
    super();
  }

  async provideWorkspaceSymbols(query: string, token: vscode.CancellationToken): Promise<vscode.SymbolInformation[]> {
    await this.notes.ready();
    if (token.isCancellationRequested || this.isDisposed) return [];
    this.search ??= this.register(new SessionSearch(this.notes.index));
    return this.search.query(query, SESSION_SYMBOL_LIMIT).map(sessionSymbol);
  }
}

export function registerSessionSymbols(context: vscode.ExtensionContext, notes: NoteWorkspace): void {
  const provider = new SessionSymbolProvider(notes);
  context.subscriptions.push(provider, vscode.languages.registerWorkspaceSymbolProvider(provider));
}
