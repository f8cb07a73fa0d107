// The places of a merged session as the Sessions view links them: each tooltip link names one place, and the command
// it runs reads back only a place, never a session, a tree node or a malformed argument.
import assert from 'node:assert/strict';
import { NoteIndex } from '../../src/core/notes/noteIndex';
import { placeCommandUri, readPlaceReference } from '../../src/core/notes/sessionPlaces';
import { makeNote } from './helpers/parsedNotes';

const COMMAND = 'conferenceNotes.openSessionPlace';

/** What VS Code hands the command for a `command:` link: the JSON array of the query, spread. */
function argumentsOf(link: string): unknown[] {
  const match = /^command:([^?]+)\?(.*)$/.exec(link);
  assert.ok(match, link);
  assert.equal(match[1], COMMAND);
  return JSON.parse(decodeURIComponent(match[2])) as unknown[];
}

describe('session places', () => {
  it('links each place of a merged session to its note and line, the user’s note first', () => {
    const index = new NoteIndex();
    const programme = makeNote('file:///w/programme/harbour.md', 'Harbour 2031', [
      { title: 'Tide Tables', uid: 'H-1', line: 12 },
      { title: 'Ships (and Ports)', uid: 'H-2', line: 30 },
    ]);
    const report = makeNote('file:///w/notes/report.md', 'Harbour 2031', [{ title: 'Ships (and ports)', line: 7, status: 'attended' }]);
    index.updateMany([programme, report], []);
    const ships = index.sessionsOfConference('Harbour 2031').find((session) => session.places !== undefined);
    assert.ok(ships?.places);
    const links = ships.places.map((place) => placeCommandUri(COMMAND, place));
    assert.deepEqual(links.map((link) => argumentsOf(link).map(readPlaceReference)), [
      [{ uri: 'file:///w/notes/report.md', line: 7 }],
      [{ uri: 'file:///w/programme/harbour.md', line: 30 }],
    ]);
  });

  it('keeps a link one URI whatever characters the path holds', () => {
    const place = { uri: 'file:///w/notes/%E6%B8%AF%20(2031)%23a.md?x=1&y=2', line: 3 };
    const link = placeCommandUri(COMMAND, place);
    assert.doesNotMatch(link, /[\s()#&"[\]{}]/);
    assert.deepEqual(argumentsOf(link).map(readPlaceReference), [place]);
  });

  it('reads no place from a session, a tree node or a malformed argument', () => {
    const session = makeNote('file:///w/notes/report.md', 'Harbour 2031', [{ title: 'Tide Tables' }]).sessions[0];
    for (const value of [
      session,
      { kind: 'session', id: 'x', session },
      { uri: session.uri, line: 1, kind: 'report' },
      { uri: session.uri, line: -1 },
      { uri: session.uri, line: 1.5 },
      { uri: session.uri, line: '1' },
      { uri: '', line: 0 },
      { uri: 42, line: 0 },
      undefined,
      null,
      'file:///w/notes/report.md',
    ]) {
      assert.equal(readPlaceReference(value), undefined, JSON.stringify(value));
    }
  });
});
