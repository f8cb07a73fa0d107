// One talk, one session: a talk of a conference written in several places — the imported programme, a report, a
// session note — is shown as one session. Sessions of one conference are the same talk when they share a UID or,
// without UIDs, the same normalised title and, where both have one, the same date; a `uid:` or `same-as:` the user
// writes decides against the title rule. The merged session keeps every place, takes its fields from the user's
// own notes first and the imported stubs after, and keeps the id, file and line of its preferred place, so the
// tree, drag and drop and Open go to the user's note.
//
// Incremental: each session is filed under its UID or its title key, and a change re-merges only the keys of the
// sessions it adds or removes (O(sessions with those titles)), never the conference.
import { isPrintableAscii } from './fields';
import type { ParsedNote, PlaceKind, Session, SessionLink, SessionPlace } from './model';

/** Words that say what kind of talk a title is (`Keynote: …`, `[LT] …`): left out of the title key. */
const KIND_PREFIXES: readonly string[] = [
  'keynote', 'opening keynote', 'closing keynote', 'lightning talk', 'lt', 'workshop', 'tutorial', 'panel', 'talk', 'session',
  '基調講演', 'キーノート', 'ライトニングトーク', 'ワークショップ', 'チュートリアル', 'パネル',
];

// `Keynote: …`, `Keynote - …`, `[Keynote] …`, `【基調講演】…` (already folded to lower case and NFKC). The kind words are
// in the pattern itself: most titles fail at their first letters instead of after trying every length of prefix.
const PREFIX = new RegExp(`^[[(【]?\\s*(?:${KIND_PREFIXES.join('|')})\\s*(?:[:\\])】]|\\s[-–—]\\s)\\s*`);

/** `same-as:` values that keep a session apart from every other place. */
const SEPARATE = /^(?:none|no|false|-|なし|別)$/i;

/** The title as compared: NFKC (full-width letters, ligatures), case folded, punctuation and a kind prefix left out. */
export function titleKey(title: string): string {
  // Printable ASCII, most titles: nothing for NFKC to fold, and letters and digits are [a-z0-9] once lower-cased.
  const ascii = isPrintableAscii(title);
  let text = (ascii ? title : title.normalize('NFKC')).toLowerCase();
  const prefix = PREFIX.exec(text);
  if (prefix && prefix[0].length < text.length) text = text.slice(prefix[0].length);
  return (ascii ? text.replace(/[^a-z0-9]+/g, ' ') : text.replace(/[^\p{L}\p{N}]+/gu, ' ')).trim();
}

/** What a place of a note is: its front matter names a schedule, or every session carries the UID import writes. */
export function placeKind(note: ParsedNote): PlaceKind {
  const imported = note.programme === true || (note.sessions.length > 0 && note.sessions.every((session) => session.uid !== undefined && session.sameAs === undefined));
  if (imported) return 'programme';
  return note.layout === 'session-file' ? 'session-note' : 'report';
}

const KIND_RANK: Readonly<Record<PlaceKind, number>> = { 'session-note': 0, report: 1, programme: 2 };

/** A status the user decided, rather than the `planned` / `cancelled` an import writes. */
function decidedByUser(session: Session): boolean {
  return session.status !== undefined && session.status !== 'planned' && session.status !== 'cancelled';
}

/** The date, else the day label, a session is on. */
function dayOf(session: Session): string | undefined {
  return session.date ?? (session.day === undefined ? undefined : `day\0${session.day}`);
}

/** Two places can be one talk on their days: the same date where both have one, else the same day label where both have one. */
function sameDay(a: Session, b: Session): boolean {
  if (a.date !== undefined && b.date !== undefined) return a.date === b.date;
  if (a.day !== undefined && b.day !== undefined) return a.day === b.day;
  return true;
}

interface Entry {
  readonly session: Session;
  readonly kind: PlaceKind;
  /** `conference \0 uid`, for a session with a UID. */
  readonly uidKey: string | undefined;
  /** `conference \0 title key`, of its title or of the title its `same-as` names; undefined for `same-as: none`. */
  readonly titleKey: string | undefined;
  /** `conference \0 same-as value`: the UID its `same-as` may name. */
  readonly refKey: string | undefined;
  /** In a cluster of its own (`same-as: none`, a title of punctuation only). */
  readonly alone: boolean;
  /** The cluster it is in. */
  cluster: Cluster | undefined;
}

/** The user's notes first (a session note before a report), a status the user decided first, then document order. */
function comparePlaces(a: Entry, b: Entry): number {
  return (
    KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
    Number(decidedByUser(b.session)) - Number(decidedByUser(a.session)) ||
    (a.session.uri < b.session.uri ? -1 : a.session.uri > b.session.uri ? 1 : a.session.line - b.session.line)
  );
}

/** The first value a place gives, in preference order. */
function firstDefined<K extends 'track' | 'date' | 'day' | 'time' | 'room' | 'status' | 'uid'>(sessions: readonly Session[], key: K): Session[K] {
  for (const session of sessions) if (session[key] !== undefined) return session[key];
  return undefined as Session[K];
}

function firstList(sessions: readonly Session[], key: 'speakers' | 'tags'): readonly string[] {
  return sessions.find((session) => session[key].length > 0)?.[key] ?? sessions[0][key];
}

function allLinks(sessions: readonly Session[]): readonly SessionLink[] {
  const byUrl = new Map<string, SessionLink>();
  for (const session of sessions) for (const link of session.links) if (!byUrl.has(link.url)) byUrl.set(link.url, link);
  return [...byUrl.values()];
}

type SessionDraft = { -readonly [Key in keyof Session]: Session[Key] };

/**
 * One session of several places (preference order): the preferred place's id, title, file and range; every other
 * field from the first place that gives it (the user's notes before the imported stubs); links from all of them.
 */
export function mergeSessions(places: readonly { readonly session: Session; readonly kind: PlaceKind }[]): Session {
  if (places.length === 1) return places[0].session;
  const sessions = places.map((place) => place.session);
  const merged: SessionDraft = {
    ...sessions[0],
    speakers: firstList(sessions, 'speakers'),
    tags: firstList(sessions, 'tags'),
    links: allLinks(sessions),
    places: places.map(({ session, kind }): SessionPlace => ({ uri: session.uri, line: session.line, kind })),
  };
  for (const key of ['track', 'date', 'day', 'time', 'room', 'status', 'uid'] as const) {
    const value = firstDefined(sessions, key);
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** Merged sessions a change takes out of the index and puts in. */
export interface MergeChange {
  readonly removed: readonly Session[];
  readonly added: readonly Session[];
}

// Arrays, not sets, hold the members and the titles' sessions: nearly every talk is written once, and 20,000
// one-member sets cost the first index of 10,000 notes more in allocation and collection than all else here.
interface Cluster {
  /** Where it is filed, and under which key: a UID talk, or a title's talk on a day; none for a session kept alone. */
  readonly space: Map<string, Cluster> | undefined;
  readonly key: string;
  readonly members: Entry[];
  merged: Session | undefined;
  /** The members `merged` was built from, in preference order. */
  built: readonly Entry[];
}

/** The `built` of a cluster not built yet, or emptied: one array for all of them. */
const NOTHING_BUILT: readonly Entry[] = [];

/** Takes an item out of a small array, where it is at most once. */
function without<T>(items: T[], item: T): void {
  const at = items.indexOf(item);
  if (at !== -1) items.splice(at, 1);
}

/** Adds one to a count in a map of counts. */
function countIn(counts: Map<string, number>, key: string, delta: 1 | -1): void {
  const count = (counts.get(key) ?? 0) + delta;
  if (count === 0) counts.delete(key);
  else counts.set(key, count);
}

/**
 * Strings made once and shared. A key built with `+` or a template literal is a rope of its parts (V8's ConsString),
 * which a map keeps as it is, a node per part: `conference \0 title \0 day \0 n` built for each of 20,000 sessions
 * kept 4 MB of rope nodes. Built on a shared prefix or suffix, each session's key is one node. Bounded: a user who
 * types a conference name makes a new one per keystroke.
 */
class SharedStrings {
  private readonly made = new Map<string, string>();

  constructor(private readonly make: (part: string) => string) {}

  of(part: string): string {
    let made = this.made.get(part);
    if (made === undefined) {
      if (this.made.size >= SHARED_STRINGS_LIMIT) this.made.clear();
      this.made.set(part, (made = this.make(part)));
    }
    return made;
  }
}

const SHARED_STRINGS_LIMIT = 4_096;

export class SessionIdentities {
  private readonly entries = new Map<Session, Entry>();
  /** UID talks by `conference \0 uid`. */
  private readonly uidClusters = new Map<string, Cluster>();
  /** Talks without a UID by `conference \0 title key \0 day \0 n` (the n-th of that title in a file). */
  private readonly titleClusters = new Map<string, Cluster>();
  private readonly conferencePrefixes = new SharedStrings((conference) => `${conference}\0`);
  /** `\0 day \0 0`: the slot of a day's first talk of a title, nearly every talk's. */
  private readonly firstSlots = new SharedStrings((day) => `\0${day}\0${0}`);
  /** Per title key, the UID clusters with a member of that title (how many members). */
  private readonly uidsByTitle = new Map<string, Map<string, number>>();
  /** Per title key, the sessions without a UID that match by title. */
  private readonly looseByTitle = new Map<string, Entry[]>();
  /** What the `replace` in progress touched; kept between calls, as the first index makes one call per note. */
  private readonly dirtyClusters = new Set<Cluster>();
  private readonly dirtyTitles = new Set<string>();

  /** Takes `removed`'s sessions out and puts `added`'s in; returns the merged sessions that changed. */
  replace(removed: ParsedNote | undefined, added: ParsedNote | undefined): MergeChange {
    for (const session of removed?.sessions ?? []) {
      const entry = this.entries.get(session);
      if (entry) this.forget(entry);
    }
    if (added) {
      const kind = placeKind(added);
      for (const session of added.sessions) this.file(this.entryOf(session, kind));
    }
    for (const title of this.dirtyTitles) this.rematch(title);
    this.dirtyTitles.clear();
    return this.rebuild();
  }

  /** The merged sessions whose preferred place is one of `sessions`, in their order. */
  shownOf(sessions: readonly Session[]): Session[] {
    return sessions.flatMap((session) => {
      const cluster = this.entries.get(session)?.cluster;
      return cluster?.merged !== undefined && cluster.built[0]?.session === session ? [cluster.merged] : [];
    });
  }

  private entryOf(session: Session, kind: PlaceKind): Entry {
    const conference = this.conferencePrefixes.of(session.conference);
    const sameAs = session.sameAs?.trim();
    const uid = session.uid?.trim() || undefined;
    const title = sameAs !== undefined && SEPARATE.test(sameAs) ? undefined : titleKey(sameAs || session.title);
    // `same-as: none` keeps the session apart; a title of punctuation only names no talk: only its UID may merge it.
    const alone = title === undefined || (!uid && title === '');
    return {
      session,
      kind,
      uidKey: !alone && uid ? conference + uid : undefined,
      titleKey: !alone ? conference + title : undefined,
      refKey: !alone && sameAs && !uid ? conference + sameAs : undefined,
      alone,
      cluster: undefined,
    };
  }

  private file(entry: Entry): void {
    this.entries.set(entry.session, entry);
    if (entry.alone) {
      this.join(entry, undefined, '');
    } else if (entry.uidKey !== undefined) {
      this.join(entry, this.uidClusters, entry.uidKey);
      this.touchUid(entry, 1);
    } else {
      const title = entry.titleKey as string;
      const loose = this.looseByTitle.get(title);
      if (loose) loose.push(entry);
      else this.looseByTitle.set(title, [entry]);
      this.dirtyTitles.add(title);
    }
  }

  private forget(entry: Entry): void {
    this.entries.delete(entry.session);
    this.leave(entry);
    if (entry.uidKey !== undefined) {
      this.touchUid(entry, -1);
    } else if (entry.titleKey !== undefined) {
      const loose = this.looseByTitle.get(entry.titleKey);
      if (loose) {
        without(loose, entry);
        if (loose.length === 0) this.looseByTitle.delete(entry.titleKey);
      }
      this.dirtyTitles.add(entry.titleKey);
    }
  }

  /**
   * A UID member came or went: the titles that may match it, by its title or by a `same-as` naming its UID, re-match;
   * so do the titles of the talk's other places, whose sessions without a UID joined it on dates its new member may
   * contradict (or its leaving member did).
   */
  private touchUid(entry: Entry, delta: 1 | -1): void {
    const title = entry.titleKey as string;
    const uidKey = entry.uidKey as string;
    let uids = this.uidsByTitle.get(title);
    if (!uids) this.uidsByTitle.set(title, (uids = new Map()));
    countIn(uids, uidKey, delta);
    if (uids.size === 0) this.uidsByTitle.delete(title);
    this.dirtyTitles.add(title);
    const conference = this.conferencePrefixes.of(entry.session.conference);
    this.dirtyTitles.add(conference + titleKey(uidKey.slice(conference.length)));
    for (const member of this.uidClusters.get(uidKey)?.members ?? []) if (member.titleKey !== undefined) this.dirtyTitles.add(member.titleKey);
  }

  /** Joins the cluster filed in `space` under `key`, made if there is none; without a space, a cluster of its own. */
  private join(entry: Entry, space: Map<string, Cluster> | undefined, key: string): void {
    let cluster = space?.get(key);
    if (!cluster) {
      // A literal of one: an empty array's first push reserves room for 17.
      cluster = { space, key, members: [entry], merged: undefined, built: NOTHING_BUILT };
      space?.set(key, cluster);
    } else {
      cluster.members.push(entry);
    }
    entry.cluster = cluster;
    this.dirtyClusters.add(cluster);
  }

  /** Joins a title's cluster unless the entry is in it already. */
  private moveTo(entry: Entry, key: string): void {
    if (entry.cluster?.space === this.titleClusters && entry.cluster.key === key) return;
    this.leave(entry);
    this.join(entry, this.titleClusters, key);
  }

  private leave(entry: Entry): void {
    const cluster = entry.cluster;
    if (cluster === undefined) return;
    entry.cluster = undefined;
    without(cluster.members, entry);
    this.dirtyClusters.add(cluster);
  }

  /** The UID members of a UID cluster. */
  private uidMembers(uidKey: string): Session[] {
    return (this.uidClusters.get(uidKey)?.members ?? []).flatMap((member) => (member.uidKey === undefined ? [] : [member.session]));
  }

  /**
   * Re-matches the sessions without a UID of one title: a `same-as` naming a UID joins it; else the one UID talk of
   * that title on a compatible date (the same date, or either has none); else they group by date among themselves,
   * a session without a date joining the one dated group. Where two talks could match, the session stays apart.
   */
  private rematch(title: string): void {
    const loose = this.looseByTitle.get(title);
    if (!loose) return;
    if (loose.length === 1 && !this.uidsByTitle.has(title)) {
      // Most titles: one place, no programme stub of that title.
      const [entry] = loose;
      if (entry.refKey === undefined) return this.moveTo(entry, title + this.firstSlots.of(dayOf(entry.session) ?? ''));
    }
    const uids = [...(this.uidsByTitle.get(title)?.keys() ?? [])];
    const byDay = new Map<string, Entry[]>();
    const undated: Entry[] = [];
    for (const entry of [...loose].sort(comparePlaces)) {
      this.leave(entry);
      const target = this.uidTarget(entry, uids);
      const day = dayOf(entry.session);
      if (target !== undefined) this.join(entry, this.uidClusters, target);
      else if (day === undefined) undated.push(entry);
      else byDay.set(day, [...(byDay.get(day) ?? []), entry]);
    }
    const onlyDay = byDay.size === 1 ? [...byDay.keys()][0] : '';
    const groups = [...byDay, [onlyDay, undated] as const];
    // Two talks of one title in one file are two talks: the n-th of a file joins the n-th of every other file.
    const taken = new Map<string, number>();
    for (const [day, entries] of groups) {
      for (const entry of entries) {
        const slot = `${day}\0${entry.session.uri}`;
        const nth = taken.get(slot) ?? 0;
        taken.set(slot, nth + 1);
        this.join(entry, this.titleClusters, title + (nth === 0 ? this.firstSlots.of(day) : `\0${day}\0${nth}`));
      }
    }
  }

  private uidTarget(entry: Entry, uids: readonly string[]): string | undefined {
    if (entry.refKey !== undefined && this.uidMembers(entry.refKey).length > 0) return entry.refKey;
    const compatible = uids.filter((uid) => this.uidMembers(uid).every((other) => sameDay(entry.session, other)));
    if (compatible.length === 1) return compatible[0];
    // A talk without a date matching two talks of its title (on two days) is neither: the user says which with same-as.
    return undefined;
  }

  private rebuild(): MergeChange {
    const removed: Session[] = [];
    const added: Session[] = [];
    for (const cluster of this.dirtyClusters) {
      if (cluster.members.length === 0) {
        if (cluster.merged) removed.push(cluster.merged);
        if (cluster.space?.get(cluster.key) === cluster) cluster.space.delete(cluster.key);
        cluster.merged = undefined;
        cluster.built = NOTHING_BUILT;
        continue;
      }
      const members = cluster.members.length === 1 ? [cluster.members[0]] : [...cluster.members].sort(comparePlaces);
      if (members.length === cluster.built.length && members.every((member, i) => member === cluster.built[i])) continue;
      if (cluster.merged) removed.push(cluster.merged);
      cluster.built = members;
      cluster.merged = mergeSessions(members);
      added.push(cluster.merged);
    }
    this.dirtyClusters.clear();
    return { removed, added };
  }
}
