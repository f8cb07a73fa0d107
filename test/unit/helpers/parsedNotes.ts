// Builds ParsedNote/Session objects directly, so index, statistics and chart tests need no parser.
import type { ParsedNote, Session } from '../../../src/core/notes/model';

export type SessionFields = Partial<Omit<Session, 'uri' | 'layout'>>;

/** A session of `uri`; the id, line and range follow from its position unless given. */
export function makeSession(uri: string, position: number, fields: SessionFields = {}): Session {
  const line = fields.line ?? position * 10;
  return {
    id: `${uri}#session-${position}`,
    // Of its own file: sessions of one title in one conference are one talk (sessionIdentity.ts).
    title: `Session ${position} of ${uri}`,
    conference: 'Conference',
    speakers: [],
    tags: [],
    links: [],
    line,
    range: { start: line, end: line + 5 },
    ...fields,
    uri,
    layout: 'report',
  };
}

/** A report-layout note whose sessions default to the note's conference. */
export function makeNote(uri: string, conference: string, sessions: readonly SessionFields[]): ParsedNote {
  return {
    uri,
    layout: 'report',
    conference,
    sessions: sessions.map((fields, position) => makeSession(uri, position, { conference, ...fields })),
    diagnostics: [],
  };
}
