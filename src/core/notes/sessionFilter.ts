// The Sessions view's text filter: every word must occur (case- and width-insensitive) in the session's title,
// speakers, tags, track or conference, or in the first characters of its own note text, so "kubecon ebpf" narrows
// to eBPF sessions at KubeCon and a word remembered from the notes finds the talk. The note text is taken and folded
// once, when the note is parsed (`withSessionText`), so a keystroke in the filter reads no file.
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

/** The note with each session's `searchText`: its lines but the heading, blank lines left out, cut and folded. */
export function withSessionText(note: ParsedNote, text: string): ParsedNote {
  const asOneSession = note.folderHints?.asOneSession;
  if (note.sessions.length === 0 && !asOneSession) return note;
  const lines = new NoteLines(text);
  const sessions = note.sessions.map((session) => withText(session, lines));
  return {
    ...note,
    sessions,
    ...(note.folderHints && asOneSession ? { folderHints: { ...note.folderHints, asOneSession: { ...asOneSession, sessions: asOneSession.sessions.map((session) => withText(session, lines)) } } } : {}),
  };
}

/** Where each line of a note starts, found once; a session reads only the few lines it keeps. */
class NoteLines {
  private readonly starts = [0];

  constructor(private readonly text: string) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  get count(): number {
    return this.starts.length;
  }

  /** The line without its end (`\n` or `\r\n`), trimmed. */
  line(index: number): string {
    const end = index + 1 < this.starts.length ? this.starts[index + 1] - 1 : this.text.length;
    return this.text.slice(this.starts[index], end).trim();
  }
}

function withText(session: Session, lines: NoteLines): Session {
  let taken = '';
  for (let line = session.range.start; line <= session.range.end && line < lines.count && taken.length < SESSION_TEXT_LENGTH; line++) {
    if (line === session.line) continue;
    const content = lines.line(line);
    if (content !== '') taken += `${content}\n`;
  }
  if (taken === '') return session;
  // `taken` is built of concatenations, which V8 copies into a string of their own when it is cut: the index keeps
  // no view into the note's text.
  const cut = taken.slice(0, SESSION_TEXT_LENGTH);
  return { ...session, searchText: foldForSearch(cut) };
}
