// What a user of VS Code for the Web meets that the desktop hides: the browser's folder picker is a bare list with
// an "OK" button unless the extension names what is chosen, and a file dragged from the computer into the browser
// arrives as data only (no URI). The commands here run over the extension's live notes with dialogs that answer
// and record what they were asked with.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Dialogs } from '../../src/vscode/dialogs';
import { importPrompts } from '../../src/vscode/import/scheduleImport';
import { dialogPrompts, TemplateCommands } from '../../src/vscode/templates/templateCommands';
import { activateExtension, testStatsPanel, workspaceUri } from '../suite/helpers';

/** One dialog as it was opened: which kind, and the options the user sees it with. */
interface AskedDialog {
  readonly kind: 'open' | 'pick' | 'input' | 'modal';
  readonly title?: string;
  readonly openLabel?: string;
  readonly message?: string;
}

/**
 * Dialogs that answer like a user who takes the first item, types `typed`, picks `folder` (or cancels there when it
 * is undefined) and declines the final question — so nothing is ever written — and that record what they show.
 */
function recordingDialogs(typed: string, folder?: vscode.Uri): Dialogs & { asked: AskedDialog[] } {
  const asked: AskedDialog[] = [];
  return {
    asked,
    showOpenDialog: async (options) => {
      asked.push({ kind: 'open', title: options.title, openLabel: options.openLabel });
      return folder && options.canSelectFolders ? [folder] : undefined;
    },
    showQuickPick: async (items, options) => {
      asked.push({ kind: 'pick', title: options.title });
      return items[0];
    },
    showInputBox: async (options) => {
      asked.push({ kind: 'input', title: options.title });
      return typed;
    },
    showInformationMessage: async (message) => {
      asked.push({ kind: 'modal', message });
      return undefined;
    },
  };
}

const openDialogs = (asked: readonly AskedDialog[]) => asked.filter((dialog) => dialog.kind === 'open').map(({ title, openLabel }) => ({ title, openLabel }));

/** Every quick pick and input box of the flow has a title: in the browser it is what says which question this is. */
function assertEveryQuestionTitled(asked: readonly AskedDialog[]): void {
  const untitled = asked.filter((dialog) => (dialog.kind === 'pick' || dialog.kind === 'input') && !dialog.title);
  assert.deepEqual(untitled, [], 'every quick pick and input box has a title');
}

/** A sched.com export of two sessions in two tracks on one day, as a browser hands over a dropped file. */
const SCHED_EXPORT = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Sched.com Web Drop Conf 2026//EN', 'X-WR-CALNAME:Web Drop Conf 2026',
  'BEGIN:VEVENT', 'UID:drop-1', 'DTSTART:20260612T010000Z', 'DTEND:20260612T013000Z', 'SUMMARY:Opening Keynote', 'CATEGORIES:Keynote', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:drop-2', 'DTSTART:20260612T020000Z', 'DTEND:20260612T023000Z', 'SUMMARY:Offline-first Apps', 'CATEGORIES:Frontend', 'END:VEVENT',
  'END:VCALENDAR', '',
].join('\r\n');

/**
 * The item the workbench puts in the data transfer for a file dropped from the operating system: `asFile()` gives
 * its name and bytes, and no URI (`new vscode.DataTransferItem(value)` cannot carry a file, so it is built here).
 */
function droppedFileItem(name: string, text: string): vscode.DataTransferItem {
  const bytes = new TextEncoder().encode(text);
  return {
    value: undefined,
    asString: async () => '',
    asFile: () => ({ name, uri: undefined, data: async () => bytes }),
  };
}

describe('Web-worker extension host: labelled pickers and files dropped from the computer', () => {
  it('New Session Note and New Conference Report name the folder they ask for and what its button does', async () => {
    const api = await activateExtension();
    const note = recordingDialogs('Offline-first Apps');
    assert.equal(await new TemplateCommands(api.notes, dialogPrompts(note)).newSessionNote(), undefined, 'cancelled at the folder');
    assertEveryQuestionTitled(note.asked);
    assert.deepEqual(openDialogs(note.asked), [{ title: 'New Session Note: Folder', openLabel: 'Create Note in This Folder' }]);

    const report = recordingDialogs('Web Drop Conf 2026');
    assert.equal(await new TemplateCommands(api.notes, dialogPrompts(report)).newConferenceReport(), undefined, 'cancelled at the folder');
    assertEveryQuestionTitled(report.asked);
    assert.deepEqual(openDialogs(report.asked), [{ title: 'New Conference Report: Folder', openLabel: 'Create Report in This Folder' }]);
  });

  it('Import Schedule names the schedule file it asks for', async () => {
    const api = await activateExtension();
    const original = api.scheduleImport.prompts;
    const dialogs = recordingDialogs('UTC');
    api.scheduleImport.prompts = importPrompts(dialogs);
    try {
      assert.equal(await vscode.commands.executeCommand('conferenceNotes.importSchedule'), undefined, 'cancelled at the file');
      assert.deepEqual(openDialogs(dialogs.asked), [{ title: 'Import Schedule: Schedule File', openLabel: 'Import This Schedule' }]);
    } finally {
      api.scheduleImport.prompts = original;
    }
  });

  it('imports a schedule file dropped from the computer onto the Sessions view, asking for a labelled folder', async () => {
    const api = await activateExtension();
    const original = api.scheduleImport.prompts;
    const dialogs = recordingDialogs('UTC', workspaceUri('imported'));
    api.scheduleImport.prompts = importPrompts(dialogs);
    try {
      const dropped = new vscode.DataTransfer();
      dropped.set('text/calendar', droppedFileItem('web-drop-2026.ics', SCHED_EXPORT));
      assert.ok(api.sessionTree.dragAndDrop.dropMimeTypes.includes('files'), 'the view accepts files from the operating system');
      await api.sessionTree.dragAndDrop.handleDrop(undefined, dropped);
      // The bytes were read and parsed: the preview before anything is written counts the dropped schedule's sessions.
      const previews = dialogs.asked.filter((dialog) => dialog.kind === 'modal').map((dialog) => dialog.message);
      assert.deepEqual(previews, ['Import Web Drop Conf 2026: 2 sessions in 2 tracks over 1 days?']);
      assert.deepEqual(openDialogs(dialogs.asked), [{ title: 'Import Schedule: Folder of the Notes', openLabel: 'Import into This Folder' }], 'the file itself is not asked for');
      assertEveryQuestionTitled(dialogs.asked);
    } finally {
      api.scheduleImport.prompts = original;
    }
  });

  it('exports the statistics through a save dialog that says what it saves', async () => {
    const api = await activateExtension();
    const asked: { title?: string; saveLabel?: string }[] = [];
    const probe = testStatsPanel(api, {
      showQuickPick: async (items, options) => {
        asked.push({ title: options.title });
        return items.find((item) => (item as { destination?: string }).destination === 'file');
      },
      showSaveDialog: async (options) => {
        asked.push({ title: options.title, saveLabel: options.saveLabel });
        return undefined;
      },
    });
    try {
      await probe.controller.runExport('csv');
      assert.deepEqual(asked, [{ title: 'Export Track Statistics as CSV' }, { title: 'Export Track Statistics', saveLabel: 'Export' }]);
    } finally {
      probe.controller.dispose();
    }
  });
});
