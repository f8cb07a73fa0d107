// The messages between the Track statistics panel (extension host) and its webview, both ways. Free of `vscode`
// and Node imports so the webview bundle shares it. Everything the webview sends is untrusted input: the host
// accepts a message only through `parseWebviewMessage`, which checks every field.
import type { ChartKind, ChartMessages } from '../core/stats/chart';
import type { StatsLabels, StatsScope, TrackSort, TrackStats, ValueMode } from '../core/stats/stats';

/** The self-contained palettes an exported image can carry (the panel itself follows the editor theme). */
export type ImagePalette = 'light' | 'dark';
/** The export colours chosen in the panel: `theme` is the one of VS Code's current colour theme (light or dark). */
export type ExportPalette = ImagePalette | 'theme';
export const EXPORT_PALETTES: readonly ExportPalette[] = ['theme', 'light', 'dark'];
export const TRACK_SORTS: readonly TrackSort[] = ['count', 'name'];
export const VALUE_MODES: readonly ValueMode[] = ['count', 'percent'];
export const CHART_KINDS: readonly ChartKind[] = ['bars', 'trend'];
/** Which sessions the panel counts: all of them, or only those the user attended or watched. */
export type CountedSessions = 'all' | 'attended';
export const COUNTED_SESSIONS: readonly CountedSessions[] = ['all', 'attended'];
/** Which sessions the panel counts: `auto` compares programmes when every shown conference has one, else the user's. */
export type ScopeChoice = 'auto' | StatsScope;
export const SCOPE_CHOICES: readonly ScopeChoice[] = ['auto', 'programme', 'mine'];

/** What the panel's option controls hold: kept in the webview state, so they survive updates and reloads. */
export interface StatsViewOptions {
  /** Conferences the user unticked; new conferences show up ticked. */
  readonly hiddenConferences: readonly string[];
  readonly sort: TrackSort;
  readonly valueMode: ValueMode;
  readonly exportPalette: ExportPalette;
  /** Bars (default) or the trend chart; absent in states saved before the trend chart existed. */
  readonly chartKind?: ChartKind;
  /** All sessions (default) or only those attended or watched; absent in states saved before the choice existed. */
  readonly counted?: CountedSessions;
  /** Programme or the user's sessions; absent (as `auto`) in states saved before the choice existed. */
  readonly scope?: ScopeChoice;
}

export const DEFAULT_VIEW_OPTIONS: StatsViewOptions = { hiddenConferences: [], sort: 'count', valueMode: 'count', exportPalette: 'theme' };

/** What `acquireVsCodeApi().setState` stores and the panel serializer receives after a window reload. */
export interface StatsViewState {
  readonly options: StatsViewOptions;
}

export type ExportFormat = 'svg' | 'png' | 'csv' | 'markdown' | 'insertIntoReport';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['svg', 'png', 'csv', 'markdown', 'insertIntoReport'];

/** Every text the webview shows, localised by the host (a webview has no l10n API). */
export interface StatsViewStrings {
  readonly conferences: string;
  readonly sort: string;
  readonly sortByCount: string;
  readonly sortByName: string;
  readonly values: string;
  readonly valueCounts: string;
  readonly valuePercent: string;
  readonly counted: string;
  readonly countedAll: string;
  readonly countedAttended: string;
  readonly scope: string;
  /** `{0}`: the scope the automatic choice took (`scopeProgramme` or `scopeMine`). */
  readonly scopeAuto: string;
  readonly scopeProgramme: string;
  readonly scopeMine: string;
  readonly chartKind: string;
  readonly chartBars: string;
  readonly chartTrend: string;
  readonly exportPalette: string;
  readonly paletteTheme: string;
  readonly paletteLight: string;
  readonly paletteDark: string;
  readonly exportHeading: string;
  readonly exportSvg: string;
  readonly exportPng: string;
  readonly exportCsv: string;
  readonly exportMarkdown: string;
  readonly insertIntoReport: string;
  /** Caption of the table. */
  readonly tableCaption: string;
  readonly chart: ChartMessages;
  readonly table: StatsLabels;
}

/** The webview's start-up settings, in the `data-settings` attribute of its root element. */
export interface StatsViewSettings {
  readonly strings: StatsViewStrings;
  readonly options: StatsViewOptions;
}

// ---- host → webview -------------------------------------------------------------------------------------

export type HostToWebviewMessage =
  | {
      readonly type: 'update';
      /** Statistics of the shown conferences, in the sort and value mode of the options. */
      readonly stats: TrackStats;
      /** Every conference with sessions, for the checkboxes (the shown ones are in `stats`). */
      readonly allConferences: readonly string[];
      /** A track to point out (Show Track in Chart): its bars are highlighted and the first one focused. */
      readonly highlight?: { readonly conference: string; readonly track: string | null };
      /** Options the host changed on its own (Show Track in Chart shows a hidden conference again). */
      readonly options?: StatsViewOptions;
    }
  /**
   * Draw a chart of the core renderer (an export's or a published report's, with a self-contained palette) as PNG —
   * only the webview has a canvas — and answer with `png` or `pngFailed`.
   */
  | { readonly type: 'renderPng'; readonly requestId: number; readonly svg: string };

// ---- webview → host -------------------------------------------------------------------------------------

export type WebviewToHostMessage =
  /**
   * The script has loaded and listens, with the options from its state: the host answers with data. Sent again
   * whenever the webview is re-created (it is not retained while hidden, and after a window reload).
   */
  | { readonly type: 'ready'; readonly options: StatsViewOptions }
  | { readonly type: 'optionsChanged'; readonly options: StatsViewOptions }
  /** A bar was clicked or activated with the keyboard; `track` null is the no-track bucket. */
  | { readonly type: 'openTrack'; readonly conference: string; readonly track: string | null }
  | { readonly type: 'export'; readonly format: ExportFormat }
  /** The answer to `renderPng`: the PNG file as base64. */
  | { readonly type: 'png'; readonly requestId: number; readonly base64: string }
  | { readonly type: 'pngFailed'; readonly requestId: number; readonly message: string }
  /** An error inside the webview, forwarded to the log. */
  | { readonly type: 'error'; readonly message: string };

// ---- validation (host side) -----------------------------------------------------------------------------

/** Bounds that keep a hostile or broken webview from making the host allocate without limit. */
const MAX_TEXT = 10_000;
const MAX_LIST = 10_000;
/** A PNG of the chart is well under this; anything larger is refused. */
const MAX_PNG_BASE64 = 64 * 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown, max = MAX_TEXT): value is string {
  return typeof value === 'string' && value.length <= max;
}

function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

function isTextList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= MAX_LIST && value.every((item) => isText(item));
}

function isNonNegativeInteger(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

export function isStatsViewOptions(value: unknown): value is StatsViewOptions {
  return (
    isRecord(value) &&
    isTextList(value.hiddenConferences) &&
    isOneOf(value.sort, TRACK_SORTS) &&
    isOneOf(value.valueMode, VALUE_MODES) &&
    isOneOf(value.exportPalette, EXPORT_PALETTES) &&
    (value.chartKind === undefined || isOneOf(value.chartKind, CHART_KINDS)) &&
    (value.counted === undefined || isOneOf(value.counted, COUNTED_SESSIONS)) &&
    (value.scope === undefined || isOneOf(value.scope, SCOPE_CHOICES))
  );
}

export function isStatsViewState(value: unknown): value is StatsViewState {
  return isRecord(value) && isStatsViewOptions(value.options);
}

/** Copies only the known fields, so nothing extra a webview attached travels further. */
function cleanOptions(options: StatsViewOptions): StatsViewOptions {
  const { hiddenConferences, sort, valueMode, exportPalette, chartKind, counted, scope } = options;
  return {
    hiddenConferences: [...hiddenConferences], sort, valueMode, exportPalette,
    ...(chartKind === undefined ? {} : { chartKind }),
    ...(counted === undefined ? {} : { counted }),
    ...(scope === undefined ? {} : { scope }),
  };
}

/** The message if `value` is a well-formed webview message (rebuilt from its known fields), else undefined. */
export function parseWebviewMessage(value: unknown): WebviewToHostMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return isStatsViewOptions(value.options) ? { type: 'ready', options: cleanOptions(value.options) } : undefined;
    case 'optionsChanged':
      return isStatsViewOptions(value.options) ? { type: 'optionsChanged', options: cleanOptions(value.options) } : undefined;
    case 'openTrack':
      return isText(value.conference) && (value.track === null || isText(value.track))
        ? { type: 'openTrack', conference: value.conference, track: value.track }
        : undefined;
    case 'export':
      return isOneOf(value.format, EXPORT_FORMATS) ? { type: 'export', format: value.format } : undefined;
    case 'png':
      return isNonNegativeInteger(value.requestId) && isText(value.base64, MAX_PNG_BASE64) && BASE64.test(value.base64)
        ? { type: 'png', requestId: value.requestId, base64: value.base64 }
        : undefined;
    case 'pngFailed':
      return isNonNegativeInteger(value.requestId) && isText(value.message) ? { type: 'pngFailed', requestId: value.requestId, message: value.message } : undefined;
    case 'error':
      return isText(value.message) ? { type: 'error', message: value.message } : undefined;
    default:
      return undefined;
  }
}
