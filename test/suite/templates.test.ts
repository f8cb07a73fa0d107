// Templates in a real VS Code: Insert Session (existing and new track, one undo step), New Conference Report and
// New Session Note (unsaved documents at free file names), user templates, and field completion. Most tests run
// the commands on an object of their own over the running extension's notes, answering its questions from a
// script; one test per command runs it through executeCommand with VS Code's own quick pick or input box.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Session } from '../../src/core/notes/model';
import type { ConferenceNotesApi } from '../../src/vscode/activation';
import { TemplateCommands, type TemplatePrompts } from '../../src/vscode/templates/templateCommands';
import { activateExtension, answeringDialogs, waitForIndex, workspaceUri } from './helpers';

type Answer = string | vscode.Uri | undefined;

/** Answers the commands' questions in order: a pick by label (substring), an input's text, a folder. */
function scripted(answers: Answer[]): TemplatePrompts & { asked: string[]; offered: vscode.QuickPickItem[][] } {
  const queue = [...answers];
  const asked: string[] = [];
  const offered: vscode.QuickPickItem[][] = [];
  const next = (kind: string, title?: string): Answer => {
    asked.push(`${kind}: ${title ?? ''}`);
    assert.ok(queue.length > 0, `unexpected question: ${kind} ${title ?? ''}`);
    return queue.shift();
  };
  return {
    asked,
    offered,
    pick: async (items, options) => {
      offered.push([...items]);
      const answer = next('pick', options.title);
      return items.find((item) => typeof answer === 'string' && item.label.includes(answer));
    },
    input: async (options) => next('input', options.title) as string | undefined,
    folder: async () => next('folder') as vscode.Uri | undefined,
  };
}

describe('Templates (extension host)', () => {
  let api: ConferenceNotesApi;
  before(async () => {
    api = await activateExtension();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** The template commands over the extension's notes, answering their questions in order from `answers`. */
  function commandsAnswering(answers: Answer[]): TemplateCommands {
    return new TemplateCommands(api.notes, scripted(answers));
  }

  async function openAt(file: string, line: number): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(workspaceUri('notes', file));
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(line, 0, line, 0);
    return editor;
  }

  it('inserts a session at the end of a known track, as one undo step, with the title selected', async () => {
    const editor = await openAt('webcamp.md', 0);
    const before = editor.document.getText();
    await commandsAnswering(['Frontend']).insertSession();
    const after = editor.document.getText();
    const inserted = '\n\n### Session title\n\n- speakers: Speaker\n- status: planned\n\nNotes';
    assert.equal(after, before.replace('### Islands Architecture', `### Islands Architecture${inserted}`));
    assert.equal(editor.document.getText(editor.selection), 'Session title', 'the title is the first tabstop');
    await vscode.commands.executeCommand('leaveSnippet');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
  });

  it('offers the track the cursor is in first, else the one last used, and selects the new session in the view', async () => {
    const revealed: Session[] = [];
    const prompts = scripted(['Backend', 'Frontend', 'Frontend']);
    const commands = new TemplateCommands(api.notes, prompts, async (session) => {
      revealed.push(session);
    });
    const editor = await openAt('webcamp.md', 12); // ### HTTP/3 in Production, in Backend
    const offeredFirst = () => {
      const [first] = prompts.offered.at(-1) ?? [];
      return `${first?.label} (${first?.description})`;
    };
    await commands.insertSession();
    assert.equal(offeredFirst(), 'Backend (where the cursor is)');
    assert.deepEqual(revealed.map((session) => [session.title, session.track, session.uri]), [['Session title', 'Backend', editor.document.uri.toString()]], 'the new session is shown in the Sessions view');
    await vscode.commands.executeCommand('leaveSnippet');

    editor.selection = new vscode.Selection(4, 0, 4, 0); // ### CSS Container Queries, in Frontend
    await commands.insertSession();
    assert.equal(offeredFirst(), 'Frontend (where the cursor is)');
    await vscode.commands.executeCommand('leaveSnippet');

    editor.selection = new vscode.Selection(0, 0, 0, 0); // the title: in no track
    await commands.insertSession();
    assert.equal(offeredFirst(), 'Frontend (last used)');
  });

  it('writes into a Japanese report in Japanese, with its keys, whatever the display language', async () => {
    const uri = workspaceUri('notes', 'japanese-report.md');
    const report = '# 秋のカンファレンス 2024\n\n## クラウド\n\n### コンテナの運用\n\n- 登壇者: 山田 花子\n\nとても参考になる話でした。\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(report));
    try {
      await waitForIndex(api, () => api.notes.index.sessionsOf(uri.toString()).length === 1);
      const editor = await vscode.window.showTextDocument(uri);
      editor.selection = new vscode.Selection(4, 0, 4, 0);
      await commandsAnswering(['クラウド']).insertSession();
      await vscode.commands.executeCommand('leaveSnippet');
      assert.equal(editor.document.getText(), report.replace('参考になる話でした。\n', '参考になる話でした。\n\n### セッションタイトル\n\n- 登壇者: 登壇者名\n- 状態: planned\n\nメモ\n'));
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.workspace.fs.delete(uri);
      await waitForIndex(api, () => api.notes.index.note(uri.toString()) === undefined);
    }
  });

  it('adds a new track section before the closing summary, in an unsaved document', async () => {
    const editor = await openAt('webcamp.md', 2);
    await editor.edit((edit) => edit.insert(new vscode.Position(editor.document.lineCount, 0), '\n## Summary\n\nGreat event.\n'));
    await commandsAnswering(['New track', 'Security']).insertSession();
    const text = editor.document.getText();
    assert.ok(text.includes('### HTTP/3 in Production\n\n## Security\n\n### Session title\n'), text);
    assert.ok(text.endsWith('\n## Summary\n\nGreat event.\n'), 'the summary stays last and unchanged');
  });

  it('creates a new conference report as an unsaved document at a free file name', async () => {
    const folder = workspaceUri('notes');
    const taken = vscode.Uri.joinPath(folder, 'Nordic-JS-2026.md');
    await vscode.workspace.fs.writeFile(taken, new TextEncoder().encode('# Someone else\n'));
    try {
      const created = await commandsAnswering(['Nordic JS 2026', '2026-06-04', 'English', folder]).newConferenceReport();
      assert.ok(created);
      assert.equal(created.toString(), vscode.Uri.joinPath(folder, 'Nordic-JS-2026-2.md').toString());
      const document = vscode.window.activeTextEditor?.document;
      assert.ok(document?.isUntitled, 'nothing is written until the user saves');
      const text = document.getText();
      assert.match(text, /^---\nconference: Nordic JS 2026\ndates: "2026-06-04"\n---\n\n# Nordic JS 2026\n\n## Overview\n/);
      assert.match(text, /\n## Summary\n/);
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(taken)), '# Someone else\n', 'the existing file is untouched');
    } finally {
      await vscode.workspace.fs.delete(taken);
    }
  });

  it('creates a session note with front matter filled from the answers, named after a Japanese title', async () => {
    const created = await commandsAnswering(['分散トレーシング入門', 'DevConf 2024', 'Cloud', 'Ada Park, Ben Ortiz', workspaceUri('notes')]).newSessionNote();
    assert.ok(created);
    assert.ok(created.path.endsWith('/notes/分散トレーシング入門.md'), created.path);
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(text, /^---\ntype: session\ntitle: 分散トレーシング入門\nconference: DevConf 2024\ntrack: Cloud\nspeakers: Ada Park, Ben Ortiz\ndate: "\d{4}-\d{2}-\d{2}"\nstatus: planned\n---\n\n# 分散トレーシング入門\n/);
  });

  it('never reads a user template as a note: not when it is saved, not when the workspace is read again', async () => {
    const template = workspaceUri('.vscode', 'conference-notes', 'templates', 'Keynote.md');
    const note = workspaceUri('notes', 'saved-with-the-template.md');
    const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    // Saved together, so the note's file event comes in the same batch as the template's, or after it.
    await write(template, '---\ntype: session\ntitle: ${1:Title}\nstatus: ${2|planned,attended|}\n---\n\n# ${1:Title}\n');
    await write(note, '# Saved Conf\n\n## Track\n\n### Saved Session\n');
    try {
      await waitForIndex(api, () => api.notes.index.note(note.toString()) !== undefined);
      assert.equal(api.notes.index.note(template.toString()), undefined, 'a saved template is not indexed');
      await api.notes.rescan();
      assert.equal(api.notes.index.note(template.toString()), undefined, 'a rescan does not read the templates folder');
      assert.deepEqual(api.notes.index.conferences().filter(({ name }) => name === 'templates'), []);
    } finally {
      await vscode.workspace.fs.delete(workspaceUri('.vscode'), { recursive: true });
      await vscode.workspace.fs.delete(note);
      await waitForIndex(api, () => api.notes.index.note(note.toString()) === undefined);
    }
  });

  it('offers the user templates of the workspace, and keeps unknown variables visible', async () => {
    const templates = workspaceUri('.vscode', 'conference-notes', 'templates');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(templates, 'Short talk.md'), new TextEncoder().encode('### ${1:Title} (${track})\n\n- room: ${room}\n- mood: ${mood}\n'));
    try {
      const editor = await openAt('devconf.md', 0);
      await commandsAnswering(['Cloud', 'Short talk']).insertSession();
      const text = editor.document.getText();
      assert.ok(text.includes('### Title (Cloud)\n\n- room: room\n- mood: ${mood}'), text);
    } finally {
      await vscode.workspace.fs.delete(workspaceUri('.vscode'), { recursive: true });
    }
  });

  it('Insert Session asks for the track in a quick pick and inserts the session under the chosen one', async () => {
    const editor = await openAt('webcamp.md', 0);
    const before = editor.document.getText();
    // The tracks are offered by name: Backend, the report's last track, comes first.
    await answeringDialogs('conferenceNotes.insertSession', 'workbench.action.acceptSelectedQuickOpenItem');
    const after = editor.document.getText();
    assert.ok(after.startsWith(before) && after.slice(before.length).includes('### Session title'), after);
    await vscode.commands.executeCommand('leaveSnippet');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
  });

  it('New Conference Report and New Session Note open nothing when their first question is cancelled', async () => {
    const untitled = () => vscode.workspace.textDocuments.filter((document) => document.isUntitled).length;
    const before = untitled();
    assert.equal(await answeringDialogs('conferenceNotes.newConferenceReport', 'workbench.action.closeQuickOpen'), undefined);
    assert.equal(await answeringDialogs('conferenceNotes.newSessionNote', 'workbench.action.closeQuickOpen'), undefined);
    assert.equal(untitled(), before, 'no new document');
  });

  it('completes known tracks, speakers and statuses in field lines', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Notes\n' }));
    const complete = async (line: string): Promise<string[]> => {
      await editor.edit((edit) => edit.insert(new vscode.Position(editor.document.lineCount, 0), `\n${line}`));
      const position = new vscode.Position(editor.document.lineCount - 1, line.length);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
      return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    };
    const speakers = await complete('- speakers: ');
    for (const speaker of ['Ada Park', 'Chen Li', 'Dana Kim']) assert.ok(speakers.includes(speaker), `${speaker} offered`);
    const tracks = await complete('- track: ');
    for (const track of ['Backend', 'Cloud', 'Data', 'Frontend']) assert.ok(tracks.includes(track), `${track} offered`);
    const statuses = await complete('状態: ');
    for (const status of ['attended', 'to-watch']) assert.ok(statuses.includes(status), `${status} offered`);
  });
});
