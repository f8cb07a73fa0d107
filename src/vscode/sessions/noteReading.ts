// "How This Note Was Read" and "Pin This Reading": the reading the core inferred for a note, shown beside it as a
// read-only document, and frozen on request as front matter of the note (one undo step) or as a fileDefaults entry
// for its folder. The pinned keys are checked by reading the note again with them (core/notes/readingExplanation).
import * as vscode from 'vscode';
import { folderOf } from '../../core/notes/folderReadings';
import type { ParsedNote, Session } from '../../core/notes/model';
import { describeReading, pinAsObject, pinReading, planPinEdit, sharedPin, withPinnedKeys, type PinnedKeys, type ReadingPin } from '../../core/notes/readingExplanation';
import { localizeTemplate } from '../localize';
import type { NoteWorkspace } from '../noteWorkspace';
import { applyNoteEdit } from './sessionActions';
import type { SessionTreeNode } from './sessionTree';

const READING_SCHEME = 'conference-notes-reading';

/** A command's target: a tree node or session (the Sessions view), a file (explorer, editor title), or the active editor. */
function noteUriOf(target: SessionTreeNode | Session | vscode.Uri | undefined): vscode.Uri | undefined {
  if (target instanceof vscode.Uri) return target;
  if (target && 'kind' in target) return target.kind === 'session' ? vscode.Uri.parse(target.session.uri) : undefined;
  if (target && 'uri' in target) return vscode.Uri.parse(target.uri);
  return vscode.window.activeTextEditor?.document.uri;
}

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** The explanation document's URI for a note: its file name shows in the tab, the note's URI travels in the query. */
function readingUri(note: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: READING_SCHEME, path: `/${fileName(note)}`, query: note.toString() });
}

/** The explanation as markdown: the first line a heading, every value as text (a heading may hold markup). */
function readingMarkdown(note: ParsedNote, name: string): string {
  const escape = (text: string) => text.replace(/[\\`*_[\]<>#|]/g, '\\$&');
  const [title, ...lines] = describeReading(note, name, localizeTemplate);
  return [`# ${escape(title)}`, '', ...lines.map((line) => (line.startsWith('- ') ? `- ${escape(line.slice(2))}` : `${escape(line)}  `)), ''].join('\n');
}

class ReadingDocuments implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly shown = new Set<string>();

  constructor(private readonly notes: NoteWorkspace) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    this.shown.add(uri.toString());
    const note = this.notes.index.note(uri.query);
    return note ? readingMarkdown(note, uri.path.slice(1)) : vscode.l10n.t('{0} is not read as a note: it is excluded, too large, or not in a workspace folder.', uri.path.slice(1));
  }

  /** Shown explanations follow the index: an edit of the note (or a sibling) may change its reading. */
  refresh(): void {
    for (const shown of this.shown) this.changed.fire(vscode.Uri.parse(shown));
  }

  forget(uri: vscode.Uri): void {
    this.shown.delete(uri.toString());
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The reading of the note at `uri` pinned, checked by parsing its current text (unsaved edits included) again. */
function pinOf(notes: NoteWorkspace, uri: vscode.Uri, note: ParsedNote, text: string): ReadingPin {
  return pinReading(note, (keys) => notes.parseText(uri, withPinnedKeys(text, keys)) ?? note);
}

function describeKeys(keys: PinnedKeys): string {
  return keys.map(([key, value]) => `${key}: ${value}`).join(', ');
}

/** The glob of a fileDefaults entry for the notes directly in the note's folder, relative to the workspace folder. */
function folderGlob(noteUri: vscode.Uri): string {
  const relative = vscode.workspace.asRelativePath(noteUri, false);
  const slash = relative.lastIndexOf('/');
  // Characters that are glob syntax in a folder name are escaped so that the entry means that folder only.
  const escaped = slash < 0 ? '' : `${relative.slice(0, slash).replace(/[*?[\]{}()!@+\\]/g, '\\$&')}/`;
  return `${escaped}*.{md,markdown}`;
}

/** A fileDefaults entry appended in the workspace folder's settings, after the user's own entries (so it wins over them). */
async function pinInFolderSettings(folder: vscode.WorkspaceFolder, glob: string, keys: PinnedKeys): Promise<void> {
  const configuration = vscode.workspace.getConfiguration('conferenceNotes', folder.uri);
  const current = configuration.inspect<unknown[]>('fileDefaults')?.workspaceFolderValue ?? [];
  await configuration.update('fileDefaults', [...current, { files: glob, frontMatter: pinAsObject(keys) }], vscode.ConfigurationTarget.WorkspaceFolder);
}

/** The keys every note of the folder shares, each checked as the single-note pin is. */
async function folderPin(notes: NoteWorkspace, uri: vscode.Uri): Promise<PinnedKeys> {
  const folder = folderOf(uri.toString());
  const pins: PinnedKeys[] = [];
  for (const sibling of notes.index.uris()) {
    if (folderOf(sibling) !== folder) continue;
    const note = notes.index.note(sibling);
    if (!note || note.sessions.length === 0) continue;
    const siblingUri = vscode.Uri.parse(sibling);
    const text = await notes.noteText(siblingUri);
    // A sibling that can no longer be read has no keys to share: the folder pins nothing it cannot check.
    pins.push(text === undefined ? [] : pinOf(notes, siblingUri, note, text).keys);
  }
  return sharedPin(pins);
}

export function registerNoteReading(context: vscode.ExtensionContext, notes: NoteWorkspace): void {
  const documents = new ReadingDocuments(notes);
  context.subscriptions.push(
    documents,
    vscode.workspace.registerTextDocumentContentProvider(READING_SCHEME, documents),
    notes.index.onDidChange(() => documents.refresh()),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.uri.scheme === READING_SCHEME) documents.forget(document.uri);
    }),
    vscode.commands.registerCommand('conferenceNotes.showReading', async (target?: SessionTreeNode | Session | vscode.Uri) => {
      const uri = noteUriOf(target);
      if (!uri) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a note first: How This Note Was Read tells how the active note was read.'));
        return;
      }
      await notes.ready();
      const document = await vscode.workspace.openTextDocument(readingUri(uri));
      await vscode.languages.setTextDocumentLanguage(document, 'markdown');
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    }),
    vscode.commands.registerCommand('conferenceNotes.pinReading', async (target?: SessionTreeNode | Session | vscode.Uri) => {
      const uri = noteUriOf(target);
      await notes.ready();
      const note = uri && notes.index.note(uri.toString());
      const folder = uri && vscode.workspace.getWorkspaceFolder(uri);
      // Deleted since it was read, or no longer a regular file: nothing to pin.
      const text = note ? await notes.noteText(uri) : undefined;
      if (!uri || !note || !folder || text === undefined) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a note of the workspace first: Pin This Reading writes the active note’s reading.'));
        return;
      }
      const pin = pinOf(notes, uri, note, text);
      if (pin.keys.length === 0) {
        void vscode.window.showInformationMessage(
          note.sessions.length === 0
            ? vscode.l10n.t('{0} holds no session: there is no reading to pin.', fileName(uri))
            : vscode.l10n.t('The reading of {0} is already given by its front matter or the settings.', fileName(uri)),
        );
        return;
      }
      const shared = await folderPin(notes, uri);
      const glob = folderGlob(uri);
      interface Choice extends vscode.QuickPickItem { readonly where: 'note' | 'folder' }
      const choices: Choice[] = [
        { where: 'note', label: vscode.l10n.t('In the front matter of {0}', fileName(uri)), description: describeKeys(pin.keys) },
        ...(shared.length > 0 ? [{ where: 'folder' as const, label: vscode.l10n.t('For every note matching {0} (fileDefaults setting)', glob), description: describeKeys(shared) }] : []),
      ];
      const choice = await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Pin This Reading'), placeHolder: vscode.l10n.t('Where should the reading be written?') });
      if (!choice) return;
      if (choice.where === 'note') {
        if (!(await applyNoteEdit(uri, (text) => planPinEdit(text, pin.keys)))) return;
      } else {
        await pinInFolderSettings(folder, glob, shared);
      }
      if (!pin.complete) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Only the conference was pinned: the sessions of {0} are written in a way only the inferred reading knows (bold lines, lettered items, or “Title by Speaker” headings), so its layout is still inferred.', fileName(uri)));
      }
    }),
  );
}
