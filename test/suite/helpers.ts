// Shared helpers for the extension-host tests (they run inside a real VS Code on test/fixtures/workspace).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { renderTrackChart } from '../../src/core/stats/chart';
import { STATS_MESSAGES, statsToTable } from '../../src/core/stats/stats';
import type { ConferenceNotesApi } from '../../src/vscode/activation';
import type { Dialogs } from '../../src/vscode/dialogs';
import type { SessionTreeNode } from '../../src/vscode/sessions/sessionTree';
import { STATS_PANEL_VIEW_TYPE, StatsPanelController, type StatsPrompts } from '../../src/vscode/stats/statsPanel';
import type { HostToWebviewMessage } from '../../src/webview/protocol';

export const EXTENSION_ID = 'conference-notes.conference-notes';

export async function activateExtension(): Promise<ConferenceNotesApi> {
  const extension = vscode.extensions.getExtension<ConferenceNotesApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  const api = await extension.activate();
  await api.notes.ready();
  return api;
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** The tree as a user sees it: label plus description of each node, children nested. */
export interface RenderedNode {
  readonly label: string;
  readonly description?: string;
  readonly children?: RenderedNode[];
}

export async function renderTree(api: ConferenceNotesApi, node?: SessionTreeNode, depth = 3): Promise<RenderedNode[]> {
  const children = await api.sessionTree.provider.getChildren(node);
  return Promise.all(
    children.map(async (child) => {
      const item = api.sessionTree.provider.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const rendered: RenderedNode = { label, description: typeof item.description === 'string' ? item.description : undefined };
      return depth > 1 && item.collapsibleState !== vscode.TreeItemCollapsibleState.None
        ? { ...rendered, children: await renderTree(api, child, depth - 1) }
        : rendered;
    }),
  );
}

/**
 * Resolves once `condition` holds, re-checking after every index change; rejects after a timeout so an update
 * that never comes fails the test. Several watcher batches may arrive for one user action (a rename is a delete
 * plus a create), hence a condition rather than "the next event".
 */
export function waitForIndex(api: ConferenceNotesApi, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  if (condition()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`the index did not reach the expected state within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = api.notes.index.onDidChange(() => {
      if (!condition()) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

/** A workspace state that lives as long as one test's own statistics panel. */
class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();

  keys(): readonly string[] {
    return [...this.values.keys()];
  }

  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }

  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
  }
}

export type StatsUpdate = Extract<HostToWebviewMessage, { type: 'update' }>;

/** A Track statistics panel of the test's own, with what its webview is sent recorded. */
export interface TestStatsPanel {
  readonly controller: StatsPanelController;
  /**
   * Resolves with the first update of the open panel's webview (the last one sent included) that satisfies
   * `condition`. The host sends data only after the webview's script said `ready`, so an update also means the
   * page loaded and ran its script.
   */
  nextUpdate(condition?: (update: StatsUpdate) => boolean, timeoutMs?: number): Promise<StatsUpdate>;
}

const unexpectedDialog = (name: string) => (): never => {
  throw new Error(`the panel opened an unexpected dialog: ${name}`);
};

/**
 * Builds a statistics panel like the extension's, over its live notes and with its files, but answering dialogs
 * with `prompts` (any other dialog fails the test) and remembering options only for this panel. Dispose it after
 * the test (`controller.dispose()` closes its panel).
 */
export function testStatsPanel(api: ConferenceNotesApi, prompts: Partial<StatsPrompts> = {}): TestStatsPanel {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  const sent: { readonly webview: vscode.Webview; readonly update: StatsUpdate }[] = [];
  const listeners = new Set<() => void>();
  const controller = new StatsPanelController({ extensionUri: extension.extensionUri, workspaceState: new MemoryMemento() }, api.notes, { error: console.error, warn: console.warn }, {
    prompts: {
      showSaveDialog: unexpectedDialog('save dialog'),
      showQuickPick: unexpectedDialog('quick pick'),
      askModal: unexpectedDialog('modal question'),
      // An export's "Saved …" notification, left unanswered.
      showInformation: async () => undefined,
      showWarning: unexpectedDialog('warning'),
      ...prompts,
    },
    postMessage: (webview, message) => {
      if (message.type === 'update') {
        sent.push({ webview, update: message });
        for (const listener of listeners) listener();
      }
      return webview.postMessage(message);
    },
  });
  // A closed panel's updates do not count: the next panel's webview draws anew.
  const lastUpdate = (): StatsUpdate | undefined => {
    const last = sent.at(-1);
    return last && last.webview === controller.panel?.webview ? last.update : undefined;
  };
  const nextUpdate = (condition: (update: StatsUpdate) => boolean = () => true, timeoutMs = 20_000): Promise<StatsUpdate> => {
    const last = lastUpdate();
    if (last && condition(last)) return Promise.resolve(last);
    return new Promise((resolve, reject) => {
      const listener = (): void => {
        const update = lastUpdate();
        if (!update || !condition(update)) return;
        listeners.delete(listener);
        clearTimeout(timer);
        resolve(update);
      };
      const timer = setTimeout(() => {
        listeners.delete(listener);
        reject(new Error(`the webview was not sent the expected update within ${timeoutMs} ms`));
      }, timeoutMs);
      listeners.add(listener);
    });
  };
  return { controller, nextUpdate };
}

/** The table the webview draws from an update (the same core call as src/webview/statsView.ts), header row first. */
export function drawnTable(update: StatsUpdate): (readonly string[])[] {
  const { header, rows } = statsToTable(update.stats, { labels: STATS_MESSAGES });
  return [header, ...rows];
}

/** The bars the webview draws from an update (the core renderer it uses), or those of one track. */
export function drawnBars(update: StatsUpdate, track?: string): number {
  const bars = renderTrackChart(update.stats).match(/<rect class="bar"[^>]*>/g) ?? [];
  return track === undefined ? bars.length : bars.filter((bar) => bar.includes(` data-track="${track}"`)).length;
}

/**
 * Runs a command that opens one of VS Code's own dialogs (a quick pick, an input box, the save dialog, which the
 * workbench shows as a quick input) and answers it with a workbench command — `workbench.action.closeQuickOpen`
 * cancels, `workbench.action.acceptSelectedQuickOpenItem` takes the first item — repeated until the command
 * finishes, since an extension cannot tell when the dialog has appeared. Resolves with the command's result.
 */
/**
 * Quick picks answered from a script: each with the item whose label holds the next answer (none when no item does);
 * a question beyond the script fails the test. Records each picker's title and items.
 */
export function scriptedQuickPick(answers: readonly string[]): Pick<Dialogs, 'showQuickPick'> & { titles: string[]; offered: (readonly vscode.QuickPickItem[])[] } {
  const queue = [...answers];
  const titles: string[] = [];
  const offered: (readonly vscode.QuickPickItem[])[] = [];
  return {
    titles,
    offered,
    showQuickPick: async (items, options) => {
      titles.push(options.title ?? '');
      offered.push(items);
      const answer = queue.shift();
      assert.ok(answer !== undefined, `unexpected question: ${options.title ?? ''}`);
      return items.find((item) => item.label.includes(answer));
    },
  };
}

export async function answeringDialogs<T>(command: string, answer: string, ...args: unknown[]): Promise<T> {
  // VS Code shows its own (quick input) file dialog for a remote or web workspace; for local files it would show the
  // system's, which no command reaches, unless told otherwise.
  const localFiles = vscode.workspace.workspaceFolders?.[0]?.uri.scheme === 'file';
  const files = vscode.workspace.getConfiguration('files');
  const simpleDialog = files.inspect<boolean>('simpleDialog.enable')?.globalValue;
  if (localFiles) await files.update('simpleDialog.enable', true, vscode.ConfigurationTarget.Global);
  let finished = false;
  try {
    const result = Promise.resolve(vscode.commands.executeCommand<T>(command, ...args)).finally(() => (finished = true));
    while (!finished) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (!finished) await vscode.commands.executeCommand(answer);
    }
    return await result;
  } finally {
    if (localFiles) await files.update('simpleDialog.enable', simpleDialog, vscode.ConfigurationTarget.Global);
  }
}

/** The open Track statistics tabs, as the workbench lists them. */
export function statsPanelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(STATS_PANEL_VIEW_TYPE));
}

/**
 * The Track statistics tabs once the workbench lists at least one: a panel created by a command reaches the
 * extension host's tab model only after a round trip to the workbench. Resolves with none after the timeout, so
 * the test's own assertion fails with what is there.
 */
export function openedStatsPanelTabs(timeoutMs = 10_000): Promise<vscode.Tab[]> {
  if (statsPanelTabs().length > 0) return Promise.resolve(statsPanelTabs());
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(statsPanelTabs());
    };
    const timer = setTimeout(finish, timeoutMs);
    const subscription = vscode.window.tabGroups.onDidChangeTabs(() => {
      if (statsPanelTabs().length > 0) finish();
    });
  });
}

/** An output channel that keeps what is logged, as `level: line`. */
export function recordingOutput(): { channel: vscode.LogOutputChannel; lines: string[] } {
  const lines: string[] = [];
  const log = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  const channel = { info: log('info'), warn: log('warning'), error: log('error'), debug: log('debug'), trace: log('trace') };
  return { channel: channel as unknown as vscode.LogOutputChannel, lines };
}

/** The tree's top rows (a conference's name, else the row's kind), or a failure if they take `timeoutMs`: `what` says what it waited for. */
export async function topRowsWithin(tree: { getChildren(): Promise<readonly SessionTreeNode[]> }, what: string, timeoutMs = 10_000): Promise<string[]> {
  let waited: ReturnType<typeof setTimeout> | undefined;
  const rows = await Promise.race([
    tree.getChildren(),
    new Promise<never>((_, reject) => (waited = setTimeout(() => reject(new Error(`the tree waited for ${what}`)), timeoutMs))),
  ]).finally(() => clearTimeout(waited));
  return rows.map((row) => (row.kind === 'conference' ? row.conference : row.kind));
}
