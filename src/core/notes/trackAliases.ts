// Track aliases: the same track written differently across conferences and years ("Keynote", "Keynotes",
// "Keynote Sessions") counted as one. Case and width variants of every name in the setting, the canonical one included,
// match too ("KEYNOTE", "ｋｅｙｎｏｔｅｓ"). Applied once, when a note is read, so the index, the tree's groups, the
// statistics and every export see only the canonical name.
import type { ParsedNote, Session } from './model';
import { isPrintableAscii } from './fields';

/** `conferenceNotes.trackAliases`: canonical track name → the other names it is written as. */
export type TrackAliasSetting = Readonly<Record<string, readonly string[]>>;

/** The key under which two spellings of a track are the same: width (NFKC) and case folded. */
export function trackVariantKey(name: string): string {
  return (isPrintableAscii(name) ? name : name.normalize('NFKC')).toLowerCase();
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
