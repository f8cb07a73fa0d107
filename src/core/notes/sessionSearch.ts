// Go to Session (the editor's workspace symbols) and any other "find a session as I type": every session's name —
// title and speakers — folded once and kept in step with the index through its change events (a save re-folds that
// file's sessions only), so a query is one pass over precomputed strings, with a character mask that rejects most
// sessions before any string is compared. Matching is by subsequence, as VS Code's own fuzzy match of symbol names
// is: VS Code scores and filters what we return, so we must return every session it would show, and we rank only to
// choose which ones when there are more than the caller wants.
import type { Session } from './model';
import type { Disposable, NoteIndex } from './noteIndex';
import { foldForSearch } from './sessionFilter';

/** What a session is called where it is searched for: the title, then the speakers (who people remember a talk by). */
export function sessionSearchName(session: Session): string {
  return session.speakers.length > 0 ? `${session.title} · ${session.speakers.join(', ')}` : session.title;
}

interface Entry {
  readonly session: Session;
  /** The folded name. */
  readonly text: string;
  /** One bit per character class present in `text` (see `characterMask`). */
  readonly mask: number;
}

/** A 31-bit summary of which characters occur: a query whose mask has a bit the name's lacks cannot match it. */
function characterMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) mask |= 1 << (text.charCodeAt(i) % 31);
  return mask;
}

/** Whether the characters of `query` occur in `text` in order (not necessarily together). */
function isSubsequence(query: string, text: string): boolean {
  let at = 0;
  for (let i = 0; i < query.length; i++) {
    at = text.indexOf(query[i], at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/** Characters after which a word starts. */
const WORD_BREAK = /[\s\p{P}\p{S}]/u;

/**
 * How well a folded name matches: 0 it starts with the query, 1 a word of it does, 2 the query occurs inside a word,
 * 3 only its characters occur in order; undefined when it does not match.
 */
function matchTier(query: string, text: string): number | undefined {
  const at = text.indexOf(query);
  if (at === 0) return 0;
  if (at > 0) {
    for (let from = at; from >= 0; from = text.indexOf(query, from + 1)) {
      if (WORD_BREAK.test(text[from - 1])) return 1;
    }
    return 2;
  }
  return isSubsequence(query, text) ? 3 : undefined;
}

const TIERS = 4;

/** Sessions Go to Session returns for one query: more than a quick pick shows, few enough to cross to the workbench at once. */
export const SESSION_SYMBOL_LIMIT = 500;

export class SessionSearch implements Disposable {
  private readonly entries = new Map<string, readonly Entry[]>();
  private readonly subscription: Disposable;

  constructor(private readonly index: NoteIndex) {
    for (const uri of index.uris()) this.refresh(uri);
    this.subscription = index.onDidChange((change) => {
      for (const uri of change.uris) this.refresh(uri);
    });
  }

  /**
   * Up to `limit` sessions whose name holds the query's characters in order (spaces in the query are ignored, as
   * VS Code ignores them), the best matches first: names that start with the query, then names with a word that
   * does, then names that contain it, then the rest (of a group that does not fit whole, its shortest names). An
   * empty query gives the first `limit` sessions.
   */
  query(text: string, limit: number): Session[] {
    const query = foldForSearch(text).replace(/\s+/g, '');
    const queryMask = characterMask(query);
    const tiers: Entry[][] = Array.from({ length: TIERS }, () => []);
    for (const entries of this.entries.values()) {
      for (const entry of entries) {
        if ((entry.mask & queryMask) !== queryMask) continue;
        const tier = query === '' ? 0 : matchTier(query, entry.text);
        if (tier !== undefined) tiers[tier].push(entry);
      }
      if (query === '' && tiers[0].length >= limit) break;
    }
    const found: Session[] = [];
    for (const tier of tiers) {
      if (found.length >= limit) break;
      const taken = tier.length <= limit - found.length ? tier : [...tier].sort((a, b) => a.text.length - b.text.length).slice(0, limit - found.length);
      for (const entry of taken) found.push(entry.session);
    }
    return found;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private refresh(uri: string): void {
    const sessions = this.index.sessionsOf(uri);
    if (sessions.length === 0) {
      this.entries.delete(uri);
      return;
    }
    this.entries.set(
      uri,
      sessions.map((session) => {
        const folded = foldForSearch(sessionSearchName(session));
        return { session, text: folded, mask: characterMask(folded) };
      }),
    );
  }
}
