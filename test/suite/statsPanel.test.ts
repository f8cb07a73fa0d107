// The Track statistics panel in a real VS Code: the webview loads and is sent the fixture's numbers, follows note
// edits, comes back through its serializer with its options, and the exports and Insert Chart write what a user
// expects. Most tests build a panel of their own over the running extension's notes (testStatsPanel), with
// scripted dialog answers and the messages to its webview recorded; one test per command runs it through
// executeCommand, answering or cancelling VS Code's own dialogs. What the webview draws from those messages is
// checked in its DOM by the UI tests (test/ui/stats.ui.test.mjs).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StatsPrompts } from '../../src/vscode/stats/statsPanel';
import { STATS_PANEL_VIEW_TYPE } from '../../src/vscode/stats/statsPanel';
import { DEFAULT_VIEW_OPTIONS, type StatsViewState } from '../../src/webview/protocol';
import { FIXTURE_TABLE, FIXTURE_TABLE_HEADER as HEADER } from './fixtureExpectations';
import { activateExtension, answeringDialogs, EXTENSION_ID, drawnBars, drawnTable, openedStatsPanelTabs, statsPanelTabs, testStatsPanel, waitForIndex, workspaceUri, type StatsUpdate, type TestStatsPanel } from './helpers';

const CANCEL_DIALOG = 'workbench.action.closeQuickOpen';
const ACCEPT_FIRST_ITEM = 'workbench.action.acceptSelectedQuickOpenItem';

function rowOf(update: StatsUpdate, track: string): readonly string[] | undefined {
  return drawnTable(update).find((row) => row[0] === track);
}

/** Restores a panel the way VS Code does after a window reload, with the given webview state. */
async function restorePanel(probe: TestStatsPanel, state: StatsViewState): Promise<vscode.WebviewPanel> {
  const panel = vscode.window.createWebviewPanel(STATS_PANEL_VIEW_TYPE, 'Track Statistics', vscode.ViewColumn.Beside);
  await probe.controller.serializer.deserializeWebviewPanel(panel, state);
  return panel;
}

/** A quick-pick answer choosing the item whose `destination` is `destination` (the CSV/Markdown export choice). */
function pickDestination(destination: 'file' | 'clipboard'): StatsPrompts['showQuickPick'] {
  return async <T extends vscode.QuickPickItem>(items: readonly T[]) => items.find((item) => (item as { destination?: string }).destination === destination);
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

async function deleteIfPresent(uri: vscode.Uri): Promise<void> {
  await vscode.workspace.fs.delete(uri, { recursive: true }).then(undefined, () => undefined);
}

async function workspaceFilesEndingWith(extension: string): Promise<string[]> {
  return (await vscode.workspace.fs.readDirectory(workspaceUri())).map(([name]) => name).filter((name) => name.endsWith(extension));
}

const FIXTURE_CSV = 'Track,DevConf 2024,WebCamp 2024,Total,Share (%)\r\nCloud,2,0,2,33.3\r\nFrontend,0,2,2,33.3\r\nBackend,0,1,1,16.7\r\nData,1,0,1,16.7\r\nTotal,3,3,6,100\r\n';
const FIXTURE_MARKDOWN = [
  '| Track | DevConf 2024 | WebCamp 2024 | Total | Share (%) |',
  '| --- | ---: | ---: | ---: | ---: |',
  '| Cloud | 2 | 0 | 2 | 33.3% |',
  '| Frontend | 0 | 2 | 2 | 33.3% |',
  '| Backend | 0 | 1 | 1 | 16.7% |',
  '| Data | 1 | 0 | 1 | 16.7% |',
  '| Total | 3 | 3 | 6 | 100% |',
  '',
].join('\n');

describe('Track statistics panel (extension host)', () => {
  /** The panels the test built; disposed (their webview panels closed) after it. */
  let probes: TestStatsPanel[] = [];
  async function panelOfTheTest(prompts: Partial<StatsPrompts> = {}): Promise<TestStatsPanel> {
    const probe = testStatsPanel(await activateExtension(), prompts);
    probes.push(probe);
    return probe;
  }

  afterEach(async () => {
    for (const probe of probes) probe.controller.dispose();
    probes = [];
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Show Track Statistics opens one panel beside the editor', async () => {
    const note = await vscode.window.showTextDocument(workspaceUri('notes', 'devconf.md'));
    await vscode.commands.executeCommand('conferenceNotes.showTrackStatistics');
    const [tab] = await openedStatsPanelTabs();
    assert.equal(tab?.label, 'Track Statistics');
    assert.notEqual(tab.group.viewColumn, note.viewColumn, 'beside the note, not in its place');
    await vscode.commands.executeCommand('conferenceNotes.showTrackStatistics');
    assert.equal(statsPanelTabs().length, 1, 'the open panel is revealed, not opened twice');
  });

  it('opens with a strict CSP and sends the fixture counts to the webview once it has loaded', async () => {
    const probe = await panelOfTheTest();
    const panel = probe.controller.show();
    assert.ok(panel, 'the panel is open');
    assert.equal(panel.viewType, STATS_PANEL_VIEW_TYPE);

    const update = await probe.nextUpdate();
    assert.deepEqual(drawnTable(update), FIXTURE_TABLE);
    assert.equal(drawnBars(update), 8, 'one bar per track and conference');

    const html = panel.webview.html;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
    const nonce = /script-src 'nonce-([0-9a-f]{32})'/.exec(csp)?.[1];
    assert.ok(csp.startsWith("default-src 'none';"), csp);
    assert.ok(nonce, 'scripts need a nonce');
    assert.ok(csp.includes(`style-src ${panel.webview.cspSource};`), csp);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1, 'one script, loaded from dist');
    assert.match(scripts[0], new RegExp(`^<script nonce="${nonce}" src="[^"]+/dist/webview/statsView\\.js">$`));
    assert.ok(!/<script[^>]*>[^<]/.test(html), 'no inline script');
    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri.path;
    const roots = panel.webview.options.localResourceRoots?.map((uri) => uri.path.slice(extensionPath.length));
    assert.deepEqual(roots, ['/media', '/dist/webview'], 'the stylesheet and the webview bundle only, not the extension bundles');

    // A new panel gets a fresh nonce.
    panel.dispose();
    const second = probe.controller.show();
    assert.ok(second !== panel && !second.webview.html.includes(nonce));
    assert.deepEqual(drawnTable(await probe.nextUpdate()), FIXTURE_TABLE);
  });

  it('re-renders live when a note changes, without reloading the webview', async () => {
    const api = await activateExtension();
    const probe = await panelOfTheTest();
    const uri = workspaceUri('notes', 'webcamp.md');
    const original = await vscode.workspace.fs.readFile(uri);
    const panel = probe.controller.show();
    await probe.nextUpdate();
    const html = panel.webview.html;
    try {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${new TextDecoder().decode(original)}\n### gRPC Streaming Deep Dive\n`));
      const updated = await probe.nextUpdate((update) => rowOf(update, 'Backend')?.[2] === '2');
      assert.deepEqual(rowOf(updated, 'Backend'), ['Backend', '0', '2', '2', '28.6%']);
      assert.deepEqual(rowOf(updated, 'Total'), ['Total', '3', '4', '7', '100%']);
      assert.equal(panel.webview.html, html, 'the data came by message, the page was not replaced');
    } finally {
      await vscode.workspace.fs.writeFile(uri, original);
      await waitForIndex(api, () => api.notes.index.sessionCount === 6);
    }
    await probe.nextUpdate((update) => rowOf(update, 'Backend')?.[2] === '1');
  });

  it('catches up with changes made while it was hidden', async () => {
    const api = await activateExtension();
    const probe = await panelOfTheTest();
    const uri = workspaceUri('notes', 'webcamp.md');
    const original = await vscode.workspace.fs.readFile(uri);
    const panel = probe.controller.show();
    await probe.nextUpdate();
    assert.ok(panel.visible);
    try {
      // Another editor in the panel's group hides it (and VS Code discards its webview).
      await vscode.window.showTextDocument(workspaceUri('notes', 'devconf.md'), { viewColumn: panel.viewColumn });
      assert.equal(panel.visible, false);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${new TextDecoder().decode(original)}\n### gRPC Streaming Deep Dive\n`));
      await waitForIndex(api, () => api.notes.index.sessionCount === 7);

      panel.reveal();
      const shown = await probe.nextUpdate((update) => rowOf(update, 'Backend')?.[2] === '2');
      assert.deepEqual(rowOf(shown, 'Total'), ['Total', '3', '4', '7', '100%']);
    } finally {
      await vscode.workspace.fs.writeFile(uri, original);
      await waitForIndex(api, () => api.notes.index.sessionCount === 6);
    }
  });

  it('is restored by its serializer with the saved options, and keeps them across updates', async () => {
    const api = await activateExtension();
    const probe = await panelOfTheTest();
    const uri = workspaceUri('notes', 'devconf.md');
    const original = await vscode.workspace.fs.readFile(uri);
    try {
      const panel = await restorePanel(probe, { options: { ...DEFAULT_VIEW_OPTIONS, sort: 'name', valueMode: 'percent' } });
      const restored = await probe.nextUpdate();
      assert.deepEqual(drawnTable(restored), [
        ['Track', 'DevConf 2024 (%)', 'WebCamp 2024 (%)', 'Total', 'Share (%)'],
        ['Backend', '0%', '33.3%', '1', '16.7%'],
        ['Cloud', '66.7%', '0%', '2', '33.3%'],
        ['Data', '33.3%', '0%', '1', '16.7%'],
        ['Frontend', '0%', '66.7%', '2', '33.3%'],
        ['Total', '100%', '100%', '6', '100%'],
      ]);

      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${new TextDecoder().decode(original)}\n## AI\n\n### Agents at Scale\n\n- speakers: Dana Ito\n`));
      const updated = await probe.nextUpdate((update) => rowOf(update, 'AI') !== undefined);
      assert.deepEqual(drawnTable(updated).map((row) => row[0]), ['Track', 'AI', 'Backend', 'Cloud', 'Data', 'Frontend', 'Total'], 'still sorted by name');
      assert.deepEqual(rowOf(updated, 'AI'), ['AI', '25%', '0%', '1', '14.3%'], 'still in percent');

      panel.dispose();
      await restorePanel(probe, { options: { ...DEFAULT_VIEW_OPTIONS, hiddenConferences: ['WebCamp 2024'] } });
      const oneConference = await probe.nextUpdate();
      assert.deepEqual(drawnTable(oneConference)[0], ['Track', 'DevConf 2024', 'Share (%)'], 'one conference: its column is the total, not repeated');
      assert.equal(drawnBars(oneConference), 3, 'AI, Cloud and Data of DevConf 2024');
    } finally {
      await vscode.workspace.fs.writeFile(uri, original);
      await waitForIndex(api, () => api.notes.index.sessionCount === 6);
    }
  });

  it('counts only the sessions attended or watched when the panel is asked to', async () => {
    const api = await activateExtension();
    const probe = await panelOfTheTest();
    const uri = workspaceUri('notes', 'watched.md');
    const talk = (title: string, status: string) => `### ${title}\n\n- status: ${status}\n\n`;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`# WatchConf 2024\n\n## Cloud\n\n${talk('Seen', 'attended')}${talk('Streamed', 'watched')}${talk('Passed', 'skipped')}${talk('Maybe', 'planned')}`));
    try {
      await waitForIndex(api, () => api.notes.index.sessionsOf(uri.toString()).length === 4);
      const onlyWatchConf = { ...DEFAULT_VIEW_OPTIONS, hiddenConferences: ['DevConf 2024', 'WebCamp 2024'] };
      const panel = await restorePanel(probe, { options: { ...onlyWatchConf, counted: 'attended' } });
      const attended = await probe.nextUpdate((update) => rowOf(update, 'Cloud') !== undefined);
      assert.deepEqual(rowOf(attended, 'Cloud')?.slice(0, 2), ['Cloud', '2'], 'attended and watched only');
      panel.dispose();
      await restorePanel(probe, { options: { ...onlyWatchConf, counted: 'all' } });
      const all = await probe.nextUpdate((update) => rowOf(update, 'Cloud') !== undefined);
      assert.deepEqual(rowOf(all, 'Cloud')?.slice(0, 2), ['Cloud', '4']);
    } finally {
      await vscode.workspace.fs.delete(uri);
      await waitForIndex(api, () => api.notes.index.note(uri.toString()) === undefined);
    }
  });

  /** Writes notes for the test (path under the fixture workspace → text), waits until they are indexed, and removes them after. */
  async function withNotes(files: Readonly<Record<string, string>>, sessions: number, run: () => Promise<void>): Promise<void> {
    const api = await activateExtension();
    const uris = Object.keys(files).map((path) => workspaceUri(...path.split('/')));
    const before = api.notes.index.sessionCount;
    try {
      for (const [i, text] of Object.values(files).entries()) await vscode.workspace.fs.writeFile(uris[i], new TextEncoder().encode(text));
      await waitForIndex(api, () => uris.every((uri) => api.notes.index.note(uri.toString()) !== undefined) && api.notes.index.sessionCount === before + sessions);
      await run();
    } finally {
      for (const uri of uris) await deleteIfPresent(uri);
      await waitForIndex(api, () => uris.every((uri) => api.notes.index.note(uri.toString()) === undefined));
    }
  }

  const stub = (title: string, track: string, uid: string) => `## ${title}\n\n- track: ${track}\n- uid: ${uid}\n- status: planned\n\n`;
  /** A schedule import of ScopeConf 2031 (four talks) and a report of the one talk the user attended. */
  const SCOPE_CONF = {
    'notes/scopeconf-programme.md': `---\nconference: ScopeConf 2031\nschedule: https://scopeconf.example/schedule.xml\n---\n\n${stub('Tracing at Scale', 'Ops', 'sc-1')}${stub('Paging Less', 'Ops', 'sc-2')}${stub('Typed Pipelines', 'Data', 'sc-3')}${stub('Lakehouse Tours', 'Data', 'sc-4')}`,
    'notes/scopeconf-report.md': '# ScopeConf 2031\n\n## Ops\n\n### Tracing at Scale\n\n- status: attended\n\nSampling before the collector, not after.\n',
  };

  it('counts the programme or my sessions, as chosen; by default the programme when every conference shown has one', async () => {
    await withNotes(SCOPE_CONF, 4, async () => {
      const probe = await panelOfTheTest();
      const onlyScopeConf = { ...DEFAULT_VIEW_OPTIONS, hiddenConferences: ['DevConf 2024', 'WebCamp 2024'] };
      const counts = (update: StatsUpdate) => [rowOf(update, 'Ops')?.[1], rowOf(update, 'Data')?.[1]];
      let panel = await restorePanel(probe, { options: onlyScopeConf });
      const automatic = await probe.nextUpdate((update) => rowOf(update, 'Ops') !== undefined);
      assert.deepEqual([automatic.stats.scope, ...counts(automatic)], ['programme', '2', '2'], 'the whole schedule, the attended talk once');
      panel.dispose();
      panel = await restorePanel(probe, { options: { ...onlyScopeConf, scope: 'mine' } });
      const mine = await probe.nextUpdate((update) => rowOf(update, 'Ops') !== undefined);
      assert.deepEqual([mine.stats.scope, ...counts(mine)], ['mine', '1', undefined], 'only the talk the user attended');
      panel.dispose();
      // DevConf 2024 has no programme: shown beside it, the automatic choice counts the user's sessions.
      await restorePanel(probe, { options: { ...DEFAULT_VIEW_OPTIONS, hiddenConferences: ['WebCamp 2024'] } });
      const mixed = await probe.nextUpdate((update) => rowOf(update, 'Ops') !== undefined);
      assert.equal(mixed.stats.scope, 'mine');
    });
  });

  it('Compare with Earlier Editions shows the series up to the conference, in time order, and nothing else', async () => {
    const edition = (name: string, year: number) => `---\nconference: ${name}\ndates: ${year}-05-1${year % 10}\n---\n\n## Ops\n\n### Talk of ${year}\n\n- status: attended\n\nNotes.\n`;
    await withNotes({
      'notes/harbor-eu-2030.md': edition('HarborCon Europe 2030', 2030),
      'notes/harbor-na-2029.md': edition('HarborCon NA 2029', 2029),
      'notes/harbor-na-2031.md': edition('HarborCon NA 2031 Virtual', 2031),
    }, 3, async () => {
      const probe = await panelOfTheTest();
      await restorePanel(probe, { options: DEFAULT_VIEW_OPTIONS });
      await probe.nextUpdate();
      const provider = (await activateExtension()).sessionTree.provider;
      const node = (await provider.getChildren()).find((candidate) => candidate.kind === 'conference' && candidate.conference === 'HarborCon Europe 2030');
      assert.ok(node, 'the conference is in the Sessions view');
      await probe.controller.compareWithEarlierEditions(node);
      const compared = await probe.nextUpdate((update) => update.options !== undefined);
      assert.deepEqual(compared.stats.conferences.map((conference) => conference.name), ['HarborCon NA 2029', 'HarborCon Europe 2030'], 'the earlier edition first; the later one and other conferences left out');
      assert.deepEqual([...(compared.options?.hiddenConferences ?? [])].sort(), ['DevConf 2024', 'HarborCon NA 2031 Virtual', 'WebCamp 2024']);
    });
  });

  it('Compare with Earlier Editions from the palette asks which conference, the one of the open note first', async () => {
    await withNotes(SCOPE_CONF, 4, async () => {
      await vscode.window.showTextDocument(workspaceUri('notes', 'scopeconf-report.md'));
      let offered: readonly vscode.QuickPickItem[] = [];
      const probe = await panelOfTheTest({ showQuickPick: async <T extends vscode.QuickPickItem>(items: readonly T[]) => ((offered = items), items[0]), showInformation: async () => undefined });
      await probe.controller.compareWithEarlierEditions(undefined);
      assert.equal(offered[0]?.label, 'ScopeConf 2031');
      const alone = await probe.nextUpdate((update) => update.options !== undefined);
      assert.deepEqual(alone.stats.conferences.map((conference) => conference.name), ['ScopeConf 2031'], 'no earlier edition: shown alone');
    });
  });

  /** The Frontend track of WebCamp 2024 as the Sessions view shows it. */
  async function frontendTrackNode(): Promise<unknown> {
    const provider = (await activateExtension()).sessionTree.provider;
    const webcamp = (await provider.getChildren()).find((node) => node.kind === 'conference' && node.conference === 'WebCamp 2024');
    assert.ok(webcamp);
    const frontend = (await provider.getChildren(webcamp)).find((node) => node.kind === 'track' && node.track === 'Frontend');
    assert.ok(frontend);
    return frontend;
  }

  it('shows a track from the Sessions view in the chart, showing its hidden conference again', async () => {
    const probe = await panelOfTheTest();
    await restorePanel(probe, { options: { ...DEFAULT_VIEW_OPTIONS, hiddenConferences: ['WebCamp 2024'] } });
    // One conference shown: Track, its column and the share.
    await probe.nextUpdate((update) => drawnTable(update)[0].length === 3);
    await probe.controller.showTrackInChart(await frontendTrackNode());
    const shown = await probe.nextUpdate((update) => update.highlight !== undefined);
    assert.deepEqual(shown.highlight, { conference: 'WebCamp 2024', track: 'Frontend' });
    assert.deepEqual(shown.options?.hiddenConferences, [], 'the webview is told to tick WebCamp 2024 again');
    assert.deepEqual(drawnTable(shown)[0], HEADER, 'WebCamp 2024 is shown again');
    const highlightedBars = drawnBars(shown, 'Frontend');
    assert.ok(highlightedBars >= 1 && highlightedBars <= 2, `one bar per conference at most: ${highlightedBars}`);
  });

  it('Show Track in Chart opens the panel from a track of the Sessions view', async () => {
    await vscode.commands.executeCommand('conferenceNotes.showTrackInChart', await frontendTrackNode());
    assert.equal((await openedStatsPanelTabs()).length, 1);
  });

  describe('exports', () => {
    const exported = (name: string) => workspaceUri(name);
    const files = ['chart.svg', 'chart.png', 'stats.csv', 'stats.md'];

    afterEach(async () => {
      for (const name of files) await deleteIfPresent(exported(name));
    });

    it('writes the chart as SVG in the colours of the current theme by default, or in the chosen ones', async () => {
      const dialogs: vscode.SaveDialogOptions[] = [];
      const probe = await panelOfTheTest({
        showSaveDialog: async (options) => {
          dialogs.push(options);
          return exported('chart.svg');
        },
      });
      await probe.controller.runExport('svg');
      assert.deepEqual(dialogs.map((options) => Object.values(options.filters ?? {})), [[['svg']]]);
      const svg = await readText(exported('chart.svg'));
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* role="img"/);
      assert.match(svg, /<title id="[^"]*">Sessions per track<\/title>/);
      assert.equal(svg.match(/class="bar"/g)?.length, 8);
      for (const track of ['Cloud', 'Frontend', 'Backend', 'Data']) assert.ok(svg.includes(`data-track="${track}"`), track);
      const { kind } = vscode.window.activeColorTheme;
      const dark = kind === vscode.ColorThemeKind.Dark || kind === vscode.ColorThemeKind.HighContrast;
      assert.ok(svg.includes(`<rect class="background" width="100%" height="100%" fill="${dark ? '#0d1117' : '#ffffff'}"/>`), `a self-contained ${dark ? 'dark' : 'light'} background, as the theme`);
      assert.ok(!svg.includes('var(--vscode'), 'no theme variables outside VS Code');

      await restorePanel(probe, { options: { ...DEFAULT_VIEW_OPTIONS, exportPalette: dark ? 'light' : 'dark' } });
      await probe.nextUpdate();
      await probe.controller.runExport('svg');
      assert.ok((await readText(exported('chart.svg'))).includes(`fill="${dark ? '#ffffff' : '#0d1117'}"`), 'the colours chosen in the panel');
    });

    it('says where the export went, with Open and Reveal; Open opens the file', async () => {
      const notifications: string[][] = [];
      const probe = await panelOfTheTest({
        showSaveDialog: async () => exported('chart.svg'),
        showInformation: async (message, ...items) => {
          notifications.push([message, ...items]);
          return 'Open';
        },
      });
      await probe.controller.runExport('svg');
      assert.deepEqual(notifications, [['Saved chart.svg.', 'Open', 'Reveal']]);
      const opened = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).some((tab) => (tab.input as { uri?: vscode.Uri } | undefined)?.uri?.toString() === exported('chart.svg').toString());
      for (let waited = 0; !opened() && waited < 5000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(opened(), 'the exported file is open in an editor');
    });

    it('Export Chart as SVG writes nothing when the save dialog is cancelled', async () => {
      await answeringDialogs('conferenceNotes.exportChartSvg', CANCEL_DIALOG);
      assert.deepEqual(await workspaceFilesEndingWith('.svg'), []);
    });

    it('writes the chart as PNG drawn by the webview, sized like the SVG export to its content', async () => {
      const probe = await panelOfTheTest({ showSaveDialog: async (options) => exported(Object.values(options.filters ?? {})[0][0] === 'svg' ? 'chart.svg' : 'chart.png') });
      await probe.controller.runExport('png');
      await probe.controller.runExport('svg');
      const png = await vscode.workspace.fs.readFile(exported('chart.png'));
      assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'PNG signature');
      const width = new DataView(png.buffer, png.byteOffset).getUint32(16);
      const svgWidth = Number(/^<svg [^>]*\bwidth="(\d+)"/.exec(await readText(exported('chart.svg')))?.[1]);
      assert.ok(svgWidth >= 320 && svgWidth < 800, `the fixture's short names make a chart narrower than 800 px: ${svgWidth}`);
      assert.equal(width, 2 * svgWidth, 'the chart at twice the resolution');
    });

    it('Export Chart as PNG opens the panel to draw it, and writes nothing when the save dialog is cancelled', async () => {
      await answeringDialogs('conferenceNotes.exportChartPng', CANCEL_DIALOG);
      assert.equal((await openedStatsPanelTabs()).length, 1);
      assert.deepEqual(await workspaceFilesEndingWith('.png'), []);
    });

    it('writes the table as CSV and as a Markdown table', async () => {
      const probe = await panelOfTheTest({
        showQuickPick: pickDestination('file'),
        showSaveDialog: async (options) => exported(Object.values(options.filters ?? {})[0][0] === 'csv' ? 'stats.csv' : 'stats.md'),
      });
      await probe.controller.runExport('csv');
      await probe.controller.runExport('markdown');
      const csvBytes = await vscode.workspace.fs.readFile(exported('stats.csv'));
      assert.deepEqual([...csvBytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'the CSV file starts with a UTF-8 byte-order mark, for Excel');
      assert.equal(await readText(exported('stats.csv')), FIXTURE_CSV);
      assert.equal(await readText(exported('stats.md')), FIXTURE_MARKDOWN);
    });

    it('Export as CSV and as Markdown Table copy the bare text when the first choice is taken', async () => {
      await answeringDialogs('conferenceNotes.exportStatsCsv', ACCEPT_FIRST_ITEM);
      assert.equal(await vscode.env.clipboard.readText(), FIXTURE_CSV, 'Copy to Clipboard comes first; no byte-order mark on the clipboard');
      await answeringDialogs('conferenceNotes.exportStatsMarkdown', ACCEPT_FIRST_ITEM);
      assert.equal(await vscode.env.clipboard.readText(), FIXTURE_MARKDOWN);
      assert.deepEqual([...(await workspaceFilesEndingWith('.csv')), ...(await workspaceFilesEndingWith('.md'))], [], 'no file written');
    });
  });

  describe('Insert Chart into Report', () => {
    // A report of its own (no sessions, so the statistics stay the fixture's): the web workbench auto-saves
    // edited documents, so the tests must not edit the shared fixture notes.
    const report = () => workspaceUri('notes', 'chart-report.md');
    const images = () => workspaceUri('notes', 'images');
    const REPORT_TEXT = '---\nconference: DevConf 2024\n---\n\n# My DevConf 2024 report\n\nThe chart:\n\nThat is all.\n';
    const CHART_LINE = 7;
    /** Where the image line goes from CHART_LINE: a blank line is kept above and below it. */
    const LINK_LINE = CHART_LINE + 1;
    const withLink = (file: string) => REPORT_TEXT.replace('The chart:\n\n', `The chart:\n\n${link(file)}\n\n`);
    const link = (file: string) => `![Sessions per track: DevConf 2024, WebCamp 2024](images/${file})`;

    /** Opens the report with the cursor on the empty line after "The chart:". */
    async function openReport(): Promise<vscode.TextEditor> {
      const editor = await vscode.window.showTextDocument(report());
      editor.selection = new vscode.Selection(CHART_LINE, 0, CHART_LINE, 0);
      return editor;
    }

    beforeEach(async () => {
      const api = await activateExtension();
      await vscode.workspace.fs.writeFile(report(), new TextEncoder().encode(REPORT_TEXT));
      // The image is named after the report's conference, which the index reads from the front matter.
      await waitForIndex(api, () => api.notes.index.note(report().toString())?.conference === 'DevConf 2024');
    });

    afterEach(async () => {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await deleteIfPresent(report());
      await deleteIfPresent(images());
    });

    it('writes the image next to the report and inserts its link at the cursor between blank lines, as one undo step', async () => {
      const editor = await openReport();
      await vscode.commands.executeCommand('conferenceNotes.insertChartIntoReport');
      assert.equal(editor.document.lineAt(LINK_LINE).text, link('DevConf-2024-tracks.svg'));
      assert.equal(editor.document.getText(), withLink('DevConf-2024-tracks.svg'), 'a blank line above and below the image, nothing else changed');
      const svg = await readText(vscode.Uri.joinPath(images(), 'DevConf-2024-tracks.svg'));
      assert.match(svg, /^<svg /);
      assert.equal(svg.match(/class="bar"/g)?.length, 8);

      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.getText(), REPORT_TEXT);
    });

    it('asks before replacing an existing image: Keep Both, Overwrite or Cancel', async () => {
      const existing = vscode.Uri.joinPath(images(), 'DevConf-2024-tracks.svg');
      await vscode.workspace.fs.writeFile(existing, new TextEncoder().encode('<svg>mine</svg>'));
      const answers = ['Keep Both', 'Overwrite', undefined];
      const questions: string[] = [];
      const probe = await panelOfTheTest({
        askModal: async (message) => {
          questions.push(message);
          return answers.shift();
        },
      });
      const editor = await openReport();
      await probe.controller.insertChartIntoReport();
      assert.equal(editor.document.lineAt(LINK_LINE).text, link('DevConf-2024-tracks-2.svg'));
      assert.equal(await readText(existing), '<svg>mine</svg>', 'Keep Both leaves the existing file alone');
      assert.match(await readText(vscode.Uri.joinPath(images(), 'DevConf-2024-tracks-2.svg')), /^<svg /);

      await probe.controller.insertChartIntoReport();
      assert.match(await readText(existing), /^<svg xmlns=/, 'Overwrite replaces it');

      const text = editor.document.getText();
      await probe.controller.insertChartIntoReport();
      assert.equal(editor.document.getText(), text, 'Cancel changes nothing');
      assert.equal(questions.length, 3);
      assert.ok(questions.every((question) => question.includes('images/DevConf-2024-tracks.svg')), questions.join('\n'));
    });

    it('keeps a blank line between the image and the paragraph the cursor starts', async () => {
      const editor = await openReport();
      editor.selection = new vscode.Selection(CHART_LINE + 1, 0, CHART_LINE + 1, 0); // the start of "That is all."
      await vscode.commands.executeCommand('conferenceNotes.insertChartIntoReport');
      assert.equal(editor.document.getText(), withLink('DevConf-2024-tracks.svg'));
    });

    it('with no markdown editor open, says so and offers the workspace’s reports: the chart goes at the end of the one chosen', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const warnings: string[][] = [];
      let offered: string[] = [];
      const probe = await panelOfTheTest({
        showWarning: async (message, ...items) => {
          warnings.push([message, ...items]);
          return 'Choose a Report…';
        },
        showQuickPick: async <T extends vscode.QuickPickItem>(items: readonly T[]) => {
          offered = items.map((item) => item.description ?? '');
          return items.find((item) => item.description === 'notes/chart-report.md');
        },
      });
      await probe.controller.insertChartIntoReport();
      assert.equal(warnings.length, 1);
      assert.match(warnings[0][0], /^No markdown report is open/);
      assert.deepEqual(warnings[0].slice(1), ['Choose a Report…']);
      assert.ok(offered.includes('notes/chart-report.md') && offered.includes('notes/devconf.md'), offered.join(', '));
      const document = vscode.window.activeTextEditor?.document;
      assert.equal(document?.uri.toString(), report().toString(), 'the chosen report is opened');
      assert.equal(document.getText(), `${REPORT_TEXT}\n${link('DevConf-2024-tracks.svg')}\n`, 'the image at its end, after a blank line');
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(images(), 'DevConf-2024-tracks.svg'));
    });

    it('titles the chart of a Japanese report in Japanese and gives its image Japanese alt text, whatever the display language', async () => {
      // A report of its own, so that no later test finds the Japanese text in an editor that has not reloaded yet.
      const japaneseReport = workspaceUri('notes', 'chart-report-ja.md');
      const japanese = '---\nconference: DevConf 2024\n---\n\n# DevConf 2024 参加レポート\n\nトラックごとのセッション数をまとめました。\n\n以上です。\n';
      await vscode.workspace.fs.writeFile(japaneseReport, new TextEncoder().encode(japanese));
      try {
        const api = await activateExtension();
        await waitForIndex(api, () => api.notes.index.note(japaneseReport.toString())?.conference === 'DevConf 2024');
        const editor = await vscode.window.showTextDocument(japaneseReport);
        editor.selection = new vscode.Selection(CHART_LINE, 0, CHART_LINE, 0);
        await vscode.commands.executeCommand('conferenceNotes.insertChartIntoReport');
        assert.equal(editor.document.lineAt(LINK_LINE).text, '![トラック別のセッション数: DevConf 2024, WebCamp 2024](images/DevConf-2024-tracks.svg)');
        const svg = await readText(vscode.Uri.joinPath(images(), 'DevConf-2024-tracks.svg'));
        assert.match(svg, /<title id="[^"]*">トラック別のセッション数<\/title>/);
        assert.match(svg, /<desc id="[^"]*">トラック: 4、カンファレンス: 2、セッション: 6。/);
      } finally {
        await vscode.commands.executeCommand('workbench.action.files.revert');
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await deleteIfPresent(japaneseReport);
      }
    });

    it('uses the chartImageFolder setting', async () => {
      const settingsFolder = workspaceUri('.vscode');
      const hadSettingsFolder = await vscode.workspace.fs.stat(settingsFolder).then(() => true, () => false);
      const settings = vscode.workspace.getConfiguration('conferenceNotes');
      await settings.update('chartImageFolder', 'images/charts', vscode.ConfigurationTarget.Workspace);
      try {
        const editor = await openReport();
        await vscode.commands.executeCommand('conferenceNotes.insertChartIntoReport');
        assert.equal(editor.document.lineAt(LINK_LINE).text, link('charts/DevConf-2024-tracks.svg'));
        await vscode.workspace.fs.stat(vscode.Uri.joinPath(images(), 'charts', 'DevConf-2024-tracks.svg'));
      } finally {
        await settings.update('chartImageFolder', undefined, vscode.ConfigurationTarget.Workspace);
        if (!hadSettingsFolder) await deleteIfPresent(settingsFolder);
      }
    });
  });
});
