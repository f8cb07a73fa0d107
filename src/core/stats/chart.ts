// The one chart renderer (stats → SVG text) behind the statistics webview, every export and the CLI.
// A grouped horizontal bar chart (one group per track, one bar and colour per conference), or a trend chart (one
// line and colour per track across the conferences in time order).
// Pure string output (no DOM) so it runs in the extension host, the web worker, the webview and Node.
// Every piece of note text goes through `xmlText`/`xmlAttribute`; element and attribute names are constants.
import { scaleBand, scaleLinear, scalePoint } from 'd3-scale';
import { fillTemplate } from '../messages';
import { formatValue, rowValues, STATS_MESSAGES, trackLabel, type TrackStats, type TrackStatsRow, type ValueMode } from './stats';

/** English templates for every user-facing string of the chart; adapters pass localised ones. */
export const CHART_MESSAGES = {
  title: 'Sessions per track',
  noTrack: STATS_MESSAGES.noTrack,
  /** Accessible name of one bar: {0} track, {1} conference, {2} value. */
  bar: '{0} — {1}: {2}',
  /** Start of the text alternative: {0} number of tracks, {1} of conferences, {2} of sessions. */
  summary: 'Tracks: {0}. Conferences: {1}. Sessions: {2}.',
  /** One sentence per conference: {0} conference, {1} sessions, {2} its biggest track, {3} that track's sessions. */
  summaryConference: '{0}: {1} sessions, most in {2} ({3}).',
  empty: 'No sessions to chart yet.',
  /** The alt text of the chart's image in a report: {0} the conferences, separated by commas. */
  imageAlt: 'Sessions per track: {0}',
} as const;

export type ChartMessages = { readonly [K in keyof typeof CHART_MESSAGES]: string };

/**
 * The chart's texts in Japanese, for an image written into a Japanese report whatever the display language (a
 * test keeps them the same as the Japanese of l10n/bundle.l10n.ja.json, which the display language gets).
 */
export const JAPANESE_CHART_TEXTS: ChartMessages = {
  title: 'トラック別のセッション数',
  noTrack: 'トラックなし',
  bar: '{0} — {1}: {2}',
  summary: 'トラック: {0}、カンファレンス: {1}、セッション: {2}。',
  summaryConference: '{0}: {1} セッション、最多は {2} ({3})。',
  empty: 'グラフにするセッションがまだありません。',
  imageAlt: 'トラック別のセッション数: {0}',
};

/** `vscode`: the themed panel (CSS variables); `light`/`dark`: self-contained colours for exports. */
export type ChartPalette = 'vscode' | 'light' | 'dark';

export interface TrackChartOptions {
  readonly palette?: ChartPalette;
  /**
   * Total width in px; the height grows with the number of tracks and label lines. Default: sized to the content
   * (the labels, the legend and a plot of readable width), as exports are.
   */
  readonly width?: number;
  /** Height of one bar in px (default 14). */
  readonly barThickness?: number;
  /** Default: the mode the stats were computed with. */
  readonly valueMode?: ValueMode;
  /** Chart title (default `CHART_MESSAGES.title`). */
  readonly title?: string;
  /** Text alternative (default: a summary built from `messages`). */
  readonly description?: string;
  readonly messages?: Partial<ChartMessages>;
  /** Prefix of the ids `aria-labelledby` points at, for pages showing several charts (letters, digits, `-`, `_`). */
  readonly idPrefix?: string;
  /** `bars` (default): bars per track and conference; `trend`: one line per track across the conferences in time order. */
  readonly kind?: ChartKind;
}

export type ChartKind = 'bars' | 'trend';

/** PNG images are drawn at twice the SVG's size, so they stay sharp on high-density screens and in slides. */
export const PNG_SCALE = 2;

/** Lines a trend chart draws at most (the first tracks in the stats' order): more could not be told apart. */
export const TREND_MAX_TRACKS = 10;

interface Palette {
  readonly series: readonly string[];
  readonly text: string;
  readonly grid: string;
  readonly axis: string;
  readonly fontFamily: string;
  /** Undefined: transparent, the panel's background shows through. */
  readonly background?: string;
}

const SYSTEM_FONTS = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

const PALETTES: Record<ChartPalette, Palette> = {
  vscode: {
    // The fallbacks keep the chart readable where the variables are not defined.
    // Orange comes last: themes derive it from the minimap's translucent find-match colour, which looks faded.
    series: [
      'var(--vscode-charts-blue, #3794ff)',
      'var(--vscode-charts-green, #388a34)',
      'var(--vscode-charts-purple, #652d90)',
      'var(--vscode-charts-yellow, #bf8803)',
      'var(--vscode-charts-red, #e51400)',
      'var(--vscode-charts-orange, #d18616)',
    ],
    text: 'var(--vscode-foreground, #616161)',
    grid: 'var(--vscode-charts-lines, rgba(128, 128, 128, 0.35))',
    axis: 'var(--vscode-foreground, #616161)',
    fontFamily: `var(--vscode-font-family, ${SYSTEM_FONTS})`,
  },
  light: {
    series: ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#e15759', '#edc948', '#76b7b2', '#ff9da7', '#9c755f', '#bab0ac'],
    text: '#1f2328',
    grid: '#d0d7de',
    axis: '#57606a',
    fontFamily: SYSTEM_FONTS,
    background: '#ffffff',
  },
  dark: {
    series: ['#6ea8fe', '#ffb266', '#7fd37f', '#d5a6e6', '#ff7b7b', '#ffe066', '#8fd1cb', '#ffb3bd', '#c9a27e', '#d0cac7'],
    text: '#e6edf3',
    grid: '#3d444d',
    axis: '#9198a1',
    fontFamily: SYSTEM_FONTS,
    background: '#0d1117',
  },
};

const FONT_SIZE = 12;
const TITLE_FONT_SIZE = 16;
const MARGIN = 16;
/** Average advance of a narrow character in em; wide (CJK, full-width) characters count double. */
const CHAR_WIDTH_EM = 0.6;
const SWATCH = 12;
const VALUE_LABEL_SPACE = 52;
const MIN_WIDTH = 320;
/** The widest a chart sized to its content gets; longer names wrap within it. */
const MAX_CONTENT_WIDTH = 1000;
const LEGEND_LABEL_MAX_PX = 240;
/** Track labels of a chart sized to its content take their natural width, up to this; longer ones wrap. */
const TRACK_LABEL_MAX_PX = 280;
const TRACK_LABEL_MIN_PX = 80;
/** The plot area of a bar chart sized to its content, and one conference's column of a trend chart. */
const CONTENT_PLOT_PX = 400;
const TREND_COLUMN_MIN_PX = 80;
const TREND_COLUMN_MAX_PX = 200;
const LINE_GAP = 2;
/** Beyond the palette's colours, series repeat with this opacity so neighbours stay distinguishable. */
const REPEAT_OPACITY = 0.55;

// Characters XML 1.0 forbids in a document even as character references (C0 controls but tab/LF/CR, lone
// surrogates, U+FFFE/U+FFFF): dropped, as no SVG reader would accept the chart otherwise.
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// Characters kept only when written as character references. CR: every XML reader turns a line end into LF.
// DEL and the C1 controls: XML 1.1 requires them as references, and its readers take NEL (U+0085) and U+2028
// for line ends; some XML 1.0 readers (xmldom) do the same, and with U+2029 too. In attributes also tab and LF,
// which attribute-value normalisation turns into spaces. A reference is kept verbatim by every reader.
const TEXT_ESCAPES = /[&<>"'\r\u007f-\u009f\u2028\u2029]/g;
const ATTRIBUTE_ESCAPES = /[&<>"'\t\n\r\u007f-\u009f\u2028\u2029]/g;

// Cheap pre-checks (no `u` flag): nearly all text needs no change, and the chart escapes thousands of values.
// Matching control characters is their purpose.
/* eslint-disable no-control-regex */
const MAYBE_INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;
const NEEDS_ESCAPING = /[\u0000-\u001f&<>"'\u007f-\u009f\u2028\u2029\ud800-\udfff\ufffe\uffff]/;
/* eslint-enable no-control-regex */

function stripInvalidXmlChars(text: string): string {
  return MAYBE_INVALID_XML.test(text) ? text.replace(INVALID_XML_CHARS, '') : text;
}

function escapeCharacter(char: string): string {
  return XML_ENTITIES[char] ?? `&#x${char.charCodeAt(0).toString(16)};`;
}

/** Escapes text for element content so an XML reader gives it back as written; characters invalid in XML are dropped. */
export function xmlText(text: string): string {
  return NEEDS_ESCAPING.test(text) ? stripInvalidXmlChars(text).replace(TEXT_ESCAPES, escapeCharacter) : text;
}

/** Like `xmlText`, for an attribute value: tab and LF as references too. */
export function xmlAttribute(text: string): string {
  return NEEDS_ESCAPING.test(text) ? stripInvalidXmlChars(text).replace(ATTRIBUTE_ESCAPES, escapeCharacter) : text;
}

function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) || // Hangul Jamo
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) || // CJK radicals … Yi, including kana and ideographs
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) || // Hangul syllables
    (codePoint >= 0xf900 && codePoint <= 0xfaff) || // CJK compatibility ideographs
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) || // CJK compatibility forms
    (codePoint >= 0xff00 && codePoint <= 0xff60) || // full-width forms
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1faff) || // emoji
    (codePoint >= 0x20000 && codePoint <= 0x3fffd) // CJK extensions
  );
}

/** Estimated width in narrow-character units (no font metrics without a DOM). */
export function textWidthUnits(text: string): number {
  let units = 0;
  for (const char of text) units += isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
  return units;
}

function unitsForPixels(px: number, fontSize: number): number {
  return Math.max(1, Math.floor(px / (fontSize * CHAR_WIDTH_EM)));
}

function pixelsForUnits(units: number, fontSize: number): number {
  return units * fontSize * CHAR_WIDTH_EM;
}

type Attributes = Readonly<Record<string, string | number | undefined>>;

/** Coordinates with at most two decimals keep the output small. */
function coordinate(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Builds an element; the name and attribute names are constants of this module, values are escaped here. */
function element(name: string, attributes: Attributes, content = ''): string {
  let markup = `<${name}`;
  for (const key in attributes) {
    const value = attributes[key];
    if (value === undefined) continue;
    markup += ` ${key}="${typeof value === 'number' ? coordinate(value) : xmlAttribute(value)}"`;
  }
  return content === '' ? `${markup}/>` : `${markup}>${content}</${name}>`;
}

/**
 * Splits a label into lines of at most `maxUnits`, each ending at the last space that fits (or mid-word when none
 * does, as CJK text has no spaces). Nothing is cut: a long name takes as many lines as it needs.
 */
export function wrapText(text: string, maxUnits: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (textWidthUnits(rest) > maxUnits) {
    const chars = [...rest];
    let units = 0;
    let fit = 0;
    let lastSpace = -1;
    for (; fit < chars.length; fit++) {
      const width = textWidthUnits(chars[fit]);
      if (units + width > maxUnits) break;
      units += width;
      if (/\s/.test(chars[fit])) lastSpace = fit;
    }
    const breakAt = lastSpace > 0 ? lastSpace : Math.max(1, fit);
    lines.push(chars.slice(0, breakAt).join('').trimEnd());
    rest = chars.slice(breakAt).join('').trimStart();
  }
  if (rest !== '' || lines.length === 0) lines.push(rest);
  return lines;
}

function lineHeightOf(fontSize: number): number {
  return fontSize + LINE_GAP;
}

/** How many lines `text` takes at `maxPx`. */
function lineCount(text: string, maxPx: number, fontSize = FONT_SIZE): number {
  return wrapText(stripInvalidXmlChars(text), unitsForPixels(maxPx, fontSize)).length;
}

/** The width `text` takes on one line, in px. */
function naturalPixels(text: string, fontSize = FONT_SIZE): number {
  return pixelsForUnits(textWidthUnits(stripInvalidXmlChars(text)), fontSize);
}

/**
 * A label wrapped to `maxPx`, its lines below one another from the first line at `y` (`align: 'first'`) or centred
 * on `y`. One line is one `<text>`; several are a `<g>` of them carrying the class. When wrapped — or when it shows a
 * short form of `fullText` — the full text stays in a `<title>` (tooltip and screen readers).
 */
function label(text: string, maxPx: number, fontSize: number, attributes: Attributes & { y: number }, fullText = text, align: 'first' | 'centre' = 'first'): string {
  const clean = stripInvalidXmlChars(text);
  const full = stripInvalidXmlChars(fullText);
  const lines = wrapText(clean, unitsForPixels(maxPx, fontSize));
  const tooltip = lines.length === 1 && clean === full ? '' : element('title', {}, xmlText(full));
  if (lines.length === 1) return element('text', attributes, xmlText(clean) + tooltip);
  const { class: className, ...lineAttributes } = attributes;
  const lineHeight = lineHeightOf(fontSize);
  const firstY = align === 'first' ? attributes.y : attributes.y - ((lines.length - 1) * lineHeight) / 2;
  return element('g', { class: className }, tooltip + lines.map((line, i) => element('text', { ...lineAttributes, y: firstY + i * lineHeight }, xmlText(line))).join(''));
}

function seriesStyle(palette: Palette, index: number): { fill: string; 'fill-opacity'?: number } {
  const fill = palette.series[index % palette.series.length];
  return index < palette.series.length ? { fill } : { fill, 'fill-opacity': REPEAT_OPACITY };
}

/** The default text alternative: totals, then each conference's biggest track. */
function describe(stats: TrackStats, messages: ChartMessages): string {
  const sentences = [fillTemplate(messages.summary, [stats.tracks.length, stats.conferences.length, stats.totalSessions])];
  stats.conferences.forEach((conference, i) => {
    const biggest = stats.tracks.reduce((best, row) => (row.counts[i] > best.counts[i] ? row : best), stats.tracks[0]);
    if (!biggest) return;
    sentences.push(fillTemplate(messages.summaryConference, [conference.name, conference.sessions, trackLabel(biggest.name, messages), biggest.counts[i]]));
  });
  return sentences.join(' ');
}

function sanitizeId(prefix: string): string {
  return prefix.replace(/[^A-Za-z0-9_-]/g, '') || 'track-chart';
}

interface LegendLayout {
  readonly markup: string;
  readonly height: number;
}

/** One legend entry: the label shown (a short form), the full name, and the data attributes of the series. */
interface LegendEntry {
  readonly label: string;
  readonly name: string;
  readonly data: Attributes;
}

const LEGEND_ROW_GAP = 8;
const LEGEND_ENTRY_GAP = 18;

/** The width of a legend entry: swatch, gap, its label (wrapped beyond `maxLabelPx`) and the gap to the next. */
function legendEntryWidth(entry: LegendEntry, maxLabelPx: number): number {
  return SWATCH + 6 + Math.min(maxLabelPx, naturalPixels(entry.label)) + LEGEND_ENTRY_GAP;
}

/** Legend entries left to right, wrapping to new rows within the width; a long label wraps onto more lines. */
function renderLegend(legendEntries: readonly LegendEntry[], palette: Palette, left: number, top: number, maxWidth: number): LegendLayout {
  const maxLabelPx = Math.min(LEGEND_LABEL_MAX_PX, maxWidth - SWATCH - 6);
  let x = left;
  let y = top;
  let rowHeight = FONT_SIZE + LEGEND_ROW_GAP;
  const entries = legendEntries.map((entry, i) => {
    const entryWidth = legendEntryWidth(entry, maxLabelPx);
    if (x > left && x + entryWidth > left + maxWidth) {
      x = left;
      y += rowHeight;
      rowHeight = FONT_SIZE + LEGEND_ROW_GAP;
    }
    const lines = lineCount(entry.label, maxLabelPx);
    rowHeight = Math.max(rowHeight, lines * lineHeightOf(FONT_SIZE) - LINE_GAP + LEGEND_ROW_GAP);
    const markup = element(
      'g',
      { class: 'legend-item', ...entry.data },
      element('rect', { x, y, width: SWATCH, height: SWATCH, rx: 2, ...seriesStyle(palette, i) }) +
        label(entry.label, maxLabelPx, FONT_SIZE, { x: x + SWATCH + 6, y: y + SWATCH / 2, 'dominant-baseline': 'central', fill: palette.text }, entry.name),
    );
    x += entryWidth;
    return markup;
  });
  return { markup: element('g', { class: 'legend' }, entries.join('')), height: y - top + rowHeight };
}

/** The track labels' column: a share of a given width, else the longest label's natural width (longer ones wrap). */
function trackLabelWidth(stats: TrackStats, messages: ChartMessages, width: number | undefined): number {
  if (width !== undefined) return Math.min(220, Math.max(TRACK_LABEL_MIN_PX, Math.round(width * 0.25)));
  const longest = Math.max(0, ...stats.tracks.map((row) => naturalPixels(trackLabel(row.name, messages))));
  return Math.min(TRACK_LABEL_MAX_PX, Math.max(TRACK_LABEL_MIN_PX, Math.ceil(longest)));
}

/** One conference's column of a trend chart sized to its content: its longest label, within bounds. */
function trendColumnWidth(stats: TrackStats): number {
  const longest = Math.max(0, ...stats.conferences.map((conference) => naturalPixels(conference.label)));
  return Math.min(TREND_COLUMN_MAX_PX, Math.max(TREND_COLUMN_MIN_PX, Math.ceil(longest) + 16));
}

/** The width that shows the plot at a readable size and the title and legend on one line, within MAX_CONTENT_WIDTH. */
function contentWidth(stats: TrackStats, messages: ChartMessages, legendEntries: readonly LegendEntry[], title: string, trend: boolean, labelWidth: number): number {
  const hasData = legendEntries.length > 0;
  const plot = !hasData ? naturalPixels(messages.empty)
    : trend ? VALUE_LABEL_SPACE + 8 + stats.conferences.length * trendColumnWidth(stats)
    : labelWidth + 8 + CONTENT_PLOT_PX + VALUE_LABEL_SPACE;
  const legend = legendEntries.reduce((sum, entry) => sum + legendEntryWidth(entry, LEGEND_LABEL_MAX_PX), 0) - LEGEND_ENTRY_GAP;
  const widest = Math.max(plot, legend, naturalPixels(title, TITLE_FONT_SIZE));
  return Math.min(MAX_CONTENT_WIDTH, Math.ceil(widest) + 2 * MARGIN);
}

/** Renders the stats as a standalone SVG document (also valid inline in HTML). */
export function renderTrackChart(stats: TrackStats, options: TrackChartOptions = {}): string {
  const palette = PALETTES[options.palette ?? 'vscode'];
  const messages: ChartMessages = { ...CHART_MESSAGES, ...options.messages };
  const mode = options.valueMode ?? stats.valueMode;
  const barThickness = Math.min(48, Math.max(4, options.barThickness ?? 14));
  const id = sanitizeId(options.idPrefix ?? 'track-chart');
  const title = options.title ?? messages.title;
  const description = options.description ?? (stats.totalSessions > 0 ? describe(stats, messages) : messages.empty);
  const hasData = stats.tracks.length > 0 && stats.conferences.length > 0;
  const trend = options.kind === 'trend';
  const trendTracks = stats.tracks.slice(0, TREND_MAX_TRACKS);
  const legendEntries: LegendEntry[] = !hasData ? []
    : trend ? trendTracks.map((row) => ({ label: trackLabel(row.name, messages), name: trackLabel(row.name, messages), data: { 'data-track': row.name } }))
    : stats.conferences.map((conference) => ({ label: conference.label, name: conference.name, data: { 'data-conference': conference.name } }));
  const labelWidth = trackLabelWidth(stats, messages, options.width);
  const width = Math.max(MIN_WIDTH, Math.round(options.width ?? contentWidth(stats, messages, legendEntries, title, trend, labelWidth)));
  const innerWidth = width - 2 * MARGIN;

  const parts: string[] = [];
  if (palette.background) parts.push(element('rect', { class: 'background', width: '100%', height: '100%', fill: palette.background }));
  parts.push(label(title, innerWidth, TITLE_FONT_SIZE, { class: 'chart-title', x: MARGIN, y: MARGIN + TITLE_FONT_SIZE, 'font-size': TITLE_FONT_SIZE, 'font-weight': 'bold', fill: palette.text }));
  let top = MARGIN + TITLE_FONT_SIZE + (lineCount(title, innerWidth, TITLE_FONT_SIZE) - 1) * lineHeightOf(TITLE_FONT_SIZE) + 16;

  let height: number;
  if (!hasData) {
    parts.push(label(messages.empty, innerWidth, FONT_SIZE, { class: 'empty', x: MARGIN, y: top + FONT_SIZE, fill: palette.text }));
    height = top + FONT_SIZE + (lineCount(messages.empty, innerWidth) - 1) * lineHeightOf(FONT_SIZE) + MARGIN * 2;
  } else {
    const legend = renderLegend(legendEntries, palette, MARGIN, top, innerWidth);
    parts.push(legend.markup);
    top += legend.height + 12;
    const plot = trend ? renderTrend(stats, trendTracks, palette, messages, mode, width, top) : renderPlot(stats, palette, messages, mode, width, top, barThickness, labelWidth);
    parts.push(plot.markup);
    height = plot.bottom + MARGIN;
  }

  const head = element('title', { id: `${id}-title` }, xmlText(title)) + element('desc', { id: `${id}-desc` }, xmlText(description));
  return element(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: 'track-chart',
      width,
      height,
      viewBox: `0 0 ${width} ${coordinate(height)}`,
      role: 'img',
      'aria-labelledby': `${id}-title`,
      'aria-describedby': `${id}-desc`,
      'font-family': palette.fontFamily,
      'font-size': FONT_SIZE,
    },
    head + parts.join(''),
  );
}

/**
 * Track labels, grid, bars, value labels and the value axis; returns where the plot ends. Each track's group starts
 * with an unpainted band behind its bars, which the panel fills with the theme's selection colour to point it out.
 */
function renderPlot(stats: TrackStats, palette: Palette, messages: ChartMessages, mode: ValueMode, width: number, top: number, barThickness: number, labelWidth: number): { markup: string; bottom: number } {
  const plotLeft = MARGIN + labelWidth + 8;
  const plotRight = width - MARGIN - VALUE_LABEL_SPACE;
  const tickCount = Math.max(2, Math.floor((plotRight - plotLeft) / 80));
  const maxValue = Math.max(1, ...stats.tracks.flatMap((row) => rowValues(row, mode)));
  const x = scaleLinear().domain([0, maxValue]).nice(tickCount).range([plotLeft, plotRight]);
  // Session counts are whole numbers: no 0.5 ticks when the biggest count is small.
  const ticks = x.ticks(tickCount).filter((tick) => mode === 'percent' || Number.isInteger(tick));

  // One band per track whose inner height fits one bar per conference; the padding separates groups.
  const groupPaddingInner = 0.3;
  const groupPaddingOuter = 0.15;
  // A group is as high as its longest track label's lines, so a wrapped label stays beside its own bars.
  const labelLines = Math.max(1, ...stats.tracks.map((row) => lineCount(trackLabel(row.name, messages), labelWidth)));
  const groupHeight = Math.max(stats.conferences.length * barThickness, labelLines > 1 ? labelLines * lineHeightOf(FONT_SIZE) : 0);
  const step = groupHeight / (1 - groupPaddingInner);
  const plotHeight = step * (stats.tracks.length - groupPaddingInner + 2 * groupPaddingOuter);
  const bottom = top + plotHeight;
  const trackBand = scaleBand<number>()
    .domain(stats.tracks.map((_, i) => i))
    .range([top, bottom])
    .paddingInner(groupPaddingInner)
    .paddingOuter(groupPaddingOuter);
  const barBand = scaleBand<number>()
    .domain(stats.conferences.map((_, i) => i))
    .range([0, trackBand.bandwidth()])
    .paddingInner(0.1);

  const grid = ticks.map((tick) => element('line', { class: 'grid', x1: x(tick), x2: x(tick), y1: top, y2: bottom, stroke: palette.grid, 'stroke-width': 1 })).join('');
  const axis =
    element('line', { class: 'axis', x1: plotLeft, x2: plotRight, y1: bottom, y2: bottom, stroke: palette.axis, 'stroke-width': 1 }) +
    ticks.map((tick) => element('text', { class: 'tick', x: x(tick), y: bottom + FONT_SIZE + 4, 'text-anchor': 'middle', fill: palette.text }, xmlText(formatValue(tick, mode)))).join('');

  const bandMargin = (step - trackBand.bandwidth()) / 2;
  const groups = stats.tracks.map((row, trackIndex) => {
    const groupTop = trackBand(trackIndex) ?? top;
    const name = trackLabel(row.name, messages);
    const values = rowValues(row, mode);
    const bars = stats.conferences.map((conference, conferenceIndex) => {
      const value = values[conferenceIndex];
      const barTop = groupTop + (barBand(conferenceIndex) ?? 0);
      const barWidth = x(value) - plotLeft;
      const text = formatValue(value, mode);
      const ariaLabel = fillTemplate(messages.bar, [name, conference.name, text]);
      return (
        element(
          'rect',
          {
            class: 'bar',
            x: plotLeft,
            y: barTop,
            width: barWidth,
            height: barBand.bandwidth(),
            ...seriesStyle(palette, conferenceIndex),
            // A bar of 0 is not drawn: no tab stop on nothing (its value is in the table and the description).
            tabindex: value > 0 ? '0' : undefined,
            role: 'graphics-symbol',
            'aria-label': ariaLabel,
            // Absent for the no-track bucket, so the webview can tell it from a track of that label.
            'data-track': row.name,
            'data-conference': conference.name,
          },
          element('title', {}, xmlText(ariaLabel)),
        ) +
        element('text', { class: 'value', x: plotLeft + barWidth + 4, y: barTop + barBand.bandwidth() / 2, 'dominant-baseline': 'central', 'font-size': FONT_SIZE - 1, fill: palette.text }, xmlText(text))
      );
    });
    const band = element('rect', { class: 'track-band', x: MARGIN / 2, y: groupTop - bandMargin, width: width - MARGIN, height: trackBand.bandwidth() + 2 * bandMargin, fill: 'none' });
    const trackName = label(name, labelWidth, FONT_SIZE, { class: 'track-label', x: plotLeft - 8, y: groupTop + trackBand.bandwidth() / 2, 'text-anchor': 'end', 'dominant-baseline': 'central', fill: palette.text }, name, 'centre');
    return element('g', { class: 'track' }, band + trackName + bars.join(''));
  });

  return { markup: grid + groups.join('') + axis, bottom: bottom + FONT_SIZE + 8 };
}

const TREND_PLOT_HEIGHT = 240;
const TREND_MARKER_RADIUS = 4;

/**
 * Value axis on the left, one column per conference (time order, short labels below, full names in `<title>`), and per
 * track a line through its values with a focusable marker per conference; returns where the plot ends.
 */
function renderTrend(stats: TrackStats, rows: readonly TrackStatsRow[], palette: Palette, messages: ChartMessages, mode: ValueMode, width: number, top: number): { markup: string; bottom: number } {
  const plotLeft = MARGIN + VALUE_LABEL_SPACE;
  const plotRight = width - MARGIN - 8;
  const bottom = top + TREND_PLOT_HEIGHT;
  const maxValue = Math.max(1, ...rows.flatMap((row) => rowValues(row, mode)));
  const y = scaleLinear().domain([0, maxValue]).nice(5).range([bottom, top]);
  const ticks = y.ticks(5).filter((tick) => mode === 'percent' || Number.isInteger(tick));
  const x = scalePoint<number>().domain(stats.conferences.map((_, i) => i)).range([plotLeft, plotRight]).padding(0.5);
  const columnPx = Math.max(24, x.step() - 8);
  const labelLines = Math.max(1, ...stats.conferences.map((conference) => lineCount(conference.label, columnPx)));

  const grid = ticks
    .map((tick) =>
      element('line', { class: 'grid', x1: plotLeft, x2: plotRight, y1: y(tick), y2: y(tick), stroke: palette.grid, 'stroke-width': 1 }) +
      element('text', { class: 'tick', x: plotLeft - 6, y: y(tick), 'text-anchor': 'end', 'dominant-baseline': 'central', fill: palette.text }, xmlText(formatValue(tick, mode))),
    )
    .join('');
  const axis =
    element('line', { class: 'axis', x1: plotLeft, x2: plotRight, y1: bottom, y2: bottom, stroke: palette.axis, 'stroke-width': 1 }) +
    stats.conferences
      .map((conference, i) =>
        label(conference.label, columnPx, FONT_SIZE, { class: 'conference-label', x: x(i) ?? plotLeft, y: bottom + FONT_SIZE + 4, 'text-anchor': 'middle', fill: palette.text }, conference.name),
      )
      .join('');

  const lines = rows.map((row, trackIndex) => {
    const name = trackLabel(row.name, messages);
    const values = rowValues(row, mode);
    const points = values.map((value, i) => `${coordinate(x(i) ?? plotLeft)},${coordinate(y(value))}`).join(' ');
    const style = seriesStyle(palette, trackIndex);
    const markers = stats.conferences.map((conference, i) => {
      const ariaLabel = fillTemplate(messages.bar, [name, conference.name, formatValue(values[i], mode)]);
      return element(
        'circle',
        {
          class: 'point', cx: x(i) ?? plotLeft, cy: y(values[i]), r: TREND_MARKER_RADIUS, ...style,
          // Like a bar, a point with sessions is a tab stop that lists them (the panel); one of 0 has none to list.
          tabindex: row.counts[i] > 0 ? '0' : undefined, role: 'graphics-symbol', 'aria-label': ariaLabel, 'data-track': row.name, 'data-conference': conference.name,
        },
        element('title', {}, xmlText(ariaLabel)),
      );
    });
    return element(
      'g',
      { class: 'trend-line', 'data-track': row.name },
      element('polyline', { points, fill: 'none', stroke: style.fill, 'stroke-opacity': style['fill-opacity'], 'stroke-width': 2 }) + markers.join(''),
    );
  });

  return { markup: grid + axis + lines.join(''), bottom: bottom + FONT_SIZE + (labelLines - 1) * lineHeightOf(FONT_SIZE) + 8 };
}
