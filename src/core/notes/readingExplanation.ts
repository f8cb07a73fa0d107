// How a note was read, told to its author — the tooltip, "How This Note Was Read" and `conference-notes explain` —
// and "Pin This Reading": the same reading written as front matter (or a fileDefaults entry), checked by reading
// the note again with it, so that pinning never changes what the user sees.
import { fillTemplate } from '../messages';
import { renderFrontMatterField } from '../import/sessionStub';
import type { ConferenceSource, NoteReading, ParsedNote, ReadingSource, Session, SessionItemKind } from './model';
import { fieldNameOf } from './fields';
import { applyTextEdit, frontMatterLines, lineEnding, splitLines, type TextEdit } from './noteEdits';

/** English templates; each host translates them (vscode.l10n.t, the CLI bundle) before filling them in. */
export const READING_MESSAGES = {
  title: 'How {0} was read',
  layoutReport: 'Layout: a report of several sessions ({0})',
  layoutSessionFile: 'Layout: one session in the whole file ({0})',
  layoutNone: 'Layout: no session in this file ({0})',
  sessionsAtLevel: 'Sessions: headings of level {0}',
  sessionsAsBoldLines: 'Sessions: bold lines under headings of level {0}',
  sessionsAsLetteredItems: 'Sessions: lettered items (A., B.…) under headings of level {0}',
  sessionsAsListItems: 'Sessions: list items under headings of level {0}',
  tracksAtLevel: 'Tracks: headings of level {0}',
  noTracks: 'Tracks: none',
  conference: 'Conference: {0} (named by {1})',
  sessionCount: 'Sessions read: {0}',
  leftOutTitle: 'Headings that hold no session:',
  leftOut: 'line {0}: {1} — {2}',
  notInferred: 'This note is read as its front matter or the settings say; nothing was inferred.',
  fromFrontMatter: 'from its front matter',
  fromSettings: 'from the settings',
  fromStructure: 'from its headings',
  fromFolder: 'from the notes beside it',
  byFrontMatter: 'its front matter',
  bySettings: 'the settings',
  byHeading: 'its title heading',
  byFileName: 'its file name',
  byFolder: 'its folder',
  byLandingPage: 'the folder’s landing page',
  byNothing: 'nothing: the workspace folder’s name',
  'document-title': 'the title of the document',
  day: 'a day',
  'slot-group': 'a group of time slots',
  'non-session': 'a section that is no talk (summary, links, to-do…)',
  'no-content': 'nothing under it',
  placeholder: 'a placeholder, not a title',
  'not-a-talk': 'does not read like a talk',
} as const;

export type ReadingMessage = keyof typeof READING_MESSAGES;

/** A host's translation of an English template. */
export type Translate = (english: string) => string;

const SOURCE_MESSAGE: Readonly<Record<ReadingSource, ReadingMessage>> = {
  'front-matter': 'fromFrontMatter',
  settings: 'fromSettings',
  structure: 'fromStructure',
  folder: 'fromFolder',
};

const CONFERENCE_SOURCE_MESSAGE: Readonly<Record<ConferenceSource, ReadingMessage>> = {
  'front-matter': 'byFrontMatter',
  settings: 'bySettings',
  heading: 'byHeading',
  'file-name': 'byFileName',
  folder: 'byFolder',
  'landing-page': 'byLandingPage',
  none: 'byNothing',
};

function say(translate: Translate, message: ReadingMessage, ...args: (string | number)[]): string {
  return fillTemplate(translate(READING_MESSAGES[message]), args);
}

function layoutLine(reading: NoteReading, translate: Translate): string {
  const source = say(translate, SOURCE_MESSAGE[reading.layoutSource]);
  if (reading.layout === 'none') return say(translate, 'layoutNone', source);
  return say(translate, reading.layout === 'report' ? 'layoutReport' : 'layoutSessionFile', source);
}

function levelLines(reading: NoteReading, translate: Translate): string[] {
  if (reading.layout !== 'report' || reading.sessionLevel === undefined) return [];
  const items: Record<SessionItemKind, ReadingMessage> = {
    heading: 'sessionsAtLevel',
    'bold-line': 'sessionsAsBoldLines',
    'lettered-item': 'sessionsAsLetteredItems',
    'list-item': 'sessionsAsListItems',
  };
  const tracks = reading.trackLevel ? say(translate, 'tracksAtLevel', reading.trackLevel) : say(translate, 'noTracks');
  return [say(translate, items[reading.itemKind ?? 'heading'], reading.sessionLevel), tracks];
}

/** The reading of `note` in a few lines; `fileName` names it in the first. */
export function describeReading(note: ParsedNote, fileName: string, translate: Translate): string[] {
  const lines = [say(translate, 'title', fileName)];
  const reading = note.reading;
  if (!reading) return [...lines, say(translate, 'notInferred'), say(translate, 'sessionCount', note.sessions.length)];
  lines.push(layoutLine(reading, translate), ...levelLines(reading, translate));
  lines.push(say(translate, 'conference', note.conference, say(translate, CONFERENCE_SOURCE_MESSAGE[reading.conferenceSource])));
  lines.push(say(translate, 'sessionCount', note.sessions.length));
  if (reading.leftOut.length > 0) {
    lines.push(say(translate, 'leftOutTitle'));
    for (const heading of reading.leftOut) lines.push(`- ${say(translate, 'leftOut', heading.line + 1, heading.text, say(translate, heading.reason))}`);
  }
  return lines;
}

/** The short form for the Sessions view's tooltip: layout and conference, and how many headings were left out. */
export function summarizeReading(note: ParsedNote, translate: Translate): string[] {
  const reading = note.reading;
  if (!reading) return [];
  return [
    layoutLine(reading, translate),
    say(translate, 'conference', note.conference, say(translate, CONFERENCE_SOURCE_MESSAGE[reading.conferenceSource])),
  ];
}

/** Front matter keys (in the parser's English spelling) and the values that pin a reading. */
export type PinnedKeys = ReadonlyArray<readonly [key: string, value: string]>;

/**
 * Everything of the reading that front matter can say; keys already fixed by front matter or settings are left out.
 * Sessions written as bold lines, lettered or list items have no front matter key: only inference reads them.
 */
function fullPin(note: ParsedNote): { keys: PinnedKeys; layoutPinned: boolean } {
  const reading = note.reading;
  if (!reading || reading.layout === 'none') return { keys: [], layoutPinned: true };
  const keys: [string, string][] = [];
  const explicitLayout = reading.layoutSource === 'front-matter' || reading.layoutSource === 'settings';
  const itemsOnly = reading.itemKind !== undefined && reading.itemKind !== 'heading';
  if (explicitLayout || itemsOnly) {
    // Nothing to add, or nothing that could be added.
  } else if (reading.layout === 'session-file') {
    keys.push(['type', 'session']);
    const [session] = note.sessions;
    if (session) {
      keys.push(['title', session.title]);
      if (session.track !== undefined) keys.push(['track', session.track]);
    }
  } else {
    keys.push(['type', 'report'], ['session-level', String(reading.sessionLevel)], ['track-level', reading.trackLevel ? String(reading.trackLevel) : 'none']);
  }
  if (reading.conferenceSource !== 'front-matter' && reading.conferenceSource !== 'settings') keys.push(['conference', note.conference]);
  return { keys, layoutPinned: !itemsOnly };
}

/** What a user sees of a session: the pinned reading must give the same (its lines move by the added front matter). */
function visible(session: Session): string {
  return JSON.stringify([session.title, session.conference, session.track ?? null, session.day ?? null, session.speakers]);
}

function sameSessions(a: readonly Session[], b: readonly Session[]): boolean {
  return a.length === b.length && a.every((session, index) => visible(session) === visible(b[index]));
}

export interface ReadingPin {
  /** The keys to write; empty when there is nothing to pin (no session, or all of it is explicit already). */
  readonly keys: PinnedKeys;
  /** False when the layout could not be written down without changing the sessions: only the conference is pinned. */
  readonly complete: boolean;
}

/**
 * The keys that freeze `note`'s reading (as the index shows it), checked by reading the text again with them:
 * `reread(frontMatterText)` parses the note's text with those lines added to its front matter. When the whole
 * reading does not survive that (say, sessions written as bold lines, which only inference reads), only the
 * conference is pinned, which leaves the layout to inference.
 */
export function pinReading(note: ParsedNote, reread: (keys: PinnedKeys) => ParsedNote): ReadingPin {
  const { keys, layoutPinned } = fullPin(note);
  if (keys.length === 0) return { keys, complete: layoutPinned };
  if (layoutPinned && sameSessions(reread(keys).sessions, note.sessions)) return { keys, complete: true };
  const conferenceOnly = keys.filter(([key]) => key === 'conference');
  if (conferenceOnly.length > 0 && sameSessions(reread(conferenceOnly).sessions, note.sessions)) return { keys: conferenceOnly, complete: false };
  return { keys: [], complete: false };
}

/** The keys several notes of one folder share: what a fileDefaults entry for the folder can say of them all. */
export function sharedPin(pins: readonly PinnedKeys[]): PinnedKeys {
  if (pins.length === 0) return [];
  const shared = (key: string, value: string) => pins.every((pin) => pin.some(([other, otherValue]) => other === key && otherValue === value));
  // A title or a track is one talk's: never a folder's default.
  return pins[0].filter(([key, value]) => key !== 'title' && key !== 'track' && shared(key, value));
}

const KEY_LINE = /^([^\s:#][^:]*?)\s*:/;

/**
 * One edit that adds `keys` to the note's front matter — before its closing fence, or as a new front matter block at
 * the top — leaving out keys the front matter already has (under any of their names). Nothing else of the note changes.
 */
export function planPinEdit(text: string, keys: PinnedKeys): TextEdit {
  const eol = lineEnding(text);
  const lines = splitLines(text);
  const frontMatter = frontMatterLines(lines);
  const present = new Set(lines.slice(1, frontMatter?.closing ?? 1).flatMap((line) => {
    const key = KEY_LINE.exec(line)?.[1];
    return key === undefined ? [] : [fieldNameOf(key) ?? key];
  }));
  const added = keys.filter(([key]) => !present.has(fieldNameOf(key) ?? key)).map(([key, value]) => renderFrontMatterField(key, value));
  if (frontMatter) {
    const { closing } = frontMatter;
    return { startLine: closing, startCharacter: 0, endLine: closing, endCharacter: 0, newText: added.map((line) => `${line}${eol}`).join('') };
  }
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  return { startLine: 0, startCharacter: bom, endLine: 0, endCharacter: bom, newText: ['---', ...added, '---', ''].join(eol) };
}

/** The note's text with `keys` pinned: what `pinReading` reads again. */
export function withPinnedKeys(text: string, keys: PinnedKeys): string {
  return applyTextEdit(text, planPinEdit(text, keys));
}

/** The front matter `keys` make, as a fileDefaults entry's `frontMatter` object. */
export function pinAsObject(keys: PinnedKeys): Record<string, string | number> {
  return Object.fromEntries(keys.map(([key, value]) => [key, /^[1-6]$/.test(value) ? Number(value) : value]));
}
