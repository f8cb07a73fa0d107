// The Sessions view's text filter: every word must occur (case- and width-insensitive) in the session's title,
// speakers, tags, track or conference, or in the first characters of its own note text, so "kubecon ebpf" narrows
// to eBPF sessions at KubeCon and a word remembered from the notes finds the talk. The note text is taken and folded
// once, when the parser makes each session (`SessionTexts`), so a keystroke in the filter reads no file.
import { detached } from './fields';
import type { LineRange, Session } from './model';

/** Text as every session search compares it: compatibility forms unified (full-width ＡＢＣ is ABC), lower case. */
export function foldForSearch(text: string): string {
  // ASCII is its own NFKC form, and normalising costs more than the rest of reading a note. Lower case without a
  // locale: a Turkish display language must not fold `I` to `ı`, or `in` would not find `IN`.
  return (ASCII.test(text) ? text : text.normalize('NFKC')).toLowerCase();
}

/** Printable ASCII, line ends and tabs. */
const ASCII = /^[\t\n\r -~]*$/;

/**
 * Characters of a session's own text the filter reads: the opening of a talk's notes, where what it is about is
 * written, while 10,000 notes keep their index small.
 */
export const SESSION_TEXT_LENGTH = 500;

export function sessionMatchesFilter(session: Session, filter: string): boolean {
  const words = foldForSearch(filter).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = foldForSearch([session.title, session.conference, session.track ?? '', ...session.speakers, ...session.tags].join('\n'));
  const text = session.searchText ?? '';
  return words.every((word) => haystack.includes(word) || text.includes(word));
}

/**
 * The `searchText` of a note's sessions, cut from its text as the parser makes them: from the line after the
 * heading, up to the end of the section or SESSION_TEXT_LENGTH characters, folded. Line starts are found as far as
 * a cut needs them: a one-talk file is scanned for its first 500 characters, not to its end.
 */
export class SessionTexts {
  private readonly starts = [0];

  constructor(private readonly text: string) {}

  /** The search text of a session at `line` spanning `range`; undefined when the section holds no text. */
  of(line: number, range: LineRange): string | undefined {
    // The heading opens the range; the title is searched on its own.
    const from = this.lineStart(line === range.start ? range.start + 1 : range.start, this.text.length);
    const to = this.lineStart(range.end + 1, Math.min(from + SESSION_TEXT_LENGTH, this.text.length));
    // One cut of the section as written, blank lines and indentation included: a word search never sees them, and a
    // few operations per session cost far less than a few per line.
    const cut = this.text.slice(from, to).trim();
    if (cut === '') return undefined;
    const folded = foldForSearch(cut);
    // Folding makes a new string when it changes a character; else the cut would keep the whole note in memory.
    return folded === cut ? detached(cut) : folded;
  }

  /** Where line `line` starts, or `limit` when that is at or after `limit` (past the last line: the end). */
  private lineStart(line: number, limit: number): number {
    const starts = this.starts;
    while (starts.length <= line) {
      const scanned = starts[starts.length - 1];
      if (scanned >= limit) return limit;
      const newline = this.text.indexOf('\n', scanned);
      if (newline === -1) return limit;
      starts.push(newline + 1);
    }
    return Math.min(starts[line], limit);
  }
}
