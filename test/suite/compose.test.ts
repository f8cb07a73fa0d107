// Compose Conference Report in a real VS Code, on the fixture workspace: the report opens as an untitled markdown
// document (no file is written), reads back into the sessions and tracks of the notes, follows unsaved edits, and
// offers the conference in context first. Most tests answer the command's questions from a script; one runs it
// through executeCommand with VS Code's own quick pick.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConferenceNotesApi } from '../../src/vscode/activation';
import { ComposeReportCommand, COMPOSE_REPORT_COMMAND } from '../../src/vscode/report/composeReport';
import { activateExtension, answeringDialogs, scriptedQuickPick as scripted, waitForIndex, workspaceUri } from './helpers';

async function closeEverything(): Promise<void> {
  for (let i = 0; i < 10 && vscode.window.activeTextEditor; i++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('Compose Conference Report (extension host)', () => {
  let api: ConferenceNotesApi;
  before(async () => {
    api = await activateExtension();
  });
  afterEach(closeEverything);

  const notesFiles = async () => (await vscode.workspace.findFiles('**/*.{md,markdown}')).map((uri) => uri.toString()).sort();

  it('opens the report as an untitled markdown document that reads back into the conference’s sessions and tracks', async () => {
    const filesBefore = await notesFiles();
    const dialogs = scripted(['DevConf 2024', 'List']);
    const document = await new ComposeReportCommand(api.notes, dialogs).run();
    assert.ok(document);
    assert.equal(document.isUntitled, true);
    assert.equal(document.languageId, 'markdown');
    assert.equal(vscode.window.activeTextEditor?.document, document);
    const text = document.getText();
    assert.match(text, /^---\nconference: DevConf 2024\n---\n\n# DevConf 2024\n\n## Overview\n/);
    assert.match(text, /\n```conference-stats\nconferences: DevConf 2024\n/);
    // Read as a note of the workspace folder would be, were it saved there.
    const readBack = api.notes.parseText(workspaceUri('notes', 'devconf-report.md'), text);
    assert.ok(readBack);
    const outline = (sessions: readonly { track?: string; title: string; speakers: readonly string[] }[]) => sessions.map((s) => [s.track, s.title, s.speakers.join(', ')]);
    assert.deepEqual(outline(readBack.sessions), outline(api.notes.index.sessionsOfConference('DevConf 2024')));
    // The note's text as written: a fenced `#` line stays text.
    assert.ok(text.includes('Some notes.\n\n```sh\n# not a heading, just a shell comment\n'));
    assert.deepEqual(await notesFiles(), filesBefore, 'no file is written');
    assert.equal(dialogs.titles.length, 2);
  });

  it('leaves out the sessions without notes when asked, and reads the notes with their unsaved edits', async () => {
    const uri = workspaceUri('notes', 'devconf.md');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((edit) => edit.insert(end, '\n\nJoins over late events need a watermark.\n'));
    const streaming = () => api.notes.index.sessionsOf(uri.toString()).find((session) => session.title === 'Streaming Joins in Practice');
    await waitForIndex(api, () => (streaming()?.range.end ?? 0) >= editor.document.lineCount - 2);
    const document = await new ComposeReportCommand(api.notes, scripted(['DevConf 2024', 'Leave Out'])).run();
    const headings = document?.getText().split('\n').filter((line) => line.startsWith('### '));
    assert.deepEqual(headings, ['### Scaling Queues', '### Streaming Joins in Practice']);
    assert.ok(document?.getText().includes('Joins over late events need a watermark.'));
  });

  it('offers the conference in context first', async () => {
    const dialogs = scripted(['WebCamp', 'List']);
    await new ComposeReportCommand(api.notes, dialogs).run({ kind: 'conference', id: 'conference:WebCamp 2024', conference: 'WebCamp 2024' });
    assert.deepEqual(dialogs.offered[0].map((item) => item.label), ['WebCamp 2024', 'DevConf 2024']);
    const fromEditor = scripted(['DevConf', 'List']);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri('notes', 'webcamp.md')));
    await new ComposeReportCommand(api.notes, fromEditor).run();
    assert.equal(fromEditor.offered[0][0].label, 'WebCamp 2024');
  });

  it('runs from the command palette with VS Code’s own quick pick, and opens nothing when cancelled', async () => {
    const untitled = () => vscode.workspace.textDocuments.filter((document) => document.isUntitled).length;
    const before = untitled();
    assert.equal(await answeringDialogs(COMPOSE_REPORT_COMMAND, 'workbench.action.closeQuickOpen'), undefined);
    assert.equal(untitled(), before, 'no new document');
    const document = await answeringDialogs<vscode.TextDocument | undefined>(COMPOSE_REPORT_COMMAND, 'workbench.action.acceptSelectedQuickOpenItem', 'WebCamp 2024');
    assert.match(document?.getText() ?? '', /^---\nconference: WebCamp 2024\n/);
  });
});
