// Drag and drop on the Sessions view, as VS Code's tree and editor APIs divide it: the tree's controller puts what
// is dragged into the data transfer (the notes' URIs, which open them when dropped on the editor area, and the
// sessions' ids under the view's own MIME type), and a drop edit provider for markdown turns the ids into links when
// the sessions are dropped into the text of a note (with Shift, as every drop into an editor). Dropped onto the view,
// a schedule export is imported.
import * as vscode from 'vscode';
import type { Session } from '../../core/notes/model';
import type { NoteWorkspace } from '../noteWorkspace';
import { importDroppedSchedule, SCHEDULE_DROP_MIME_TYPES } from '../scheduleDrop';
import { linkToSession } from './sessionLinks';
import type { SessionTreeNode } from './sessionTree';

/** The Sessions view's MIME type (`application/vnd.code.tree.<view id in lower case>`): a JSON array of session ids. */
export const SESSIONS_MIME_TYPE = 'application/vnd.code.tree.conferencenotes.sessions';
const URI_LIST = 'text/uri-list';

/** The note of the session, with the cursor on its heading when it opens (`#L<line>,<column>`, one-based). */
function noteLocation(session: Session): string {
  return vscode.Uri.parse(session.uri).with({ fragment: `L${session.line + 1},1` }).toString();
}

export class SessionTreeDragAndDrop implements vscode.TreeDragAndDropController<SessionTreeNode> {
  readonly dragMimeTypes = [URI_LIST, SESSIONS_MIME_TYPE];
  readonly dropMimeTypes = [...SCHEDULE_DROP_MIME_TYPES];

  handleDrag(source: readonly SessionTreeNode[], dataTransfer: vscode.DataTransfer): void {
    const sessions = source.flatMap((node) => (node.kind === 'session' ? [node.session] : []));
    if (sessions.length === 0) return;
    dataTransfer.set(URI_LIST, new vscode.DataTransferItem(sessions.map(noteLocation).join('\r\n')));
    dataTransfer.set(SESSIONS_MIME_TYPE, new vscode.DataTransferItem(JSON.stringify(sessions.map((session) => session.id))));
  }

  /** A schedule export dropped onto the view (from the Explorer, the desktop, or the computer into a browser) is imported. */
  handleDrop(_target: SessionTreeNode | undefined, dataTransfer: vscode.DataTransfer): Promise<void> {
    return importDroppedSchedule(dataTransfer);
  }
}

/** Sessions dropped into a markdown note become links to them, the same as Copy Markdown Link writes, one a line. */
export class SessionLinkDropProvider implements vscode.DocumentDropEditProvider {
  constructor(private readonly notes: NoteWorkspace) {}

  async provideDocumentDropEdits(document: vscode.TextDocument, _position: vscode.Position, dataTransfer: vscode.DataTransfer): Promise<vscode.DocumentDropEdit | undefined> {
    const ids = sessionIds(await dataTransfer.get(SESSIONS_MIME_TYPE)?.asString());
    if (ids.length === 0) return undefined;
    await this.notes.ready();
    const links = ids.flatMap((id) => {
      const session = this.notes.index.session(id);
      return session ? [linkToSession(session, document.uri)] : [];
    });
    if (links.length === 0) return undefined;
    return new vscode.DocumentDropEdit(links.join(document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n'));
  }
}

/** The ids a drag carried; anything else under our MIME type (another tool's data) carries none. */
function sessionIds(data: string | undefined): string[] {
  if (!data) return [];
  try {
    const parsed: unknown = JSON.parse(data);
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function registerSessionLinkDrop(context: vscode.ExtensionContext, notes: NoteWorkspace): void {
  context.subscriptions.push(vscode.languages.registerDocumentDropEditProvider({ language: 'markdown' }, new SessionLinkDropProvider(notes)));
}
