// The in-memory index of every parsed note and the aggregates the tree, the statistics and completion read.
// It is incremental: replacing or removing one file touches only that file's sessions (O(sessions in the
// file)), never the whole workspace, so a save stays cheap with 10,000 notes indexed. It keeps the parsed
// sessions only, never the note text.
// Inferred readings depend on a file's folder (folderReadings.ts): the index keeps each file as parsed and, per
// folder, re-derives its files' readings from what they kept, so a change to one file costs its folder's
// decision (from the folder's tally, whatever its number of files) and re-indexes only the files whose reading changed.
// Tracks are filed under their variant key (trackAliases.ts): "Keynote" and "ＫＥＹＮＯＴＥ" are one track, shown under
// the canonical spelling of the whole index; a batch that changes that spelling reports the track in every conference.
import { applyFolder, folderOf, FolderTally, type FolderDecision } from './folderReadings';
import type { ParsedNote, Session, SessionStatus } from './model';
import { SessionIdentities, type MergeChange } from './sessionIdentity';
import { TrackSpellings, type TrackNameChange } from './trackAliases';

/**
 * A group key. `undefined` is the one well-defined bucket for sessions that have none of the facet
 * (no track, no speakers, no tags, no day, no status); adapters give it a localised label.
 */
export type GroupKey = string | undefined;

/** A group and how many sessions it holds. */
export interface GroupCount<K extends GroupKey = GroupKey> {
  readonly name: K;
  readonly count: number;
}

export interface TrackRef {
  readonly conference: string;
  readonly track: GroupKey;
}

/** The facets besides conference → track that the tree can group by. */
export type Facet = 'speakers' | 'tags' | 'days' | 'statuses';

/** What one update changed, so views refresh only the affected nodes. */
export interface IndexChange {
  /** Files whose sessions were replaced or removed. */
  readonly uris: readonly string[];
  /** Conferences whose session count or members changed (including ones that appeared or disappeared). */
  readonly conferences: readonly string[];
  /** Tracks whose session count or members changed (including ones that appeared or disappeared). */
  readonly tracks: readonly TrackRef[];
  /** Per facet, the groups whose count or members changed; none for a facet never read (nothing shows its groups yet). */
  readonly facets: Readonly<Record<Facet, readonly GroupKey[]>>;
  /** A top-level group (conference, or a speaker, tag, day or status of a facet read) appeared or disappeared: group lists must be re-read. */
  readonly groupsAddedOrRemoved: boolean;
}

export interface Disposable {
  dispose(): void;
}

export type IndexChangeListener = (change: IndexChange) => void;

const FACETS: readonly Facet[] = ['speakers', 'tags', 'days', 'statuses'];

/** The files of `folder` changed in this batch (created empty for a folder to re-read without changed files). */
function changedIn(folders: Map<string, Set<string>>, folder: string): Set<string> {
  let changed = folders.get(folder);
  if (!changed) folders.set(folder, (changed = new Set()));
  return changed;
}

/** A file of `folder` added to (1) or removed from (-1) a batch's count of files per folder. */
function countFile(filesIn: Map<string, number>, folder: string, delta: 1 | -1): void {
  filesIn.set(folder, (filesIn.get(folder) ?? 0) + delta);
}

/** The day a session is grouped under: its calendar date when known (comparable across conferences), else its day label. */
export function sessionDay(session: Session): string | undefined {
  return session.date ?? session.day;
}

/** The keys a session is filed under for a facet; an empty list files it under the `undefined` bucket. */
function facetValues(session: Session, facet: Facet): readonly GroupKey[] {
  switch (facet) {
    case 'speakers':
      return session.speakers;
    case 'tags':
      return session.tags;
    case 'days':
      return [sessionDay(session)];
    case 'statuses':
      return [session.status];
  }
}

function facetRecord<T>(make: (facet: Facet) => T): Record<Facet, T> {
  return { speakers: make('speakers'), tags: make('tags'), days: make('days'), statuses: make('statuses') };
}

const NO_VALUE: readonly GroupKey[] = [undefined];

/** The distinct keys a session is filed under for a facet; the `undefined` bucket when it has none. */
function facetKeys(session: Session, facet: Facet): readonly GroupKey[] {
  const values = facetValues(session, facet);
  if (values.length === 0) return NO_VALUE;
  // One or two values, nearly always: a scan is cheaper than a set per session and facet on the first index.
  return values.length === 1 || values.every((value, i) => values.indexOf(value) === i) ? values : [...new Set(values)];
}

// Numeric so that "Day 2" sorts before "Day 10"; the code-point tie-break keeps the order total and stable.
const nameCollator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/** The one ordering of names used by every list the core produces; the `undefined` bucket sorts last. */
export function compareNames(a: GroupKey, b: GroupKey): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return nameCollator.compare(a, b) || (a < b ? -1 : 1);
}

/** Document order: by file, then by line. */
export function compareSessions(a: Session, b: Session): number {
  return compareNames(a.uri, b.uri) || a.line - b.line;
}

/** Sessions filed under keys; knows when a key appears or disappears. */
class Grouping<K extends GroupKey> {
  private readonly members = new Map<K, Set<Session>>();

  /** Returns true when the key is new. */
  add(key: K, session: Session): boolean {
    const existing = this.members.get(key);
    if (existing) {
      existing.add(session);
      return false;
    }
    this.members.set(key, new Set([session]));
    return true;
  }

  /** Returns true when the key is now empty and gone. */
  delete(key: K, session: Session): boolean {
    const existing = this.members.get(key);
    if (!existing) return false;
    existing.delete(session);
    if (existing.size > 0) return false;
    this.members.delete(key);
    return true;
  }

  get size(): number {
    return this.members.size;
  }

  count(key: K): number {
    return this.members.get(key)?.size ?? 0;
  }

  counts(): GroupCount<K>[] {
    return [...this.members].map(([name, sessions]) => ({ name, count: sessions.size })).sort((a, b) => compareNames(a.name, b.name));
  }

  sessions(key: K): Session[] {
    return [...(this.members.get(key) ?? [])].sort(compareSessions);
  }

  /** Every session filed, under any key. */
  *all(): Iterable<Session> {
    for (const sessions of this.members.values()) yield* sessions;
  }
}

/** Collects what a batch of operations touched, reported as one `IndexChange`. */
class ChangeCollector {
  readonly uris = new Set<string>();
  readonly conferences = new Set<string>();
  /** Conference → the variant keys of its tracks that were touched. */
  readonly tracks = new Map<string, Set<GroupKey>>();
  readonly facets = facetRecord(() => new Set<GroupKey>());
  /** Top-level groups that appeared or vanished an odd number of times: a file replaced in place cancels out. */
  private readonly flippedGroups = new Set<string>();

  /** Records that a group appeared or vanished. */
  flipGroup(kind: 'conference' | Facet, key: GroupKey): void {
    const id = JSON.stringify([kind, key ?? null]);
    if (!this.flippedGroups.delete(id)) this.flippedGroups.add(id);
  }

  touchTrack(conference: string, trackKey: GroupKey): void {
    this.conferences.add(conference);
    let tracks = this.tracks.get(conference);
    if (!tracks) this.tracks.set(conference, (tracks = new Set()));
    tracks.add(trackKey);
  }

  /** `names`: what each touched key was named before the batch and is named after it; a renamed track is reported under both. */
  toChange(names: ReadonlyMap<string, TrackNameChange>): IndexChange {
    const facets = facetRecord((facet) => [...this.facets[facet]]);
    const namesOf = (key: GroupKey): GroupKey[] => {
      if (key === undefined) return [undefined];
      const name = names.get(key);
      return name ? [...new Set([name.before, name.after])].filter((each) => each !== undefined) : [];
    };
    return {
      uris: [...this.uris],
      conferences: [...this.conferences],
      tracks: [...this.tracks].flatMap(([conference, keys]) => [...keys].flatMap(namesOf).map((track) => ({ conference, track }))),
      facets,
      groupsAddedOrRemoved: this.flippedGroups.size > 0,
    };
  }
}

export class NoteIndex {
  /** Each file's reading as indexed: its parsed note, re-read by its folder when the layout was inferred. */
  private readonly notes = new Map<string, ParsedNote>();
  /** Each file as parsed. */
  private readonly parsed = new Map<string, ParsedNote>();
  /** Per folder, the files whose reading was inferred (they have folder hints), and what they say about the folder. */
  private readonly inferredByFolder = new Map<string, { readonly members: Set<string>; readonly tally: FolderTally }>();
  /** Per folder, how many files sit in folders below it. */
  private readonly notesBelow = new Map<string, number>();
  /** Per folder that has held a file, the folders above it (what a folder's URI gives never changes). */
  private readonly aboveFolder = new Map<string, readonly string[]>();
  private readonly decisions = new Map<string, FolderDecision>();
  private readonly byId = new Map<string, Session>();
  /** A talk written in several places (programme, report, session note) is one session in every aggregate below. */
  private readonly identities = new SessionIdentities();
  private readonly byConference = new Grouping<string>();
  /** Per conference, its sessions by the variant key of their track. */
  private readonly tracksByConference = new Map<string, Grouping<GroupKey>>();
  private readonly trackSpellings = new TrackSpellings();
  /**
   * Built when a facet is first read (the tree grouped by it, a completion list), then kept up to date: the first
   * index of a workspace, which the tree grouped by conference never needs them for, files each session twice
   * instead of six times. A change reports the groups of the facets built.
   */
  private readonly byFacet: Partial<Record<Facet, Grouping<GroupKey>>> = {};
  private readonly listeners = new Set<IndexChangeListener>();
  private totalSessions = 0;

  /** Replaces exactly that file's sessions. */
  update(note: ParsedNote): IndexChange {
    return this.updateMany([note], []);
  }

  /** Forgets a file and its sessions. An unknown URI changes nothing and fires no event. */
  remove(uri: string): IndexChange {
    return this.updateMany([], [uri]);
  }

  /**
   * Applies a whole batch (a watcher storm, a `git checkout`) and fires ONE change event.
   * Removals are applied first, so a URI in both lists ends up indexed with its new content.
   */
  updateMany(notes: Iterable<ParsedNote>, removedUris: Iterable<string>): IndexChange {
    const collector = new ChangeCollector();
    const folders = new Map<string, Set<string>>();
    const filesIn = new Map<string, number>();
    for (const uri of removedUris) this.forget(uri, collector, folders, filesIn);
    for (const note of notes) {
      this.forget(note.uri, collector, folders, filesIn);
      this.parsed.set(note.uri, note);
      const folder = folderOf(note.uri);
      countFile(filesIn, folder, 1);
      if (note.folderHints) {
        let inferred = this.inferredByFolder.get(folder);
        if (!inferred) this.inferredByFolder.set(folder, (inferred = { members: new Set(), tally: new FolderTally() }));
        inferred.members.add(note.uri);
        inferred.tally.add(note);
        changedIn(folders, folder).add(note.uri);
      } else {
        this.addNote(note, collector);
      }
    }
    this.countBelow(filesIn, folders);
    for (const [folder, changed] of folders) this.rereadFolder(folder, changed, collector);
    return this.emit(collector, this.settleTrackNames(collector));
  }

  /** Names the tracks counted in this batch; a track whose canonical name changed is touched in every conference that has it. */
  private settleTrackNames(collector: ChangeCollector): ReadonlyMap<string, TrackNameChange> {
    const names = this.trackSpellings.settle();
    for (const [key, { before, after }] of names) {
      if (before === undefined || after === undefined || before === after) continue;
      for (const [conference, tracks] of this.tracksByConference) if (tracks.count(key) > 0) collector.touchTrack(conference, key);
    }
    return names;
  }

  /** `filesIn`: per folder, how many of its files this batch added less those it removed. */
  private forget(uri: string, collector: ChangeCollector, folders: Map<string, Set<string>>, filesIn: Map<string, number>): void {
    const parsed = this.parsed.get(uri);
    if (!parsed) return;
    this.parsed.delete(uri);
    this.removeNote(uri, collector);
    const folder = folderOf(uri);
    countFile(filesIn, folder, -1);
    if (parsed.folderHints) {
      const inferred = this.inferredByFolder.get(folder);
      inferred?.members.delete(uri);
      inferred?.tally.remove(parsed);
      if (inferred?.members.size === 0) this.inferredByFolder.delete(folder);
      changedIn(folders, folder);
    }
  }

  /**
   * Counts the batch's files in or out of every folder above their own, one walk up per folder (not per file); a
   * folder that had no file below it and now has, or the other way round, is re-read.
   */
  private countBelow(filesIn: ReadonlyMap<string, number>, folders: Map<string, Set<string>>): void {
    for (const [folder, delta] of filesIn) {
      if (delta === 0) continue;
      for (const above of this.foldersAbove(folder)) {
        const before = this.notesBelow.get(above) ?? 0;
        const after = before + delta;
        if (after === 0) this.notesBelow.delete(above);
        else this.notesBelow.set(above, after);
        if ((before === 0) !== (after === 0)) changedIn(folders, above);
      }
    }
  }

  /**
   * The folders above `folder`, nearest first, worked out once per folder: then one map lookup per file instead of a
   * new slice of its URI, and a hash of it, per folder above.
   */
  private foldersAbove(folder: string): readonly string[] {
    const known = this.aboveFolder.get(folder);
    if (known) return known;
    const parents: string[] = [];
    for (let parent = folderOf(folder); parent.length > 0; parent = folderOf(parent)) parents.push(parent);
    this.aboveFolder.set(folder, parents);
    return parents;
  }

  /** Re-derives the inferred readings of a folder; `changed` files are (re-)indexed whatever the decision. */
  private rereadFolder(folder: string, changed: ReadonlySet<string>, collector: ChangeCollector): void {
    const inferred = this.inferredByFolder.get(folder);
    if (!inferred) {
      this.decisions.delete(folder);
      return;
    }
    const { members, tally } = inferred;
    const decision = tally.decide(this.notesBelow.has(folder));
    const previous = this.decisions.get(folder);
    this.decisions.set(folder, decision);
    for (const uri of previous?.key === decision.key ? changed : members) {
      const parsed = this.parsed.get(uri);
      if (!parsed?.folderHints) continue;
      const reading = applyFolder(parsed, decision);
      if (this.notes.get(uri) === reading) continue;
      this.removeNote(uri, collector);
      this.addNote(reading, collector);
    }
  }

  /** Forgets everything (e.g. the workspace folders changed). */
  clear(): IndexChange {
    return this.updateMany([], [...this.parsed.keys()]);
  }

  /** Subscribes to changes; not tied to VS Code so the CLI and tests can listen too. */
  onDidChange(listener: IndexChangeListener): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  get noteCount(): number {
    return this.notes.size;
  }

  get sessionCount(): number {
    return this.totalSessions;
  }

  /** The parsed note as last indexed (sessions and diagnostics, not the text). */
  note(uri: string): ParsedNote | undefined {
    return this.notes.get(uri);
  }

  /**
   * The note as parsed, before its folder re-read it: what a saved index keeps, so that restoring it goes through
   * the same folder pass (`updateMany`) as a fresh read.
   */
  parsedNote(uri: string): ParsedNote | undefined {
    return this.parsed.get(uri);
  }

  uris(): string[] {
    return [...this.notes.keys()];
  }

  /**
   * Every session, file by file in indexing order, each file's sessions in document order; a talk written in several
   * places once, merged, where its preferred place is.
   */
  sessions(): Session[] {
    return [...this.notes.values()].flatMap((note) => this.identities.shownOf(note.sessions));
  }

  session(id: string): Session | undefined {
    return this.byId.get(id);
  }

  /** The file's sessions in document order. */
  sessionsOf(uri: string): readonly Session[] {
    return this.notes.get(uri)?.sessions ?? [];
  }

  /** Conferences with at least one session, by name. Sessions of one conference name from several files are one conference. */
  conferences(): GroupCount<string>[] {
    return this.byConference.counts();
  }

  /** How many conferences hold sessions: `conferences().length` without listing and sorting them. */
  get conferenceCount(): number {
    return this.byConference.size;
  }

  conferenceSessionCount(conference: string): number {
    return this.byConference.count(conference);
  }

  sessionsOfConference(conference: string): Session[] {
    return this.byConference.sessions(conference);
  }

  /** The conference's tracks by canonical name, the no-track bucket (`name: undefined`) last. */
  tracks(conference: string): GroupCount[] {
    const counts = this.tracksByConference.get(conference)?.counts() ?? [];
    return counts.map(({ name, count }) => ({ name: name === undefined ? undefined : this.trackSpellings.nameOfKey(name), count })).sort((a, b) => compareNames(a.name, b.name));
  }

  /** The name a track is shown under: its canonical spelling, whichever variant (case, width) is asked for. */
  canonicalTrack(track: GroupKey): GroupKey {
    return track === undefined ? undefined : this.trackSpellings.canonical(track);
  }

  /** Sessions of the track in any of its spellings. */
  trackSessionCount(conference: string, track: GroupKey): number {
    return this.tracksByConference.get(conference)?.count(this.trackKey(track)) ?? 0;
  }

  /** The track's sessions in any of its spellings, in document order (`track` undefined: the conference's sessions without a track). */
  sessionsByTrack(conference: string, track: GroupKey): Session[] {
    return this.tracksByConference.get(conference)?.sessions(this.trackKey(track)) ?? [];
  }

  private trackKey(track: GroupKey): GroupKey {
    return track === undefined ? undefined : this.trackSpellings.keyOf(track);
  }

  /** Groups of a facet by name, the "none" bucket last. A session with two speakers counts under both. */
  groups(facet: Facet): GroupCount[] {
    return this.facetGrouping(facet).counts();
  }

  sessionsInGroup(facet: Facet, key: GroupKey): Session[] {
    return this.facetGrouping(facet).sessions(key);
  }

  private facetGrouping(facet: Facet): Grouping<GroupKey> {
    let grouping = this.byFacet[facet];
    if (!grouping) {
      grouping = new Grouping<GroupKey>();
      for (const session of this.byConference.all()) for (const key of facetKeys(session, facet)) grouping.add(key, session);
      this.byFacet[facet] = grouping;
    }
    return grouping;
  }

  speakers(): GroupCount[] {
    return this.groups('speakers');
  }

  tags(): GroupCount[] {
    return this.groups('tags');
  }

  days(): GroupCount[] {
    return this.groups('days');
  }

  statuses(): GroupCount<SessionStatus | undefined>[] {
    return this.groups('statuses') as GroupCount<SessionStatus | undefined>[];
  }

  private addNote(note: ParsedNote, collector: ChangeCollector): void {
    this.notes.set(note.uri, note);
    collector.uris.add(note.uri);
    this.applyMerge(this.identities.replace(undefined, note), collector);
  }

  private removeNote(uri: string, collector: ChangeCollector): void {
    const note = this.notes.get(uri);
    if (!note) return;
    this.notes.delete(uri);
    collector.uris.add(uri);
    this.applyMerge(this.identities.replace(note, undefined), collector);
  }

  /** Puts the merged sessions a change of places gives into the aggregates, in place of the ones it replaces. */
  private applyMerge(change: MergeChange, collector: ChangeCollector): void {
    for (const session of change.removed) this.removeSession(session, collector);
    for (const session of change.added) this.addSession(session, collector);
  }

  private addSession(session: Session, collector: ChangeCollector): void {
    this.totalSessions++;
    this.byId.set(session.id, session);
    const { conference, track } = session;
    if (this.byConference.add(conference, session)) collector.flipGroup('conference', conference);
    let tracks = this.tracksByConference.get(conference);
    if (!tracks) this.tracksByConference.set(conference, (tracks = new Grouping<GroupKey>()));
    const trackKey = track === undefined ? undefined : this.trackSpellings.add(track);
    tracks.add(trackKey, session);
    collector.touchTrack(conference, trackKey);
    for (const facet of FACETS) {
      const grouping = this.byFacet[facet];
      if (!grouping) continue;
      for (const key of facetKeys(session, facet)) {
        if (grouping.add(key, session)) collector.flipGroup(facet, key);
        collector.facets[facet].add(key);
      }
    }
  }

  private removeSession(session: Session, collector: ChangeCollector): void {
    this.totalSessions--;
    // Only forget the id if it still points at this session (a later duplicate id may have replaced it).
    if (this.byId.get(session.id) === session) this.byId.delete(session.id);
    const { conference, track } = session;
    if (this.byConference.delete(conference, session)) collector.flipGroup('conference', conference);
    const trackKey = track === undefined ? undefined : this.trackSpellings.remove(track);
    const tracks = this.tracksByConference.get(conference);
    if (tracks) {
      tracks.delete(trackKey, session);
      if (tracks.size === 0) this.tracksByConference.delete(conference);
    }
    collector.touchTrack(conference, trackKey);
    for (const facet of FACETS) {
      const grouping = this.byFacet[facet];
      if (!grouping) continue;
      for (const key of facetKeys(session, facet)) {
        if (grouping.delete(key, session)) collector.flipGroup(facet, key);
        collector.facets[facet].add(key);
      }
    }
  }

  private emit(collector: ChangeCollector, trackNames: ReadonlyMap<string, TrackNameChange>): IndexChange {
    const change = collector.toChange(trackNames);
    if (change.uris.length === 0) return change;
    // Every listener hears about the change even if an earlier one throws; the first error is rethrown after.
    let firstError: unknown;
    let failed = false;
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        if (!failed) firstError = error;
        failed = true;
      }
    }
    if (failed) throw firstError;
    return change;
  }
}
