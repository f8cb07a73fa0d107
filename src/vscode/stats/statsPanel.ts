// The Track statistics panel: a webview beside the editor with the chart and table of sessions per track, its
// commands (show, exports, insert into report), live updates from the NoteIndex and restoring after a reload.
//
// The host computes the statistics (core `computeTrackStats`) and the webview draws them with the same core
// renderer the exports use. Everything the webview sends is validated (`parseWebviewMessage`); note text reaches
// the HTML only inside an escaped attribute, and the chart only through the renderer's escaping. All files are
// written through `vscode.workspace.fs` and nothing here needs a Node built-in, so it runs in the web host too.
import * as vscode from 'vscode';
import { fileExists } from '../files';
import { localizeMessages } from '../localize';
import { CHART_MESSAGES, JAPANESE_CHART_TEXTS, renderTrackChart, xmlAttribute, xmlText, type ChartMessages } from '../../core/stats/chart';
import type { Session, SessionStatus } from '../../core/notes/model';
import { seriesNamesOf, seriesUpTo } from '../../core/stats/series';
import { computeTrackStats, conferenceTimesOf, STATS_MESSAGES, statsToCsv, statsToMarkdownTable, trackLabel, type StatsLabels, type TrackStats } from '../../core/stats/stats';
import { Disposable } from '../disposable';
import { conferenceInContext, conferenceItems } from '../conferenceContext';
import type { NoteWorkspace } from '../noteWorkspace';
import { OPEN_SESSION_COMMAND } from '../openSession';
import {
  DEFAULT_VIEW_OPTIONS,
  isStatsViewOptions,
  isStatsViewState,
  parseWebviewMessage,
  type ExportFormat,
  type HostToWebviewMessage,
  type ImagePalette,
  type StatsViewOptions,
  type StatsViewSettings,
  type StatsViewStrings,
  type WebviewToHostMessage,
} from '../../webview/protocol';
import { fillTemplate } from '../../core/messages';
import { markdownImage } from '../../core/notes/markdownLinks';
import { slugifyFileName } from '../../core/templates/fileNames';
import { blockSeparators } from '../../core/templates/insertion';
import { templateLanguageFor, writingStyleOf } from '../../core/templates/noteLanguage';

export const STATS_PANEL_VIEW_TYPE = 'conferenceNotes.trackStatistics';

const STATS_COMMANDS = {
  show: 'conferenceNotes.showTrackStatistics',
  exportSvg: 'conferenceNotes.exportChartSvg',
  exportPng: 'conferenceNotes.exportChartPng',
  exportCsv: 'conferenceNotes.exportStatsCsv',
  exportMarkdown: 'conferenceNotes.exportStatsMarkdown',
  insertChart: 'conferenceNotes.insertChartIntoReport',
} as const;

/** Coalesces a burst of index changes (typing, a checkout) into one message to the webview. */
const UPDATE_DEBOUNCE_MS = 200;
/** How long a command that needs the webview (PNG export) waits for it to load. */
const WEBVIEW_TIMEOUT_MS = 30_000;
/** Options for new panels and for export commands run without a panel, remembered per workspace. */
const OPTIONS_KEY = 'conferenceNotes.trackStatistics.options';
const DEFAULT_IMAGE_FOLDER = 'images';
const DEFAULT_EXPORT_NAME = 'track-statistics';

/** The dialogs the panel opens: VS Code's own when the extension runs, scripted answers in tests. */
export interface StatsPrompts {
  showSaveDialog(options: vscode.SaveDialogOptions): Thenable<vscode.Uri | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  /** A modal question; resolves with the chosen item, undefined for Cancel. */
  askModal(message: string, ...items: string[]): Thenable<string | undefined>;
  /** A notification with actions (Open, Reveal after an export); resolves with the chosen one, if any. */
  showInformation(message: string, ...items: string[]): Thenable<string | undefined>;
  /** A warning with actions (Choose a Report… when no report is open); resolves with the chosen one, if any. */
  showWarning(message: string, ...items: string[]): Thenable<string | undefined>;
}

/** What the panel uses of the extension's context: where its files are, and where it remembers its options. */
export type StatsPanelHost = Pick<vscode.ExtensionContext, 'extensionUri' | 'workspaceState'>;

/**
 * What the panel talks to besides VS Code's API, given at construction: `registerStatsPanel` passes the
 * interactive dialogs and the webview's own `postMessage`. Extension-host tests build their own panel with
 * scripted answers and a `postMessage` that also records what the webview is sent, so neither the exported
 * API nor the webview protocol carries anything that exists only for tests.
 */
export interface StatsPanelDependencies {
  readonly prompts: StatsPrompts;
  readonly postMessage: (webview: vscode.Webview, message: HostToWebviewMessage) => Thenable<boolean>;
}

type Logger = Pick<vscode.LogOutputChannel, 'error' | 'warn'>;

interface PendingPng {
  readonly resolve: (base64: string) => void;
  readonly reject: (error: Error) => void;
}

function chartMessages(): ChartMessages {
  return localizeMessages(CHART_MESSAGES);
}

function tableLabels(): StatsLabels {
  return localizeMessages(STATS_MESSAGES);
}

/** What "only attended or watched" counts: the sessions the user saw, in the room or afterwards. */
const ATTENDED_STATUSES: readonly SessionStatus[] = ['attended', 'watched'];

function viewStrings(): StatsViewStrings {
  return {
    conferences: vscode.l10n.t('Conferences'),
    sort: vscode.l10n.t('Sort'),
    sortByCount: vscode.l10n.t('By count'),
    sortByName: vscode.l10n.t('By name'),
    values: vscode.l10n.t('Values'),
    valueCounts: vscode.l10n.t('Counts'),
    valuePercent: vscode.l10n.t('Percentages'),
    counted: vscode.l10n.t('Sessions counted'),
    countedAll: vscode.l10n.t('All sessions'),
    countedAttended: vscode.l10n.t('Only attended or watched'),
    scope: vscode.l10n.t('Count'),
    // The webview puts the scope the automatic choice took in place of {0}.
    scopeAuto: vscode.l10n.t('Programmes if all have one ({0})', '{0}'),
    scopeProgramme: vscode.l10n.t('The programme'),
    scopeMine: vscode.l10n.t('My sessions'),
    chartKind: vscode.l10n.t('Chart'),
    chartBars: vscode.l10n.t('Bars per conference'),
    chartTrend: vscode.l10n.t('Trend across conferences'),
    exportPalette: vscode.l10n.t('Export colours'),
    paletteTheme: vscode.l10n.t('Current theme'),
    paletteLight: vscode.l10n.t('Light'),
    paletteDark: vscode.l10n.t('Dark'),
    exportHeading: vscode.l10n.t('Export'),
    exportSvg: vscode.l10n.t('SVG'),
    exportPng: vscode.l10n.t('PNG'),
    exportCsv: vscode.l10n.t('CSV'),
    exportMarkdown: vscode.l10n.t('Markdown table'),
    insertIntoReport: vscode.l10n.t('Insert Chart into Report'),
    tableCaption: vscode.l10n.t('Sessions per track and conference'),
    chart: chartMessages(),
    table: tableLabels(),
  };
}

/** 128 bits from the platform's CSPRNG (Node's and the web worker's global `crypto`), as hex. */
function createNonce(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * JSON for an HTML attribute. The XML character references the escaper writes for DEL, C1 controls and U+2028/9
 * would be read by an HTML parser as Windows-1252 characters (`&#x85;` → `…`), so those characters travel as JSON
 * `\\u` escapes instead (JSON.stringify leaves them raw; they occur only inside strings).
 */
function jsonForHtmlAttribute(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function decodeBase64(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}

const interactiveDependencies: StatsPanelDependencies = {
  prompts: {
    showSaveDialog: (options) => vscode.window.showSaveDialog(options),
    showQuickPick: (items, options) => vscode.window.showQuickPick(items, options),
    askModal: (message, ...items) => vscode.window.showWarningMessage(message, { modal: true }, ...items),
    showInformation: (message, ...items) => vscode.window.showInformationMessage(message, ...items),
    showWarning: (message, ...items) => vscode.window.showWarningMessage(message, ...items),
  },
  postMessage: (webview, message) => webview.postMessage(message),
};

/** The panel, the work behind its commands and its live updates; `registerStatsPanel` builds the extension's one. */
export class StatsPanelController extends Disposable {
  /** What VS Code calls to restore the panel after a window reload (registered by `registerStatsPanel`). */
  readonly serializer: vscode.WebviewPanelSerializer<unknown> = {
    deserializeWebviewPanel: async (panel, state) => this.attach(panel, isStatsViewState(state) ? state.options : this.options),
  };
  private currentPanel: vscode.WebviewPanel | undefined;
  private options: StatsViewOptions;
  /** The open panel's event subscriptions, disposed when it closes. */
  private panelSubscriptions: vscode.Disposable | undefined;
  private webviewReady = false;
  private readyWaiters: (() => void)[] = [];
  private updateTimer: ReturnType<typeof setTimeout> | undefined;
  private nextPngRequest = 0;
  private readonly pendingPngs = new Map<number, PendingPng>();
  /** The track Show Track in Chart asked for, sent with the next update. */
  private pendingHighlight: { conference: string; track: string | null } | undefined;
  /** The host changed the options (Compare with Earlier Editions): the next update gives the webview its controls back. */
  private optionsSetByHost = false;
  /** The markdown editor the user was last in: the panel has focus when its Insert button is clicked. */
  private reportEditor: vscode.TextEditor | undefined;

  constructor(
    private readonly context: StatsPanelHost,
    private readonly notes: NoteWorkspace,
    private readonly log: Logger,
    private readonly dependencies: StatsPanelDependencies,
  ) {
    super();
    const remembered = context.workspaceState.get<unknown>(OPTIONS_KEY);
    this.options = isStatsViewOptions(remembered) ? remembered : DEFAULT_VIEW_OPTIONS;
    this.rememberReportEditor(vscode.window.activeTextEditor);
    this.register(vscode.window.onDidChangeActiveTextEditor((editor) => this.rememberReportEditor(editor)));
    this.register(notes.index.onDidChange(() => this.scheduleUpdate()));
  }

  // ---- panel lifecycle -----------------------------------------------------------------------------------

  /** The open panel, if any. */
  get panel(): vscode.WebviewPanel | undefined {
    return this.currentPanel;
  }

  show(): vscode.WebviewPanel {
    if (this.currentPanel) {
      this.currentPanel.reveal(undefined, true);
      return this.currentPanel;
    }
    const panel = vscode.window.createWebviewPanel(STATS_PANEL_VIEW_TYPE, vscode.l10n.t('Track Statistics'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.webviewOptions());
    this.attach(panel, this.options);
    return panel;
  }

  private webviewOptions(): vscode.WebviewOptions {
    const { extensionUri } = this.context;
    // Only the stylesheet and the bundled script are loadable; no retainContextWhenHidden: the state API and
    // the `ready` handshake restore a hidden panel more cheaply than keeping it alive.
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
  }

  private attach(panel: vscode.WebviewPanel, options: StatsViewOptions): void {
    this.currentPanel?.dispose();
    this.currentPanel = panel;
    this.setOptions(options);
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'conference-notes.svg');
    panel.webview.options = this.webviewOptions();
    this.panelSubscriptions = vscode.Disposable.from(
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidChangeViewState(() => {
        // A hidden webview is discarded; when shown again it loads anew and says `ready`.
        if (!panel.visible) this.webviewReady = false;
      }),
      panel.onDidDispose(() => this.detach(panel)),
    );
    panel.webview.html = this.html(panel.webview);
  }

  private detach(panel: vscode.WebviewPanel): void {
    if (this.currentPanel !== panel) return;
    this.currentPanel = undefined;
    this.webviewReady = false;
    this.cancelUpdate();
    this.panelSubscriptions?.dispose();
    this.panelSubscriptions = undefined;
    for (const pending of this.pendingPngs.values()) pending.reject(new Error(vscode.l10n.t('The statistics panel was closed.')));
    this.pendingPngs.clear();
  }

  private html(webview: vscode.Webview): string {
    const nonce = createNonce();
    const { extensionUri } = this.context;
    const styles = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'stats.css'));
    const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'statsView.js'));
    const settings: StatsViewSettings = { strings: viewStrings(), options: this.options };
    const csp = `default-src 'none'; img-src ${webview.cspSource} data:; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';`;
    // Start-up data travels in an escaped attribute, never as inline JSON in a script (`</script>` would end it).
    return `<!DOCTYPE html>
<html lang="${xmlAttribute(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${styles}">
<title>${xmlText(vscode.l10n.t('Track Statistics'))}</title>
</head>
<body>
<main id="stats" class="stats" data-settings="${xmlAttribute(jsonForHtmlAttribute(settings))}"></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }

  private setOptions(options: StatsViewOptions): void {
    this.options = options;
    void this.context.workspaceState.update(OPTIONS_KEY, options);
  }

  // ---- messages ------------------------------------------------------------------------------------------

  private post(message: HostToWebviewMessage): void {
    if (this.currentPanel) void this.dependencies.postMessage(this.currentPanel.webview, message);
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn(vscode.l10n.t('Ignored an invalid message from the statistics panel.'));
      return;
    }
    this.handle(message).catch((error: unknown) => this.fail(error));
  }

  private async handle(message: WebviewToHostMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.setOptions(message.options);
        this.webviewReady = true;
        for (const resolve of this.readyWaiters.splice(0)) resolve();
        return this.sendUpdate();
      case 'optionsChanged':
        this.setOptions(message.options);
        return this.sendUpdate();
      case 'openTrack':
        return this.showTrackSessions(message.conference, message.track ?? undefined);
      case 'export':
        return this.runExport(message.format);
      case 'png':
        this.pendingPngs.get(message.requestId)?.resolve(message.base64);
        this.pendingPngs.delete(message.requestId);
        return;
      case 'pngFailed':
        this.pendingPngs.get(message.requestId)?.reject(new Error(message.message));
        this.pendingPngs.delete(message.requestId);
        return;
      case 'error':
        this.log.error(vscode.l10n.t('Statistics panel: {0}', message.message));
        return;
    }
  }

  private whenWebviewReady(): Promise<void> {
    if (this.webviewReady) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(vscode.l10n.t('The statistics panel did not load.'))), WEBVIEW_TIMEOUT_MS);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  // ---- live data -----------------------------------------------------------------------------------------

  /** Statistics of the conferences the options show, and every conference for the checkboxes. */
  private async computeStats(): Promise<{ stats: TrackStats; allConferences: string[] }> {
    await this.notes.ready();
    const { options } = this;
    const allConferences = this.notes.index.conferences().map(({ name }) => name);
    const conferences = allConferences.filter((name) => !options.hiddenConferences.includes(name));
    const statuses = options.counted === 'attended' ? ATTENDED_STATUSES : undefined;
    const scope = options.scope === 'auto' ? undefined : options.scope;
    return { stats: computeTrackStats(this.notes.index, { conferences, sort: options.sort, valueMode: options.valueMode, statuses, scope }), allConferences };
  }

  private async sendUpdate(): Promise<void> {
    this.cancelUpdate();
    // A highlight is pointed out once; later live updates draw the chart plainly. Its conference must be shown.
    const highlight = this.pendingHighlight;
    this.pendingHighlight = undefined;
    const unhide = highlight !== undefined && this.options.hiddenConferences.includes(highlight.conference);
    if (unhide) this.setOptions({ ...this.options, hiddenConferences: this.options.hiddenConferences.filter((name) => name !== highlight.conference) });
    const optionsChanged = unhide || this.optionsSetByHost;
    this.optionsSetByHost = false;
    const { stats, allConferences } = await this.computeStats();
    this.post({ type: 'update', stats, allConferences, ...(highlight ? { highlight } : {}), ...(optionsChanged ? { options: this.options } : {}) });
  }

  /**
   * Compare with Earlier Editions: the panel shows the conference's series up to it, in time order (series.ts), and
   * no other conference. From a Sessions view node, or for the conference the user picks (the note's first).
   */
  async compareWithEarlierEditions(target: unknown): Promise<void> {
    await this.notes.ready();
    const index = this.notes.index;
    const conference = conferenceInContext(this.notes, target, false)
      ?? (await this.dependencies.prompts.showQuickPick(conferenceItems(this.notes, conferenceInContext(this.notes, undefined)), { title: vscode.l10n.t('Compare Which Conference with Its Earlier Editions?') }))?.conference;
    if (conference === undefined) return;
    const allConferences = index.conferences().map(({ name }) => name);
    if (!allConferences.includes(conference)) {
      void this.dependencies.prompts.showInformation(vscode.l10n.t('{0} has no sessions any more.', conference));
      return;
    }
    const series = seriesUpTo(conference, allConferences, conferenceTimesOf(index), seriesNamesOf(index));
    if (series.length === 1) void this.dependencies.prompts.showInformation(vscode.l10n.t('Your notes hold no earlier edition of {0}: it is shown alone.', conference));
    this.setOptions({ ...this.options, hiddenConferences: allConferences.filter((name) => !series.includes(name)) });
    this.optionsSetByHost = true;
    const alreadyLoaded = this.currentPanel !== undefined && this.webviewReady;
    this.show();
    if (alreadyLoaded) await this.sendUpdate();
  }

  /** Show Track in Chart from the Sessions view: a track node, or a session node (its own track). */
  async showTrackInChart(target: unknown): Promise<void> {
    const node = target as { kind?: string; conference?: unknown; track?: unknown; session?: Session } | undefined;
    const source = node?.kind === 'session' ? node.session : node;
    if (typeof source?.conference !== 'string') return;
    await this.revealTrack(source.conference, typeof source.track === 'string' ? source.track : undefined);
  }

  /** Opens the panel and points the track out (showing its conference if it was hidden). */
  private async revealTrack(conference: string, track: string | undefined): Promise<void> {
    this.pendingHighlight = { conference, track: track ?? null };
    const alreadyLoaded = this.currentPanel !== undefined && this.webviewReady;
    this.show();
    // A panel that is loading asks for data when it is ready; a loaded one gets it now.
    if (alreadyLoaded) await this.sendUpdate();
  }

  /** Only a visible, loaded webview gets live updates; a hidden one asks for data when it loads again. */
  private scheduleUpdate(): void {
    if (!this.currentPanel?.visible || !this.webviewReady) return;
    this.cancelUpdate();
    this.updateTimer = setTimeout(() => this.sendUpdate().catch((error: unknown) => this.fail(error)), UPDATE_DEBOUNCE_MS);
  }

  private cancelUpdate(): void {
    clearTimeout(this.updateTimer);
    this.updateTimer = undefined;
  }

  // ---- bar click -----------------------------------------------------------------------------------------

  async showTrackSessions(conference: string, track: string | undefined): Promise<void> {
    await this.notes.ready();
    const items = this.notes.index.sessionsByTrack(conference, track).map((session) => ({ label: session.title, description: session.speakers.join(', '), session }));
    if (items.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No sessions in {0} — {1} any more.', trackLabel(track, tableLabels()), conference));
      return;
    }
    const picked = await this.dependencies.prompts.showQuickPick(items, {
      title: vscode.l10n.t('{0} — {1}', trackLabel(track, tableLabels()), conference),
      placeHolder: vscode.l10n.t('Open a session'),
      matchOnDescription: true,
    });
    if (picked) await vscode.commands.executeCommand<unknown>(OPEN_SESSION_COMMAND, picked.session satisfies Session);
  }

  // ---- exports -------------------------------------------------------------------------------------------

  runExport(format: ExportFormat): Promise<void> {
    switch (format) {
      case 'svg':
        return this.exportSvg();
      case 'png':
        return this.exportPng();
      case 'csv':
        return this.exportTable('csv');
      case 'markdown':
        return this.exportTable('markdown');
      case 'insertIntoReport':
        return this.insertChartIntoReport();
    }
  }

  /** The export colours: the chosen palette, or by default the light or dark one of VS Code's current theme. */
  private imagePalette(): ImagePalette {
    const chosen = this.options.exportPalette;
    if (chosen !== 'theme') return chosen;
    const { kind } = vscode.window.activeColorTheme;
    return kind === vscode.ColorThemeKind.Dark || kind === vscode.ColorThemeKind.HighContrast ? 'dark' : 'light';
  }

  /**
   * The chart's texts in the language of the report being written (its keys or its text, see writingStyleOf), so a
   * Japanese report gets a Japanese title whatever the display language; the display language's without a report.
   */
  private reportChartMessages(report: vscode.TextDocument | undefined): ChartMessages {
    const display = templateLanguageFor(vscode.env.language);
    const language = report ? writingStyleOf(report.getText(), vscode.env.language).language : display;
    if (language === display) return chartMessages();
    return language === 'ja' ? JAPANESE_CHART_TEXTS : CHART_MESSAGES;
  }

  private chartSvg(stats: TrackStats, messages: ChartMessages): string {
    return renderTrackChart(stats, { palette: this.imagePalette(), messages, kind: this.options.chartKind });
  }

  private async exportSvg(): Promise<void> {
    const { stats } = await this.computeStats();
    const messages = this.reportChartMessages(this.currentReportEditor()?.document);
    await this.saveAs(new TextEncoder().encode(this.chartSvg(stats, messages)), 'svg', vscode.l10n.t('SVG image'));
  }

  private async exportPng(): Promise<void> {
    const { stats } = await this.computeStats();
    const png = await this.drawPng(this.chartSvg(stats, this.reportChartMessages(this.currentReportEditor()?.document)));
    await this.saveAs(png, 'png', vscode.l10n.t('PNG image'));
  }

  /**
   * A PNG of a chart of the core renderer, at `PNG_SCALE`. Only the webview has a canvas to draw the SVG on (in the
   * desktop and the web build alike, with the fonts of the machine): the panel opens beside the editor if needed.
   */
  async drawPng(svg: string): Promise<Uint8Array<ArrayBuffer>> {
    this.show();
    await this.whenWebviewReady();
    const requestId = this.nextPngRequest++;
    const base64 = await new Promise<string>((resolve, reject) => {
      this.pendingPngs.set(requestId, { resolve, reject });
      this.post({ type: 'renderPng', requestId, svg });
    });
    return decodeBase64(base64);
  }

  private async exportTable(format: 'csv' | 'markdown'): Promise<void> {
    const { stats } = await this.computeStats();
    const labels = tableLabels();
    const text = format === 'csv' ? statsToCsv(stats, { labels }) : statsToMarkdownTable(stats, { labels });
    const choice = await this.dependencies.prompts.showQuickPick(
      [
        { label: vscode.l10n.t('Copy to Clipboard'), destination: 'clipboard' as const },
        { label: vscode.l10n.t('Save to File…'), destination: 'file' as const },
      ],
      { title: format === 'csv' ? vscode.l10n.t('Export Track Statistics as CSV') : vscode.l10n.t('Export Track Statistics as Markdown Table') },
    );
    if (choice?.destination === 'clipboard') {
      await vscode.env.clipboard.writeText(text);
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied the track statistics to the clipboard.'));
    } else if (choice?.destination === 'file') {
      // A CSV file starts with a byte-order mark: without it Excel reads UTF-8 (Japanese track names) as the
      // system's legacy code page. The clipboard and the CLI's stdout get the bare text.
      const fileText = format === 'csv' ? `\uFEFF${text}` : text;
      await this.saveAs(new TextEncoder().encode(fileText), format === 'csv' ? 'csv' : 'md', format === 'csv' ? vscode.l10n.t('CSV') : vscode.l10n.t('Markdown'));
    }
  }

  private async saveAs(bytes: Uint8Array, extension: string, filterName: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const fileName = `${DEFAULT_EXPORT_NAME}.${extension}`;
    const target = await this.dependencies.prompts.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
      filters: { [filterName]: [extension] },
      title: vscode.l10n.t('Export Track Statistics'),
      saveLabel: vscode.l10n.t('Export'),
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, bytes);
    // Not awaited: the export is done, whether or not the user ever answers the notification.
    this.offerToOpen(target).catch((error: unknown) => this.fail(error));
  }

  /** Says where the export went, with Open and Reveal (the file manager on the desktop, the Explorer elsewhere). */
  private async offerToOpen(target: vscode.Uri): Promise<void> {
    const open = vscode.l10n.t('Open');
    const reveal = vscode.l10n.t('Reveal');
    const choice = await this.dependencies.prompts.showInformation(vscode.l10n.t('Saved {0}.', vscode.workspace.asRelativePath(target)), open, reveal);
    if (choice === open) await vscode.commands.executeCommand('vscode.open', target);
    else if (choice === reveal) {
      const inOS = target.scheme === 'file' && vscode.env.uiKind === vscode.UIKind.Desktop;
      await vscode.commands.executeCommand(inOS ? 'revealFileInOS' : 'revealInExplorer', target);
    }
  }

  // ---- insert chart into report --------------------------------------------------------------------------

  private rememberReportEditor(editor: vscode.TextEditor | undefined): void {
    if (editor?.document.languageId === 'markdown') this.reportEditor = editor;
  }

  private currentReportEditor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active?.document.languageId === 'markdown') return active;
    return this.reportEditor && !this.reportEditor.document.isClosed ? this.reportEditor : undefined;
  }

  async insertChartIntoReport(): Promise<void> {
    // Captured before any await: the cursor may move while the user answers a question.
    const current = this.currentReportEditor();
    const target = current ? { editor: current, selection: current.selection } : await this.chooseReport();
    if (!target) return;
    const { editor, selection } = target;
    const report = editor.document;
    if (report.isUntitled) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Save the report first: the chart image is written next to it.'));
      return;
    }
    const { stats } = await this.computeStats();
    const folderSetting = vscode.workspace.getConfiguration('conferenceNotes', report.uri).get<string>('chartImageFolder', DEFAULT_IMAGE_FOLDER);
    // Below the report only: `..` could reach outside the workspace, so it is dropped like `.`.
    const folderSegments = folderSetting.split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.' && segment !== '..');
    const reportFolder = vscode.Uri.joinPath(report.uri, '..');
    // The report's conference names the image; a markdown file without sessions falls back to its file name.
    const conference = this.notes.index.note(report.uri.toString())?.conference ?? report.uri.path.replace(/^.*\/|\.[^.]*$/g, '');
    const image = await this.chooseImageFile(vscode.Uri.joinPath(reportFolder, ...folderSegments), `${slugifyFileName(conference, { fallback: DEFAULT_EXPORT_NAME })}-tracks`, folderSegments);
    if (!image) return;

    // Title, text alternative and alt text in the report's language.
    const messages = this.reportChartMessages(report);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(image.uri, '..'));
    await vscode.workspace.fs.writeFile(image.uri, new TextEncoder().encode(this.chartSvg(stats, messages)));
    const alt = fillTemplate(messages.imageAlt, [stats.conferences.map((c) => c.name).join(', ')]);
    // The image line stands between blank lines: directly above a paragraph it would become part of it.
    const { prefix, suffix } = blockSeparators(report.getText(), selection.start, selection.end);
    const eol = report.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const edit = new vscode.WorkspaceEdit();
    edit.replace(report.uri, selection, `${prefix}${markdownImage(alt, image.relativePath)}${suffix}`.replace(/\n/g, eol));
    await vscode.workspace.applyEdit(edit);
  }

  /**
   * With no markdown editor to insert into: says so and offers the workspace's reports; the chart goes at the end
   * of the one chosen, which is opened.
   */
  private async chooseReport(): Promise<{ editor: vscode.TextEditor; selection: vscode.Selection } | undefined> {
    const { prompts } = this.dependencies;
    const choose = vscode.l10n.t('Choose a Report…');
    const answer = await prompts.showWarning(vscode.l10n.t('No markdown report is open to insert the chart into. Open one and place the cursor where the chart should go, or choose a report: the chart goes at its end.'), choose);
    if (answer !== choose) return undefined;
    await this.notes.ready();
    const index = this.notes.index;
    const reports = index.uris().flatMap((uri) => {
      const note = index.note(uri);
      if (note?.layout !== 'report') return [];
      const file = vscode.Uri.parse(uri);
      return [{ label: note.conference, description: vscode.workspace.asRelativePath(file), uri: file }];
    });
    if (reports.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no conference report in this workspace yet.'));
      return undefined;
    }
    reports.sort((a, b) => a.description.localeCompare(b.description));
    const picked = await prompts.showQuickPick(reports, { title: vscode.l10n.t('Insert Chart into Report'), placeHolder: vscode.l10n.t('The report to add the chart to'), matchOnDescription: true });
    if (!picked) return undefined;
    const editor = await vscode.window.showTextDocument(picked.uri);
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    return { editor, selection: new vscode.Selection(end, end) };
  }

  /** The image file to write: asks before replacing an existing one (Overwrite, Keep Both → a free name, Cancel). */
  private async chooseImageFile(folder: vscode.Uri, stem: string, folderSegments: readonly string[]): Promise<{ uri: vscode.Uri; relativePath: string } | undefined> {
    const candidate = (name: string) => ({ uri: vscode.Uri.joinPath(folder, name), relativePath: [...folderSegments, name].join('/') });
    const wanted = candidate(`${stem}.svg`);
    if (!(await fileExists(wanted.uri))) return wanted;
    const overwrite = vscode.l10n.t('Overwrite');
    const keepBoth = vscode.l10n.t('Keep Both');
    const answer = await this.dependencies.prompts.askModal(vscode.l10n.t('{0} already exists. Replace it with the current chart?', wanted.relativePath), overwrite, keepBoth);
    if (answer === overwrite) return wanted;
    if (answer !== keepBoth) return undefined;
    for (let n = 2; ; n++) {
      const free = candidate(`${stem}-${n}.svg`);
      if (!(await fileExists(free.uri))) return free;
    }
  }

  // ---- errors and disposal -------------------------------------------------------------------------------

  fail(error: unknown): void {
    this.log.error(messageOf(error));
    void vscode.window.showErrorMessage(vscode.l10n.t('Track statistics: {0}', messageOf(error)));
  }

  override dispose(): void {
    this.currentPanel?.dispose();
    this.cancelUpdate();
    super.dispose();
  }
}

/**
 * Registers the Track statistics commands, the panel serializer and the live updates; `logger` receives webview errors
 * and invalid messages. Returns the panel's PNG drawing of a chart's SVG, which activation hands to Publish Report.
 */
export function registerStatsPanel(context: vscode.ExtensionContext, notes: NoteWorkspace, logger: vscode.LogOutputChannel): (svg: string) => Promise<Uint8Array<ArrayBuffer>> {
  const controller = new StatsPanelController(context, notes, logger, interactiveDependencies);
  const command = (id: string, run: (...args: unknown[]) => unknown) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        await run(...args);
      } catch (error) {
        controller.fail(error);
      }
    });
  context.subscriptions.push(
    controller,
    vscode.window.registerWebviewPanelSerializer(STATS_PANEL_VIEW_TYPE, controller.serializer),
    command(STATS_COMMANDS.show, () => controller.show()),
    command('conferenceNotes.showTrackInChart', (target) => controller.showTrackInChart(target)),
    command('conferenceNotes.compareWithEarlierEditions', (target) => controller.compareWithEarlierEditions(target)),
    command(STATS_COMMANDS.exportSvg, () => controller.runExport('svg')),
    command(STATS_COMMANDS.exportPng, () => controller.runExport('png')),
    command(STATS_COMMANDS.exportCsv, () => controller.runExport('csv')),
    command(STATS_COMMANDS.exportMarkdown, () => controller.runExport('markdown')),
    command(STATS_COMMANDS.insertChart, () => controller.runExport('insertIntoReport')),
  );
  return (svg) => controller.drawPng(svg);
}
