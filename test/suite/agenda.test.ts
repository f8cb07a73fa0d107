// The personal agenda in a real VS Code, on the running extension's notes with a fixed clock: the Agenda view's days,
// slots and sessions, the Now / Next status-bar item, overlaps and the pick that skips the other session (one undo
// step), the Sessions view's badge, and the iCalendar export read back with ical.js. The test writes its own conference
// into the workspace and removes it afterwards; the classes are built here as the extension builds them, with
// scripted dialog answers.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AgendaActions, type AgendaPrompts } from '../../src/vscode/agenda/agendaActions';
import { AgendaModel } from '../../src/vscode/agenda/agendaModel';
import { AgendaTreeProvider, type AgendaNode } from '../../src/vscode/agenda/agendaTree';
import { NowNextStatus } from '../../src/vscode/agenda/nowNextStatus';
import { TodayBadge } from '../../src/vscode/agenda/todayBadge';
import type { ConferenceNotesApi } from '../../src/vscode/activation';
import { activateExtension, waitForIndex, workspaceUri } from './helpers';

const fixtureText = readFileSync(path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'agenda', 'harbour-summit.md'), 'utf8');
const CONFERENCE = 'Harbour Summit 2031';
/** 08:00 in Brussels on the first day, before the opening keynote. */
const BEFORE_OPENING = new Date('2031-05-14T06:00:00Z');
/** 10:05 in Brussels: Queues (09:30–10:15) and Log Pipelines (10:00–10:45) both run. */
const MID_MORNING = new Date('2031-05-14T08:05:00Z');
/** 12:00 in Brussels: nothing runs, Tide Tables (14:30) is next. */
const NOON = new Date('2031-05-14T10:00:00Z');
/** Two weeks after the conference. */
const LATER = new Date('2031-06-01T10:00:00Z');

// ical.js is an ES module: loaded as the extension loads it.
const loadIcal = async () => (await import('ical.js')).default;

const unexpected = (name: string) => (): never => {
  throw new Error(`the agenda opened an unexpected dialog: ${name}`);
};

interface RenderedAgendaNode {
  readonly label: string;
  readonly description?: string;
  readonly children?: RenderedAgendaNode[];
}

async function render(provider: AgendaTreeProvider, node?: AgendaNode): Promise<RenderedAgendaNode[]> {
  return Promise.all(
    (await provider.getChildren(node)).map(async (child) => {
      const item = provider.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const description = typeof item.description === 'string' ? item.description : undefined;
      return child.kind === 'session' ? { label, description } : { label, description, children: await render(provider, child) };
    }),
  );
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

describe('Agenda (extension host)', () => {
  const folder = () => workspaceUri('agenda-fixture');
  const note = () => vscode.Uri.joinPath(folder(), 'harbour-summit.md');
  let api: ConferenceNotesApi;
  const owned: vscode.Disposable[] = [];
  const own = <T extends vscode.Disposable>(value: T): T => {
    owned.push(value);
    return value;
  };
  const modelAt = (instant: Date) => own(new AgendaModel(api.notes, () => instant));
  const statusOf = (title: string) => api.notes.index.sessionsOfConference(CONFERENCE).find((session) => session.title === title)?.status;

  beforeEach(async () => {
    api = await activateExtension();
    await vscode.workspace.fs.writeFile(note(), new TextEncoder().encode(fixtureText));
    await waitForIndex(api, () => api.notes.index.sessionsOfConference(CONFERENCE).length === 7 && statusOf('Queues That Never Drop') === 'planned');
  });

  afterEach(async () => {
    for (const disposable of owned.splice(0).reverse()) disposable.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder(), { recursive: true, useTrash: false });
    await waitForIndex(api, () => api.notes.index.sessionsOfConference(CONFERENCE).length === 0);
  });

  it('shows the conference in progress by day, time slot and session, with times, rooms and overlaps', async () => {
    const provider = own(new AgendaTreeProvider(modelAt(MID_MORNING)));
    const [firstDay, secondDay] = await render(provider);
    assert.equal(firstDay.description, '5 · today');
    assert.equal(secondDay.description, '2');
    assert.deepEqual(firstDay.children, [
      { label: '09:00', description: '1', children: [{ label: 'Opening the Harbour', description: '09:00–09:30 · Main Hall' }] },
      { label: '09:30', description: '1', children: [{ label: 'Queues That Never Drop', description: '09:30–10:15 · K.1.105 · ⚠ overlaps Log Pipelines at Sea' }] },
      {
        label: '10:00',
        description: '2',
        children: [
          { label: 'Lighthouse Metrics', description: '10:00–10:30 · H.2215' },
          { label: 'Log Pipelines at Sea', description: '10:00–10:45 · K.1.106 · ⚠ overlaps Queues That Never Drop' },
        ],
      },
      { label: '14:30', description: '1', children: [{ label: 'Tide Tables in the Browser', description: '14:30–15:00 · K.1.105' }] },
    ]);
    assert.deepEqual(secondDay.children?.map((slot) => slot.label), ['11:00', '(no time)']);
  });

  it('opens the note of a session at its heading when the agenda item is clicked', async () => {
    const provider = own(new AgendaTreeProvider(modelAt(MID_MORNING)));
    const [day] = await provider.getChildren();
    const [slot] = await provider.getChildren(day);
    const [session] = await provider.getChildren(slot);
    const command = provider.getTreeItem(session).command;
    assert.ok(command);
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), note().toString());
    assert.equal(editor?.document.lineAt(editor.selection.active.line).text, '### Opening the Harbour');
  });

  it('shows no agenda when no conference is on, and the chosen one when the user picks it', async () => {
    const model = modelAt(LATER);
    const provider = own(new AgendaTreeProvider(model));
    assert.deepEqual(await provider.getChildren(), []);
    const actions = new AgendaActions(model, {
      showQuickPick: async <T extends vscode.QuickPickItem>(items: readonly T[]) => items.find((item) => item.label === CONFERENCE),
      showSaveDialog: unexpected('save dialog'),
      askModal: unexpected('modal question'),
    });
    const chosen = await actions.chooseConference();
    assert.equal(chosen?.conference, CONFERENCE);
    assert.equal((await render(provider)).length, 2);
  });

  it('says in the status bar what is on now and next, opens it on click, and hides when no conference is on', async () => {
    const before = own(new NowNextStatus(modelAt(BEFORE_OPENING)));
    await before.update();
    assert.equal(before.visible, true);
    assert.equal(before.item.text, '$(calendar) Next 09:00 Main Hall — Opening the Harbour');

    const during = own(new NowNextStatus(modelAt(MID_MORNING)));
    await during.update();
    assert.equal(during.item.text, '$(calendar) Now 09:30–10:15 K.1.105 — Queues That Never Drop');
    assert.match(String(during.item.tooltip), /Now 10:00–10:45 K\.1\.106 — Log Pipelines at Sea/);

    const noon = own(new NowNextStatus(modelAt(NOON)));
    await noon.update();
    assert.equal(noon.item.text, '$(calendar) Next 14:30 K.1.105 — Tide Tables in the Browser');
    const command = noon.item.command as vscode.Command;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.lineAt(editor.selection.active.line).text, '### Tide Tables in the Browser');

    const later = own(new NowNextStatus(modelAt(LATER)));
    await later.update();
    assert.equal(later.visible, false);
  });

  it('follows an edit of the notes', async () => {
    const noon = own(new NowNextStatus(modelAt(NOON)));
    await noon.update();
    const text = fixtureText.replace('- time: 14:30–15:00', '- time: 13:15–14:00');
    await vscode.workspace.fs.writeFile(note(), new TextEncoder().encode(text));
    await waitForIndex(api, () => api.notes.index.sessionsOfConference(CONFERENCE).some((session) => session.time === '13:15–14:00'));
    await noon.update();
    assert.equal(noon.item.text, '$(calendar) Next 13:15 K.1.105 — Tide Tables in the Browser');
  });

  it('lists overlapping picks; the one kept stays and the other becomes skipped, undone in one step', async () => {
    const model = modelAt(MID_MORNING);
    let offered: readonly vscode.QuickPickItem[] = [];
    const actions = new AgendaActions(model, {
      showQuickPick: async <T extends vscode.QuickPickItem>(items: readonly T[]) => {
        offered = items;
        return items.find((item) => item.label === 'Log Pipelines at Sea');
      },
      showSaveDialog: unexpected('save dialog'),
      askModal: unexpected('modal question'),
    });
    const skipped = await actions.showOverlaps();
    assert.equal(skipped?.title, 'Queues That Never Drop');
    assert.deepEqual(offered.map((item) => item.kind === vscode.QuickPickItemKind.Separator ? 'separator' : item.label), ['separator', 'Queues That Never Drop', 'Log Pipelines at Sea']);
    assert.match(offered[0].label, /09:30–10:15$/, 'the pair is headed by its day and time');
    assert.match(offered[2].detail ?? '', /"Queues That Never Drop" becomes skipped/);
    await waitForIndex(api, () => statusOf('Queues That Never Drop') === 'skipped');
    assert.equal(statusOf('Log Pipelines at Sea'), 'planned');
    const edited = await readText(note());
    assert.equal(edited, fixtureText.replace('- room: K.1.105\n- status: planned', '- room: K.1.105\n- status: skipped'), 'only that status changed');
    assert.deepEqual((await model.current())?.overlaps, [], 'no overlap is left');

    const editor = await vscode.window.showTextDocument(note());
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), fixtureText, 'one undo restores the note');
    await editor.document.save();
    await waitForIndex(api, () => statusOf('Queues That Never Drop') === 'planned');
  });

  it('badges the Sessions view with the sessions planned today while the conference is on', async () => {
    const view = api.sessionTree.view;
    try {
      const during = own(new TodayBadge(modelAt(MID_MORNING), view));
      await during.update();
      assert.equal(view.badge?.value, 3);
      assert.match(view.badge?.tooltip ?? '', /3/);
      during.dispose();
      const later = own(new TodayBadge(modelAt(LATER), view));
      await later.update();
      assert.equal(view.badge, undefined);
    } finally {
      view.badge = undefined;
    }
  });

  it('exports the picks as an iCalendar file that reads back, and asks before replacing one', async () => {
    const target = workspaceUri('agenda-fixture', 'my-agenda.ics');
    let answer: string | undefined;
    let asked = 0;
    const prompts: AgendaPrompts = {
      showQuickPick: unexpected('quick pick'),
      showSaveDialog: async (options) => {
        assert.match(options.defaultUri?.path ?? '', /harbour-summit-2031-agenda\.ics$/i);
        return target;
      },
      askModal: async (_message, ...items) => {
        asked++;
        return items.find((item) => item === answer);
      },
    };
    const actions = new AgendaActions(modelAt(MID_MORNING), prompts);
    assert.equal((await actions.exportICalendar())?.toString(), target.toString());
    assert.equal(asked, 0, 'a new file is written without a question');
    const ICAL = await loadIcal();
    const calendar = new ICAL.Component(ICAL.parse(await readText(target)));
    const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    assert.deepEqual(events.map((event) => event.summary), ['Opening the Harbour', 'Queues That Never Drop', 'Log Pipelines at Sea', 'Tide Tables in the Browser', 'Sailing Without a Map']);
    const logs = events[2];
    assert.equal(logs.startDate.toJSDate().toISOString(), '2031-05-14T08:00:00.000Z');
    assert.equal(logs.location, 'K.1.106');
    assert.match(logs.description, /^Speakers: Mira Osei\nTrack: Systems\nvideo: https:\/\/example\.org\/video\/logs\nNote: agenda-fixture\/harbour-summit\.md$/);

    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode('mine'));
    answer = undefined;
    assert.equal(await actions.exportICalendar(), undefined);
    assert.equal(asked, 1);
    assert.equal(await readText(target), 'mine', 'cancelled: the file is kept');
    answer = 'Replace';
    await actions.exportICalendar();
    assert.match(await readText(target), /^BEGIN:VCALENDAR\r\n/);
    const left = (await vscode.workspace.fs.readDirectory(folder())).map(([name]) => name).sort();
    assert.deepEqual(left, ['harbour-summit.md', 'my-agenda.ics'], 'no partial file is left behind');
  });
});
