// The conference a command is run on: from the Sessions view node, session or name it is given, else from the note in
// the editor; and the conferences to choose from with that one first. Shared by the features that act on one
// conference (Compose Conference Report, Compare with Earlier Editions).
import * as vscode from 'vscode';
import type { NoteWorkspace } from './noteWorkspace';

export interface ConferenceItem extends vscode.QuickPickItem {
  readonly conference: string;
}

/**
 * The conference the command was given — a Sessions view node (conference, track or session; read by shape, as
 * features meet through commands), a session, or a name — else, with `orEditor`, the one of the note in the editor.
 */
export function conferenceInContext(notes: NoteWorkspace, target: unknown, orEditor = true): string | undefined {
  const node = target as { conference?: unknown; session?: { conference?: unknown } } | undefined;
  const given = typeof target === 'string' ? target : (node?.conference ?? node?.session?.conference);
  if (typeof given === 'string') return given;
  const active = orEditor ? vscode.window.activeTextEditor?.document.uri.toString() : undefined;
  return active === undefined ? undefined : notes.index.note(active)?.conference;
}

/** Every conference with its session count, `first` at the top, where the picker's selection starts. */
export function conferenceItems(notes: NoteWorkspace, first: string | undefined): ConferenceItem[] {
  return notes.index.conferences()
    .map(({ name, count }) => ({ label: name, description: String(count), conference: name }))
    .sort((a, b) => Number(b.conference === first) - Number(a.conference === first));
}
