// Links to sessions in a real VS Code: a session dragged from the Sessions view carries its note (to open it) and,
// dropped into a markdown note, becomes the same link Copy Markdown Link copies; the hover over such a link shows the
// session's fields and status.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConferenceNotesApi } from '../../src/vscode/activation';
import { SESSIONS_MIME_TYPE, SessionLinkDropProvider } from '../../src/vscode/sessions/sessionDragAndDrop';
import { activateExtension, waitForIndex, workspaceUri } from './helpers';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('Links to sessions (extension host)', () => {
  let api: ConferenceNotesApi;
  const note = workspaceUri('links', 'links.md');
  // A file of its own: the drop tests leave links.md open in the extension host, and a document VS Code still holds
  // can show the text it had before the file was deleted and written again.
  const hovered = workspaceUri('links', 'hovered.md');

  before(async () => {
    api = await activateExtension();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceUri('links'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await waitForIndex(api, () => api.notes.index.note(note.toString()) === undefined && api.notes.index.note(hovered.toString()) === undefined);
  });

  function session(title: string) {
    const found = api.notes.index.sessions().find((candidate) => candidate.title === title);
    assert.ok(found, title);
    return found;
  }

  it('drags a session as its note (opened at the heading) and drops it into a note as the Copy Markdown Link link', async () => {
    await vscode.workspace.fs.writeFile(note, encode('Notes from the hallway:\n\n'));
    const dragged = session('Scaling Queues');
    const transfer = new vscode.DataTransfer();
    await api.sessionTree.dragAndDrop.handleDrag([api.sessionTree.provider.nodeForSession(dragged)], transfer);
    const heading = (await vscode.workspace.openTextDocument(workspaceUri('notes', 'devconf.md'))).getText().split('\n').indexOf('### Scaling Queues');
    assert.equal(await transfer.get('text/uri-list')?.asString(), `${workspaceUri('notes', 'devconf.md').with({ fragment: `L${heading + 1},1` }).toString()}`);

    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(note));
    await vscode.commands.executeCommand('conferenceNotes.copyMarkdownLink', dragged);
    const copied = await vscode.env.clipboard.readText();
    assert.equal(copied, '[Scaling Queues](../notes/devconf.md#scaling-queues)');

    const dropAt = new vscode.Position(2, 0);
    const drop = await new SessionLinkDropProvider(api.notes).provideDocumentDropEdits(editor.document, dropAt, transfer);
    assert.ok(drop, 'the drop gives an edit');
    assert.equal(drop.insertText, copied);
    // Applied as VS Code applies a drop edit: its text at the drop position.
    assert.ok(await editor.edit((builder) => builder.insert(dropAt, drop.insertText as string)));
    assert.equal(editor.document.getText(), `Notes from the hallway:\n\n${copied}`);
    await editor.document.save(); // nothing unsaved for closing the editor to ask about
  });

  it('drops several sessions as one link a line, and carries nothing for a group or a foreign drag', async () => {
    await vscode.workspace.fs.writeFile(note, encode(''));
    const document = await vscode.workspace.openTextDocument(note);
    const transfer = new vscode.DataTransfer();
    const nodes = ['Scaling Queues', 'CSS Container Queries'].map((title) => api.sessionTree.provider.nodeForSession(session(title)));
    await api.sessionTree.dragAndDrop.handleDrag(nodes, transfer);
    const drop = await new SessionLinkDropProvider(api.notes).provideDocumentDropEdits(document, new vscode.Position(0, 0), transfer);
    assert.equal(drop?.insertText, '[Scaling Queues](../notes/devconf.md#scaling-queues)\n[CSS Container Queries](../notes/webcamp.md#css-container-queries)');

    const groupOnly = new vscode.DataTransfer();
    const track = api.sessionTree.provider.getParent(nodes[0]);
    assert.ok(track);
    await api.sessionTree.dragAndDrop.handleDrag([track], groupOnly);
    assert.equal(groupOnly.get('text/uri-list'), undefined);
    const foreign = new vscode.DataTransfer();
    foreign.set(SESSIONS_MIME_TYPE, new vscode.DataTransferItem('not json'));
    assert.equal(await new SessionLinkDropProvider(api.notes).provideDocumentDropEdits(document, new vscode.Position(0, 0), foreign), undefined);
  });

  it('shows a session’s fields and status in the hover over a link to its heading', async () => {
    const text = [
      '# Hover Conf 2025',
      '',
      '## Testing',
      '',
      '### Hovered Talk',
      '',
      '- speakers: Eve Tester',
      '- status: attended',
      '',
      'See [Hovered Talk](#hovered-talk), [Scaling Queues](../notes/devconf.md#scaling-queues) and [no session](#nothing).',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(hovered, encode(text));
    await waitForIndex(api, () => api.notes.index.sessionsOf(hovered.toString()).length === 1);
    const document = await vscode.workspace.openTextDocument(hovered);
    const line = 9;
    assert.equal(document.getText(), text, 'the editor holds the text written');
    const hoverText = async (over: string): Promise<string> => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', hovered, new vscode.Position(line, document.lineAt(line).text.indexOf(over) + 1));
      // As the user reads it: MarkdownString.appendText writes spaces as &nbsp; in the markdown source.
      return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n').replace(/&nbsp;/g, ' ');
    };
    const own = await hoverText('[Hovered Talk]');
    assert.match(own, /Hovered Talk/);
    assert.match(own, /Speakers: Eve Tester/);
    assert.match(own, /Status: Attended/);
    assert.match(own, /Conference: Hover Conf 2025/);
    const other = await hoverText('[Scaling Queues]');
    assert.match(other, /Speakers: Ada Park/);
    assert.match(other, /Track: Cloud/);
    assert.doesNotMatch(await hoverText('[no session]'), /Speakers:/);
  });
});
