// The folder pass of layout inference: files that sit together usually share a layout and an event. From what each
// inferred file kept of its own reading (ParsedNote.folderHints, no text), decide per folder
// - whether files that are only weakly reports (peer headings that do not read like talks) are one talk each,
//   because most of their siblings clearly are;
// - the conference name of files that only their folder names: a landing page's title, or the one event the
//   folder's reports name in a heading;
// - tracks given by a landing page's link lists (`## Tutorials` over links to the talk files);
// - that a README or index page above folders of notes describes them and holds no session.
// Pure functions; NoteIndex keeps the folders and re-applies a folder whenever one of its files changes.
import { isLandingName } from './inferenceRules';
import type { ParsedNote, Session } from './model';

export interface FolderDecision {
  /** Weak reports (and weak non-sessions) read as one session each. */
  readonly oneSessionFolder: boolean;
  /** The conference for files that only their folder names, and what named it. */
  readonly conference?: string;
  readonly conferenceSource: 'landing-page' | 'folder';
  /** Note name → track, from landing pages. */
  readonly tracks: ReadonlyMap<string, string>;
  /** Whether notes sit in folders below this one: its README is then a landing page. */
  readonly hasSubfolderNotes: boolean;
  /** Equal keys, equal decisions: a folder whose decision did not change re-applies only its changed files. */
  readonly key: string;
}

/** The folder part of a note URI (everything before the last `/`). */
export function folderOf(uri: string): string {
  const slash = uri.lastIndexOf('/');
  return slash === -1 ? '' : uri.slice(0, slash);
}

/** Clearly one-session siblings needed before weak reports follow them. */
const MIN_ONE_SESSION_SIBLINGS = 2;

function noteKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export function decideFolder(notes: Iterable<ParsedNote>, hasSubfolderNotes: boolean): FolderDecision {
  let strongOneSession = 0;
  let strongReports = 0;
  let landingConference: string | undefined;
  const headingConferences = new Set<string>();
  const tracks = new Map<string, string>();
  for (const note of notes) {
    const hints = note.folderHints;
    if (!hints) continue;
    if (hints.strong && hints.vote === 'one-session') strongOneSession++;
    if (hints.strong && hints.vote === 'report') strongReports++;
    if (hints.landing) {
      landingConference ??= hints.landing.conference;
      for (const [name, track] of Object.entries(hints.landing.tracks)) if (!tracks.has(noteKey(name))) tracks.set(noteKey(name), track);
    }
    if (note.reading?.conferenceSource === 'heading' && hints.ownConference !== undefined) headingConferences.add(hints.ownConference);
  }
  const oneSessionFolder = strongOneSession >= MIN_ONE_SESSION_SIBLINGS && strongOneSession > strongReports;
  const conference = landingConference ?? (headingConferences.size === 1 ? [...headingConferences][0] : undefined);
  const key = JSON.stringify([oneSessionFolder, conference ?? null, [...tracks], hasSubfolderNotes]);
  return { oneSessionFolder, conference, conferenceSource: landingConference === undefined ? 'folder' : 'landing-page', tracks, hasSubfolderNotes, key };
}

/** The note as its folder reads it: the same object when the folder changes nothing. */
export function applyFolder(note: ParsedNote, decision: FolderDecision): ParsedNote {
  const hints = note.folderHints;
  if (!hints) return note;
  let result = note;
  if (decision.oneSessionFolder && !hints.strong && hints.asOneSession) {
    result = { ...hints.asOneSession, folderHints: hints };
  }
  if (decision.hasSubfolderNotes && isLandingName(hints.fileName) && result.sessions.length > 0) {
    result = { ...result, sessions: [], reading: result.reading && { ...result.reading, layout: 'none', layoutSource: 'folder' } };
  }
  const renamed = hints.conferenceOpen && result.reading?.conferenceSource === 'folder' && decision.conference !== undefined && decision.conference !== result.conference
    ? decision.conference
    : undefined;
  const track = decision.tracks.get(noteKey(hints.fileName));
  const needsTrack = track !== undefined && result.sessions.some((session) => session.track === undefined);
  if (renamed === undefined && !needsTrack) return result;
  const conference = renamed ?? result.conference;
  const sessions = result.sessions.map((session): Session => {
    const withTrack = needsTrack && session.track === undefined ? { ...session, track } : session;
    return renamed === undefined ? withTrack : { ...withTrack, conference };
  });
  const reading = result.reading && renamed !== undefined ? { ...result.reading, conferenceSource: decision.conferenceSource } : result.reading;
  return { ...result, conference, sessions, reading };
}
