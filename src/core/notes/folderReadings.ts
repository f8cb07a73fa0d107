// The folder pass of layout inference: files that sit together usually share a layout and an event. From what each
// inferred file kept of its own reading (ParsedNote.folderHints, no text), decide per folder
// - whether files that are only weakly reports (peer headings that do not read like talks) are one talk each,
//   because most of their siblings clearly are;
// - the conference name of files that only their folder names: a landing page's title, or the one event the
//   folder's reports name in a heading;
// - tracks given by a landing page's link lists (`## Tutorials` over links to the talk files);
// - that a README or index page above folders of notes describes them and holds no session.
// A FolderTally counts what a folder's files say as they come and go, so a folder of 15,000 files decides in the time
// one of two does; NoteIndex keeps a tally per folder and re-applies a folder whenever one of its files changes.
import { isLandingName } from './inferenceRules';
import type { LandingPage, ParsedNote, Session } from './model';

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

/**
 * What a folder's inferred files say about the folder, counted in and out file by file: `decide` then takes time in
 * the number of landing pages and of conferences named, not of files. Count a note out exactly as it was counted in.
 */
export class FolderTally {
  private strongOneSession = 0;
  private strongReports = 0;
  /** Landing pages by note URI, and whether the file's name says so (README, index). */
  private readonly landings = new Map<string, { readonly page: LandingPage; readonly named: boolean }>();
  /** Conference → how many files read from a heading of their own name it. */
  private readonly headingConferences = new Map<string, number>();

  add(note: ParsedNote): void {
    this.count(note, 1);
  }

  remove(note: ParsedNote): void {
    this.count(note, -1);
  }

  private count(note: ParsedNote, delta: 1 | -1): void {
    const hints = note.folderHints;
    if (!hints) return;
    if (hints.strong && hints.vote === 'one-session') this.strongOneSession += delta;
    if (hints.strong && hints.vote === 'report') this.strongReports += delta;
    if (hints.landing) {
      if (delta > 0) this.landings.set(note.uri, { page: hints.landing, named: isLandingName(hints.fileName) });
      else this.landings.delete(note.uri);
    }
    if (note.reading?.conferenceSource === 'heading' && hints.ownConference !== undefined) {
      const files = (this.headingConferences.get(hints.ownConference) ?? 0) + delta;
      if (files > 0) this.headingConferences.set(hints.ownConference, files);
      else this.headingConferences.delete(hints.ownConference);
    }
  }

  decide(hasSubfolderNotes: boolean): FolderDecision {
    let landingConference: string | undefined;
    const tracks = new Map<string, string>();
    // Of several landing pages, a README or index before another page of links, then by URI: the same decision
    // whatever order the files were read in (a warm start reads them in another order than a first scan).
    const landings = [...this.landings].sort(([a, pageA], [b, pageB]) => Number(pageB.named) - Number(pageA.named) || (a < b ? -1 : a > b ? 1 : 0));
    for (const [, { page }] of landings) {
      landingConference ??= page.conference;
      for (const [name, track] of Object.entries(page.tracks)) if (!tracks.has(noteKey(name))) tracks.set(noteKey(name), track);
    }
    const oneSessionFolder = this.strongOneSession >= MIN_ONE_SESSION_SIBLINGS && this.strongOneSession > this.strongReports;
    const conference = landingConference ?? (this.headingConferences.size === 1 ? [...this.headingConferences.keys()][0] : undefined);
    const key = JSON.stringify([oneSessionFolder, conference ?? null, [...tracks], hasSubfolderNotes]);
    return { oneSessionFolder, conference, conferenceSource: landingConference === undefined ? 'folder' : 'landing-page', tracks, hasSubfolderNotes, key };
  }
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
