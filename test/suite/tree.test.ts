// The Sessions view beyond the skeleton: grouping modes, the filter, Set Status (an undoable edit that changes
// nothing else), Copy Markdown Link, and following the editor's cursor — in a real VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConferenceNotesApi } from '../../src/vscode/activation';
import { activateExtension, renderTree, waitForIndex, workspaceUri } from './helpers';

const labels = async (api: ConferenceNotesApi) => (await renderTree(api, undefined, 2)).map((node) => `${node.label} (${node.description}): ${(node.children ?? []).map((child) => child.label).join(', ')}`);

describe('Sessions view: grouping and filter', () => {
  let api: ConferenceNotesApi;
  before(async () => {
    api = await activateExtension();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('conferenceNotes.groupBy', 'conference');
    await vscode.commands.executeCommand('conferenceNotes.clearFilter');
  });

  it('groups by speaker, a session with two speakers under each, sessions without one last', async () => {
    await vscode.commands.executeCommand('conferenceNotes.groupBy', 'speaker');
    assert.deepEqual(await labels(api), [
      'Ada Park (1): Scaling Queues',
      'Ben Ortiz (1): Serverless Cold Starts',
      'Chen Li (1): Streaming Joins in Practice',
      'Dana Kim (1): CSS Container Queries',
      '(no speaker) (2): Islands Architecture, HTTP/3 in Production',
    ]);
  });

  it('groups by file, by status, by tag and by day', async () => {
    await vscode.commands.executeCommand('conferenceNotes.groupBy', 'file');
    assert.deepEqual(await labels(api), [
      'notes/devconf.md (3): Scaling Queues, Serverless Cold Starts, Streaming Joins in Practice',
      'notes/webcamp.md (3): CSS Container Queries, Islands Architecture, HTTP/3 in Production',
    ]);
    await vscode.commands.executeCommand('conferenceNotes.groupBy', 'status');
    const byStatus = await labels(api);
    assert.equal(byStatus.length, 1, 'the fixture has no statuses: one "(no status)" group');
    assert.match(byStatus[0], /^\(no status\) \(6\)/);
    for (const grouping of ['tag', 'day']) {
      await vscode.commands.executeCommand('conferenceNotes.groupBy', grouping);
      assert.equal((await labels(api)).length, 1, `${grouping}: the fixture has none, one group of all sessions`);
    }
  });

  it('remembers the grouping per workspace and shows it in the view', async () => {
    await vscode.commands.executeCommand('conferenceNotes.groupBy', 'speaker');
    assert.equal(api.sessionTree.provider.grouping, 'speaker');
    assert.equal(api.sessionTree.view.description, 'Speaker');
  });

  it('filters by any word of title, speaker, track or conference, with counts that follow', async () => {
    await vscode.commands.executeCommand('conferenceNotes.filter', 'cloud');
    const filtered = await renderTree(api);
    assert.deepEqual(filtered.map((node) => `${node.label} ${node.description}`), ['DevConf 2024 2']);
    assert.deepEqual(filtered[0].children?.map((node) => node.label), ['Cloud']);
    assert.equal(api.sessionTree.view.description, 'Filtered: "cloud"');
    assert.equal(api.sessionTree.view.message, 'Filtered: "cloud"');

    await vscode.commands.executeCommand('conferenceNotes.filter', 'dana webcamp');
    assert.deepEqual((await renderTree(api)).map((node) => `${node.label} ${node.description}`), ['WebCamp 2024 1']);

    await vscode.commands.executeCommand('conferenceNotes.filter', 'no such session');
    assert.deepEqual(await renderTree(api), []);
    assert.equal(api.sessionTree.view.message, 'No session matches "no such session".');

    await vscode.commands.executeCommand('conferenceNotes.clearFilter');
    assert.equal(api.sessionTree.view.description, undefined);
    assert.equal(api.sessionTree.view.message, undefined);
    assert.equal((await renderTree(api)).length, 2);
  });
});

describe('Sessions view: acting on a session', () => {
  let api: ConferenceNotesApi;
  before(async () => {
    api = await activateExtension();
  });

  it('sets the status as one undoable edit that changes nothing else', async () => {
    const uri = workspaceUri('notes', 'devconf.md');
    const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const session = api.notes.index.sessions().find((s) => s.title === 'Serverless Cold Starts');
    assert.ok(session);
    try {
      await vscode.commands.executeCommand('conferenceNotes.setStatus', session, 'attended');
      const after = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      assert.equal(after, before.replace('- speakers: Ben Ortiz\n', '- speakers: Ben Ortiz\n- status: attended\n'));
      await waitForIndex(api, () => api.notes.index.sessions().find((s) => s.title === 'Serverless Cold Starts')?.status === 'attended');

      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('undo');
      assert.equal(document.getText(), before);
    } finally {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(before));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('copies a markdown link with the heading anchor', async () => {
    const session = api.notes.index.sessions().find((s) => s.title === 'HTTP/3 in Production');
    assert.ok(session);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('conferenceNotes.copyMarkdownLink', session);
    assert.equal(await vscode.env.clipboard.readText(), '[HTTP/3 in Production](notes/webcamp.md#http3-in-production)');
  });

  /** Moves the cursor below a heading of `file` and resolves when the view selects that session. */
  async function cursorSelects(file: string, heading: string): Promise<vscode.TextDocument> {
    await vscode.commands.executeCommand('workbench.view.extension.conferenceNotes');
    const document = await vscode.workspace.openTextDocument(workspaceUri('notes', file));
    const editor = await vscode.window.showTextDocument(document);
    const view = api.sessionTree.view;
    const selected = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the tree did not follow the cursor to ${heading}`)), 5000);
      const subscription = view.onDidChangeSelection((event) => {
        const [node] = event.selection;
        if (node?.kind === 'session' && `### ${node.session.title}` === heading) {
          clearTimeout(timer);
          subscription.dispose();
          resolve();
        }
      });
    });
    const line = document.getText().split('\n').indexOf(heading);
    editor.selection = new vscode.Selection(line + 1, 0, line + 1, 0);
    await selected;
    return document;
  }

  it('reveals the session under the cursor in the tree without taking focus', async () => {
    const document = await cursorSelects('webcamp.md', '### Islands Architecture');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), document.uri.toString(), 'the editor keeps focus');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('follows the cursor in the other groupings too', async () => {
    await vscode.commands.executeCommand('conferenceNotes.groupBy', 'speaker');
    try {
      await cursorSelects('devconf.md', '### Scaling Queues');
      const [node] = api.sessionTree.view.selection;
      assert.equal(node && api.sessionTree.provider.getParent(node)?.id, 'speaker:Ada Park');
    } finally {
      await vscode.commands.executeCommand('conferenceNotes.groupBy', 'conference');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});

describe('Sessions view: updates', () => {
  let api: ConferenceNotesApi;
  before(async () => {
    api = await activateExtension();
  });

  it('refreshes only the conference whose note was saved, not the whole tree', async () => {
    const uri = workspaceUri('notes', 'webcamp.md');
    const original = await vscode.workspace.fs.readFile(uri);
    const fired: (string | undefined)[] = [];
    const subscription = api.sessionTree.provider.onDidChangeTreeData((node) => fired.push(node === undefined ? undefined : node.id));
    try {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${new TextDecoder().decode(original)}\n### Edge Caching Patterns\n`));
      await waitForIndex(api, () => api.notes.index.sessions().some((s) => s.title === 'Edge Caching Patterns'));
      assert.deepEqual(fired, ['conference:WebCamp 2024']);
    } finally {
      subscription.dispose();
      await vscode.workspace.fs.writeFile(uri, original);
      await waitForIndex(api, () => !api.notes.index.sessions().some((s) => s.title === 'Edge Caching Patterns'));
    }
  });

  it('indexes a burst of hundreds of new notes in a few passes, not one refresh per file', async () => {
    const folder = workspaceUri('storm');
    const count = 300;
    let events = 0;
    const subscription = api.notes.index.onDidChange(() => events++);
    try {
      for (let i = 0; i < count; i++) {
        await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, `note-${i}.md`), new TextEncoder().encode(`# Storm Conf\n\n## Track ${i % 7}\n\n### Talk ${i}\n`));
      }
      await waitForIndex(api, () => api.notes.index.conferenceSessionCount('Storm Conf') === count, 30_000).catch((error: Error) => {
        throw new Error(`${error.message}: ${api.notes.index.conferenceSessionCount('Storm Conf')} of ${count} indexed after ${events} passes`);
      });
      assert.ok(events <= 10, `${events} index passes for ${count} files`);
      events = 0;
      await vscode.workspace.fs.delete(folder, { recursive: true });
      await waitForIndex(api, () => api.notes.index.conferenceSessionCount('Storm Conf') === 0, 30_000);
      assert.ok(events <= 3, `${events} index passes for deleting ${count} files`);
    } finally {
      subscription.dispose();
      await vscode.workspace.fs.delete(folder, { recursive: true }).then(undefined, () => undefined);
    }
  });
});
