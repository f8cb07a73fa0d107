// The Sessions view beyond the skeleton: grouping modes, the filter, Set Status (an undoable edit that changes
// nothing else), Copy Markdown Link, and following the editor's cursor — in a real VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConferenceNotesApi } from '../../src/vscode/activation';
import { DEFAULT_PARSE_OPTIONS } from '../../src/core/notes/model';
import { NoteIndex } from '../../src/core/notes/noteIndex';
import { parseNoteText } from '../../src/core/notes/pipeline';
import type { NoteWorkspace } from '../../src/vscode/noteWorkspace';
import { registerReadingState } from '../../src/vscode/sessions/readingState';
import { sessionTooltip, SessionTreeProvider, type Grouping } from '../../src/vscode/sessions/sessionTree';
import { activateExtension, EXTENSION_ID, renderTree, waitForIndex, workspaceUri } from './helpers';

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
      // All at once, as a checkout or an unzip writes them: written one after another on a busy machine, the gaps
      // between writes would outlast the watcher's quiet period, and the passes would count the machine's speed.
      await vscode.workspace.fs.createDirectory(folder);
      await Promise.all(Array.from({ length: count }, (_, i) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, `note-${i}.md`), new TextEncoder().encode(`# Storm Conf\n\n## Track ${i % 7}\n\n### Talk ${i}\n`))));
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

/** A Sessions view over notes of its own (the fixture workspace holds two conferences and no status). */
function treeOver(grouping: Grouping, ...notes: { name: string; text: string }[]): SessionTreeProvider {
  const index = new NoteIndex();
  index.updateMany(notes.map(({ name, text }) => parseNoteText(text, { uri: `untitled:/${name}`, pathSegments: [name] }, { parseOptions: DEFAULT_PARSE_OPTIONS })), []);
  const workspace = { index, ready: () => Promise.resolve(), showable: () => Promise.resolve(), filling: false, onDidChangeScanning: () => ({ dispose() {} }) } as unknown as NoteWorkspace;
  return new SessionTreeProvider(workspace, grouping);
}

const KUBECON = {
  name: 'kubecon.md',
  text: '# KubeCon 2025\n\n## Observability\n\n### eBPF Deep Dive\n\n- speakers: Liz Rice\n- status: attended\n\n### Tracing at Scale\n\n- status: to-watch\n\n## Security\n\n### Supply Chains\n',
};

const labelOf = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

describe('Sessions view: what a user sees of a session', () => {
  it('names status groups by their label in the display language, with the status icon', async () => {
    const provider = treeOver('status', KUBECON);
    const items = (await provider.getChildren()).map((node) => provider.getTreeItem(node));
    assert.deepEqual(items.map((item) => `${labelOf(item)} ${(item.iconPath as vscode.ThemeIcon).id}`).sort(), ['(no status) checklist', 'Attended pass-filled', 'To watch clock']);
  });

  it('tells a screen reader the title, speakers, track and status', async () => {
    const provider = treeOver('status', KUBECON);
    const labels: string[] = [];
    for (const group of await provider.getChildren()) {
      for (const session of await provider.getChildren(group)) labels.push(provider.getTreeItem(session).accessibilityInformation?.label ?? '');
    }
    assert.deepEqual(labels.sort(), ['Supply Chains, Track: Security', 'Tracing at Scale, Track: Observability, Status: To watch', 'eBPF Deep Dive, Liz Rice, Track: Observability, Status: Attended']);
  });

  it('opens a single conference with its tracks, and several conferences collapsed', async () => {
    const single = treeOver('conference', KUBECON);
    const [conference] = await single.getChildren();
    assert.equal(single.getTreeItem(conference).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    const tracks = await single.getChildren(conference);
    assert.deepEqual(tracks.map((track) => single.getTreeItem(track).collapsibleState), [vscode.TreeItemCollapsibleState.Expanded, vscode.TreeItemCollapsibleState.Expanded]);

    const several = treeOver('conference', KUBECON, { name: 'devconf.md', text: '# DevConf 2025\n\n## Cloud\n\n### Queues\n' });
    assert.deepEqual((await several.getChildren()).map((node) => several.getTreeItem(node).collapsibleState), [vscode.TreeItemCollapsibleState.Collapsed, vscode.TreeItemCollapsibleState.Collapsed]);
  });

  it('shows fields, file and at most three short lines of the note in the tooltip, no field twice', async () => {
    const long = `Observability ${'with kernel probes '.repeat(12)}`;
    const document = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: `# KubeCon 2025\n\n## Observability\n\n### eBPF Deep Dive\n\n- speakers: Liz Rice\n- status: attended\n\n${long}\n\nSecond line.\n\nThird line.\n\nFourth line, not shown.\n`,
    });
    const [session] = parseNoteText(document.getText(), { uri: document.uri.toString(), pathSegments: ['kubecon.md'] }, { parseOptions: DEFAULT_PARSE_OPTIONS }).sessions;
    const tooltip = (await sessionTooltip(session)).value;
    const [, preview = ''] = tooltip.split('\n\n---\n\n');
    // As read: the tooltip's text is escaped markdown (spaces as &nbsp;, punctuation after a backslash).
    const previewLines = preview.split('  \n').filter(Boolean).map((line) => line.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1'));
    assert.equal(previewLines.length, 3, tooltip);
    assert.ok(previewLines.every((line) => line.length <= 120), tooltip);
    assert.ok(previewLines[0].endsWith('…'), 'a long line is cut');
    assert.doesNotMatch(tooltip, /Fourth line/);
    assert.equal(tooltip.replace(/&nbsp;/g, ' ').match(/Liz Rice/g)?.length, 1, 'the speakers once, as a field');
    assert.doesNotMatch(preview, /status/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

describe('Sessions view: a workspace whose notes hold no session', () => {
  it('says how many notes it found, not that there are none, and offers how notes are read', async () => {
    const index = new NoteIndex();
    index.updateMany(['todo.md', 'ideas.md'].map((name) => parseNoteText('Just a list of things.\n', { uri: `untitled:/${name}`, pathSegments: [name] }, { parseOptions: DEFAULT_PARSE_OPTIONS })), []);
    assert.equal(index.sessionCount, 0);
    const notes = { index, scanning: false, scanFailed: false, hasScanned: true, onDidChangeScanning: () => ({ dispose() {} }) } as unknown as NoteWorkspace;
    const view = { message: undefined as string | undefined };
    const state = registerReadingState(notes, view as unknown as vscode.TreeView<unknown>);
    try {
      assert.equal(view.message, '2 markdown notes found: none of them reads as conference sessions.');
    } finally {
      state.dispose();
      // It set the window's context keys for notes it made up: give the real view's state back.
      await vscode.commands.executeCommand('setContext', 'conferenceNotes.noSessions', false);
      await vscode.commands.executeCommand('setContext', 'conferenceNotes.noNotes', false);
    }
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const welcome = (extension?.packageJSON.contributes.viewsWelcome as { contents: string; when: string }[]).find((entry) => entry.when === 'conferenceNotes.noSessions');
    assert.ok(welcome, 'a welcome for notes without sessions');
    assert.match(welcome.contents, /\(command:conferenceNotes\.showNoteFormats\)/);
    assert.match(welcome.contents, /\(command:conferenceNotes\.showReading\)/);
    assert.doesNotMatch(welcome.contents, /No conference notes found/);
  });
});

describe('Sessions view: filtering by the notes', () => {
  let api: ConferenceNotesApi;
  before(async () => {
    api = await activateExtension();
  });
  afterEach(() => vscode.commands.executeCommand('conferenceNotes.clearFilter'));

  it('finds a session by words of its notes and opens the groups that hold it', async () => {
    await vscode.commands.executeCommand('conferenceNotes.filter', 'shell comment');
    const provider = api.sessionTree.provider;
    const [conference, ...others] = await provider.getChildren();
    assert.deepEqual(others, []);
    assert.equal(provider.getTreeItem(conference).label, 'DevConf 2024');
    assert.equal(provider.getTreeItem(conference).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    const [track] = await provider.getChildren(conference);
    assert.equal(provider.getTreeItem(track).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.deepEqual((await renderTree(api)).map((node) => `${node.label}: ${(node.children ?? []).map((child) => `${child.label} [${(child.children ?? []).map((session) => session.label).join(', ')}]`).join('; ')}`), [
      'DevConf 2024: Cloud [Scaling Queues]',
    ]);
  });
});
