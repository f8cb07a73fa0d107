// Where Insert Session puts a session in a report: inside the wanted track (at the cursor or the track's end),
// or a new track before a closing summary section.

import { readFrontMatter } from '../notes/frontMatter';
import { collapseWhitespace, markdown, readMarkdownStructure, type MarkdownHeading } from '../notes/markdown';
import { type LineRange } from '../notes/model';
import type { HeadingLevels } from './builtIn';

/** Titles of a report's closing section; a new track goes before it. Compared case-insensitively. */
export const SUMMARY_SECTION_TITLES = [
  'summary', 'conclusion', 'conclusions', 'wrap-up', 'wrap up', 'closing thoughts',
  'まとめ', 'おわりに', '終わりに', '総括', '所感', '感想',
];

export interface InsertionPlan {
  /** Zero-based position to insert at (`character` in UTF-16 code units, as VS Code counts). */
  readonly line: number;
  readonly character: number;
  /** True when the track has no section in this file yet: insert {@link trackSectionSnippet}'s text. */
  readonly addTrackHeading: boolean;
  /** Line breaks to put before and after the snippet so it is set off by blank lines and nothing else moves. */
  readonly prefix: string;
  readonly suffix: string;
}

/**
 * Where to insert a session of `track` in a report: at the cursor when it is on a blank line between blocks of
 * that track's section, after the session part the cursor is in when it is elsewhere in that section, else at
 * the end of the track's (last) section. For a track without a section, a new section goes at the end of the
 * report, before a closing Summary/まとめ section. `levels` are the file's effective heading levels.
 */
export function insertionPlan(documentText: string, cursorLine: number, track: string, levels: HeadingLevels): InsertionPlan {
  const lines = documentText.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const { headings, blocks } = readOutline(lines.join('\n'));
  const { trackHeadingLevel, sessionHeadingLevel } = levels;
  const sectionEnd = (headingIndex: number, maxLevel: number): number =>
    headings.slice(headingIndex + 1).find((heading) => heading.level <= maxLevel)?.line ?? lines.length;

  const wanted = headingKey(track);
  const sections = headings
    .map((heading, index) => ({ heading, index }))
    .filter(({ heading }) => heading.level === trackHeadingLevel && headingKey(heading.text) === wanted)
    .map(({ heading, index }) => ({ start: heading.line, end: sectionEnd(index, trackHeadingLevel) }));

  if (sections.length > 0) {
    const current = sections.find((section) => cursorLine >= section.start && cursorLine < section.end);
    if (!current) {
      const last = sections[sections.length - 1];
      return { ...afterContent(lines, last.start, last.end), addTrackHeading: false };
    }
    const betweenBlocks = isBlank(lines[cursorLine]) && !blocks.some((block) => cursorLine >= block.start && cursorLine < block.end);
    if (betweenBlocks) {
      return {
        line: cursorLine,
        character: 0,
        prefix: isBlank(lines[cursorLine - 1]) ? '' : '\n',
        suffix: cursorLine + 1 < lines.length && !isBlank(lines[cursorLine + 1]) ? '\n' : '',
        addTrackHeading: false,
      };
    }
    const partEnd = headings.find((heading) => heading.line > cursorLine && heading.level <= sessionHeadingLevel)?.line ?? lines.length;
    return { ...afterContent(lines, cursorLine, Math.min(partEnd, current.end)), addTrackHeading: false };
  }

  const summaryIndex = headings.findIndex(
    (heading, index) =>
      heading.level === trackHeadingLevel &&
      SUMMARY_SECTION_TITLES.includes(headingKey(heading.text)) &&
      !headings.slice(index + 1).some((later) => later.level === sessionHeadingLevel),
  );
  const boundary = summaryIndex === -1 ? lines.length : headings[summaryIndex].line;
  return { ...afterContent(lines, 0, boundary), addTrackHeading: true };
}

/**
 * Line breaks that set text replacing [start, end) off as a block of its own — a blank line before and after it, and
 * a line end after it at the end of the document — adding only the breaks the surrounding text lacks (an image line
 * directly above a paragraph would join it).
 */
export function blockSeparators(documentText: string, start: TextPosition, end: TextPosition): { prefix: string; suffix: string } {
  const lines = documentText.split(/\r\n|\r|\n/);
  const before = (lines[start.line] ?? '').slice(0, start.character);
  const after = (lines[end.line] ?? '').slice(end.character);
  const prefix = !isBlank(before) ? '\n\n' : start.line > 0 && !isBlank(lines[start.line - 1]) ? '\n' : '';
  // At the end of the document the block still ends its line.
  const suffix = !isBlank(after) ? '\n\n' : end.line + 1 >= lines.length || !isBlank(lines[end.line + 1]) ? '\n' : '';
  return { prefix, suffix };
}

/** A zero-based line and a UTF-16 column, as VS Code counts. */
export interface TextPosition {
  readonly line: number;
  readonly character: number;
}

/** The heading text of the track section holding `line` (a report's track heading at or above it), if any. */
export function trackAtLine(documentText: string, line: number, levels: HeadingLevels): string | undefined {
  const { headings } = readOutline(documentText.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  const above = headings.filter((heading) => heading.line <= line && heading.level <= levels.trackHeadingLevel).at(-1);
  return above?.level === levels.trackHeadingLevel ? above.text : undefined;
}

/**
 * Headings and top-level block line ranges (end exclusive) of a document with LF line endings, read by the
 * note parser's own front matter and markdown readers so that headings are exactly the ones the model sees.
 */
function readOutline(text: string): { headings: readonly MarkdownHeading[]; blocks: readonly LineRange[] } {
  const { bodyOffset, bodyLine } = readFrontMatter(text);
  const body = text.slice(bodyOffset);
  const { headings } = readMarkdownStructure(body, bodyLine);
  const blocks = markdown
    .parse(body, {})
    .filter((token) => token.level === 0 && token.nesting !== -1 && token.map)
    .map((token) => ({ start: (token.map as [number, number])[0] + bodyLine, end: (token.map as [number, number])[1] + bodyLine }));
  return { headings, blocks };
}

/** Inserts after the last non-blank line in [from, boundary), separated by a blank line. */
function afterContent(lines: readonly string[], from: number, boundary: number): Omit<InsertionPlan, 'addTrackHeading'> {
  for (let line = boundary - 1; line >= from; line--) {
    if (!isBlank(lines[line])) return { line, character: lines[line].length, prefix: '\n\n', suffix: '' };
  }
  return boundary < lines.length
    ? { line: boundary, character: 0, prefix: '', suffix: '\n\n' }
    : { line: from, character: 0, prefix: '', suffix: '' };
}

function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim() === '';
}

/** A heading's plain text as compared with a track name: Unicode-normalised, case folded. */
function headingKey(text: string): string {
  return collapseWhitespace(text.normalize('NFC')).toLowerCase();
}
