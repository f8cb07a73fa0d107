// How This Note Was Read and Pin This Reading in a real VS Code: the explanation opens beside the note, the tooltip
// says how the note was read, and pinning writes front matter in one undo step or a fileDefaults entry for the folder,
// after which the note reads the same sessions without inference.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConferenceNotesApi } from '../../src/vscode/activation';
import { activateExtension, answeringDialogs, waitForIndex, workspaceUri } from './helpers';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const talk = (title: string) => `# ${title}\n\n## Notes\n\n- what was said first\n- what was said next\n- and a last point\n\n## Q&A\n\nQuestions about the demo.\n`;

describe('How This Note Was Read (extension host)', () => {
  let api: ConferenceNotesApi;
  const folder = workspaceUri('harbour-summit-2031');
  const caching = workspaceUri('harbour-summit-2031', 'caching.md');
  const queues = workspaceUri('harbour-summit-2031', 'queues.md');
  const pickSecond = vscode.commands.registerCommand('conferenceNotesTest.pickSecond', async () => {
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  });

  before(async () => {
    api = await activateExtension();
    await api.notes.ready();
  });
  beforeEach(async () => {
    await vscode.workspace.fs.writeFile(caching, encode(talk('Caching at the edge')));
    await vscode.workspace.fs.writeFile(queues, encode(talk('Queues without tears')));
    await waitForIndex(api, () => api.notes.index.sessionsOf(caching.toString()).length === 1 && api.notes.index.sessionsOf(queues.toString()).length === 1);
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('conferenceNotes').update('fileDefaults', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
    await waitForIndex(api, () => api.notes.index.note(caching.toString()) === undefined);
  });
  after(() => pickSecond.dispose());

  it('opens the reading beside the note, and the session tooltip says it too', async () => {
    const note = api.notes.index.note(caching.toString());
    assert.ok(note);
    await vscode.window.showTextDocument(caching);
    await vscode.commands.executeCommand('conferenceNotes.showReading');
    const shown = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.scheme === 'conference-notes-reading');
    assert.ok(shown, 'the reading is shown beside the note');
    const text = shown.document.getText();
    assert.match(text, /^# How caching\.md was read/);
    assert.match(text, /Layout: one session in the whole file \(from its headings\)/);
    assert.ok(text.includes(`Conference: ${note.conference}`), text);
    assert.equal(shown.document.languageId, 'markdown');

    const [session] = note.sessions;
    const node = api.sessionTree.provider.nodeForSession(session);
    const item = await api.sessionTree.provider.resolveTreeItem(api.sessionTree.provider.getTreeItem(node), node);
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value.replace(/&nbsp;/g, ' ') : String(item.tooltip);
    assert.match(tooltip, /Layout: one session in the whole file/);
  });

  it('pins the reading in the note’s front matter in one undo step, and the note reads the same', async () => {
    const before = api.notes.index.note(caching.toString());
    assert.ok(before);
    const original = talk('Caching at the edge');
    const editor = await vscode.window.showTextDocument(caching);
    await answeringDialogs('conferenceNotes.pinReading', 'workbench.action.acceptSelectedQuickOpenItem');
    const pinned = editor.document.getText();
    assert.ok(pinned.startsWith('---\ntype: session\ntitle: Caching at the edge\n'), pinned);
    assert.ok(pinned.endsWith(`---\n${original}`), 'the note itself is unchanged below the front matter');
    assert.equal(editor.document.isDirty, false, 'saved');
    await waitForIndex(api, () => api.notes.index.note(caching.toString())?.reading?.layoutSource === 'front-matter');
    const after = api.notes.index.note(caching.toString());
    assert.deepEqual(after?.sessions.map((session) => [session.title, session.conference]), before.sessions.map((session) => [session.title, session.conference]));

    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original, 'one undo step takes the pin back');
  });

  it('pins the keys the folder’s notes share as a fileDefaults entry', async () => {
    const conference = api.notes.index.note(caching.toString())?.conference;
    await vscode.window.showTextDocument(caching);
    await answeringDialogs('conferenceNotes.pinReading', 'conferenceNotesTest.pickSecond');
    const entries = vscode.workspace.getConfiguration('conferenceNotes').get<unknown[]>('fileDefaults');
    assert.deepEqual(entries, [{ files: 'harbour-summit-2031/*.{md,markdown}', frontMatter: { type: 'session', conference } }]);
    assert.equal(vscode.window.activeTextEditor?.document.getText(), talk('Caching at the edge'), 'the note is not edited');
    await waitForIndex(api, () => api.notes.index.note(queues.toString())?.reading?.layoutSource === 'settings');
    assert.deepEqual(api.notes.index.sessionsOf(queues.toString()).map((session) => session.title), ['Queues without tears']);
  });
});
