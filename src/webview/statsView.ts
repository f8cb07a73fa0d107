// The script inside the Track statistics webview (bundled for the browser). It draws what the host sends with the
// same core renderer as the exports, keeps the option controls in the webview state (so they survive updates,
// hiding and window reloads), and reports clicks, exports and errors to the host. What it draws is checked where a
// user sees it: the UI tests read this page's DOM.
//
// Note text (conference and track names) only ever reaches the DOM as `textContent`, attribute values, or inside
// the SVG the core renderer escaped; that SVG is parsed as XML and imported, never assigned to `innerHTML`.
import { PNG_SCALE, renderTrackChart } from '../core/stats/chart';
import { statsToTable, type TrackStats } from '../core/stats/stats';
import {
  isStatsViewState,
  type ExportFormat,
  type ExportPalette,
  type HostToWebviewMessage,
  type StatsViewOptions,
  type StatsViewSettings,
  type StatsViewState,
  type WebviewToHostMessage,
} from './protocol';

interface VsCodeApi {
  postMessage(message: WebviewToHostMessage): void;
  getState(): unknown;
  setState(state: StatsViewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const SVG_MIME = 'image/svg+xml';
const MIN_CHART_WIDTH = 320;

function post(message: WebviewToHostMessage): void {
  vscode.postMessage(message);
}

function reportError(error: unknown): void {
  post({ type: 'error', message: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) });
}

window.addEventListener('error', (event) => reportError(event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => reportError(event.reason));

function element<K extends keyof HTMLElementTagNameMap>(tag: K, properties: Partial<HTMLElementTagNameMap[K]> = {}, children: (Node | string)[] = []): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

const root = document.getElementById('stats');
if (!root?.dataset.settings) throw new Error('The statistics panel has no settings.');
const settings = JSON.parse(root.dataset.settings) as StatsViewSettings;
const { strings } = settings;
const savedState = vscode.getState();
let options: StatsViewOptions = isStatsViewState(savedState) ? savedState.options : settings.options;
let current: { stats: TrackStats; allConferences: readonly string[] } | undefined;

function setOptions(change: Partial<StatsViewOptions>): void {
  options = { ...options, ...change };
  vscode.setState({ options });
  post({ type: 'optionsChanged', options });
}

// ---- option controls -------------------------------------------------------------------------------------

const conferenceChoices = element('fieldset', {}, [element('legend', { textContent: strings.conferences })]);
let shownConferenceChoices: readonly string[] = [];

function radioGroup<T extends string>(name: string, legend: string, choices: readonly (readonly [T, string])[], selected: T, onChange: (value: T) => void): HTMLFieldSetElement {
  const radios = choices.map(([value, text]) => {
    const input = element('input', { type: 'radio', name, value, checked: value === selected });
    input.addEventListener('change', () => input.checked && onChange(value));
    return element('label', {}, [input, text]);
  });
  return element('fieldset', {}, [element('legend', { textContent: legend }), ...radios]);
}

function select<T extends string>(labelText: string, choices: readonly (readonly [T, string])[], selected: T, onChange: (value: T) => void): HTMLLabelElement {
  const control = element(
    'select',
    {},
    choices.map(([value, text]) => element('option', { value, textContent: text, selected: value === selected })),
  );
  control.addEventListener('change', () => onChange(control.value as T));
  return element('label', {}, [element('span', { className: 'option-label', textContent: labelText }), control]);
}

/** Rebuilt only when the set of conferences changes, so a live update does not steal focus from a checkbox. */
function renderConferenceChoices(allConferences: readonly string[]): void {
  if (allConferences.length === shownConferenceChoices.length && allConferences.every((name, i) => name === shownConferenceChoices[i])) return;
  shownConferenceChoices = allConferences;
  const boxes = allConferences.map((name) => {
    const box = element('input', { type: 'checkbox', checked: !options.hiddenConferences.includes(name) });
    box.addEventListener('change', () => {
      const hidden = options.hiddenConferences.filter((other) => other !== name);
      setOptions({ hiddenConferences: box.checked ? hidden : [...hidden, name] });
    });
    return element('label', {}, [box, name]);
  });
  conferenceChoices.replaceChildren(conferenceChoices.querySelector('legend') ?? '', ...boxes);
}

const scopeControl = select(strings.scope, [['auto', strings.scopeAuto], ['programme', strings.scopeProgramme], ['mine', strings.scopeMine]] as const, options.scope ?? 'auto', (scope) => setOptions({ scope }));

/** The automatic choice says which scope it took for the conferences shown. */
function renderScopeChoice(stats: TrackStats): void {
  const auto = scopeControl.querySelector('option[value="auto"]');
  if (auto) auto.textContent = strings.scopeAuto.replace('{0}', stats.scope === 'programme' ? strings.scopeProgramme : strings.scopeMine);
}

const optionControls = element('form', { className: 'options' }, [
  conferenceChoices,
  select(strings.sort, [['count', strings.sortByCount], ['name', strings.sortByName]] as const, options.sort, (sort) => setOptions({ sort })),
  radioGroup('values', strings.values, [['count', strings.valueCounts], ['percent', strings.valuePercent]] as const, options.valueMode, (valueMode) => setOptions({ valueMode })),
  select(strings.counted, [['all', strings.countedAll], ['attended', strings.countedAttended]] as const, options.counted ?? 'all', (counted) => setOptions({ counted })),
  scopeControl,
  select(strings.chartKind, [['bars', strings.chartBars], ['trend', strings.chartTrend]] as const, options.chartKind ?? 'bars', (chartKind) => setOptions({ chartKind })),
  select(strings.exportPalette, [['theme', strings.paletteTheme], ['light', strings.paletteLight], ['dark', strings.paletteDark]] as const, options.exportPalette, (exportPalette: ExportPalette) => setOptions({ exportPalette })),
]);
optionControls.addEventListener('submit', (event) => event.preventDefault());

// ---- chart -----------------------------------------------------------------------------------------------

const chart = element('div', { className: 'chart' });

/** Parses the renderer's SVG as XML (scripts in it would never run, and the text in it is already escaped). */
function parseSvg(svg: string): SVGSVGElement {
  const parsed = new DOMParser().parseFromString(svg, SVG_MIME);
  const svgRoot = parsed.documentElement;
  if (parsed.getElementsByTagName('parsererror').length > 0 || !(svgRoot instanceof SVGSVGElement)) {
    throw new Error('The chart renderer produced invalid SVG.');
  }
  return document.importNode(svgRoot, true);
}

/** What opens a track's sessions of one conference: a bar, or a point of the trend chart. */
const MARKS = '.bar, .point';

function markTarget(bar: Element): { conference: string; track: string | null } | undefined {
  const conference = bar.getAttribute('data-conference');
  return conference === null ? undefined : { conference, track: bar.getAttribute('data-track') };
}

function sameMark(a: Element, b: { conference: string; track: string | null }): boolean {
  const target = markTarget(a);
  return target?.conference === b.conference && target.track === b.track;
}

function renderChart(stats: TrackStats): void {
  // A live update replaces the bars and points: keep keyboard focus on the same track and conference.
  const focused = document.activeElement instanceof Element && document.activeElement.matches(MARKS) ? markTarget(document.activeElement) : undefined;
  const width = Math.max(MIN_CHART_WIDTH, Math.floor(chart.clientWidth || document.body.clientWidth));
  chart.replaceChildren(parseSvg(renderTrackChart(stats, { palette: 'vscode', width, messages: strings.chart, kind: options.chartKind })));
  if (focused) {
    const bar = Array.from(chart.querySelectorAll(MARKS)).find((candidate) => sameMark(candidate, focused));
    if (bar instanceof SVGElement) bar.focus();
  }
}

function openMark(target: EventTarget | null): boolean {
  const bar = target instanceof Element ? target.closest(MARKS) : null;
  const track = bar && markTarget(bar);
  if (!track) return false;
  post({ type: 'openTrack', ...track });
  return true;
}

chart.addEventListener('click', (event) => openMark(event.target));
chart.addEventListener('keydown', (event) => {
  if ((event.key === 'Enter' || event.key === ' ') && openMark(event.target)) event.preventDefault();
});

let resizeFrame = 0;
window.addEventListener('resize', () => {
  cancelAnimationFrame(resizeFrame);
  resizeFrame = requestAnimationFrame(() => current && renderChart(current.stats));
});

// ---- table -----------------------------------------------------------------------------------------------

const table = element('table');

/** The table the CSV and Markdown exports write (the core's statsToTable), as header, body and total rows. */
function renderTable(stats: TrackStats): void {
  const { header, rows } = statsToTable(stats, { labels: strings.table });
  const bodyRows = rows.slice(0, -1);
  const totalRow = rows[rows.length - 1];
  const row = (cells: readonly string[]) =>
    element('tr', {}, cells.map((text, i) => (i === 0 ? element('th', { scope: 'row', textContent: text }) : element('td', { textContent: text }))));
  table.replaceChildren(
    element('caption', { textContent: strings.tableCaption }),
    element('thead', {}, [element('tr', {}, header.map((text) => element('th', { scope: 'col', textContent: text })))]),
    element('tbody', {}, bodyRows.map(row)),
    element('tfoot', {}, totalRow ? [row(totalRow)] : []),
  );
}

// ---- exports ---------------------------------------------------------------------------------------------

function exportButton(format: ExportFormat, text: string, primary = false): HTMLButtonElement {
  const button = element('button', { type: 'button', textContent: text, className: primary ? 'primary' : '' });
  button.addEventListener('click', () => post({ type: 'export', format }));
  return button;
}

const exportButtons = element('div', { className: 'exports', role: 'group', ariaLabel: strings.exportHeading }, [
  exportButton('insertIntoReport', strings.insertIntoReport, true),
  exportButton('svg', strings.exportSvg),
  exportButton('png', strings.exportPng),
  exportButton('csv', strings.exportCsv),
  exportButton('markdown', strings.exportMarkdown),
]);

/** Draws a self-contained-palette SVG of the core renderer on a canvas: only the webview has one, the extension host does not. */
async function renderPng(svg: string): Promise<string> {
  const image = new Image();
  image.src = `data:${SVG_MIME};charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = element('canvas', { width: image.naturalWidth * PNG_SCALE, height: image.naturalHeight * PNG_SCALE });
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas context.');
  context.scale(PNG_SCALE, PNG_SCALE);
  context.drawImage(image, 0, 0);
  const dataUrl = canvas.toDataURL('image/png');
  return dataUrl.slice(dataUrl.indexOf(',') + 1);
}

// ---- messages from the host ------------------------------------------------------------------------------

/**
 * Marks the track (its band in the selection colour, its bars or trend points outlined) and focuses the bar or point
 * of the given conference — or the first with sessions, as one of 0 is no tab stop — scrolled into view.
 */
function highlightTrack(highlight: { conference: string; track: string | null }): void {
  const bars = Array.from(chart.querySelectorAll(MARKS)).filter((bar) => markTarget(bar)?.track === highlight.track);
  for (const bar of bars) {
    bar.classList.add('highlighted');
    bar.closest('.track')?.classList.add('highlighted');
  }
  const focusable = bars.filter((bar) => bar.hasAttribute('tabindex'));
  const focus = focusable.find((bar) => sameMark(bar, highlight)) ?? focusable[0];
  if (focus instanceof SVGElement) {
    focus.focus();
    focus.scrollIntoView({ block: 'center' });
  }
}

function render(stats: TrackStats, allConferences: readonly string[], highlight?: { conference: string; track: string | null }): void {
  current = { stats, allConferences };
  renderConferenceChoices(allConferences);
  renderScopeChoice(stats);
  renderChart(stats);
  renderTable(stats);
  if (highlight) highlightTrack(highlight);
}

window.addEventListener('message', (event: MessageEvent<HostToWebviewMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'update':
      if (message.options) {
        options = message.options;
        vscode.setState({ options });
        shownConferenceChoices = []; // Redraw the checkboxes with the host's choice.
      }
      render(message.stats, message.allConferences, message.highlight);
      break;
    case 'renderPng':
      renderPng(message.svg).then(
        (base64) => post({ type: 'png', requestId: message.requestId, base64 }),
        (error: unknown) => post({ type: 'pngFailed', requestId: message.requestId, message: error instanceof Error ? error.message : String(error) }),
      );
      break;
  }
});

root.replaceChildren(optionControls, chart, table, exportButtons);
vscode.setState({ options });
post({ type: 'ready', options });
