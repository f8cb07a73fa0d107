// Markdown structure of a note: headings and the paragraphs that may hold fields. The block structure comes from
// a token-free reader that reproduces markdown-it's block rules (markdownFastPath.ts), or from markdown-it's block
// tokens for the few notes that reader declines. Inline rules run for heading text alone: everything else keeps
// the raw paragraph text that the block pass sliced out. That keeps a full index close to the cost of reading the
// files.
import MarkdownIt from 'markdown-it';
import { readBlockOutlineFast, type BlockOutline, type MarkdownParagraph, type OutlineHeading } from './markdownFastPath';

/** The one markdown-it instance of the core. `html: false`: note text never becomes markup. */
export const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

// Block parsing only: `md.parse` then yields `inline` tokens whose `content` is the raw text and whose
// children are never computed. Heading text is reduced on demand in `plainHeadingText`.
markdown.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);
// Tables and link reference definitions hold neither headings nor fields; read as paragraphs they cost less.
markdown.block.ruler.disable(['table', 'reference']);

export interface MarkdownHeading {
  /** 1–6. ATX and setext headings alike. */
  readonly level: number;
  /** Inline markup reduced to plain text, whitespace collapsed. */
  readonly text: string;
  /** Zero-based line of the heading text in the whole document. */
  readonly line: number;
}

export type { MarkdownParagraph };

export interface MarkdownStructure {
  readonly headings: readonly MarkdownHeading[];
  readonly paragraphs: readonly MarkdownParagraph[];
  /** Zero-based line of the last line holding content (-1 for an empty body). */
  readonly lastContentLine: number;
}

/**
 * Reads the headings and paragraphs of `body`. `lineOffset` is the document line where `body` starts (after
 * front matter), so every line returned refers to the whole document. The token-free reader handles almost
 * every note; markdown-it reads the rest, with the same result.
 */
export function readMarkdownStructure(body: string, lineOffset = 0): MarkdownStructure {
  const outline = readBlockOutlineFast(body, lineOffset) ?? readBlockOutlineWithMarkdownIt(body, lineOffset);
  const headings = outline.headings.map((heading) => ({ level: heading.level, text: plainHeadingText(heading.source), line: heading.line }));
  const unspaced = outline.paragraphs.some(isUnspacedHeading);
  if (!unspaced) return { headings, paragraphs: outline.paragraphs, lastContentLine: outline.lastContentLine };
  // `##Heading`: markdown needs a space after the hashes, but its author meant a heading.
  const paragraphs: MarkdownParagraph[] = [];
  for (const paragraph of outline.paragraphs) {
    if (!isUnspacedHeading(paragraph)) {
      paragraphs.push(paragraph);
      continue;
    }
    const hashes = /^#+/.exec(paragraph.content)?.[0].length ?? 1;
    headings.push({ level: hashes, text: plainHeadingText(paragraph.content.slice(hashes)), line: paragraph.line });
  }
  headings.sort((a, b) => a.line - b.line);
  return { headings, paragraphs, lastContentLine: outline.lastContentLine };
}

// One line of 2–6 hashes and text, no other `#`: `##Notes`, `###Q&A`. A single `#word` is a hashtag.
const UNSPACED_HEADING = /^#{2,6}[^\s#][^#\n]*$/;

function isUnspacedHeading(paragraph: MarkdownParagraph): boolean {
  return !paragraph.listItem && paragraph.content.charCodeAt(0) === 0x23 && UNSPACED_HEADING.test(paragraph.content);
}

/** The block outline from markdown-it's tokens: the reference that `readBlockOutlineFast` reproduces. */
export function readBlockOutlineWithMarkdownIt(body: string, lineOffset = 0): BlockOutline {
  const tokens = markdown.parse(body, {});
  const headings: OutlineHeading[] = [];
  const paragraphs: MarkdownParagraph[] = [];
  let lastContentLine = -1;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token.map && token.level === 0) lastContentLine = Math.max(lastContentLine, token.map[1] - 1 + lineOffset);
    if (token.type === 'heading_open') {
      // Headings nested in lists or block quotes are part of the text, not of the note's outline.
      if (token.level === 0) {
        headings.push({ level: Number(token.tag.slice(1)), source: tokens[index + 1].content, line: (token.map?.[0] ?? 0) + lineOffset });
      }
      index += 2; // inline + heading_close
    } else if (token.type === 'inline' && token.map) {
      const opener = tokens[index - 2];
      paragraphs.push({ content: token.content, line: token.map[0] + lineOffset, listItem: opener !== undefined && opener.type === 'list_item_open' });
    }
  }
  return { headings, paragraphs, lastContentLine };
}

/** Heading text beyond this length is cut: no title is that long, and a pathological line must stay cheap. */
export const MAX_HEADING_CHARS = 1000;

// Characters that may start inline markup (emphasis, code, links, images, escapes, entities, strikethrough).
// Headings without any of them, the common case, skip the inline parser.
const INLINE_MARKUP = /[\\`*_[\]!&<~]/;

/** Heading source reduced to what a reader sees: link and code text kept, emphasis dropped, escapes resolved. */
export function plainHeadingText(source: string): string {
  const cut = source.length > MAX_HEADING_CHARS;
  const kept = cut ? source.slice(0, MAX_HEADING_CHARS) : source;
  let text = kept;
  if (INLINE_MARKUP.test(kept)) {
    const children: MarkdownIt.Token[] = [];
    markdown.inline.parse(kept, markdown, {}, children);
    text = inlineText(children);
  }
  return cut ? `${collapseWhitespace(text)}…` : collapseWhitespace(text);
}

function inlineText(tokens: readonly MarkdownIt.Token[]): string {
  let text = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
      case 'text_special':
      case 'code_inline':
        text += token.content;
        break;
      case 'image':
        text += inlineText(token.children ?? []);
        break;
      case 'softbreak':
      case 'hardbreak':
        text += ' ';
        break;
      default:
        break; // emphasis, strikethrough and link open/close markers carry no text
    }
  }
  return text;
}

export function collapseWhitespace(text: string): string {
  return hasLooseWhitespace(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

/**
 * Whether `text` has whitespace that `collapseWhitespace` changes: any but single spaces between other characters.
 * Most headings have none, and this look costs less than the replacement.
 */
function hasLooseWhitespace(text: string): boolean {
  const last = text.length - 1;
  for (let index = 0; index <= last; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x20) {
      if (index === 0 || index === last || text.charCodeAt(index + 1) === 0x20) return true;
    } else if (code < 0x20 || (code >= 0x80 && mayBeUnicodeSpace(code) && WHITESPACE.test(text.charAt(index)))) {
      return true;
    }
  }
  return false;
}

const WHITESPACE = /\s/;

/** The ranges that hold every non-ASCII `\s` character (no-break, ideographic and typographic spaces, BOM). */
function mayBeUnicodeSpace(code: number): boolean {
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x205f) || code === 0x3000 || code === 0xfeff;
}
