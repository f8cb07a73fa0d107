import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_PARSE_OPTIONS, type ParsedNote, type Session } from '../../src/core/notes/model';
import { NoteIndex, sessionDay, type Facet, type GroupKey, type IndexChange } from '../../src/core/notes/noteIndex';
import { parseNote } from '../../src/core/notes/parser';
import { trackVariantKey } from '../../src/core/notes/trackAliases';
import { makeNote, type SessionFields } from './helpers/parsedNotes';
import { assertProperty } from './helpers/property';

const FACETS: readonly Facet[] = ['speakers', 'tags', 'days', 'statuses'];

function ids(sessions: readonly Session[]): string[] {
  return sessions.map((session) => session.id);
}

function recording(index: NoteIndex): IndexChange[] {
  const changes: IndexChange[] = [];
  index.onDidChange((change) => changes.push(change));
  return changes;
}

describe('NoteIndex', () => {
  describe('update', () => {
    it('indexes a note: conferences, tracks with counts, sessions by track, by id and by file', () => {
      const index = new NoteIndex();
      const note = makeNote('file:///kubecon.md', 'KubeCon', [{ track: 'Observability' }, { track: 'Security' }, { track: 'Observability' }]);
      index.update(note);

      assert.deepEqual(index.conferences(), [{ name: 'KubeCon', count: 3 }]);
      assert.deepEqual(index.tracks('KubeCon'), [
        { name: 'Observability', count: 2 },
        { name: 'Security', count: 1 },
      ]);
      assert.deepEqual(ids(index.sessionsByTrack('KubeCon', 'Observability')), [note.sessions[0].id, note.sessions[2].id]);
      assert.equal(index.session(note.sessions[1].id), note.sessions[1]);
      assert.deepEqual(index.sessionsOf('file:///kubecon.md'), note.sessions);
      assert.equal(index.sessionCount, 3);
      assert.equal(index.noteCount, 1);
    });

    it('replaces exactly that file\'s sessions and leaves other files alone', () => {
      const index = new NoteIndex();
      index.update(makeNote('file:///a.md', 'KubeCon', [{ track: 'Security' }, { track: 'Storage' }]));
      const other = makeNote('file:///b.md', 'KubeCon', [{ track: 'Security' }]);
      index.update(other);

      const edited = makeNote('file:///a.md', 'KubeCon', [{ track: 'Networking', title: 'Renamed' }]);
      index.update(edited);

      assert.deepEqual(index.tracks('KubeCon'), [
        { name: 'Networking', count: 1 },
        { name: 'Security', count: 1 },
      ]);
      assert.deepEqual(ids(index.sessionsByTrack('KubeCon', 'Security')), ids(other.sessions));
      assert.equal(index.session(edited.sessions[0].id)?.title, 'Renamed');
      assert.equal(index.session('file:///a.md#session-1'), undefined, 'the dropped second session is forgotten');
      assert.equal(index.sessionCount, 2);
    });

    it('merges sessions of the same conference name from different files into one conference', () => {
      const index = new NoteIndex();
      index.update(makeNote('file:///day1.md', 'KubeCon', [{ track: 'Security' }, { track: 'Storage' }]));
      index.update(makeNote('file:///day2.md', 'KubeCon', [{ track: 'Security' }]));
      index.update(makeNote('file:///other.md', 'RubyKaigi', [{ track: 'Main' }]));

      assert.deepEqual(index.conferences(), [
        { name: 'KubeCon', count: 3 },
        { name: 'RubyKaigi', count: 1 },
      ]);
      assert.equal(index.trackSessionCount('KubeCon', 'Security'), 2);

      index.remove('file:///day1.md');
      assert.deepEqual(index.tracks('KubeCon'), [{ name: 'Security', count: 1 }]);
    });

    it('makes case, width and white-space variants of a track one track, named as most of its sessions write it', () => {
      const index = new NoteIndex();
      index.update(makeNote('file:///2019.md', 'KubeCon NA 2019', [{ track: 'keynote' }, { track: 'Cloud  Native' }]));
      index.update(makeNote('file:///2020.md', 'KubeCon NA 2020', [{ track: 'ＫＥＹＮＯＴＥ' }, { track: 'Keynote' }, { track: 'cloud native' }]));
      // Every spelling once: the first in code-point order, capitals before lower case, ASCII before full width.
      assert.deepEqual(index.tracks('KubeCon NA 2019'), [{ name: 'Cloud  Native', count: 1 }, { name: 'Keynote', count: 1 }]);
      assert.deepEqual(index.tracks('KubeCon NA 2020'), [{ name: 'Cloud  Native', count: 1 }, { name: 'Keynote', count: 2 }]);
      assert.deepEqual(index.sessionsByTrack('KubeCon NA 2020', 'keynote').map((session) => session.track), ['ＫＥＹＮＯＴＥ', 'Keynote']);
      assert.equal(index.trackSessionCount('KubeCon NA 2019', 'KEYNOTE'), 1);
      assert.equal(index.canonicalTrack('ｋｅｙｎｏｔｅ'), 'Keynote');
      assert.equal(index.canonicalTrack('Unknown'), 'Unknown');
    });

    it('renames a track everywhere when an edit changes which spelling most sessions write, and reports it', () => {
      const index = new NoteIndex();
      index.update(makeNote('file:///2019.md', 'KubeCon NA 2019', [{ track: 'Keynote' }, { track: 'Security' }]));
      index.update(makeNote('file:///2020.md', 'KubeCon NA 2020', [{ track: 'keynote' }]));
      assert.deepEqual(index.tracks('KubeCon NA 2019').map((track) => track.name), ['Keynote', 'Security']);
      const changes = recording(index);

      index.update(makeNote('file:///2020.md', 'KubeCon NA 2020', [{ track: 'keynote' }, { track: 'keynote' }]));
      assert.deepEqual(index.tracks('KubeCon NA 2019'), [{ name: 'keynote', count: 1 }, { name: 'Security', count: 1 }], 'the other conference shows the new name too');
      assert.deepEqual(index.tracks('KubeCon NA 2020'), [{ name: 'keynote', count: 2 }]);
      const [renamed] = changes;
      assert.deepEqual([...renamed.conferences].sort(), ['KubeCon NA 2019', 'KubeCon NA 2020'], 'the untouched conference is refreshed for the new name');
      assert.deepEqual(renamed.tracks.filter((ref) => ref.conference === 'KubeCon NA 2019').map((ref) => ref.track).sort(), ['Keynote', 'keynote']);

      index.remove('file:///2020.md');
      assert.deepEqual(index.tracks('KubeCon NA 2019').map((track) => track.name), ['Keynote', 'Security'], 'back to the one spelling left');
      assert.deepEqual(changes[1].tracks.map((ref) => `${ref.conference}: ${ref.track}`).sort(), ['KubeCon NA 2019: Keynote', 'KubeCon NA 2019: keynote', 'KubeCon NA 2020: Keynote', 'KubeCon NA 2020: keynote']);
    });

    it('files sessions without a track under the undefined track, listed last', () => {
      const index = new NoteIndex();
      index.update(makeNote('file:///a.md', 'KubeCon', [{}, { track: 'Zebra' }, {}]));

      assert.deepEqual(index.tracks('KubeCon'), [
        { name: 'Zebra', count: 1 },
        { name: undefined, count: 2 },
      ]);
      assert.deepEqual(ids(index.sessionsByTrack('KubeCon', undefined)), ['file:///a.md#session-0', 'file:///a.md#session-2']);
    });

    it('orders names numerically and sessions by file, then line', () => {
      const index = new NoteIndex();
      index.update(makeNote('file:///day10.md', 'Conf', [{ track: 'Track 10' }, { track: 'Track 2', line: 1 }]));
      index.update(makeNote('file:///day2.md', 'Conf', [{ track: 'Track 2', line: 50 }, { track: 'Track 2', line: 5 }]));

      assert.deepEqual(index.tracks('Conf').map((track) => track.name), ['Track 2', 'Track 10']);
      assert.deepEqual(
        index.sessionsByTrack('Conf', 'Track 2').map((session) => `${session.uri}:${session.line}`),
        ['file:///day2.md:5', 'file:///day2.md:50', 'file:///day10.md:1'],
      );
    });
  });

  describe('facets', () => {
    it('counts a session under each of its speakers and tags, and sessions with none under undefined', () => {
      const index = new NoteIndex();
      index.update(
        makeNote('file:///a.md', 'Conf', [
          { speakers: ['Ada', 'Grace'], tags: ['rust'] },
          { speakers: ['Ada'], tags: [] },
          { speakers: [] },
        ]),
      );

      assert.deepEqual(index.speakers(), [
        { name: 'Ada', count: 2 },
        { name: 'Grace', count: 1 },
        { name: undefined, count: 1 },
      ]);
      assert.deepEqual(index.tags(), [
        { name: 'rust', count: 1 },
        { name: undefined, count: 2 },
      ]);
      assert.deepEqual(ids(index.sessionsInGroup('speakers', 'Ada')), ['file:///a.md#session-0', 'file:///a.md#session-1']);
    });

    it('groups days by calendar date when known, else by day label, and statuses with an undefined bucket', () => {
      const index = new NoteIndex();
      index.update(
        makeNote('file:///a.md', 'Conf', [
          { date: '2020-11-17', day: 'Day 1', status: 'attended' },
          { day: 'Day 2', status: 'watched' },
          { date: '2020-11-17' },
        ]),
      );

      assert.deepEqual(index.days(), [
        { name: '2020-11-17', count: 2 },
        { name: 'Day 2', count: 1 },
      ]);
      assert.deepEqual(index.statuses(), [
        { name: 'attended', count: 1 },
        { name: 'watched', count: 1 },
        { name: undefined, count: 1 },
      ]);
    });
  });

  describe('remove and clear', () => {
    it('forgets a file, its sessions and groups that become empty', () => {
      const index = new NoteIndex();
      index.update(makeNote('file:///a.md', 'KubeCon', [{ track: 'Security', speakers: ['Ada'] }]));
      index.update(makeNote('file:///b.md', 'RubyKaigi', [{ track: 'Main' }]));

      index.remove('file:///a.md');

      assert.deepEqual(index.conferences(), [{ name: 'RubyKaigi', count: 1 }]);
      assert.deepEqual(index.tracks('KubeCon'), []);
      assert.deepEqual(index.speakers(), [{ name: undefined, count: 1 }]);
      assert.deepEqual(index.sessionsOf('file:///a.md'), []);
      assert.equal(index.note('file:///a.md'), undefined);
      assert.equal(index.sessionCount, 1);
    });

    it('fires no event when removing a file it never indexed', () => {
      const index = new NoteIndex();
      const changes = recording(index);
      const change = index.remove('file:///unknown.md');
      assert.deepEqual(change.uris, []);
      assert.equal(changes.length, 0);
    });

    it('clear empties everything and reports every file', () => {
      const index = new NoteIndex();
      index.updateMany([makeNote('file:///a.md', 'A', [{ track: 'x' }]), makeNote('file:///b.md', 'B', [{}])], []);
      const changes = recording(index);

      index.clear();

      assert.equal(index.sessionCount, 0);
      assert.deepEqual(index.conferences(), []);
      assert.deepEqual(index.speakers(), []);
      assert.equal(changes.length, 1);
      assert.deepEqual([...changes[0].uris].sort(), ['file:///a.md', 'file:///b.md']);
      assert.equal(changes[0].groupsAddedOrRemoved, true);
    });
  });

  describe('events', () => {
    it('reports the changed file, conferences and tracks, and not the untouched ones', () => {
      const index = new NoteIndex();
      index.update(makeNote('file:///a.md', 'KubeCon', [{ track: 'Security' }, { track: 'Storage' }]));
      index.update(makeNote('file:///b.md', 'RubyKaigi', [{ track: 'Main' }]));
      const changes = recording(index);

      index.update(makeNote('file:///a.md', 'KubeCon', [{ track: 'Security' }, { track: 'Networking' }]));

      assert.equal(changes.length, 1);
      const [change] = changes;
      assert.deepEqual(change.uris, ['file:///a.md']);
      assert.deepEqual(change.conferences, ['KubeCon']);
      assert.deepEqual(
        change.tracks.map((ref) => ref.track).sort(),
        ['Networking', 'Security', 'Storage'],
      );
      assert.ok(change.tracks.every((ref) => ref.conference === 'KubeCon'));
      assert.equal(change.groupsAddedOrRemoved, false, 'no conference, speaker, tag, day or status appeared or vanished');
    });

    it('flags added or removed top-level groups', () => {
      const index = new NoteIndex();
      index.update(makeNote('file:///a.md', 'KubeCon', [{ track: 'Security' }]));
      const added = index.update(makeNote('file:///b.md', 'RubyKaigi', [{}]));
      assert.equal(added.groupsAddedOrRemoved, true);
      index.tags(); // as the tree grouped by tag reads them
      const tagAdded = index.update(makeNote('file:///b.md', 'RubyKaigi', [{ tags: ['ruby'] }]));
      assert.equal(tagAdded.groupsAddedOrRemoved, true);
      assert.deepEqual([...tagAdded.facets.tags].sort(), ['ruby', undefined]);
    });

    it('groups by a facet from its first read on, and reports only the facets read', () => {
      const index = new NoteIndex();
      index.updateMany([
        makeNote('file:///a.md', 'KubeCon', [{ speakers: ['Ada', 'Grace'] }, { speakers: ['Ada'], tags: ['ebpf'] }]),
        makeNote('file:///b.md', 'RubyKaigi', [{}]),
      ], []);
      const unread = index.update(makeNote('file:///c.md', 'RubyKaigi', [{ speakers: ['Linus'] }]));
      assert.deepEqual([unread.facets.speakers, unread.groupsAddedOrRemoved], [[], false], 'nothing shows speakers yet: no speaker group to refresh');
      assert.deepEqual(index.speakers(), [{ name: 'Ada', count: 2 }, { name: 'Grace', count: 1 }, { name: 'Linus', count: 1 }, { name: undefined, count: 1 }]);
      const read = index.update(makeNote('file:///c.md', 'RubyKaigi', [{ speakers: ['Margaret'] }]));
      assert.deepEqual([[...read.facets.speakers].sort(), read.groupsAddedOrRemoved], [['Linus', 'Margaret'], true]);
      assert.deepEqual(index.sessionsInGroup('speakers', 'Margaret').map((session) => session.uri), ['file:///c.md']);
      assert.deepEqual(index.tags(), [{ name: 'ebpf', count: 1 }, { name: undefined, count: 3 }]);
    });

    it('delivers one event for a batch, with every file in it', () => {
      const index = new NoteIndex();
      index.update(makeNote('file:///old.md', 'Conf', [{ track: 'x' }]));
      const changes = recording(index);

      const notes = Array.from({ length: 500 }, (_, i) => makeNote(`file:///n${i}.md`, `Conf ${i % 3}`, [{ track: 'x' }]));
      index.updateMany(notes, ['file:///old.md']);

      assert.equal(changes.length, 1);
      assert.equal(changes[0].uris.length, 501);
      assert.equal(index.sessionCount, 500);
      assert.deepEqual([...changes[0].conferences].sort(), ['Conf', 'Conf 0', 'Conf 1', 'Conf 2']);
    });

    it('in a batch, a file both removed and updated ends up with its new content', () => {
      const index = new NoteIndex();
      index.update(makeNote('file:///a.md', 'Conf', [{ track: 'old' }]));
      index.updateMany([makeNote('file:///a.md', 'Conf', [{ track: 'new' }])], ['file:///a.md']);
      assert.deepEqual(index.tracks('Conf'), [{ name: 'new', count: 1 }]);
    });

    it('stops delivering after dispose', () => {
      const index = new NoteIndex();
      const received: IndexChange[] = [];
      const subscription = index.onDidChange((change) => received.push(change));
      index.update(makeNote('file:///a.md', 'Conf', [{}]));
      subscription.dispose();
      index.update(makeNote('file:///b.md', 'Conf', [{}]));
      assert.equal(received.length, 1);
    });

    it('still notifies every listener when one throws, then rethrows', () => {
      const index = new NoteIndex();
      let heard = 0;
      index.onDidChange(() => {
        throw new Error('listener failed');
      });
      index.onDidChange(() => heard++);
      assert.throws(() => index.update(makeNote('file:///a.md', 'Conf', [{}])), /listener failed/);
      assert.equal(heard, 1);
      assert.equal(index.sessionCount, 1, 'the update itself is applied');
    });
  });

  describe('matches a from-scratch recount after any sequence of updates and removes (property)', () => {
    const uris = ['file:///a.md', 'file:///b.md', 'file:///c.md', 'file:///d.md'];
    const sessionFields: fc.Arbitrary<SessionFields> = fc.record(
      {
        conference: fc.constantFrom('KubeCon', 'RubyKaigi', 'JSConf'),
        // Three spellings of one track: which one names it moves with every edit.
        track: fc.constantFrom('Security', 'security', 'ＳＥＣＵＲＩＴＹ', 'Storage', '基調講演', undefined),
        speakers: fc.subarray(['Ada', 'Grace', 'Linus']),
        tags: fc.subarray(['k8s', 'ruby']),
        date: fc.constantFrom('2020-11-17', '2020-11-18', undefined),
        day: fc.constantFrom('Day 1', undefined),
        status: fc.constantFrom('attended' as const, 'watched' as const, undefined),
      },
      { requiredKeys: ['conference', 'speakers', 'tags'] },
    );
    const note = fc.record({ uri: fc.constantFrom(...uris), sessions: fc.array(sessionFields, { maxLength: 4 }) }).map(({ uri, sessions }) => makeNote(uri, 'KubeCon', sessions));
    type Operation = { kind: 'update'; note: ParsedNote } | { kind: 'remove'; uri: string } | { kind: 'batch'; notes: ParsedNote[]; removed: string[] } | { kind: 'clear' };
    const operation: fc.Arbitrary<Operation> = fc.oneof(
      { weight: 5, arbitrary: note.map((value) => ({ kind: 'update' as const, note: value })) },
      { weight: 2, arbitrary: fc.constantFrom(...uris).map((uri) => ({ kind: 'remove' as const, uri })) },
      { weight: 2, arbitrary: fc.record({ notes: fc.array(note, { maxLength: 3 }), removed: fc.subarray(uris) }).map((batch) => ({ kind: 'batch' as const, ...batch })) },
      { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
    );

    /** Every group the index exposes, as "kind\0key" → sorted member ids, read back through the public API. */
    function groupsOf(index: NoteIndex): Map<string, string> {
      const groups = new Map<string, string>();
      assert.equal(index.conferenceCount, index.conferences().length);
      for (const { name: conference, count } of index.conferences()) {
        groups.set(`conference\0${conference}`, ids(index.sessionsOfConference(conference)).sort().join(','));
        assert.equal(count, index.conferenceSessionCount(conference));
        for (const { name: track, count: trackCount } of index.tracks(conference)) {
          const members = ids(index.sessionsByTrack(conference, track));
          assert.equal(trackCount, members.length);
          groups.set(`track\0${conference}\0${track ?? ''}`, members.sort().join(','));
        }
      }
      for (const facet of FACETS) {
        for (const { name, count } of index.groups(facet)) {
          const members = ids(index.sessionsInGroup(facet, name));
          assert.equal(count, members.length);
          groups.set(`${facet}\0${name ?? ''}`, members.sort().join(','));
        }
      }
      return groups;
    }

    /** The same groups counted directly from the notes that should be indexed. */
    function recount(notes: Iterable<ParsedNote>): Map<string, string> {
      const members = new Map<string, string[]>();
      const file = (key: string, session: Session) => members.set(key, [...(members.get(key) ?? []), session.id]);
      const orNone = (values: readonly GroupKey[]) => (values.length === 0 ? [undefined] : [...new Set(values)]);
      const indexed = [...notes];
      const all = indexed.flatMap((n) => n.sessions);
      // A track is named as most of its sessions, in every conference, write it; a tie goes to the first in code-point order.
      const trackName = (track: string) => {
        const variants = all.flatMap((session) => (session.track !== undefined && trackVariantKey(session.track) === trackVariantKey(track) ? [session.track] : []));
        const uses = (spelling: string) => variants.filter((each) => each === spelling).length;
        return [...new Set(variants)].sort((a, b) => uses(b) - uses(a) || (a < b ? -1 : 1))[0];
      };
      for (const { sessions } of indexed) {
        for (const session of sessions) {
          file(`conference\0${session.conference}`, session);
          file(`track\0${session.conference}\0${session.track === undefined ? '' : trackName(session.track)}`, session);
          for (const speaker of orNone(session.speakers)) file(`speakers\0${speaker ?? ''}`, session);
          for (const tag of orNone(session.tags)) file(`tags\0${tag ?? ''}`, session);
          file(`days\0${sessionDay(session) ?? ''}`, session);
          file(`statuses\0${session.status ?? ''}`, session);
        }
      }
      return new Map([...members].map(([key, sessionIds]) => [key, sessionIds.sort().join(',')]));
    }

    /** Which reported keys cover a group key of `groupsOf`. */
    function reported(change: IndexChange): Set<string> {
      const keys = new Set<string>();
      for (const conference of change.conferences) keys.add(`conference\0${conference}`);
      for (const { conference, track } of change.tracks) keys.add(`track\0${conference}\0${track ?? ''}`);
      for (const facet of FACETS) for (const key of change.facets[facet]) keys.add(`${facet}\0${key ?? ''}`);
      return keys;
    }

    const topLevel = (groups: Map<string, string>) => [...groups.keys()].filter((key) => !key.startsWith('track\0')).sort().join('\n');

    it('keeps aggregates equal to a recount and reports every group whose members changed', () => {
      assertProperty(
        fc.property(fc.array(operation, { maxLength: 25 }), (operations) => {
          const index = new NoteIndex();
          // The same operations on an index whose groups are read only at the end: its facets are built from what it holds then.
          const unread = new NoteIndex();
          const expected = new Map<string, ParsedNote>();
          for (const op of operations) {
            const before = groupsOf(index);
            let change: IndexChange;
            let touched: string[];
            switch (op.kind) {
              case 'update':
                touched = [op.note.uri];
                change = index.update(op.note);
                unread.update(op.note);
                expected.set(op.note.uri, op.note);
                break;
              case 'remove':
                touched = expected.has(op.uri) ? [op.uri] : [];
                change = index.remove(op.uri);
                unread.remove(op.uri);
                expected.delete(op.uri);
                break;
              case 'batch':
                touched = [...op.removed.filter((uri) => expected.has(uri)), ...op.notes.map((n) => n.uri)];
                change = index.updateMany(op.notes, op.removed);
                unread.updateMany(op.notes, op.removed);
                for (const uri of op.removed) expected.delete(uri);
                for (const n of op.notes) expected.set(n.uri, n);
                break;
              case 'clear':
                touched = [...expected.keys()];
                change = index.clear();
                unread.clear();
                expected.clear();
                break;
            }
            const after = groupsOf(index);
            assert.deepEqual(after, recount(expected.values()));
            assert.equal(index.sessionCount, [...expected.values()].reduce((sum, n) => sum + n.sessions.length, 0));
            assert.deepEqual([...change.uris].sort(), [...new Set(touched)].sort());

            const covered = reported(change);
            for (const key of new Set([...before.keys(), ...after.keys()])) {
              if (before.get(key) !== after.get(key)) assert.ok(covered.has(key), `changed group not reported: ${key.replace(/\0/g, ' / ')}`);
            }
            assert.equal(change.groupsAddedOrRemoved, topLevel(before) !== topLevel(after));
          }
          for (const n of expected.values()) for (const session of n.sessions) assert.equal(index.session(session.id), session);
          assert.deepEqual(groupsOf(unread), recount(expected.values()));
        }),
        { numRuns: 300 },
      );
    });
  });
});

describe('NoteIndex: readings inferred per folder', () => {
  const read = (path: string, text: string) => parseNote(text, { uri: `file:///ws/${path}`, pathSegments: path.split('/'), options: DEFAULT_PARSE_OPTIONS });
  const talk = (title: string) => `# ${title}\n\n## Notes\n\nWhat was said.\n\n## Q&A\n\nWhat was asked.\n`;
  // Two peer sections and no title: a report of two sessions alone, one talk among one-talk files.
  const peers = read('conf-2031/peers.md', '## Build caches\n\ncache keys\n\n## Release trains\n\nmonthly\n');

  it('re-reads a folder when a file changes its layout, and reports the files whose reading changed', () => {
    const index = new NoteIndex();
    index.updateMany([peers, read('conf-2031/a.md', talk('Alpha'))], []);
    assert.deepEqual(index.sessionsOf(peers.uri).map((session) => session.title), ['Build caches', 'Release trains']);
    const change = index.update(read('conf-2031/b.md', talk('Beta')));
    assert.deepEqual(index.sessionsOf(peers.uri).map((session) => session.title), ['peers'], 'two one-talk siblings: one talk');
    assert.deepEqual([...change.uris].sort(), ['file:///ws/conf-2031/b.md', peers.uri]);
    index.remove('file:///ws/conf-2031/b.md');
    assert.equal(index.sessionsOf(peers.uri).length, 2, 'back to a report when the sibling goes');
    assert.equal(index.sessionCount, 3);
  });

  it('reads every folder as an index built at once does, after any sequence of batches (property)', () => {
    // Files whose reading depends on their siblings: one-talk files, a two-section report that follows them, landing
    // pages that name the event and give tracks, reports that name an event in a heading.
    const texts = [
      talk('Alpha'),
      talk('Beta'),
      '## Build caches\n\ncache keys\n\n## Release trains\n\nmonthly\n',
      '# Harbour Conf 2031 notes\n\n## Tutorials\n\n- [Alpha](a.md)\n- [Beta](b.md)\n',
      '# Bay Summit 2031 notes\n\n- [Alpha](a.md)\n',
      '# Harbour Conf 2031\n\n## Platform\n\n### Queues\n\nnotes\n',
      '# Bay Summit 2031\n\n## Data\n\n### Streams\n\nnotes\n',
    ];
    const paths = ['conf/a.md', 'conf/b.md', 'conf/peers.md', 'conf/README.md', 'conf/index.md', 'conf/report.md', 'conf/sub/c.md', 'README.md'];
    // A batch: paths written (a text) or deleted (null); the last word on a path wins, as in one updateMany.
    const batch = fc.array(fc.record({ path: fc.constantFrom(...paths), text: fc.option(fc.constantFrom(...texts), { nil: null }) }), { minLength: 1, maxLength: 4 });
    const reading = (index: NoteIndex) => index.sessions().map((session) => `${session.uri} ${session.title} | ${session.conference} | ${session.track ?? ''}`).sort();
    assertProperty(
      fc.property(fc.array(batch, { minLength: 1, maxLength: 10 }), (batches) => {
        const index = new NoteIndex();
        const files = new Map<string, string>();
        for (const ops of batches) {
          const last = new Map(ops.map(({ path, text }) => [path, text]));
          const written = [...last].filter((entry): entry is [string, string] => entry[1] !== null);
          const deleted = [...last].filter(([, text]) => text === null).map(([path]) => path);
          index.updateMany(written.map(([path, text]) => read(path, text)), deleted.map((path) => `file:///ws/${path}`));
          for (const [path, text] of written) files.set(path, text);
          for (const path of deleted) files.delete(path);
          const atOnce = new NoteIndex();
          atOnce.updateMany([...files].map(([path, text]) => read(path, text)), []);
          assert.deepEqual(reading(index), reading(atOnce));
          assert.deepEqual(index.conferences(), atOnce.conferences());
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps a README above folders of notes out of the sessions, and names a folder from its landing page', () => {
    const index = new NoteIndex();
    const prose = 'What the talk covered, written down during the talk and tidied up on the train home afterwards. '.repeat(2);
    const readme = read('README.md', `## Queues by Ada Byron\n\n${prose}\n\n## Streams by Alan Kay\n\n${prose}\n`);
    index.update(readme);
    assert.equal(index.sessionsOf(readme.uri).length, 2, 'alone, a README is read like any note');
    index.update(read('conf-2031/a.md', talk('Alpha')));
    assert.equal(index.sessionsOf(readme.uri).length, 0, 'notes below it: a landing page');
    index.update(read('conf-2031/README.md', '# Harbour Conf 2031 notes\n\n- [Alpha](a.md)\n- [Beta](b.md)\n'));
    assert.deepEqual(index.conferences(), [{ name: 'Harbour Conf 2031', count: 1 }]);
    // One batch moves the only talk to another folder: notes stay below the README.
    index.updateMany([read('conf-2032/a.md', talk('Alpha'))], ['file:///ws/conf-2031/a.md', 'file:///ws/conf-2031/README.md']);
    assert.equal(index.sessionsOf(readme.uri).length, 0, 'still notes below it');
    index.remove('file:///ws/conf-2032/a.md');
    assert.equal(index.sessionsOf(readme.uri).length, 2, 'no note below it any more: a note again');
  });
});
