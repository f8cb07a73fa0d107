// The walking skeleton end to end, in a real VS Code: activation, the Sessions tree from the fixture notes
// (tracks by name, sessions in document order), opening a session, and the tree following saved, created, renamed
// and deleted notes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FIXTURE_TREE } from './fixtureExpectations';
import { activateExtension, EXTENSION_ID, renderTree, waitForIndex, workspaceUri } from './helpers';

// A root-level hook runs before every suite of every file, so this sees the extension as VS Code started it.
let activeAtStartup: boolean | undefined;
before(() => {
  activeAtStartup = vscode.extensions.getExtension(EXTENSION_ID)?.isActive;
});

describe('Sessions tree (extension host)', () => {
  it('is not activated at startup, only when its view or a command asks', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    assert.equal(activeAtStartup, false);
    await vscode.commands.executeCommand('workbench.view.extension.conferenceNotes');
    const api = await activateExtension();
    assert.equal(extension.isActive, true);
    console.log(`activate() took ${api.activationMs.toFixed(1)} ms`);
  });

  it('registers exactly the commands its manifest contributes', async () => {
    const api = await activateExtension();
    assert.ok(api);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const contributed = (extension?.packageJSON.contributes.commands as { command: string }[]).map((entry) => entry.command).sort();
    // VS Code adds its own commands for the view (`conferenceNotes.sessions.focus`…): not ours to register.
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('conferenceNotes.') && !id.startsWith('conferenceNotes.sessions.')).sort();
    assert.deepEqual(registered, contributed);
  });

  it('shows conferences, tracks and sessions with counts from the report-layout notes', async () => {
    const api = await activateExtension();
    assert.deepEqual(await renderTree(api), FIXTURE_TREE);
  });

  it('opens a session at its heading', async () => {
    const api = await activateExtension();
    const [session] = api.notes.index.sessions().filter((s) => s.title === 'Streaming Joins in Practice');
    assert.ok(session);
    await vscode.commands.executeCommand('conferenceNotes.openSession', session);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.uri.toString(), workspaceUri('notes', 'devconf.md').toString());
    assert.equal(editor.document.lineAt(editor.selection.active.line).text, '### Streaming Joins in Practice');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('follows a saved edit of a note', async () => {
    const api = await activateExtension();
    const uri = workspaceUri('notes', 'webcamp.md');
    const original = await vscode.workspace.fs.readFile(uri);
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(document.lineCount, 0), '\n### gRPC Streaming Deep Dive\n');
      await vscode.workspace.applyEdit(edit);
      await document.save();
      await waitForIndex(api, () => api.notes.index.sessions().some((s) => s.title === 'gRPC Streaming Deep Dive'));
      const webcamp = (await renderTree(api)).find((node) => node.label === 'WebCamp 2024');
      assert.equal(webcamp?.description, '4');
      const backend = webcamp?.children?.find((node) => node.label === 'Backend');
      assert.deepEqual(backend?.children?.map((node) => node.label), ['HTTP/3 in Production', 'gRPC Streaming Deep Dive']);
    } finally {
      await vscode.workspace.fs.writeFile(uri, original);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('reflects unsaved edits after a short pause, and the saved text again when they are reverted', async () => {
    const api = await activateExtension();
    const document = await vscode.workspace.openTextDocument(workspaceUri('notes', 'devconf.md'));
    const editor = await vscode.window.showTextDocument(document);
    const hasDraft = () => api.notes.index.sessions().some((s) => s.title === 'Draft Talk Not Saved');
    try {
      await editor.edit((edit) => edit.insert(new vscode.Position(document.lineCount, 0), '\n### Draft Talk Not Saved\n'));
      assert.ok(document.isDirty);
      await waitForIndex(api, hasDraft);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await waitForIndex(api, () => !hasDraft());
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('follows created, renamed and deleted notes', async () => {
    const api = await activateExtension();
    const created = workspaceUri('notes', 'nordic.md');
    const renamed = workspaceUri('notes', 'nordic-2024.md');
    const conferences = async () => (await renderTree(api, undefined, 1)).map((node) => node.label);
    const bundlers = () => api.notes.index.sessions().filter((s) => s.title === 'Bundlers Compared');
    try {
      await vscode.workspace.fs.writeFile(created, new TextEncoder().encode('# Nordic JS 2024\n\n## Tooling\n\n### Bundlers Compared\n'));
      await waitForIndex(api, () => bundlers().length === 1);
      assert.deepEqual(await conferences(), ['DevConf 2024', 'Nordic JS 2024', 'WebCamp 2024']);

      await vscode.workspace.fs.rename(created, renamed);
      await waitForIndex(api, () => bundlers().length === 1 && bundlers()[0].uri === renamed.toString());

      await vscode.workspace.fs.delete(renamed);
      await waitForIndex(api, () => bundlers().length === 0);
      assert.deepEqual(await conferences(), ['DevConf 2024', 'WebCamp 2024']);
    } finally {
      for (const uri of [created, renamed]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });
});
