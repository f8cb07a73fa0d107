// Open Session In…: a talk written in several places (the programme, a report, a session note) opens where the user
// chooses, at its line. The Sessions view's and the agenda's context menus pass their node and the command asks
// which place; a link in the session's tooltip names its place and opens it at once. A click on the session itself
// still opens the preferred place (Open Session), without a question.
import * as vscode from 'vscode';
import type { Session, SessionPlace } from '../../core/notes/model';
import { readPlaceReference, type PlaceReference } from '../../core/notes/sessionPlaces';
import { windowDialogs, type Dialogs } from '../dialogs';
import type { NoteWorkspace } from '../noteWorkspace';
import { openNoteAt, OPEN_SESSION_PLACE_COMMAND } from '../openSession';
import { sessionOf, type SessionTarget } from './sessionActions';
import { placeKindLabel, placeLocation, workspacePath } from './sessionTree';

interface PlaceItem extends vscode.QuickPickItem {
  readonly place: SessionPlace;
}

export class OpenSessionPlaceCommand {
  constructor(private readonly notes: NoteWorkspace, private readonly dialogs: Pick<Dialogs, 'showQuickPick'> = windowDialogs) {}

  /**
   * Opens a place of the session given (a tree node or a session), asking which when it has several; or the place a
   * tooltip link names. Resolves with the editor, undefined when the user cancels or the place is not a note.
   */
  async run(target?: unknown): Promise<vscode.TextEditor | undefined> {
    const named = readPlaceReference(target);
    if (named) return this.openNamed(named);
    const given = sessionOf(target as SessionTarget | undefined);
    if (!given) return undefined;
    await this.notes.ready();
    // The session may have moved, or been merged or split, since the menu was drawn: ask about its freshest copy.
    const session = this.notes.index.session(given.id) ?? given;
    const place = await this.choosePlace(session);
    return place && openNoteAt(place.uri, place.line);
  }

  private async choosePlace(session: Session): Promise<PlaceReference | undefined> {
    if (!session.places) return session;
    // In the index's order: the preferred place (the user's own note) first, where the picker's selection starts.
    const items: PlaceItem[] = session.places.map((place) => ({ label: placeKindLabel(place.kind), description: placeLocation(place), place }));
    return (await this.dialogs.showQuickPick(items, { title: vscode.l10n.t('Open "{0}" In…', session.title) }))?.place;
  }

  /**
   * A link's place, opened only when it is a note the extension read: a link can name nothing else. VS Code decodes
   * a command link's query twice (as a URI, then the JSON), so the URI may arrive with its escapes undone (`%20` a
   * space): it is compared as VS Code writes it.
   */
  private async openNamed(place: PlaceReference): Promise<vscode.TextEditor | undefined> {
    const uri = vscode.Uri.parse(place.uri);
    await this.notes.ready();
    if (this.notes.index.note(uri.toString())) return openNoteAt(uri.toString(), place.line);
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} is no longer a note of this workspace.', workspacePath(uri)));
    return undefined;
  }
}

export function registerOpenSessionPlace(context: vscode.ExtensionContext, notes: NoteWorkspace): OpenSessionPlaceCommand {
  const command = new OpenSessionPlaceCommand(notes);
  context.subscriptions.push(vscode.commands.registerCommand(OPEN_SESSION_PLACE_COMMAND, (target?: unknown) => command.run(target)));
  return command;
}
