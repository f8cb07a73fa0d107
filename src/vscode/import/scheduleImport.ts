// Import Schedule…: a schedule export picked by the user (frab/Pentabarf XML, frab or pretalx JSON, iCalendar, xCal,
// Sessionize) becomes note stubs — one report or one file per session — after a preview of what will be written.
// Import Schedule from URL… fetches the export first (with a progress notification), and the notes remember the URL
// and time zone; Refresh Schedule imports again from there. Importing the same schedule again is a three-way merge
// (matched by UID, against the folder's import record): only values the notes still hold as imported change, user
// text is never touched. The files are written on disk all or nothing (the core's writeImportPlan), and any
// file-system error is one message.
import * as vscode from 'vscode';
import { detectScheduleFormat, parseSchedule, scheduleFileProblem, scheduleStats, systemTimeZone, type ImportedSchedule, type ImportMessage } from '../../core/import/schedule';
import { IMPORT_MESSAGES, importMessage } from '../../core/import/messages';
import { IMPORT_RECORD_FILE, planImport, type ImportLayout, type ImportPlan } from '../../core/import/importPlan';
import { fetchSchedule, scheduleSourceOf, type FetchFunction } from '../../core/import/fetchSchedule';
import { writeFailure, writeImportPlan, type EntryKind, type ImportFiles } from '../../core/import/writePlan';
import { isNoteFile } from '../../core/notes/excludes';
import { windowDialogs, type Dialogs } from '../dialogs';
import type { NoteWorkspace } from '../noteWorkspace';
import { isDroppedScheduleFile } from '../scheduleDrop';

/** Answers to the command's questions; tests replace it to answer without a person. */
export interface ImportPrompts {
  scheduleFile(): Thenable<vscode.Uri | undefined>;
  scheduleUrl(): Thenable<string | undefined>;
  timeZone(defaultZone: string): Thenable<string | undefined>;
  layout(): Thenable<ImportLayout | undefined>;
  targetFolder(defaultUri: vscode.Uri | undefined): Thenable<vscode.Uri | undefined>;
  /** Shows the preview; true to write. */
  confirm(preview: string, detail: string): Thenable<boolean>;
  /** Tells the count line of what was written; true to open the whole summary. */
  offerSummary(countLine: string): Thenable<boolean>;
  /** The browser refused a URL; true to import a downloaded file instead. */
  offerFileInstead(message: string): Thenable<boolean>;
}

export interface ScheduleImportApi {
  prompts: ImportPrompts;
  /** The summary lines of the last import, as shown to the user (for tests and the output channel). */
  readonly lastSummary: readonly string[];
}

/** The questions asked through `dialogs`, each saying what is being chosen. */
export function importPrompts(dialogs: Dialogs): ImportPrompts {
  return {
    scheduleFile: async () =>
      (
        await dialogs.showOpenDialog({
          canSelectMany: false,
          title: vscode.l10n.t('Import Schedule: Schedule File'),
          openLabel: vscode.l10n.t('Import This Schedule'),
          filters: { [vscode.l10n.t('Schedules (XML, JSON, iCalendar)')]: ['xml', 'json', 'ics', 'xcs'] },
        })
      )?.[0],
    scheduleUrl: () =>
      dialogs.showInputBox({
        title: vscode.l10n.t('Import Schedule from URL'),
        prompt: vscode.l10n.t('The address of the schedule export: FOSDEM …/schedule/xml, pretalx …/schedule/export/schedule.xml, a sched.com .ics…'),
        placeHolder: 'https://fosdem.org/2026/schedule/xml',
        validateInput: (value) => (/^https?:\/\/\S+$/i.test(value.trim()) ? undefined : vscode.l10n.t('Give an http or https address.')),
      }),
    timeZone: (defaultZone) =>
      dialogs.showInputBox({
        title: vscode.l10n.t('Time Zone of the Conference'),
        prompt: vscode.l10n.t('sched.com exports times in UTC; they are written in this time zone (IANA name).'),
        value: defaultZone,
      }),
    layout: async () =>
      (
        await dialogs.showQuickPick(
          [
            { label: vscode.l10n.t('One report'), detail: vscode.l10n.t('Tracks as headings, one section per session, in one file'), value: 'report' as const },
            { label: vscode.l10n.t('One file per session'), detail: vscode.l10n.t('Front matter with the session fields, in a folder'), value: 'files' as const },
          ],
          { title: vscode.l10n.t('Import Schedule: Layout') },
        )
      )?.value,
    targetFolder: async (defaultUri) =>
      (
        await dialogs.showOpenDialog({
          canSelectFolders: true,
          canSelectFiles: false,
          canSelectMany: false,
          defaultUri,
          title: vscode.l10n.t('Import Schedule: Folder of the Notes'),
          openLabel: vscode.l10n.t('Import into This Folder'),
        })
      )?.[0],
    confirm: async (preview, detail) => (await dialogs.showInformationMessage(preview, { modal: true, detail }, vscode.l10n.t('Import'))) !== undefined,
    offerSummary: async (countLine) => (await dialogs.showInformationMessage(countLine, {}, vscode.l10n.t('Show Changes'))) !== undefined,
    offerFileInstead: async (message) => (await vscode.window.showErrorMessage(message, vscode.l10n.t('Import a File…'))) !== undefined,
  };
}

function localize(message: ImportMessage): string {
  return vscode.l10n.t(message.message, ...message.args);
}

interface TargetFolder {
  readonly existingFiles: { name: string; text: string }[];
  readonly recordText?: string;
}

/** The markdown files and the import record in the target folder, as on disk; links are not followed. */
async function readTargetFolder(folder: vscode.Uri): Promise<TargetFolder> {
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(folder);
  } catch {
    return { existingFiles: [] }; // A new folder: the first import creates it.
  }
  const read = async (name: string) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name)));
  const files = entries.filter(([, type]) => type === vscode.FileType.File).map(([name]) => name);
  const existingFiles = await Promise.all(files.filter(isNoteFile).map(async (name) => ({ name, text: await read(name) })));
  return { existingFiles, recordText: files.includes(IMPORT_RECORD_FILE) ? await read(IMPORT_RECORD_FILE) : undefined };
}

/** The target folder on workspace.fs, for the core's all-or-nothing writer. */
function workspaceImportFiles(folder: vscode.Uri): ImportFiles {
  const at = (name: string) => vscode.Uri.joinPath(folder, name);
  const kind = async (name: string): Promise<EntryKind> => {
    let type: vscode.FileType;
    try {
      type = (await vscode.workspace.fs.stat(at(name))).type;
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return 'missing';
      throw error;
    }
    if (type & vscode.FileType.SymbolicLink) return 'link';
    return type === vscode.FileType.Directory ? 'folder' : type === vscode.FileType.File ? 'file' : 'other';
  };
  return {
    kind,
    async createNew(name, text) {
      if ((await kind(name)) !== 'missing') throw vscode.FileSystemError.FileExists(at(name));
      await vscode.workspace.fs.writeFile(at(name), new TextEncoder().encode(text));
    },
    replace: async (from, to) => vscode.workspace.fs.rename(at(from), at(to), { overwrite: true }),
    remove: async (name) => vscode.workspace.fs.delete(at(name), { useTrash: false }),
  };
}

function previewText(schedule: ImportedSchedule, plan: ImportPlan): { message: string; detail: string } {
  const stats = scheduleStats(schedule);
  const message = vscode.l10n.t('Import {0}: {1} sessions in {2} tracks over {3} days?', schedule.conference, stats.sessions, stats.tracks, stats.days);
  const files = plan.writes.map((write) => (write.kind === 'create' ? vscode.l10n.t('New file: {0}', write.name) : vscode.l10n.t('Updated: {0}', write.name)));
  const detail = [...plan.summary.map(localize), '', ...(files.length > 0 ? files : [vscode.l10n.t('No file needs to change.')])].join('\n');
  return { message, detail };
}

/** A schedule's text and where it came from. */
interface ScheduleText {
  readonly text: string;
  readonly fileName: string;
  /** The URL it was fetched from. */
  readonly source?: string;
}

/** What Refresh Schedule keeps from the first import instead of asking again. */
interface KnownTarget {
  readonly folder: vscode.Uri;
  readonly layout: ImportLayout;
  readonly timeZone?: string;
}

/**
 * `fetchFunction` is what schedules are fetched with: the global fetch of Node or of the web worker. `inBrowser`: a
 * TypeError from it is the browser refusing a cross-origin read, which gets its own message and the file route.
 */
export function registerScheduleImport(
  context: vscode.ExtensionContext,
  notes: NoteWorkspace,
  output: vscode.LogOutputChannel,
  fetchFunction: FetchFunction = fetch,
  inBrowser = vscode.env.uiKind === vscode.UIKind.Web,
): ScheduleImportApi {
  let lastSummary: readonly string[] = [];
  const api: ScheduleImportApi = {
    prompts: importPrompts(windowDialogs),
    get lastSummary() {
      return lastSummary;
    },
  };
  const fail = (message: string) => {
    output.error(message);
    void vscode.window.showErrorMessage(message);
    return undefined;
  };

  /** `given`: a file dropped onto the Sessions view (its URI, or its bytes from a browser); otherwise the user picks one. */
  const importSchedule = async (given?: unknown): Promise<vscode.Uri | undefined> => {
    const file = given instanceof vscode.Uri || isDroppedScheduleFile(given) ? given : await api.prompts.scheduleFile();
    if (!file) return undefined;
    const fileName = file instanceof vscode.Uri ? (file.path.split('/').pop() ?? file.path) : file.name;
    let text: string;
    if (file instanceof vscode.Uri) {
      try {
        // A pipe or a device would never finish reading, an oversized file is not imported: checked before reading.
        const entry = await vscode.workspace.fs.stat(file);
        const problem = scheduleFileProblem(fileName, { isFile: (entry.type & vscode.FileType.File) !== 0, size: entry.size });
        if (problem) return fail(localize(problem));
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      } catch (error) {
        return fail(vscode.l10n.t('Could not read {0}: {1}', file.fsPath, error instanceof Error ? error.message : String(error)));
      }
    } else {
      // The browser has read the dropped file already; its size still decides whether it is imported.
      const problem = scheduleFileProblem(fileName, { isFile: true, size: file.bytes.length });
      if (problem) return fail(localize(problem));
      text = new TextDecoder().decode(file.bytes);
    }
    return importText({ text, fileName });
  };

  /** The schedule at `url`, fetched under a progress notification; undefined (after saying why) when it cannot be. */
  const download = async (url: string): Promise<ScheduleText | undefined> => {
    const fetched = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Fetching the schedule from {0}', url) },
      (progress) => {
        let reported = 0;
        return fetchSchedule(url, fetchFunction, {
          inBrowser,
          onProgress: (received, total) => {
            const increment = total ? ((received - reported) / total) * 100 : undefined;
            reported = received;
            progress.report({ message: vscode.l10n.t('{0} KB', Math.round(received / 1024)), increment });
          },
        });
      },
    );
    if (fetched.ok) return { text: fetched.text, fileName: fetched.fileName, source: url };
    const message = localize(fetched.error);
    output.error(message);
    if (fetched.error.code === 'fetch-blocked') {
      if (await api.prompts.offerFileInstead(message)) await importSchedule();
      return undefined;
    }
    return fail(message);
  };

  const importFromUrl = async (given?: unknown): Promise<vscode.Uri | undefined> => {
    const url = typeof given === 'string' ? given : (await api.prompts.scheduleUrl())?.trim();
    if (!url) return undefined;
    const schedule = await download(url);
    return schedule && importText(schedule);
  };

  /** Imports again from the URL the note (the active editor's, unless given) names, into its folder and layout. */
  const refreshSchedule = async (given?: unknown): Promise<vscode.Uri | undefined> => {
    const note = given instanceof vscode.Uri ? given : vscode.window.activeTextEditor?.document.uri;
    if (!note) return fail(vscode.l10n.t('Open a report or session note that was imported from a URL, then refresh its schedule.'));
    const folder = vscode.Uri.joinPath(note, '..');
    const noteName = note.path.split('/').pop() ?? note.path;
    const { existingFiles } = await readTargetFolder(folder);
    // The note itself first: a folder may hold notes of several schedules.
    const source = scheduleSourceOf([...existingFiles.filter((file) => file.name === noteName), ...existingFiles.filter((file) => file.name !== noteName)]);
    if (!source) return fail(localize(importMessage('refresh-no-source', [noteName], 'error')));
    const schedule = await download(source.url);
    return schedule && importText(schedule, { folder, layout: source.layout, timeZone: source.timeZone });
  };

  const importText = async ({ text, fileName, source }: ScheduleText, known?: KnownTarget): Promise<vscode.Uri | undefined> => {
    let timeZone = known?.timeZone;
    // Only sched's iCalendar export lacks the event's zone; the other formats carry their own.
    if (timeZone === undefined && detectScheduleFormat(text, fileName) === 'ics') {
      timeZone = (await api.prompts.timeZone(systemTimeZone()))?.trim();
      if (timeZone === undefined) return undefined;
    }
    const parsed = await parseSchedule(text, { fileName, timeZone: timeZone || undefined, source });
    if (!parsed.ok) return fail(localize(parsed.error));
    const layout = known?.layout ?? (await api.prompts.layout());
    if (!layout) return undefined;
    const folder = known?.folder ?? (await api.prompts.targetFolder(vscode.workspace.workspaceFolders?.[0]?.uri));
    if (!folder) return undefined;

    await notes.ready();
    const { parseOptions } = notes.settings.folder(folder);
    const plan = planImport(parsed.schedule, {
      layout,
      ...(await readTargetFolder(folder)),
      reportLayout: {
        trackHeadingLevel: parseOptions.trackHeadingLevel,
        sessionHeadingLevel: parseOptions.sessionHeadingLevel,
        untrackedHeading: vscode.l10n.t(IMPORT_MESSAGES['untracked-heading']),
      },
      knownUids: notes.index.sessions().flatMap((session) => (session.uid === undefined ? [] : [session.uid])),
    });
    const preview = previewText(parsed.schedule, plan);
    if (!(await api.prompts.confirm(preview.message, preview.detail))) return undefined;
    // The import writes the files on disk, all or nothing: unsaved edits of one of them would be lost or clash.
    const unsaved = plan.writes.find((write) => vscode.workspace.textDocuments.some((document) => document.isDirty && document.uri.toString() === vscode.Uri.joinPath(folder, write.name).toString()));
    if (unsaved) return fail(vscode.l10n.t('Save or revert {0} first: the import writes its files on disk, and nothing was changed.', unsaved.name));
    try {
      await vscode.workspace.fs.createDirectory(folder);
    } catch (error) {
      return fail(localize(writeFailure(folder.path.split('/').pop() ?? folder.fsPath, folder.fsPath, error)));
    }
    const failure = await writeImportPlan(plan.writes, workspaceImportFiles(folder), folder.fsPath);
    if (failure) return fail(localize(failure));
    lastSummary = plan.summary.map(localize);
    for (const line of lastSummary) output.info(line);
    // Not awaited: the command is done once the files are written; the summary opens whenever the user asks.
    void api.prompts.offerSummary(lastSummary[0]).then(async (open) => {
      if (open) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: summaryDocument(parsed.schedule.conference, lastSummary) }));
    });
    return folder;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('conferenceNotes.importSchedule', importSchedule),
    vscode.commands.registerCommand('conferenceNotes.importScheduleFromUrl', importFromUrl),
    vscode.commands.registerCommand('conferenceNotes.refreshSchedule', refreshSchedule),
  );
  return api;
}

/** The summary as a markdown document: the count line, then one list item per added, changed or cancelled session and warning. */
function summaryDocument(conference: string, summary: readonly string[]): string {
  const [counts, ...lines] = summary;
  return `# ${vscode.l10n.t('Schedule changes: {0}', conference)}\n\n${counts}\n\n${lines.map((line) => `- ${line}`).join('\n')}\n`;
}
