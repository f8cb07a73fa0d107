// Edits of a note that the extension makes on the user's behalf (Set Status) and the links it copies. Each edit is
// planned here as the smallest text change — one value replaced or one line inserted — so applying it is one undo
// step and no other byte of the note changes.
import { fieldNameOf } from './fields';
import type { Session } from './model';
import { markdownLink, relativeNotePath } from './markdownLinks';
import { writingStyleOf } from '../templates/noteLanguage';

/** A replacement of the text between two positions (zero-based lines, UTF-16 columns). */
export interface TextEdit {
  readonly startLine: number;
  readonly startCharacter: number;
  readonly endLine: number;
  readonly endCharacter: number;
  readonly newText: string;
}

const LIST_FIELD = /^(\s*[-*+]\s+(?:\*\*|__)?)([^:：*_]{1,40}?)(\s*[:：]\s*(?:\*\*|__)?\s*)(.*?)\s*$/;
const INLINE_FIELD = /^(\s*(?:[-*+]\s+)?)([^:[\]()]{1,40}?)(\s*::\s*)(.*?)\s*$/;
const FRONT_MATTER_FENCE = /^---\s*$/;
const YAML_FIELD = /^([A-Za-z\u3000-\u9fff_-][^:#]*?)(\s*:\s*)(.*?)\s*$/;

export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

export function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Where the value of a `- key: value` or `key:: value` line naming `field` starts and ends, if the line is one. */
function fieldValueSpan(line: string, field: string): { start: number; end: number } | undefined {
  for (const pattern of [INLINE_FIELD, LIST_FIELD]) {
    const match = pattern.exec(line);
    if (match && fieldNameOf(match[2]) === field) {
      const start = match[1].length + match[2].length + match[3].length;
      return { start, end: start + match[4].length };
    }
  }
  return undefined;
}

/** The front matter's line range (the lines between the fences), if the note starts with one. */
export function frontMatterLines(lines: readonly string[]): { first: number; closing: number } | undefined {
  const first = lines[0]?.replace(/^\uFEFF/, '');
  if (first === undefined || !FRONT_MATTER_FENCE.test(first)) return undefined;
  for (let line = 1; line < lines.length; line++) {
    if (FRONT_MATTER_FENCE.test(lines[line]) || lines[line] === '...') return { first: 1, closing: line };
  }
  return undefined;
}

/**
 * Sets the session's status field: the value of an existing status field (any alias, any syntax the parser reads)
 * is replaced, keeping its key; otherwise a field is added in the session's own style — a front-matter key for a
 * session file, a `- status: …` list item below the heading (after the field list, if there is one) for a report
 * section — with the key the note writes its fields with (`状態` beside `登壇者`), else in the note's language,
 * else in `displayLanguage`.
 */
export function planStatusEdit(text: string, session: Session, status: string, displayLanguage = 'en'): TextEdit {
  const lines = splitLines(text);
  const eol = lineEnding(text);
  const key = () => writingStyleOf(text, displayLanguage).keys.status;
  const frontMatter = session.layout === 'session-file' ? frontMatterLines(lines) : undefined;
  if (frontMatter) {
    for (let line = frontMatter.first; line < frontMatter.closing; line++) {
      const match = YAML_FIELD.exec(lines[line]);
      if (match && fieldNameOf(match[1]) === 'status') {
        const start = match[1].length + match[2].length;
        return { startLine: line, startCharacter: start, endLine: line, endCharacter: start + match[3].length, newText: status };
      }
    }
    return { startLine: frontMatter.closing, startCharacter: 0, endLine: frontMatter.closing, endCharacter: 0, newText: `${key()}: ${status}${eol}` };
  }

  const last = Math.min(session.range.end, lines.length - 1);
  for (let line = session.line; line <= last; line++) {
    const span = fieldValueSpan(lines[line], 'status');
    if (span) return { startLine: line, startCharacter: span.start, endLine: line, endCharacter: span.end, newText: status };
  }
  // Below the heading, after the field list that usually follows it (`- speakers: …`), else right under it.
  let insertAfter = session.line;
  let line = session.line + 1;
  while (line <= last && lines[line].trim() === '') line++;
  while (line <= last && isFieldListItem(lines[line])) {
    insertAfter = line;
    line++;
  }
  const anchor = lines[insertAfter];
  return { startLine: insertAfter, startCharacter: anchor.length, endLine: insertAfter, endCharacter: anchor.length, newText: `${eol}- ${key()}: ${status}` };
}

/** A list item that is a known field (`- speakers: …`), as in the field list under a session heading. */
function isFieldListItem(line: string): boolean {
  const match = LIST_FIELD.exec(line) ?? INLINE_FIELD.exec(line);
  return match !== null && /^\s*[-*+]\s/.test(line) && fieldNameOf(match[2]) !== undefined;
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to `-` (letters of any script kept). */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** `[Title](relative/path.md#anchor)` from the folder `fromDirectory` (a path with `/` separators). */
export function sessionLink(session: Session, notePath: string, fromDirectory: string): string {
  const anchor = session.layout === 'report' ? headingAnchor(session.title) : undefined;
  return markdownLink(session.title, relativeNotePath(notePath, fromDirectory), anchor);
}

/** The text with the edit applied: what VS Code does with it, for hosts that write the file themselves (the CLI). */
export function applyTextEdit(text: string, edit: TextEdit): string {
  const offsetOf = (line: number, character: number): number => {
    let offset = 0;
    for (let current = 0; current < line; current++) {
      const end = text.indexOf('\n', offset);
      if (end < 0) return text.length;
      offset = end + 1;
    }
    return offset + character;
  };
  return text.slice(0, offsetOf(edit.startLine, edit.startCharacter)) + edit.newText + text.slice(offsetOf(edit.endLine, edit.endCharacter));
}
