// The block outline of a note (headings, paragraphs, last content line) without building markdown-it tokens.
// markdown-it's block pass costs about as much as reading the files, mostly in `Token` objects and the garbage
// they leave; the index needs none of them. This reader follows markdown-it 15's block algorithm rule for rule
// (same line table, same indentation arithmetic, same terminators, rules in the same order) for the rules that
// the core's markdown-it instance runs: indented code, fences, thematic breaks, lists, ATX and setext headings and
// paragraphs (`html: false` turns HTML blocks off; tables and reference definitions are off too). For anything it
// does not reproduce — block quotes, `\r` or NUL characters, very deep nesting, very long notes — it declines,
// and the caller uses markdown-it. test/unit/markdownFastPath.test.ts checks that both readers agree on generated
// documents.

/** A paragraph outside headings and code: where `key: value` list items and `key:: value` fields live. */
export interface MarkdownParagraph {
  /** Raw text of the paragraph, lines joined by `\n` (leading indentation removed by the block parser). */
  readonly content: string;
  /** Zero-based line of the paragraph's first line in the whole document. */
  readonly line: number;
  /** Whether it is the first paragraph of a list item (`- key: value`). */
  readonly listItem: boolean;
}

/** A top-level heading with its source text, before inline markup is reduced. */
export interface OutlineHeading {
  /** 1–6. ATX and setext headings alike. */
  readonly level: number;
  /** The heading's source text as markdown-it slices it (markers and surrounding blanks removed). */
  readonly source: string;
  /** Zero-based line of the heading text in the whole document. */
  readonly line: number;
}

/** What the index reads from a note's block structure. */
export interface BlockOutline {
  /** Headings outside lists (and block quotes), in document order. */
  readonly headings: readonly OutlineHeading[];
  /** Every paragraph at any depth, in document order. */
  readonly paragraphs: readonly MarkdownParagraph[];
  /** Zero-based line where the last top-level block ends (-1 for an empty body). */
  readonly lastContentLine: number;
}

/**
 * The outline of `body` read without markdown-it, or undefined when the body holds a construct this reader
 * does not reproduce. `lineOffset` is the document line where `body` starts.
 */
export function readBlockOutlineFast(body: string, lineOffset = 0): BlockOutline | undefined {
  if (body.length === 0) return { headings: [], paragraphs: [], lastContentLine: -1 };
  // markdown-it rewrites `\r` and NUL before parsing; the parser has already normalised line ends.
  if (body.indexOf('\r') !== -1 || body.indexOf('\0') !== -1) return undefined;
  try {
    const scanner = new BlockScanner(body, lineOffset);
    scanner.tokenize(0, scanner.lineMax);
    return { headings: scanner.headings, paragraphs: scanner.paragraphs, lastContentLine: scanner.lastContentLine };
  } catch (error) {
    if (error === DECLINED) return undefined;
    throw error;
  }
}

/** Thrown from any depth of the scan when the note needs markdown-it; caught in `readBlockOutlineFast`. */
const DECLINED = new Error('markdown fast path declined');

/** Lists nested deeper than this go to markdown-it, far below its own nesting limit (`maxNesting`: 100 levels). */
const MAX_LIST_DEPTH = 20;
/** Longer notes go to markdown-it, so the reused line table never holds more than 1 MB. */
const MAX_LINES = 65_536;

const TAB = 0x09;
const NEWLINE = 0x0a;
const SPACE = 0x20;
const HASH = 0x23;
const CLOSE_PAREN = 0x29;
const STAR = 0x2a;
const PLUS = 0x2b;
const DASH = 0x2d;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const EQUALS = 0x3d;
const GREATER_THAN = 0x3e;
const UNDERSCORE = 0x5f;
const BACKTICK = 0x60;
const TILDE = 0x7e;

function isSpace(code: number): boolean {
  return code === SPACE || code === TAB;
}

function isAsciiTrimmable(code: number): boolean {
  return code === SPACE || code === TAB || code === NEWLINE || code === 0x0d;
}

/** markdown-it's `asciiTrim`: block text keeps Unicode spaces at its ends. */
function asciiTrim(text: string): string {
  let start = 0;
  while (start < text.length && isAsciiTrimmable(text.charCodeAt(start))) start++;
  let end = text.length - 1;
  while (end >= start && isAsciiTrimmable(text.charCodeAt(end))) end--;
  return start === 0 && end === text.length - 1 ? text : text.slice(start, end + 1);
}

// The line table, as in markdown-it's StateBlock: per line, where it begins and ends, how many characters of
// indentation it has (`tShift`) and its indentation in columns with tabs expanded (`sCount`). Without block
// quotes markdown-it's `bsCount` is always 0, so it is left out. The arrays are reused from note to note: the
// scan is synchronous and never re-entered.
let tableCapacity = 0;
let bMarks = new Int32Array(0);
let eMarks = new Int32Array(0);
let tShift = new Int32Array(0);
let sCount = new Int32Array(0);

function growLineTable(lines: number): void {
  if (lines <= tableCapacity) return;
  const capacity = Math.max(lines, tableCapacity * 2, 256);
  const grow = (old: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
    const next = new Int32Array(capacity);
    next.set(old);
    return next;
  };
  bMarks = grow(bMarks);
  eMarks = grow(eMarks);
  tShift = grow(tShift);
  sCount = grow(sCount);
  tableCapacity = capacity;
}

class BlockScanner {
  readonly headings: OutlineHeading[] = [];
  readonly paragraphs: MarkdownParagraph[] = [];
  lastContentLine = -1;
  /** Number of lines; the table holds one more, an empty sentinel line at the end of the text. */
  readonly lineMax: number;
  /** markdown-it's `state.line`: the first line the last rule did not consume. */
  private line = 0;
  private blkIndent = 0;
  /** Content indentation of the enclosing list (-1 outside lists), for markdown-it's nested-list check. */
  private listIndent = -1;
  private listDepth = 0;
  /** Whether the next block is the first one of a list item (markdown-it: preceded by `list_item_open`). */
  private firstInItem = false;

  constructor(private readonly src: string, private readonly lineOffset: number) {
    this.lineMax = this.buildLineTable();
  }

  /** Mirrors StateBlock's constructor, including its one quirk: a last line of only blanks is no line. */
  private buildLineTable(): number {
    const src = this.src;
    const length = src.length;
    let lines = 0;
    let start = 0;
    while (start < length) {
      let pos = start;
      let columns = 0;
      let code = src.charCodeAt(pos);
      while (pos < length && isSpace(code)) {
        columns += code === TAB ? 4 - (columns % 4) : 1;
        code = src.charCodeAt(++pos);
      }
      const newline = src.indexOf('\n', pos);
      if (pos === length) break; // trailing blanks without a line end
      const end = newline === -1 ? length : newline;
      if (lines === MAX_LINES) throw DECLINED;
      growLineTable(lines + 2);
      bMarks[lines] = start;
      eMarks[lines] = end;
      tShift[lines] = pos - start;
      sCount[lines] = columns;
      lines++;
      start = end + 1;
    }
    growLineTable(lines + 1);
    bMarks[lines] = length;
    eMarks[lines] = length;
    tShift[lines] = 0;
    sCount[lines] = 0;
    return lines;
  }

  private isEmpty(line: number): boolean {
    return bMarks[line] + tShift[line] >= eMarks[line];
  }

  private skipEmptyLines(from: number): number {
    while (from < this.lineMax && bMarks[from] + tShift[from] >= eMarks[from]) from++;
    return from;
  }

  private skipSpaces(pos: number): number {
    while (pos < this.src.length && isSpace(this.src.charCodeAt(pos))) pos++;
    return pos;
  }

  private skipChars(pos: number, code: number): number {
    while (pos < this.src.length && this.src.charCodeAt(pos) === code) pos++;
    return pos;
  }

  /** The first character after a line's indentation. */
  private firstChar(line: number): number {
    return this.src.charCodeAt(bMarks[line] + tShift[line]);
  }

  tokenize(startLine: number, endLine: number): void {
    let line = startLine;
    while (line < endLine) {
      line = this.skipEmptyLines(line);
      this.line = line;
      if (line >= endLine || sCount[line] < this.blkIndent) break;
      if (!this.code(line, endLine) && !this.startsMarkedBlock(line, endLine)) this.paragraphOrSetextHeading(line, endLine);
      if (this.listDepth === 0) this.lastContentLine = this.line - 1 + this.lineOffset;
      line = this.line;
      if (line < endLine && this.isEmpty(line)) this.line = ++line;
    }
  }

  // --- rules, in markdown-it's order: code, fence, blockquote, hr, list, heading, lheading, paragraph.

  /**
   * The rules between code and lheading, each of which needs a particular first character: most lines are
   * text and skip them all after one look at that character.
   */
  private startsMarkedBlock(line: number, endLine: number): boolean {
    const code = this.firstChar(line);
    switch (code) {
      case BACKTICK:
      case TILDE:
        return this.fence(line, endLine);
      case GREATER_THAN:
        if (this.blockquote(line)) throw DECLINED;
        return false;
      case STAR:
      case DASH:
      case UNDERSCORE:
        return this.hr(line) || this.list(line, endLine);
      case PLUS:
        return this.list(line, endLine);
      case HASH:
        return this.heading(line);
      default:
        return code >= DIGIT_0 && code <= DIGIT_9 && this.list(line, endLine);
    }
  }

  private code(startLine: number, endLine: number): boolean {
    if (sCount[startLine] - this.blkIndent < 4) return false;
    let nextLine = startLine + 1;
    let last = nextLine;
    while (nextLine < endLine) {
      if (this.isEmpty(nextLine)) {
        nextLine++;
      } else if (sCount[nextLine] - this.blkIndent >= 4) {
        last = ++nextLine;
      } else {
        break;
      }
    }
    this.line = last;
    this.firstInItem = false;
    return true;
  }

  /** Where a fence's info string starts, or -1 when `line` opens no fence. */
  private fenceOpening(line: number): number {
    if (sCount[line] - this.blkIndent >= 4) return -1;
    const start = bMarks[line] + tShift[line];
    const max = eMarks[line];
    if (start + 3 > max) return -1;
    const marker = this.src.charCodeAt(start);
    if (marker !== TILDE && marker !== BACKTICK) return -1;
    const pos = this.skipChars(start, marker);
    if (pos - start < 3) return -1;
    if (marker === BACKTICK && this.src.slice(pos, max).includes('`')) return -1;
    return pos;
  }

  private fence(startLine: number, endLine: number): boolean {
    const afterMarker = this.fenceOpening(startLine);
    if (afterMarker === -1) return false;
    const opening = bMarks[startLine] + tShift[startLine];
    const marker = this.src.charCodeAt(opening);
    const length = afterMarker - opening;
    let nextLine = startLine;
    let closed = false;
    for (;;) {
      nextLine++;
      if (nextLine >= endLine) break;
      const start = bMarks[nextLine] + tShift[nextLine];
      const max = eMarks[nextLine];
      if (start < max && sCount[nextLine] < this.blkIndent) break;
      if (this.src.charCodeAt(start) !== marker) continue;
      if (sCount[nextLine] - this.blkIndent >= 4) continue;
      const pos = this.skipChars(start, marker);
      if (pos - start < length) continue;
      if (this.skipSpaces(pos) < max) continue;
      closed = true;
      break;
    }
    this.line = nextLine + (closed ? 1 : 0);
    this.firstInItem = false;
    return true;
  }

  private blockquote(line: number): boolean {
    return sCount[line] - this.blkIndent < 4 && this.firstChar(line) === GREATER_THAN;
  }

  private isHr(line: number): boolean {
    if (sCount[line] - this.blkIndent >= 4) return false;
    const max = eMarks[line];
    let pos = bMarks[line] + tShift[line];
    const marker = this.src.charCodeAt(pos++);
    if (marker !== STAR && marker !== DASH && marker !== UNDERSCORE) return false;
    let count = 1;
    while (pos < max) {
      const code = this.src.charCodeAt(pos++);
      if (code !== marker && !isSpace(code)) return false;
      if (code === marker) count++;
    }
    return count >= 3;
  }

  private hr(line: number): boolean {
    if (!this.isHr(line)) return false;
    this.line = line + 1;
    this.firstInItem = false;
    return true;
  }

  /** Position after a `-`, `+` or `*` list marker, or -1. */
  private bulletMarkerEnd(line: number): number {
    const max = eMarks[line];
    let pos = bMarks[line] + tShift[line];
    const marker = this.src.charCodeAt(pos++);
    if (marker !== STAR && marker !== DASH && marker !== PLUS) return -1;
    if (pos < max && !isSpace(this.src.charCodeAt(pos))) return -1;
    return pos;
  }

  /** Position after a `1.` or `1)` list marker (at most 9 digits), or -1. */
  private orderedMarkerEnd(line: number): number {
    const start = bMarks[line] + tShift[line];
    const max = eMarks[line];
    let pos = start;
    if (pos + 1 >= max) return -1;
    let code = this.src.charCodeAt(pos++);
    if (code < DIGIT_0 || code > DIGIT_9) return -1;
    for (;;) {
      if (pos >= max) return -1;
      code = this.src.charCodeAt(pos++);
      if (code >= DIGIT_0 && code <= DIGIT_9) {
        if (pos - start >= 10) return -1;
        continue;
      }
      if (code === CLOSE_PAREN || code === DOT) break;
      return -1;
    }
    if (pos < max && !isSpace(this.src.charCodeAt(pos))) return -1;
    return pos;
  }

  /** markdown-it's list rule in silent mode as a paragraph terminator: whether `line` starts a list there. */
  private listInterruptsParagraph(line: number): boolean {
    if (sCount[line] - this.blkIndent >= 4) return false;
    if (this.listIndent >= 0 && sCount[line] - this.listIndent >= 4 && sCount[line] < this.blkIndent) return false;
    const terminating = sCount[line] >= this.blkIndent;
    let afterMarker = this.orderedMarkerEnd(line);
    if (afterMarker >= 0) {
      // Only a list starting at 1 may interrupt a paragraph.
      if (terminating && Number(this.src.slice(bMarks[line] + tShift[line], afterMarker - 1)) !== 1) return false;
    } else {
      afterMarker = this.bulletMarkerEnd(line);
      if (afterMarker < 0) return false;
    }
    return !(terminating && this.skipSpaces(afterMarker) >= eMarks[line]);
  }

  private list(startLine: number, endLine: number): boolean {
    if (sCount[startLine] - this.blkIndent >= 4) return false;
    if (this.listIndent >= 0 && sCount[startLine] - this.listIndent >= 4 && sCount[startLine] < this.blkIndent) return false;
    let afterMarker = this.orderedMarkerEnd(startLine);
    const ordered = afterMarker >= 0;
    if (!ordered) afterMarker = this.bulletMarkerEnd(startLine);
    if (afterMarker < 0) return false;
    if (this.listDepth >= MAX_LIST_DEPTH) throw DECLINED;

    const markerCode = this.src.charCodeAt(afterMarker - 1);
    this.firstInItem = false;
    this.listDepth++;
    let nextLine = startLine;
    while (nextLine < endLine) {
      const max = eMarks[nextLine];
      const initial = sCount[nextLine] + afterMarker - (bMarks[nextLine] + tShift[nextLine]);
      let offset = initial;
      let pos = afterMarker;
      while (pos < max) {
        const code = this.src.charCodeAt(pos);
        if (code === TAB) offset += 4 - (offset % 4);
        else if (code === SPACE) offset++;
        else break;
        pos++;
      }
      const contentStart = pos;
      let indentAfterMarker = contentStart >= max ? 1 : offset - initial;
      if (indentAfterMarker > 4) indentAfterMarker = 1;

      const oldTShift = tShift[nextLine];
      const oldSCount = sCount[nextLine];
      const oldListIndent = this.listIndent;
      this.listIndent = this.blkIndent;
      this.blkIndent = initial + indentAfterMarker;
      tShift[nextLine] = contentStart - bMarks[nextLine];
      sCount[nextLine] = offset;
      if (contentStart >= max && this.isEmpty(nextLine + 1)) {
        this.line = Math.min(nextLine + 2, endLine);
      } else {
        this.firstInItem = true;
        this.tokenize(nextLine, endLine);
        this.firstInItem = false;
      }
      this.blkIndent = this.listIndent;
      this.listIndent = oldListIndent;
      tShift[nextLine] = oldTShift;
      sCount[nextLine] = oldSCount;

      nextLine = this.line;
      if (nextLine >= endLine) break;
      if (sCount[nextLine] < this.blkIndent) break;
      if (sCount[nextLine] - this.blkIndent >= 4) break;
      // markdown-it's list terminators: fence, blockquote, hr.
      if (this.fenceOpening(nextLine) !== -1) break;
      if (this.blockquote(nextLine)) throw DECLINED;
      if (this.isHr(nextLine)) break;
      afterMarker = ordered ? this.orderedMarkerEnd(nextLine) : this.bulletMarkerEnd(nextLine);
      if (afterMarker < 0) break;
      if (this.src.charCodeAt(afterMarker - 1) !== markerCode) break;
    }
    this.listDepth--;
    this.line = nextLine;
    return true;
  }

  /** The position after an ATX heading's `#`s (its level is that minus the line start), or -1. */
  private atxHeadingEnd(line: number): number {
    if (sCount[line] - this.blkIndent >= 4) return -1;
    const start = bMarks[line] + tShift[line];
    const max = eMarks[line];
    if (this.src.charCodeAt(start) !== HASH || start >= max) return -1;
    let pos = start + 1;
    while (pos < max && this.src.charCodeAt(pos) === HASH && pos - start <= 6) pos++;
    if (pos - start > 6 || (pos < max && !isSpace(this.src.charCodeAt(pos)))) return -1;
    return pos;
  }

  private heading(line: number): boolean {
    const markerEnd = this.atxHeadingEnd(line);
    if (markerEnd === -1) return false;
    const level = markerEnd - (bMarks[line] + tShift[line]);
    // Trailing blanks, then a closing run of `#`s if a blank precedes it.
    let max = eMarks[line];
    while (max > markerEnd && isSpace(this.src.charCodeAt(max - 1))) max--;
    let closing = max;
    while (closing > markerEnd && this.src.charCodeAt(closing - 1) === HASH) closing--;
    if (closing > markerEnd && isSpace(this.src.charCodeAt(closing - 1))) max = closing;
    this.line = line + 1;
    this.firstInItem = false;
    if (this.listDepth === 0) this.headings.push({ level, source: asciiTrim(this.src.slice(markerEnd, max)), line: line + this.lineOffset });
    return true;
  }

  /** markdown-it's paragraph terminators (fence, blockquote, hr, list, heading) in silent mode. */
  private interruptsParagraph(line: number): boolean {
    const code = this.firstChar(line);
    switch (code) {
      case BACKTICK:
      case TILDE:
        return this.fenceOpening(line) !== -1;
      case GREATER_THAN:
        if (this.blockquote(line)) throw DECLINED;
        return false;
      case UNDERSCORE:
        return this.isHr(line);
      case STAR:
      case DASH:
        return this.isHr(line) || this.listInterruptsParagraph(line);
      case PLUS:
        return this.listInterruptsParagraph(line);
      case HASH:
        return this.atxHeadingEnd(line) !== -1;
      default:
        return code >= DIGIT_0 && code <= DIGIT_9 && this.listInterruptsParagraph(line);
    }
  }

  /** The lines of a setext underline (`===`, `---`) give the heading's level; anything else 0. */
  private setextLevel(line: number): number {
    if (sCount[line] < this.blkIndent) return 0;
    const start = bMarks[line] + tShift[line];
    const max = eMarks[line];
    if (start >= max) return 0;
    const marker = this.src.charCodeAt(start);
    if (marker !== DASH && marker !== EQUALS) return 0;
    if (this.skipSpaces(this.skipChars(start, marker)) < max) return 0;
    return marker === EQUALS ? 1 : 2;
  }

  /**
   * markdown-it's lheading rule and, when it finds no underline, its paragraph rule. Both walk the same lines
   * and stop at the same one (an empty line or a terminator), so one walk decides between them.
   */
  private paragraphOrSetextHeading(startLine: number, endLine: number): void {
    let level = 0;
    let nextLine = startLine + 1;
    for (; nextLine < endLine && !this.isEmpty(nextLine); nextLine++) {
      if (sCount[nextLine] - this.blkIndent > 3) continue;
      level = this.setextLevel(nextLine);
      if (level !== 0 || this.interruptsParagraph(nextLine)) break;
    }
    const content = asciiTrim(this.getLines(startLine, nextLine));
    const first = this.firstInItem;
    this.firstInItem = false;
    if (level !== 0) {
      this.line = nextLine + 1;
      if (this.listDepth === 0) this.headings.push({ level, source: content, line: startLine + this.lineOffset });
    } else {
      this.line = nextLine;
      this.paragraphs.push({ content, line: startLine + this.lineOffset, listItem: first });
    }
  }

  /** StateBlock.getLines without the last line end: lines `begin`…`end - 1`, `blkIndent` columns of indentation removed. */
  private getLines(begin: number, end: number): string {
    const indent = this.blkIndent;
    if (indent === 0) return this.src.slice(bMarks[begin], eMarks[end - 1]);
    let text = '';
    for (let line = begin; line < end; line++) {
      const lineStart = bMarks[line];
      const last = line + 1 < end ? eMarks[line] + 1 : eMarks[line];
      let first = lineStart;
      let lineIndent = 0;
      while (first < last && lineIndent < indent) {
        const code = this.src.charCodeAt(first);
        if (isSpace(code)) lineIndent += code === TAB ? 4 - (lineIndent % 4) : 1;
        else if (first - lineStart < tShift[line]) lineIndent++;
        else break;
        first++;
      }
      text += lineIndent > indent ? ' '.repeat(lineIndent - indent) + this.src.slice(first, last) : this.src.slice(first, last);
    }
    return text;
  }
}
