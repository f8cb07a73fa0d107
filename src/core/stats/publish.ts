// Publish: a copy of a report for a blog (Hatena, Zenn, Qiita, a static site) with every `conference-stats` block
// replaced by an image file and the Markdown table, so the report reads the same without the extension. The source
// text is only read; the hosts write the copy and the images (as SVG, or drawn as PNG where a blog takes no SVG: the
// core has no canvas, so the hosts rasterise), and ask (or refuse, on the command line) before replacing a file.
import { markdownImage } from '../notes/markdownLinks';
import type { Session } from '../notes/model';
import type { NoteIndex } from '../notes/noteIndex';
import { slugifyFileName } from '../templates/fileNames';
import { renderTrackChart, type ChartPalette, type TrackChartOptions } from './chart';
import { statsToMarkdownTable, type StatsLabels } from './stats';
import { parseStatsBlock, statsForBlock, STATS_BLOCK_LANGUAGE, type StatsBlockProblem } from './statsBlock';

/** A `conference-stats` block of a note: its lines (fences included, zero-based, end inclusive) and its content. */
export interface StatsBlockLocation {
  readonly startLine: number;
  readonly endLine: number;
  /** Line of the first option (the line after the opening fence). */
  readonly contentLine: number;
  readonly content: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)?[^`]*$/;

/** Every `conference-stats` block, as markdown reads fences: a fence inside another fence is text, an unclosed one runs to the end. */
export function findStatsBlocks(text: string): StatsBlockLocation[] {
  const lines = text.split(/\r\n|\r|\n/);
  const blocks: StatsBlockLocation[] = [];
  let open: { marker: string; start: number; stats: boolean } | undefined;
  // `end`: the closing fence's line, or the line count for a block left open.
  const close = (end: number) => {
    if (open?.stats) blocks.push({ startLine: open.start, endLine: Math.min(end, lines.length - 1), contentLine: open.start + 1, content: lines.slice(open.start + 1, end).join('\n') });
    open = undefined;
  };
  lines.forEach((line, i) => {
    const match = FENCE.exec(line);
    if (!open) {
      if (match) open = { marker: match[1], start: i, stats: (match[2] ?? '') === STATS_BLOCK_LANGUAGE };
      return;
    }
    const closing = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
    if (closing && closing[1][0] === open.marker[0] && closing[1].length >= open.marker.length) close(i);
  });
  close(lines.length);
  return blocks;
}

/** The format of the published images: `png` for blogs that take no SVG. */
export type PublishFormat = 'svg' | 'png';
export const PUBLISH_FORMATS: readonly PublishFormat[] = ['svg', 'png'];

export interface PublishedImage {
  /** File name beside the published report, e.g. `report-chart-1.svg` (or `.png`). */
  readonly fileName: string;
  /** The chart; for a PNG, what the host draws. */
  readonly svg: string;
}

export interface PublishOptions {
  /** The report's file name without extension: images are named after it. */
  readonly reportName: string;
  /** Colours of the standalone images (default `light`, what most blogs show). */
  readonly palette?: ChartPalette;
  readonly labels?: Partial<StatsLabels>;
  readonly chartMessages?: TrackChartOptions['messages'];
  /** Alternative text of each image (default: the chart's title). */
  readonly imageAlt?: string;
  /** What the image files will be (default `svg`): names their extension; a host draws PNGs from `svg`. */
  readonly format?: PublishFormat;
}

export interface PublishResult {
  readonly markdown: string;
  readonly images: readonly PublishedImage[];
  /** Blocks with a bad option are left as written; their problems, with the note's line numbers. */
  readonly problems: readonly StatsBlockProblem[];
}

/** The published copy of a report. The line ends of the source are kept. */
export function publishReport(text: string, source: NoteIndex | readonly Session[], options: PublishOptions): PublishResult {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r\n|\r|\n/);
  const images: PublishedImage[] = [];
  const problems: StatsBlockProblem[] = [];
  const stem = slugifyFileName(options.reportName, { fallback: 'report' });
  const output: string[] = [];
  let next = 0;
  for (const block of findStatsBlocks(text)) {
    output.push(...lines.slice(next, block.startLine));
    next = block.endLine + 1;
    const parsed = parseStatsBlock(block.content);
    if (parsed.problems.length > 0) {
      problems.push(...parsed.problems.map((problem) => ({ ...problem, line: problem.line + block.contentLine })));
      output.push(...lines.slice(block.startLine, next));
      continue;
    }
    const stats = statsForBlock(source, parsed.options);
    const replacement: string[] = [];
    if (parsed.options.show.chart) {
      const fileName = `${stem}-chart-${images.length + 1}.${options.format ?? 'svg'}`;
      const svg = renderTrackChart(stats, { palette: options.palette ?? 'light', kind: parsed.options.chart, messages: options.chartMessages, idPrefix: `chart-${images.length + 1}` });
      images.push({ fileName, svg });
      replacement.push(markdownImage(options.imageAlt ?? options.chartMessages?.title ?? 'Sessions per track', fileName));
    }
    if (parsed.options.show.table) {
      if (replacement.length > 0) replacement.push('');
      replacement.push(...statsToMarkdownTable(stats, { labels: options.labels }).trimEnd().split('\n'));
    }
    output.push(...replacement);
  }
  output.push(...lines.slice(next));
  return { markdown: output.join(eol), images, problems };
}
