// Track names: the same track written differently across notes, conferences and years counted as one.
// - Variants: names that differ only in case, width or white space ("Keynote", "keynote", "ＫＥＹＮＯＴＥ") are one
//   track by default. The index (noteIndex.ts) files sessions under the variant key and shows each track under one
//   canonical spelling (`TrackSpellings`), so the tree's groups, the statistics and every export agree.
// - Aliases: `conferenceNotes.trackAliases` maps other names ("Keynotes", "Keynote Sessions") onto a canonical one.
//   Applied once, when a note is read, so the index only ever sees the canonical name; variants of every name in the
//   setting, the canonical one included, match too.
import type { ParsedNote, Session } from './model';
import { isPrintableAscii } from './fields';

/** `conferenceNotes.trackAliases`: canonical track name → the other names it is written as. */
export type TrackAliasSetting = Readonly<Record<string, readonly string[]>>;

/**
 * The key under which two spellings of a track are the same: width folded (NFKC), case folded (upper then lower
 * case, so that "ß" and "SS" meet), runs of white space one space, none at the ends.
 */
export function trackVariantKey(name: string): string {
  const folded = isPrintableAscii(name) ? name.toLowerCase() : name.normalize('NFKC').toUpperCase().toLowerCase();
  return folded.replace(/\s+/g, ' ').trim();
}

/** A lookup from any spelling of an alias (or of the canonical name itself) to the canonical name. */
export type TrackAliases = ReadonlyMap<string, string>;

/** Compiles the setting; of two canonical names claiming one alias, the first wins. */
export function compileTrackAliases(setting: TrackAliasSetting): TrackAliases {
  const table = new Map<string, string>();
  for (const [canonical, aliases] of Object.entries(setting)) {
    for (const name of [canonical, ...aliases]) {
      const key = trackVariantKey(name);
      if (!table.has(key)) table.set(key, canonical);
    }
  }
  return table;
}

/** The canonical name of a track, or the name itself when no alias names it. */
export function canonicalTrack(track: string, aliases: TrackAliases): string {
  return aliases.get(trackVariantKey(track)) ?? track;
}

/** The note with every session's track replaced by its canonical name (the same object when nothing changes). */
export function applyTrackAliases(note: ParsedNote, aliases: TrackAliases | undefined): ParsedNote {
  if (!aliases || aliases.size === 0) return note;
  let changed = false;
  const sessions = note.sessions.map((session): Session => {
    if (session.track === undefined) return session;
    const track = canonicalTrack(session.track, aliases);
    if (track === session.track) return session;
    changed = true;
    return { ...session, track };
  });
  return changed ? { ...note, sessions } : note;
}

/** The canonical name of a variant key before and after a batch of counts (`undefined`: no session had it). */
export interface TrackNameChange {
  readonly before: string | undefined;
  readonly after: string | undefined;
}

/**
 * How many sessions write each spelling of each track, and the canonical spelling that follows: the one most sessions
 * use; of spellings used equally often, the first in code-point order, which puts capitals before lower case and ASCII
 * before full width ("Keynote" before "keynote" and "Ｋｅｙｎｏｔｅ"). The name depends only on the counts, never on
 * the order the notes came in, so an index kept up to date edit by edit names every track as one built at once.
 * Counting costs a map look-up per session; names are re-derived, per key, once per batch (`settle`).
 */
export class TrackSpellings {
  /** Spelling → its variant key, for every spelling some session writes. */
  private readonly keys = new Map<string, string>();
  /** Variant key → spelling → sessions. */
  private readonly counts = new Map<string, Map<string, number>>();
  /** Variant key → canonical spelling, as of the last `settle`. */
  private readonly names = new Map<string, string>();
  /** Keys counted since the last `settle`, with their name then. */
  private readonly pending = new Map<string, string | undefined>();

  /** The variant key of a spelling (looked up, not computed, for a spelling a session writes). */
  keyOf(spelling: string): string {
    return this.keys.get(spelling) ?? trackVariantKey(spelling);
  }

  /** Counts a session of this spelling in; returns its variant key. */
  add(spelling: string): string {
    let key = this.keys.get(spelling);
    if (key === undefined) this.keys.set(spelling, (key = trackVariantKey(spelling)));
    let spellings = this.counts.get(key);
    if (!spellings) this.counts.set(key, (spellings = new Map()));
    spellings.set(spelling, (spellings.get(spelling) ?? 0) + 1);
    this.touch(key);
    return key;
  }

  /** Counts a session of this spelling out; returns its variant key. */
  remove(spelling: string): string {
    const key = this.keyOf(spelling);
    const spellings = this.counts.get(key);
    const count = spellings?.get(spelling);
    if (!spellings || count === undefined) return key;
    if (count > 1) spellings.set(spelling, count - 1);
    else {
      spellings.delete(spelling);
      this.keys.delete(spelling);
      if (spellings.size === 0) this.counts.delete(key);
    }
    this.touch(key);
    return key;
  }

  private touch(key: string): void {
    if (!this.pending.has(key)) this.pending.set(key, this.names.get(key));
  }

  /** Re-derives the names of the keys counted since the last call; returns what each of them was named and is now. */
  settle(): ReadonlyMap<string, TrackNameChange> {
    const changes = new Map<string, TrackNameChange>();
    for (const [key, before] of this.pending) {
      let after: string | undefined;
      let most = 0;
      for (const [spelling, count] of this.counts.get(key) ?? []) {
        if (count > most || (count === most && after !== undefined && spelling < after)) {
          after = spelling;
          most = count;
        }
      }
      if (after === undefined) this.names.delete(key);
      else this.names.set(key, after);
      changes.set(key, { before, after });
    }
    this.pending.clear();
    return changes;
  }

  /** The canonical name of a variant key as of the last `settle`. */
  nameOfKey(key: string): string | undefined {
    return this.names.get(key);
  }

  /** The canonical spelling of a track as of the last `settle`; a spelling no session writes is its own. */
  canonical(spelling: string): string {
    return this.names.get(this.keyOf(spelling)) ?? spelling;
  }

  /** The spellings of a session list, settled. */
  static of(sessions: Iterable<Session>): TrackSpellings {
    const spellings = new TrackSpellings();
    for (const { track } of sessions) if (track !== undefined) spellings.add(track);
    spellings.settle();
    return spellings;
  }
}
