// Writing notes: Insert Session, New Conference Report…, New Session Note…, the user's own templates, and field
// completion (known tracks, speakers and statuses after `track:`, `speakers:`, `status:`). Snippets do not pop up
// in markdown by default, so these commands are the main road; every insertion is one SnippetString edit (one
// undo step), and new notes open as unsaved documents at a free file name, so nothing on disk is overwritten.
import * as vscode from 'vscode';
import { fieldNameOf } from '../../core/notes/fields';
import { SESSION_STATUSES, type ParseOptions, type Session } from '../../core/notes/model';
import { reportTemplate, sessionFileTemplate, sessionSnippet, trackSectionSnippet } from '../../core/templates/builtIn';
import { freeFileName, slugifyFileName } from '../../core/templates/fileNames';
import { insertionPlan, trackAtLine } from '../../core/templates/insertion';
import { type TemplateLanguage, templateLanguageFor, writingStyleOf } from '../../core/templates/noteLanguage';
import { renderTemplate, type TemplateValues } from '../../core/templates/render';
import { windowDialogs, type Dialogs } from '../dialogs';
import type { NoteWorkspace } from '../noteWorkspace';

interface UserTemplate {
  readonly name: string;
  readonly uri: vscode.Uri;
}

/** Answers to the questions the commands ask: VS Code's own dialogs, or scripted answers in tests. */
export interface TemplatePrompts {
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  input(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  /** The folder of the new note; `chosen` says what is created there (the dialog's title and button). */
  folder(defaultUri: vscode.Uri | undefined, chosen: { readonly title: string; readonly openLabel: string }): Thenable<vscode.Uri | undefined>;
}

/** The questions asked through `dialogs`: a folder is one folder, picked in the open dialog. */
export function dialogPrompts(dialogs: Dialogs): TemplatePrompts {
  return {
    pick: (items, options) => dialogs.showQuickPick(items, options),
    input: (options) => dialogs.showInputBox(options),
    folder: async (defaultUri, chosen) => (await dialogs.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, defaultUri, ...chosen }))?.[0],
  };
}

function language(): TemplateLanguage {
  return templateLanguageFor(vscode.env.language);
}

/** The folder of user templates for a file: its workspace folder's, else the first folder's. */
async function userTemplates(notes: NoteWorkspace, target: vscode.Uri | undefined): Promise<UserTemplate[]> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = (target && vscode.workspace.getWorkspaceFolder(target)) ?? folders[0];
  if (!folder) return [];
  const directory = vscode.Uri.joinPath(folder.uri, ...notes.settings.folder(folder.uri).templatesFolder.split('/'));
  try {
    const entries = await vscode.workspace.fs.readDirectory(directory);
    return entries
      .filter(([name, type]) => type === vscode.FileType.File && /\.md$/i.test(name))
      .map(([name]) => ({ name: name.replace(/\.md$/i, ''), uri: vscode.Uri.joinPath(directory, name) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return []; // No templates folder: only the built-in templates.
  }
}

/**
 * Renders a user template as a snippet; unknown variables stay visible, and the user is told about them. A template
 * that is no regular file (a pipe put in its place) is not read: the command fails with a message saying so.
 */
async function renderUserTemplate(notes: NoteWorkspace, template: UserTemplate, values: TemplateValues): Promise<string> {
  const read = await notes.readRegularFile(template.uri);
  if (!(read instanceof Uint8Array)) {
    throw new Error(read.failure === 'unreadable'
      ? vscode.l10n.t('The template "{0}" could not be read: {1}', template.name, read.message)
      : vscode.l10n.t('The template "{0}" is not a regular file (a folder, a pipe, a socket or a device, or it is gone) and was not read.', template.name));
  }
  const source = new TextDecoder().decode(read);
  const result = renderTemplate(source, values, { mode: 'snippet' });
  if (result.unknownVariables.length > 0) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Template "{0}" uses unknown variables, left as written: {1}', template.name, result.unknownVariables.join(', ')),
    );
  }
  return result.text;
}

/** Lets the user choose a user template, or the built-in one (undefined) when there are none or they pick it. */
async function chooseTemplate(notes: NoteWorkspace, prompts: TemplatePrompts, target: vscode.Uri | undefined): Promise<UserTemplate | undefined | 'cancelled'> {
  const templates = await userTemplates(notes, target);
  if (templates.length === 0) return undefined;
  const builtIn = { label: vscode.l10n.t('Built-in template'), template: undefined };
  const picked = await prompts.pick([builtIn, ...templates.map((template) => ({ label: template.name, description: vscode.workspace.asRelativePath(template.uri), template }))], {
    title: vscode.l10n.t('Choose a Template'),
  });
  return picked ? picked.template : 'cancelled';
}

/** The heading levels in force for a report: its front matter's, else the folder's settings. */
function headingLevels(notes: NoteWorkspace, uri: vscode.Uri): Pick<ParseOptions, 'trackHeadingLevel' | 'sessionHeadingLevel'> {
  const note = notes.index.note(uri.toString());
  return note?.headingLevels ?? notes.settings.folder(uri).parseOptions;
}

/**
 * Insert Session, New Conference Report… and New Session Note…, asking their questions through `prompts` (given at
 * construction: `registerTemplateCommands` passes the interactive dialogs, extension-host tests scripted answers).
 */
export class TemplateCommands {
  /** The track each conference last got a session in, offered first when the cursor is in no track. */
  private readonly lastTracks = new Map<string, string>();

  constructor(
    private readonly notes: NoteWorkspace,
    private readonly prompts: TemplatePrompts,
    /** Shows a new session in the Sessions view (given by the activation, which owns the view). */
    private readonly revealSession: (session: Session) => Thenable<void> = async () => undefined,
  ) {}

  /** Inserts a session (and its track heading when the track is new to the report) at the cursor, as one undo step. */
  async insertSession(): Promise<void> {
    const { notes, prompts } = this;
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown') {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a markdown report to insert a session into.'));
      return;
    }
    await notes.ready();
    const document = editor.document;
    const note = notes.index.note(document.uri.toString());
    if (note?.layout === 'session-file') {
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('This note is a single session. Create a new session note instead?'),
        vscode.l10n.t('New Session Note…'),
      );
      if (choice) await vscode.commands.executeCommand('conferenceNotes.newSessionNote');
      return;
    }
    const conference = note?.conference;
    const text = document.getText();
    const levels = headingLevels(notes, document.uri);
    // Captured before the questions: the cursor may move while the user answers.
    const cursorLine = editor.selection.active.line;
    const picked = await prompts.pick(this.trackItems(conference, trackAtLine(text, cursorLine, levels)), {
      title: vscode.l10n.t('Insert Session: Track'),
      placeHolder: conference ? vscode.l10n.t('Tracks of {0}', conference) : undefined,
    });
    if (!picked) return;
    const track = picked.track ?? (await prompts.input({ title: vscode.l10n.t('New Track'), prompt: vscode.l10n.t('Name of the track') }))?.trim();
    if (!track) return;
    const template = await chooseTemplate(notes, prompts, document.uri);
    if (template === 'cancelled') return;

    // Written in the report's language and with its keys, whatever the display language.
    const style = writingStyleOf(text, vscode.env.language);
    const plan = insertionPlan(text, cursorLine, track, levels);
    const values: TemplateValues = { track, conference, date: new Date(), language: style.language };
    let body: string;
    if (template) {
      const section = await renderUserTemplate(notes, template, values);
      body = plan.addTrackHeading ? `${'#'.repeat(levels.trackHeadingLevel)} ${escapeForSnippet(track)}\n\n${section}` : section;
    } else {
      body = plan.addTrackHeading
        ? trackSectionSnippet(levels, 'session', style.language, { track }, style.keys)
        : sessionSnippet(levels.sessionHeadingLevel, 'session', style.language, {}, style.keys);
    }
    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const snippet = new vscode.SnippetString((plan.prefix + body + plan.suffix).replace(/\r?\n/g, eol));
    const before = new Set(notes.index.sessionsOf(document.uri.toString()));
    if (!(await editor.insertSnippet(snippet, new vscode.Position(plan.line, plan.character)))) return;
    if (conference) this.lastTracks.set(conference, track);
    // The snippet leaves the cursor in the new session's title: show that session once the index has read it.
    const inserted = await sessionWhenIndexed(notes, document.uri, editor.selection.active.line, before);
    if (inserted) await this.revealSession(inserted);
  }

  /**
   * The report's tracks, the one the cursor is in first (else the one last inserted into), then "New track…".
   * VS Code's quick pick makes its first item the active one, so that track is taken with Enter.
   */
  private trackItems(conference: string | undefined, cursorTrack: string | undefined): { label: string; description?: string; track: string | undefined }[] {
    const known = conference ? this.notes.index.tracks(conference).flatMap(({ name }) => (name === undefined ? [] : [name])) : [];
    const sameTrack = (a: string, b: string | undefined) => b !== undefined && a.normalize('NFKC').toLowerCase() === b.normalize('NFKC').toLowerCase();
    const atCursor = known.find((track) => sameTrack(track, cursorTrack));
    const lastUsed = atCursor === undefined && conference ? known.find((track) => sameTrack(track, this.lastTracks.get(conference))) : undefined;
    const preferred = atCursor ?? lastUsed;
    const description = atCursor !== undefined ? vscode.l10n.t('where the cursor is') : vscode.l10n.t('last used');
    const items = known.map((track) => ({ label: track, track, ...(track === preferred ? { description } : {}) }));
    const first = items.findIndex((item) => item.track === preferred);
    if (first > 0) items.unshift(...items.splice(first, 1));
    return [...items, { label: `$(add) ${vscode.l10n.t('New track…')}`, track: undefined }];
  }

  /** Opens a new report as an unsaved document; its future file, or undefined when the user cancelled. */
  async newConferenceReport(): Promise<vscode.Uri | undefined> {
    const prompts = this.prompts;
    const name = (await prompts.input({ title: vscode.l10n.t('New Conference Report'), prompt: vscode.l10n.t('Conference name'), placeHolder: 'KubeCon + CloudNativeCon Europe 2026' }))?.trim();
    if (!name) return undefined;
    const dates = await prompts.input({ title: vscode.l10n.t('New Conference Report'), prompt: vscode.l10n.t('Dates (optional)'), placeHolder: '2026-03-23 – 2026-03-26' });
    if (dates === undefined) return undefined;
    const current = language();
    const languages = [
      { label: 'English', value: 'en' as const },
      { label: '日本語', value: 'ja' as const },
    ].map((item) => ({ ...item, description: item.value === current ? vscode.l10n.t('default') : undefined }));
    const chosenLanguage = await prompts.pick(current === 'ja' ? [...languages].reverse() : languages, { title: vscode.l10n.t('Language of the report') });
    if (!chosenLanguage) return undefined;
    const folder = await targetFolder(prompts, { title: vscode.l10n.t('New Conference Report: Folder'), openLabel: vscode.l10n.t('Create Report in This Folder') });
    if (!folder) return undefined;
    const template = await chooseTemplate(this.notes, prompts, folder);
    if (template === 'cancelled') return undefined;
    const values: TemplateValues = { conference: name, dates: dates.trim(), date: new Date(), language: chosenLanguage.value };
    const levels = this.notes.settings.folder(folder).parseOptions;
    const snippet = template ? await renderUserTemplate(this.notes, template, values) : renderTemplate(reportTemplate(chosenLanguage.value, levels), values, { mode: 'snippet' }).text;
    return openNewNote(folder, name, snippet);
  }

  /** Opens a new session note as an unsaved document; its future file, or undefined when the user cancelled. */
  async newSessionNote(): Promise<vscode.Uri | undefined> {
    const { notes, prompts } = this;
    await notes.ready();
    const title = (await prompts.input({ title: vscode.l10n.t('New Session Note'), prompt: vscode.l10n.t('Session title') }))?.trim();
    if (!title) return undefined;
    const conference = await pickOrType(prompts, notes.index.conferences().map(({ name }) => name), vscode.l10n.t('Conference'), vscode.l10n.t('New conference…'));
    if (conference === undefined) return undefined;
    const tracks = conference ? notes.index.tracks(conference).flatMap(({ name }) => (name === undefined ? [] : [name])) : [];
    const track = await pickOrType(prompts, tracks, vscode.l10n.t('Track'), vscode.l10n.t('New track…'));
    if (track === undefined) return undefined;
    const speakers = await prompts.input({ title: vscode.l10n.t('New Session Note'), prompt: vscode.l10n.t('Speakers, separated by commas (optional)') });
    if (speakers === undefined) return undefined;
    const folder = await targetFolder(prompts, { title: vscode.l10n.t('New Session Note: Folder'), openLabel: vscode.l10n.t('Create Note in This Folder') });
    if (!folder) return undefined;
    const template = await chooseTemplate(this.notes, prompts, folder);
    if (template === 'cancelled') return undefined;
    const values: TemplateValues = { title, conference, track, speakers, date: new Date(), language: vscode.env.language };
    const snippet = template ? await renderUserTemplate(notes, template, values) : renderTemplate(sessionFileTemplate(language()), values, { mode: 'snippet' }).text;
    return openNewNote(folder, title, snippet);
  }
}

/** How long Insert Session waits for the index to read the inserted session before it leaves the view as it is. */
const INDEX_WAIT_MS = 3000;

/**
 * The session whose heading is at `line` once the index has read the edit — a session of the `stale` reading before
 * it does not count —, or undefined if that does not happen within a few seconds.
 */
function sessionWhenIndexed(notes: NoteWorkspace, uri: vscode.Uri, line: number, stale: ReadonlySet<Session>): Promise<Session | undefined> {
  const find = () => notes.index.sessionsOf(uri.toString()).find((session) => session.line === line && !stale.has(session));
  const found = find();
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => {
    const done = (session: Session | undefined) => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(session);
    };
    const subscription = notes.index.onDidChange(() => {
      const session = find();
      if (session) done(session);
    });
    const timer = setTimeout(() => done(undefined), INDEX_WAIT_MS);
  });
}

function escapeForSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

/**
 * Opens an unsaved document, filled with the snippet, that saves to a free file name in `folder`: nothing is written
 * until the user saves, and no existing file is ever replaced.
 */
async function openNewNote(folder: vscode.Uri, title: string, snippet: string): Promise<vscode.Uri> {
  const taken = new Set<string>();
  try {
    for (const [name] of await vscode.workspace.fs.readDirectory(folder)) taken.add(name.toLowerCase());
  } catch {
    // A folder that does not exist yet holds no file to avoid; saving creates it.
  }
  // Compared case-insensitively: on Windows and macOS `Talk.md` and `talk.md` are the same file.
  const name = freeFileName(`${slugifyFileName(title)}.md`, (candidate) => taken.has(candidate.toLowerCase()));
  const target = vscode.Uri.joinPath(folder, name);
  const document = await vscode.workspace.openTextDocument(target.with({ scheme: 'untitled' }));
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(new vscode.SnippetString(snippet));
  return target;
}

async function targetFolder(prompts: TemplatePrompts, chosen: Parameters<TemplatePrompts['folder']>[1]): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const activeFolder = active && active.scheme !== 'untitled' ? vscode.Uri.joinPath(active, '..') : undefined;
  return prompts.folder(activeFolder ?? vscode.workspace.workspaceFolders?.[0]?.uri, chosen);
}

/** A quick pick of known values plus "New…" that asks for one; '' when the user leaves it empty. */
async function pickOrType(prompts: TemplatePrompts, known: readonly string[], title: string, newLabel: string): Promise<string | undefined> {
  if (known.length > 0) {
    const typeNew = { label: `$(add) ${newLabel}`, value: undefined as string | undefined };
    const picked = await prompts.pick([...known.map((value) => ({ label: value, value })), typeNew], { title });
    if (!picked) return undefined;
    if (picked.value !== undefined) return picked.value;
  }
  return (await prompts.input({ title, prompt: title }))?.trim();
}

/** Completion of field values: known tracks after `track:`, speakers after `speakers:`, statuses after `status:`. */
class FieldCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly notes: NoteWorkspace) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    const before = document.lineAt(position.line).text.slice(0, position.character);
    const match = /^\s*(?:[-*+]\s+)?([^:：]{1,40}?)\s*(?:::|[:：])\s*(?:[^,、]*[,、]\s*)*([^,、]*)$/.exec(before);
    const field = match && fieldNameOf(match[1]);
    if (!match || !field) return undefined;
    await this.notes.ready();
    const index = this.notes.index;
    const values =
      field === 'track' ? [...new Set(index.conferences().flatMap(({ name }) => index.tracks(name).flatMap((track) => (track.name === undefined ? [] : [track.name]))))]
      : field === 'speakers' ? index.speakers().flatMap(({ name }) => (name === undefined ? [] : [name]))
      : field === 'status' ? [...SESSION_STATUSES]
      : field === 'tags' ? index.tags().flatMap(({ name }) => (name === undefined ? [] : [name]))
      : undefined;
    if (!values) return undefined;
    const typed = match[2];
    const range = new vscode.Range(position.translate(0, -typed.length), position);
    const kind = field === 'status' ? vscode.CompletionItemKind.EnumMember : vscode.CompletionItemKind.Value;
    return values.map((value) => Object.assign(new vscode.CompletionItem(value, kind), { range }));
  }
}

/** `revealSession` shows a session Insert Session added in the Sessions view. */
export function registerTemplateCommands(context: vscode.ExtensionContext, notes: NoteWorkspace, revealSession?: (session: Session) => Thenable<void>): void {
  const commands = new TemplateCommands(notes, dialogPrompts(windowDialogs), revealSession);
  context.subscriptions.push(
    vscode.commands.registerCommand('conferenceNotes.insertSession', () => commands.insertSession()),
    vscode.commands.registerCommand('conferenceNotes.newConferenceReport', () => commands.newConferenceReport()),
    vscode.commands.registerCommand('conferenceNotes.newSessionNote', () => commands.newSessionNote()),
    vscode.languages.registerCompletionItemProvider({ language: 'markdown' }, new FieldCompletionProvider(notes), ':', ' ', ','),
  );
}
