// One talk, one session, in a real VS Code: a talk written in an imported programme and in the user's report is one
// session whose tooltip links each place, and Open Session In… opens the place chosen at its line, while a click on
// the session still opens the report. The test writes the two notes into the workspace (in a folder whose name needs
// escaping in a link) and removes them afterwards; the command is built here with a scripted quick pick, and run
// once through executeCommand with VS Code's own.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Session } from '../../src/core/notes/model';
import type { ConferenceNotesApi } from '../../src/vscode/activation';
import { OPEN_SESSION_COMMAND, OPEN_SESSION_PLACE_COMMAND } from '../../src/vscode/openSession';
import { OpenSessionPlaceCommand } from '../../src/vscode/sessions/sessionPlaces';
import { activateExtension, answeringDialogs, scriptedQuickPick, waitForIndex, workspaceUri } from './helpers';

const CONFERENCE = 'Harbour Summit 2032';
const TITLE = 'Tide Tables at Scale';

const PROGRAMME = `---
conference: ${CONFERENCE}
schedule: harbour-summit.ics
---

# ${CONFERENCE}

## Cloud

### Opening the Harbour

- uid: HS-1
- status: planned

### ${TITLE}

- uid: HS-2
- speakers: Mina Sato
- status: planned
`;

const REPORT = `---
conference: ${CONFERENCE}
---

# ${CONFERENCE} report

## Cloud

### ${TITLE}

- status: attended

Tides are data too.
`;

const headingLine = (text: string) => text.split('\n').indexOf(`### ${TITLE}`);

/** What VS Code runs for a command link: the query decoded as a URI, then once more, read as JSON (its opener). */
function commandOf(link: string): { command: string; args: unknown[] } {
  const uri = vscode.Uri.parse(link);
  return { command: uri.path, args: JSON.parse(decodeURIComponent(uri.query)) as unknown[] };
}

describe('Session places (extension host)', () => {
  const folder = () => workspaceUri('places fixture (2032)');
  const programme = () => vscode.Uri.joinPath(folder(), 'programme.md');
  const report = () => vscode.Uri.joinPath(folder(), 'my report.md');
  let api: ConferenceNotesApi;
  const merged = (): Session | undefined => api.notes.index.sessionsOfConference(CONFERENCE).find((session) => session.title === TITLE);

  const opened = () => {
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    return { uri: editor.document.uri.toString(), line: editor.selection.active.line };
  };

  const tooltipOf = async (session: Session): Promise<vscode.MarkdownString> => {
    const provider = api.sessionTree.provider;
    const node = provider.nodeForSession(session);
    const item = await provider.resolveTreeItem(provider.getTreeItem(node), node);
    assert.ok(item.tooltip instanceof vscode.MarkdownString);
    return item.tooltip;
  };

  beforeEach(async () => {
    api = await activateExtension();
    await vscode.workspace.fs.writeFile(programme(), new TextEncoder().encode(PROGRAMME));
    await vscode.workspace.fs.writeFile(report(), new TextEncoder().encode(REPORT));
    await waitForIndex(api, () => merged()?.places?.length === 2);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder(), { recursive: true, useTrash: false });
    await waitForIndex(api, () => api.notes.index.sessionsOfConference(CONFERENCE).length === 0);
  });

  it('shows the talk once, its click opening the report, and offers Open Session In… for it alone', () => {
    const session = merged();
    assert.ok(session);
    assert.deepEqual(api.notes.index.sessionsOfConference(CONFERENCE).map((s) => s.title).sort(), ['Opening the Harbour', TITLE]);
    assert.deepEqual(session.places?.map((place) => place.kind), ['report', 'programme']);
    const provider = api.sessionTree.provider;
    const item = provider.getTreeItem(provider.nodeForSession(session));
    assert.equal(item.contextValue, 'session.merged');
    assert.equal(item.command?.command, OPEN_SESSION_COMMAND);
    assert.equal((item.command?.arguments?.[0] as Session).uri, report().toString(), 'a click opens the user’s report');
    const single = api.notes.index.sessionsOfConference(CONFERENCE).find((s) => s.title === 'Opening the Harbour');
    assert.ok(single);
    assert.equal(provider.getTreeItem(provider.nodeForSession(single)).contextValue, 'session');
  });

  it('lists both places in the tooltip, each a link that opens it at its line, trusting that command alone', async () => {
    const session = merged();
    assert.ok(session);
    const tooltip = await tooltipOf(session);
    assert.deepEqual(tooltip.isTrusted, { enabledCommands: [OPEN_SESSION_PLACE_COMMAND] });
    // The labels as text: markdown escapes and the non-breaking spaces of appendText undone.
    const links = [...tooltip.value.matchAll(/\[([^\]]*)\]\((command:[^)\s]+)\)/g)].map(([, label, link]) => ({ label: label.replace(/&nbsp;/g, ' ').replace(/\\/g, ''), link }));
    assert.equal(links.length, 2, tooltip.value);
    assert.match(links[0].label, /^Report · places fixture \(2032\)\/my report\.md, line 9$/);
    assert.match(links[1].label, /^Programme · places fixture \(2032\)\/programme\.md, line 15$/);

    for (const [index, expected, text] of [[1, programme(), PROGRAMME], [0, report(), REPORT]] as const) {
      const { command, args } = commandOf(links[index].link);
      assert.equal(command, OPEN_SESSION_PLACE_COMMAND);
      await vscode.commands.executeCommand(command, ...args);
      assert.deepEqual(opened(), { uri: expected.toString(), line: headingLine(text) });
    }
  });

  it('keeps a session written once to its file line and an untrusted tooltip', async () => {
    const single = api.notes.index.sessionsOfConference(CONFERENCE).find((s) => s.title === 'Opening the Harbour');
    assert.ok(single);
    const tooltip = await tooltipOf(single);
    assert.equal(tooltip.isTrusted, false);
    assert.doesNotMatch(tooltip.value, /command:/);
    assert.ok(tooltip.value.includes('programme.md'), tooltip.value);
  });

  it('asks which place, the report first, and opens the one chosen at its line', async () => {
    const session = merged();
    assert.ok(session);
    const node = api.sessionTree.provider.nodeForSession(session);
    const dialogs = scriptedQuickPick(['Programme']);
    const editor = await new OpenSessionPlaceCommand(api.notes, dialogs).run(node);
    assert.equal(editor, vscode.window.activeTextEditor);
    assert.deepEqual(opened(), { uri: programme().toString(), line: headingLine(PROGRAMME) });
    assert.deepEqual(dialogs.titles, [`Open "${TITLE}" In…`]);
    assert.deepEqual(dialogs.offered.map((items) => items.map(({ label, description }) => `${label} — ${description ?? ''}`)), [[
      'Report — places fixture (2032)/my report.md, line 9',
      'Programme — places fixture (2032)/programme.md, line 15',
    ]]);
    // Cancelled: nothing more opens.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal(await new OpenSessionPlaceCommand(api.notes, scriptedQuickPick(['nothing offered says this'])).run(node), undefined);
    assert.equal(vscode.window.activeTextEditor, undefined);
  });

  it('runs from the context menu with VS Code’s own quick pick, its first item the report', async () => {
    const session = merged();
    assert.ok(session);
    const node = api.sessionTree.provider.nodeForSession(session);
    await answeringDialogs(OPEN_SESSION_PLACE_COMMAND, 'workbench.action.acceptSelectedQuickOpenItem', node);
    assert.deepEqual(opened(), { uri: report().toString(), line: headingLine(REPORT) });
  });

  it('opens nothing for a link that names a file that is not a note', async () => {
    const stranger = vscode.Uri.joinPath(folder(), 'not-a-note.txt');
    await vscode.workspace.fs.writeFile(stranger, new TextEncoder().encode('plain text\n'));
    await vscode.commands.executeCommand(OPEN_SESSION_PLACE_COMMAND, { uri: stranger.toString(), line: 0 });
    assert.equal(vscode.window.activeTextEditor, undefined);
  });
});
