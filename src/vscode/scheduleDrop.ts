// A schedule export dropped onto the Sessions view is imported. What a drop carries depends on where it comes from:
// the Explorer and the desktop app give URIs (`text/uri-list`), while a file dragged from the operating system into
// VS Code for the Web is only data in the browser — an item whose `asFile()` has the file's name and bytes, and no
// URI VS Code could read it from. Shared by the Sessions view, where things are dropped, and Import Schedule, which
// imports what the drop carried (through its command).
import * as vscode from 'vscode';

/**
 * A schedule file dropped from the computer into VS Code for the Web: the browser hands over its name and bytes, and
 * no URI VS Code could read it from.
 */
export interface DroppedScheduleFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export function isDroppedScheduleFile(value: unknown): value is DroppedScheduleFile {
  return typeof value === 'object' && value !== null && typeof (value as DroppedScheduleFile).name === 'string' && (value as DroppedScheduleFile).bytes instanceof Uint8Array;
}

const URI_LIST = 'text/uri-list';
/** What the Sessions view accepts for a schedule: URIs, and (VS Code's special type) files of any MIME type. */
export const SCHEDULE_DROP_MIME_TYPES = [URI_LIST, 'files'] as const;

const isScheduleName = (name: string) => /\.(ics|json)$/i.test(name);

/** The schedule in a drop: the first `.ics` or `.json` URI, else the first such file, by its URI or its bytes. */
async function droppedSchedule(dataTransfer: vscode.DataTransfer): Promise<vscode.Uri | DroppedScheduleFile | undefined> {
  const uris = ((await dataTransfer.get(URI_LIST)?.asString()) ?? '').split(/\r?\n/).map((line) => line.trim());
  const listed = uris.find(isScheduleName);
  if (listed) return vscode.Uri.parse(listed);
  for (const [, item] of dataTransfer) {
    const file = item.asFile();
    if (!file || !isScheduleName(file.name)) continue;
    return file.uri ?? { name: file.name, bytes: await file.data() };
  }
  return undefined;
}

/** Imports the schedule a drop carries, if it carries one; anything else dropped is left alone. */
export async function importDroppedSchedule(dataTransfer: vscode.DataTransfer): Promise<void> {
  const schedule = await droppedSchedule(dataTransfer);
  if (schedule) await vscode.commands.executeCommand('conferenceNotes.importSchedule', schedule);
}
