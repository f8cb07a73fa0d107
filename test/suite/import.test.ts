// Schedule import in a real VS Code: a sched.com export becomes a report the Sessions tree shows; importing a newer
// export reports what changed and keeps every word the user wrote.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConferenceNotesApi } from '../../src/vscode/activation';
import type { ImportPrompts } from '../../src/vscode/import/scheduleImport';
import { activateExtension, renderTree, waitForIndex, workspaceUri } from './helpers';

const fixtures = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'schedules');

function answers(schedule: string, confirmations: string[]): ImportPrompts {
  return {
    scheduleFile: async () => vscode.Uri.file(path.join(fixtures, schedule)),
    timeZone: async () => 'Asia/Tokyo',
    layout: async () => 'report',
    targetFolder: async () => workspaceUri('imported'),
    confirm: async (preview, detail) => {
      confirmations.push(`${preview}\n${detail}`);
      return true;
    },
    scheduleUrl: async () => assert.fail('no URL is asked for when importing a file'),
    offerSummary: async () => false,
    offerFileInstead: async () => assert.fail('only the browser refuses a URL'),
  };
}

describe('Schedule import (extension host)', () => {
  let api: ConferenceNotesApi;
  const report = () => workspaceUri('imported', 'DevSummit-Tokyo-2024.md');
  before(async () => {
    api = await activateExtension();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceUri('imported'), { recursive: true, useTrash: false });
  });

  it('imports a sched.com export as a report after a preview, and the tree shows its tracks', async () => {
    const previews: string[] = [];
    api.scheduleImport.prompts = answers('sched-devsummit.ics', previews);
    await vscode.commands.executeCommand('conferenceNotes.importSchedule');
    assert.equal(previews.length, 1);
    assert.match(previews[0], /^Import DevSummit Tokyo 2024: 9 sessions in \d+ tracks over \d+ days\?/);
    assert.match(previews[0], /New file: DevSummit-Tokyo-2024\.md/);
    await waitForIndex(api, () => api.notes.index.conferenceSessionCount('DevSummit Tokyo 2024') === 8);
    const conference = (await renderTree(api)).find((node) => node.label === 'DevSummit Tokyo 2024');
    assert.equal(conference?.description, '8');
    assert.ok(conference?.children?.some((track) => track.label === 'Databases'));
  });

  it('re-imports a newer export: changes field lines, adds and cancels sessions, keeps the user text', async () => {
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(report()));
    const userText = 'My own notes: the demo failed twice, then worked. 面白かった。';
    const withNotes = original.replace('- url: https://devsummit2024.sched.com/event/c3d5\n- status: planned\n', `$&\n${userText}\n`);
    assert.notEqual(withNotes, original, 'the fixture session is there to write notes under');
    await vscode.workspace.fs.writeFile(report(), new TextEncoder().encode(withNotes));

    const previews: string[] = [];
    api.scheduleImport.prompts = answers('sched-devsummit-v2.ics', previews);
    await vscode.commands.executeCommand('conferenceNotes.importSchedule');
    assert.match(previews[0], /Updated: DevSummit-Tokyo-2024\.md/);
    assert.deepEqual(api.scheduleImport.lastSummary.slice(0, 1), ['1 added, 3 changed, 2 cancelled, 3 unchanged.']);

    const after = new TextDecoder().decode(await vscode.workspace.fs.readFile(report()));
    assert.ok(after.includes(`- status: planned\n\n${userText}\n`), 'the user text is still under its session');
    assert.ok(after.includes('- time: 11:00–11:40'), 'the changed time is written');
    const lost = withNotes.split('\n').filter((line) => !/^- (time|room|status): |^### /.test(line) && !after.includes(line));
    assert.deepEqual(lost, [], 'every line besides changed field lines and headings survives');

    // The same export once more: nothing to write, not a byte changes.
    const again: string[] = [];
    api.scheduleImport.prompts = answers('sched-devsummit-v2.ics', again);
    await vscode.commands.executeCommand('conferenceNotes.importSchedule');
    assert.match(again[0], /No file needs to change\./);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(report())), after);
    await waitForIndex(api, () => api.notes.index.sessions().some((session) => session.title === 'Platform Engineering Roundtable'));
  });

  it('imports a schedule file dropped onto the Sessions view, one file per session', async () => {
    const previews: string[] = [];
    api.scheduleImport.prompts = {
      ...answers('unused.ics', previews),
      scheduleFile: async () => assert.fail('a dropped file is not asked for'),
      layout: async () => 'files',
      targetFolder: async () => workspaceUri('imported', 'rustfest'),
    };
    const dropped = new vscode.DataTransfer();
    dropped.set('text/uri-list', new vscode.DataTransferItem(`${vscode.Uri.file(path.join(fixtures, 'pretalx-rustfest.json')).toString()}\r\n`));
    await api.sessionTree.dragAndDrop.handleDrop(undefined, dropped);
    assert.equal(previews.length, 1);
    assert.match(previews[0], /^Import RustFest Kyoto 2024: /);
    const entries = await vscode.workspace.fs.readDirectory(workspaceUri('imported', 'rustfest'));
    const files = entries.filter(([name]) => name !== '.conference-notes-import.json');
    assert.equal(files.length, entries.length - 1, 'the import record is written next to the session files');
    assert.ok(files.length >= 3 && files.every(([name]) => name.endsWith('.md')), files.map(([name]) => name).join(', '));
    await waitForIndex(api, () => api.notes.index.conferenceSessionCount('RustFest Kyoto 2024') === files.length);
  });
});
