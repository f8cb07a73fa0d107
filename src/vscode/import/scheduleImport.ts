// Import Schedule…: a sched.com .ics, pretalx schedule.json or Sessionize export picked by the user becomes note
// stubs — one report or one file per session — after a preview of what will be written. Importing the same
// schedule again updates field lines only (matched by UID); user text is never touched, and every change is one
// workspace edit that the user can undo.
import * as vscode from 'vscode';
import { detectScheduleFormat, parseSchedule, scheduleStats, systemTimeZone, type ImportedSchedule, type ImportMessage } from '../../core/import/schedule';
import { IMPORT_MESSAGES } from '../../core/import/messages';
import { planImport, type ImportLayout, type ImportPlan } from '../../core/import/importPlan';
import type { NoteWorkspace } from '../noteWorkspace';

/** Answers to the command's questions; tests replace it to answer without a person. */
export interface ImportPrompts {
  scheduleFile(): Thenable<vscode.Uri | undefined>;
  timeZone(defaultZone: string): Thenable<string | undefined>;
  layout(): Thenable<ImportLayout | undefined>;
  targetFolder(defaultUri: vscode.Uri | undefined): Thenable<vscode.Uri | undefined>;
  /** Shows the preview; true to write. */
  confirm(preview: string, detail: string): Thenable<boolean>;
}

export interface ScheduleImportApi {
  prompts: ImportPrompts;
  /** The summary lines of the last import, as shown to the user (for tests and the output channel). */
  readonly lastSummary: readonly string[];
}

const interactivePrompts: ImportPrompts = {
  scheduleFile: async () =>
    (
      await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: vscode.l10n.t('Import'),
        title: vscode.l10n.t('Import Schedule'),
        filters: { [vscode.l10n.t('Schedules (iCalendar, JSON)')]: ['ics', 'json'] },
      })
    )?.[0],
  timeZone: (defaultZone) =>
    vscode.window.showInputBox({
      title: vscode.l10n.t('Time Zone of the Conference'),
      prompt: vscode.l10n.t('sched.com exports times in UTC; they are written in this time zone (IANA name).'),
      value: defaultZone,
    }),
  layout: async () =>
    (
      await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('One report'), detail: vscode.l10n.t('Tracks as headings, one section per session, in one file'), value: 'report' as const },
          { label: vscode.l10n.t('One file per session'), detail: vscode.l10n.t('Front matter with the session fields, in a folder'), value: 'files' as const },
        ],
        { title: vscode.l10n.t('Import Schedule: Layout') },
      )
    )?.value,
  targetFolder: async (defaultUri) =>
    (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, defaultUri, openLabel: vscode.l10n.t('Import Here') }))?.[0],
  confirm: async (preview, detail) => (await vscode.window.showInformationMessage(preview, { modal: true, detail }, vscode.l10n.t('Import'))) !== undefined,
};

function localize(message: ImportMessage): string {
  return vscode.l10n.t(message.message, ...message.args);
}

async function readMarkdownFiles(folder: vscode.Uri): Promise<{ name: string; text: string }[]> {
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(folder);
  } catch {
    return []; // A new folder: the first import creates it.
  }
  const names = entries.filter(([name, type]) => type === vscode.FileType.File && /\.(md|markdown)$/i.test(name)).map(([name]) => name);
  const files = await Promise.all(
    names.map(async (name) => {
      const uri = vscode.Uri.joinPath(folder, name);
      // An open document may hold unsaved edits: plan against what the user sees.
      const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
      return { name, text: open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
    }),
  );
  return files;
}

function previewText(schedule: ImportedSchedule, plan: ImportPlan): { message: string; detail: string } {
  const stats = scheduleStats(schedule);
  const message = vscode.l10n.t('Import {0}: {1} sessions in {2} tracks over {3} days?', schedule.conference, stats.sessions, stats.tracks, stats.days);
  const files = plan.writes.map((write) => (write.kind === 'create' ? vscode.l10n.t('New file: {0}', write.name) : vscode.l10n.t('Updated: {0}', write.name)));
  const detail = [...plan.summary.map(localize), '', ...(files.length > 0 ? files : [vscode.l10n.t('No file needs to change.')])].join('\n');
  return { message, detail };
}

/** Writes the plan as one workspace edit (undoable), then saves what it touched. */
async function writePlan(folder: vscode.Uri, plan: ImportPlan): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  const touched: vscode.Uri[] = [];
  for (const write of plan.writes) {
    const uri = vscode.Uri.joinPath(folder, write.name);
    touched.push(uri);
    if (write.kind === 'create') {
      edit.createFile(uri, { ignoreIfExists: false, overwrite: false, contents: new TextEncoder().encode(write.text) });
    } else {
      const document = await vscode.workspace.openTextDocument(uri);
      edit.replace(uri, new vscode.Range(new vscode.Position(0, 0), document.lineAt(document.lineCount - 1).range.end), write.text);
    }
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('The import could not be written; nothing was changed.'));
  for (const uri of touched) {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open?.isDirty) await open.save();
  }
}

export function registerScheduleImport(context: vscode.ExtensionContext, notes: NoteWorkspace, output: vscode.LogOutputChannel): ScheduleImportApi {
  let lastSummary: readonly string[] = [];
  const api: ScheduleImportApi = {
    prompts: interactivePrompts,
    get lastSummary() {
      return lastSummary;
    },
  };

  /** `given`: a file dropped onto the Sessions view; otherwise the user picks one. */
  const importSchedule = async (given?: unknown): Promise<vscode.Uri | undefined> => {
    const file = given instanceof vscode.Uri ? given : await api.prompts.scheduleFile();
    if (!file) return undefined;
    const bytes = await vscode.workspace.fs.readFile(file);
    const fileName = file.path.split('/').pop() ?? file.path;
    const text = new TextDecoder().decode(bytes);
    let timeZone: string | undefined;
    // Only sched's iCalendar export lacks the event's zone; pretalx and Sessionize carry their own.
    if (detectScheduleFormat(text, fileName) === 'ics') {
      timeZone = (await api.prompts.timeZone(systemTimeZone()))?.trim();
      if (timeZone === undefined) return undefined;
    }
    const parsed = await parseSchedule(text, { fileName, timeZone: timeZone || undefined });
    if (!parsed.ok) {
      const message = localize(parsed.error);
      output.error(message);
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
    const layout = await api.prompts.layout();
    if (!layout) return undefined;
    const workspaceFolder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const folder = await api.prompts.targetFolder(workspaceFolder);
    if (!folder) return undefined;

    await notes.ready();
    const { parseOptions } = notes.settings.folder(folder);
    const plan = planImport(parsed.schedule, {
      layout,
      existingFiles: await readMarkdownFiles(folder),
      reportLayout: {
        trackHeadingLevel: parseOptions.trackHeadingLevel,
        sessionHeadingLevel: parseOptions.sessionHeadingLevel,
        untrackedHeading: vscode.l10n.t(IMPORT_MESSAGES['untracked-heading']),
      },
      knownUids: notes.index.sessions().flatMap((session) => (session.uid === undefined ? [] : [session.uid])),
    });
    const preview = previewText(parsed.schedule, plan);
    if (!(await api.prompts.confirm(preview.message, preview.detail))) return undefined;
    await writePlan(folder, plan);
    lastSummary = plan.summary.map(localize);
    for (const line of lastSummary) output.info(line);
    void vscode.window.showInformationMessage(lastSummary[0]);
    return folder;
  };

  context.subscriptions.push(vscode.commands.registerCommand('conferenceNotes.importSchedule', importSchedule));
  return api;
}
