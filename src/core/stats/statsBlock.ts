// The `conference-stats` fenced block: options as YAML-like `key: value` lines, validated, and rendered as static
// HTML (the one chart renderer's SVG and an HTML table) for the Markdown preview; Publish turns the same block into an
// image and a Markdown table. Nothing here runs a script, and every piece of note text is escaped.
import { coreMessage, type CoreMessage } from '../messages';
import { SESSION_STATUSES, type Session, type SessionStatus } from '../notes/model';
import type { NoteIndex } from '../notes/noteIndex';
import { renderTrackChart, xmlAttribute, xmlText, type ChartKind, type ChartPalette, type TrackChartOptions } from './chart';
import { computeTrackStats, STATS_SCOPES, statsToTable, type StatsLabels, type StatsScope, type TrackSort, type TrackStats, type ValueMode } from './stats';

/** The info string that marks the block. */
export const STATS_BLOCK_LANGUAGE = 'conference-stats';

export const STATS_BLOCK_MESSAGES = {
  'unknown-key': 'Unknown option "{0}"; use one of: {1}.',
  'invalid-value': 'Option "{0}" takes {1}, not "{2}".',
  'not-an-option': 'Write options as "key: value" lines, not "{0}".',
  'duplicate-key': 'Option "{0}" is given twice; the first one counts.',
  'empty-value': 'Option "{0}" needs a value.',
  errorTitle: 'This conference-stats block has problems:',
  lineNumber: 'Line {0}: {1}',
  conferences: 'Which conferences, comma-separated (default: all). They are always shown in time order.',
  show: 'What to show: chart, table, or both (default: both).',
  sort: 'Track order: count (most sessions first, default) or name.',
  values: 'Session counts (count, default) or each conference\'s share (percent).',
  status: 'Only sessions with these statuses, comma-separated (default: every session).',
  chart: 'bars (default): bars per track and conference; trend: one line per track across the conferences.',
  tracks: 'Only these tracks, comma-separated (default: every track).',
  scope: 'Which sessions count: programme (every session of the imported schedules) or mine (attended, watched or with notes of your own); default: programme when every conference has one.',
} as const;

export type StatsBlockProblemCode = 'unknown-key' | 'invalid-value' | 'not-an-option' | 'duplicate-key' | 'empty-value';

export interface StatsBlockProblem extends CoreMessage<StatsBlockProblemCode> {
  /** Zero-based line within the block's content. */
  readonly line: number;
}

export interface StatsBlockOptions {
  readonly conferences?: readonly string[];
  readonly show: { readonly chart: boolean; readonly table: boolean };
  readonly sort: TrackSort;
  readonly values: ValueMode;
  readonly statuses?: readonly SessionStatus[];
  readonly chart: ChartKind;
  readonly tracks?: readonly string[];
  readonly scope?: StatsScope;
}

export type StatsBlockKey = 'conferences' | 'show' | 'sort' | 'values' | 'status' | 'chart' | 'tracks' | 'scope';

/** Every option with the values it takes (undefined: free text, comma-separated), for validation, completion and hover. */
export const STATS_BLOCK_KEYS: Readonly<Record<StatsBlockKey, readonly string[] | undefined>> = {
  conferences: undefined,
  show: ['chart', 'table', 'both'],
  sort: ['count', 'name'],
  values: ['count', 'percent'],
  status: SESSION_STATUSES,
  chart: ['bars', 'trend'],
  tracks: undefined,
  scope: STATS_SCOPES,
};

/** Own keys only: `constructor` or `toString` in a block is an unknown option, not the object's prototype. */
export function isStatsBlockKey(key: string): key is StatsBlockKey {
  return Object.prototype.hasOwnProperty.call(STATS_BLOCK_KEYS, key);
}

/** A `#` starts a comment at the line start or after a space, so `C#` in a track name stays. */
function withoutComment(line: string): string {
  return line.replace(/(^|\s)#.*$/, '').trim();
}

function listOf(value: string): string[] {
  return value.split(',').map((item) => item.trim()).filter((item) => item.length > 0);
}

/** Reads the block's lines; every problem names its line, and the options fall back to their defaults. */
export function parseStatsBlock(content: string): { readonly options: StatsBlockOptions; readonly problems: readonly StatsBlockProblem[] } {
  const problems: StatsBlockProblem[] = [];
  const problem = (code: StatsBlockProblemCode, args: readonly string[], line: number) => problems.push({ ...coreMessage(STATS_BLOCK_MESSAGES, code, args), line });
  const seen = new Set<string>();
  let options: StatsBlockOptions = { show: { chart: true, table: true }, sort: 'count', values: 'count', chart: 'bars' };
  content.split(/\r\n|\r|\n/).forEach((raw, line) => {
    const text = withoutComment(raw);
    if (text === '') return;
    const colon = text.indexOf(':');
    if (colon <= 0) return void problem('not-an-option', [text], line);
    const key = text.slice(0, colon).trim().toLowerCase();
    const value = text.slice(colon + 1).trim();
    if (!isStatsBlockKey(key)) return void problem('unknown-key', [key, Object.keys(STATS_BLOCK_KEYS).join(', ')], line);
    if (seen.has(key)) return void problem('duplicate-key', [key], line);
    seen.add(key);
    const allowed = STATS_BLOCK_KEYS[key];
    const items = listOf(value);
    const invalid = allowed ? items.find((item) => !allowed.includes(item.toLowerCase())) : undefined;
    if (items.length === 0) return void problem('empty-value', [key], line);
    const oneValueOnly = key !== 'status' && key !== 'show' && items.length > 1;
    if (allowed && (invalid !== undefined || oneValueOnly)) return void problem('invalid-value', [key, allowed.join(' | '), invalid ?? value], line);
    const first = items[0].toLowerCase();
    switch (key) {
      case 'conferences':
      case 'tracks':
        options = { ...options, [key]: items };
        return;
      case 'show': {
        const shown = new Set(items.map((item) => item.toLowerCase()));
        options = { ...options, show: { chart: shown.has('chart') || shown.has('both'), table: shown.has('table') || shown.has('both') } };
        return;
      }
      case 'sort':
        options = { ...options, sort: first as TrackSort };
        return;
      case 'values':
        options = { ...options, values: first as ValueMode };
        return;
      case 'status':
        options = { ...options, statuses: items.map((item) => item.toLowerCase() as SessionStatus) };
        return;
      case 'chart':
        options = { ...options, chart: first as ChartKind };
        return;
      case 'scope':
        options = { ...options, scope: first as StatsScope };
        return;
    }
  });
  return { options, problems };
}

/** The stats a block asks for. */
export function statsForBlock(source: NoteIndex | readonly Session[], options: StatsBlockOptions): TrackStats {
  return computeTrackStats(source, { conferences: options.conferences, statuses: options.statuses, tracks: options.tracks, sort: options.sort, valueMode: options.values, scope: options.scope });
}

/** Localised texts for the rendered block; English by default. */
export interface StatsBlockTexts {
  readonly message: (template: string, args: readonly string[]) => string;
  readonly labels?: Partial<StatsLabels>;
  readonly chart?: TrackChartOptions['messages'];
}

export interface StatsBlockRenderOptions {
  readonly palette?: ChartPalette;
  /** Distinguishes several blocks of one page (ids of the chart's title and description). */
  readonly idPrefix?: string;
  readonly texts: StatsBlockTexts;
}

/** The visible error box: what is wrong, line by line (1-based, counted from the first line inside the fence). */
export function renderProblemBox(problems: readonly StatsBlockProblem[], texts: StatsBlockTexts): string {
  const items = problems.map((problem) => `<li>${xmlText(texts.message(STATS_BLOCK_MESSAGES.lineNumber, [String(problem.line + 1), texts.message(problem.message, problem.args)]))}</li>`);
  return `<div class="conference-stats-error" role="alert"><p>${xmlText(texts.message(STATS_BLOCK_MESSAGES.errorTitle, []))}</p><ul>${items.join('')}</ul></div>`;
}

/** The table as HTML: header cells, a row per track, the total row; numbers right-aligned. */
function htmlTable(stats: TrackStats, labels: Partial<StatsLabels> | undefined): string {
  const table = statsToTable(stats, { labels });
  const row = (cells: readonly string[], tag: 'th' | 'td') =>
    `<tr>${cells.map((cell, i) => `<${tag}${i > 0 ? ' style="text-align:right"' : ''}>${xmlText(cell)}</${tag}>`).join('')}</tr>`;
  return `<table class="conference-stats-table"><thead>${row(table.header, 'th')}</thead><tbody>${table.rows.map((cells) => row(cells, 'td')).join('')}</tbody></table>`;
}

/** The block as static HTML: the error box when an option is wrong, else the chart and/or the table. */
export function renderStatsBlock(source: NoteIndex | readonly Session[], content: string, options: StatsBlockRenderOptions): string {
  const { options: block, problems } = parseStatsBlock(content);
  if (problems.length > 0) return renderProblemBox(problems, options.texts);
  const stats = statsForBlock(source, block);
  const parts: string[] = [];
  if (block.show.chart) {
    parts.push(renderTrackChart(stats, { palette: options.palette ?? 'vscode', kind: block.chart, idPrefix: options.idPrefix, messages: options.texts.chart }));
  }
  if (block.show.table) parts.push(htmlTable(stats, options.texts.labels));
  return `<div class="conference-stats" data-chart="${xmlAttribute(block.chart)}">${parts.join('')}</div>`;
}
