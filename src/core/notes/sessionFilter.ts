// The Sessions view's text filter: every word must occur (case- and width-insensitive) in the session's title,
// speakers, tags, track or conference, or in the first characters of its own note text, so "kubecon ebpf" narrows
// to eBPF sessions at KubeCon and a word remembered from the notes finds the talk. The note text is taken and folded
// once, when the note is parsed (`withSessionText`), so a keystroke in the filter reads no file.
import { detached } from './fields';
import type { ParsedNote, Session } from './model';

/** Text as every session search compares it: compatibility forms unified (full-width ＡＢＣ is ABC), lower case. */
export function foldForSearch(text: string): string {
  // ASCII is its own NFKC form, and normalising costs more than the rest of reading a note.
  return (ASCII.test(text) ? text : text.normalize('NFKC')).toLocaleLowerCase();
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

/** The note with each session's `searchText`: its text but the heading line, cut and folded. */
export function withSessionText(note: ParsedNote, text: string): ParsedNote {
  const asOneSession = note.folderHints?.asOneSession;
  if (note.sessions.length === 0 && !asOneSession) return note;
  const lines = new LineStarts(text);
  const sessions = note.sessions.map((session) => withText(session, text, lines));
  return {
    ...note,
    sessions,
    ...(note.folderHints && asOneSession ? { folderHints: { ...note.folderHints, asOneSession: { ...asOneSession, sessions: asOneSession.sessions.map((session) => withText(session, text, lines)) } } } : {}),
  };
}

/** Where each line of a note starts, found once. */
class LineStarts {
  private readonly starts = [0];

  constructor(text: string) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  /** The offset where line `line` starts; past the last line, `end`. */
  of(line: number, end: number): number {
    return line < this.starts.length ? this.starts[line] : end;
  }
}

function withText(session: Session, text: string, lines: LineStarts): Session {
  // The heading opens the range; the title is searched on its own.
  const from = lines.of(session.line === session.range.start ? session.range.start + 1 : session.range.start, text.length);
  const to = Math.min(lines.of(session.range.end + 1, text.length), from + SESSION_TEXT_LENGTH);
  // One cut of the section as written, blank lines and indentation included: a word search never sees them, and a
  // few operations per session cost far less than a few per line.
  const cut = text.slice(from, to).trim();
  if (cut === '') return session;
  const folded = foldForSearch(cut);
  // Folding makes a new string when it changes a character; else the cut would keep the whole note in memory.
  return { ...session, searchText: folded === cut ? detached(cut) : folded };
}
