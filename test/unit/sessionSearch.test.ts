// Go to Session's search over the index: what a user typing in Ctrl+T finds, which sessions are kept when there are
// more than the editor is given, and that it follows the index as notes change.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { NoteIndex } from '../../src/core/notes/noteIndex';
import { SessionSearch, sessionSearchName } from '../../src/core/notes/sessionSearch';
import { makeNote } from './helpers/parsedNotes';
import { assertProperty } from './helpers/property';

function searchOver(...notes: Parameters<typeof makeNote>[]): { index: NoteIndex; search: SessionSearch } {
  const index = new NoteIndex();
  index.updateMany(notes.map((args) => makeNote(...args)), []);
  return { index, search: new SessionSearch(index) };
}

const titles = (found: readonly { title: string }[]): string[] => found.map((session) => session.title);

describe('SessionSearch (Go to Session)', () => {
  const kubecon: Parameters<typeof makeNote> = ['file:///notes/kubecon.md', 'KubeCon EU 2025', [
    { title: 'eBPF for Observability', speakers: ['Liz Rice'], track: 'Observability' },
    { title: 'Securing the Supply Chain', speakers: ['Alice Example', 'Bob Example'] },
    { title: 'Keynote: Cloud Native at Ten', speakers: [] },
  ]];
  const ossj: Parameters<typeof makeNote> = ['file:///notes/ossj.md', 'Open Source Summit Japan 2025', [
    { title: 'SBOM を実運用に乗せるまで', speakers: ['山田 太郎'] },
  ]];

  it('finds a session by part of its title, ignoring case, width and spaces', () => {
    const { search } = searchOver(kubecon, ossj);
    assert.deepEqual(titles(search.query('supply', 10)), ['Securing the Supply Chain']);
    assert.deepEqual(titles(search.query('ＥＢＰＦ', 10)), ['eBPF for Observability']);
    assert.deepEqual(titles(search.query('cloud native', 10)), ['Keynote: Cloud Native at Ten']);
    assert.deepEqual(titles(search.query('実運用', 10)), ['SBOM を実運用に乗せるまで']);
  });

  it('finds a session by a speaker, and by letters of its name in order as VS Code matches them', () => {
    const { search } = searchOver(kubecon, ossj);
    // A word of the name beats letters scattered over another ("secuRIng … Chain · alicE", which VS Code shows too).
    assert.deepEqual(titles(search.query('rice', 10)), ['eBPF for Observability', 'Securing the Supply Chain']);
    assert.deepEqual(titles(search.query('山田', 10)), ['SBOM を実運用に乗せるまで']);
    assert.deepEqual(titles(search.query('scsc', 10)), ['Securing the Supply Chain']);
    assert.deepEqual(search.query('zzz', 10), []);
    // Letters out of order are no match.
    assert.deepEqual(search.query('nommumba', 10), []);
    assert.deepEqual(search.query('mobs', 10), []);
  });

  it('names a session by its title and its speakers', () => {
    const { index } = searchOver(kubecon);
    assert.deepEqual(index.sessions().map(sessionSearchName), [
      'eBPF for Observability · Liz Rice',
      'Securing the Supply Chain · Alice Example, Bob Example',
      'Keynote: Cloud Native at Ten',
    ]);
  });

  it('keeps the best matches when there are more than asked for: the start of the name, then a word, then inside a word', () => {
    const { search } = searchOver(['file:///notes/a.md', 'Conf', [
      { title: 'Scattered s-c-a-l-e letters' },
      { title: 'Autoscale groups' },
      { title: 'Why we scale down' },
      { title: 'Scale to zero' },
    ]]);
    assert.deepEqual(titles(search.query('scale', 1)), ['Scale to zero']);
    assert.deepEqual(titles(search.query('scale', 2)), ['Scale to zero', 'Why we scale down']);
    assert.deepEqual(titles(search.query('scale', 3)), ['Scale to zero', 'Why we scale down', 'Autoscale groups']);
    assert.equal(search.query('scale', 10).length, 4);
  });

  it('follows the index: a renamed session is found by its new title only, a removed note is gone', () => {
    const { index, search } = searchOver(kubecon, ossj);
    index.update(makeNote('file:///notes/kubecon.md', 'KubeCon EU 2025', [{ title: 'Platform Engineering Day' }]));
    assert.deepEqual(search.query('supply', 10), []);
    assert.deepEqual(titles(search.query('platform', 10)), ['Platform Engineering Day']);
    index.remove('file:///notes/ossj.md');
    assert.deepEqual(search.query('sbom', 10), []);
    search.dispose();
    index.update(makeNote('file:///notes/late.md', 'Conf', [{ title: 'After dispose' }]));
    assert.deepEqual(search.query('after', 10), []);
  });

  it('answers an empty query with the first sessions, as many as asked for', () => {
    const { search } = searchOver(kubecon, ossj);
    assert.equal(search.query('', 2).length, 2);
    assert.equal(search.query('  ', 10).length, 4);
  });

  it('never misses a session VS Code would show: any letters of its name, in order, find it', () => {
    assertProperty(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 8 }), fc.nat(), fc.array(fc.boolean(), { maxLength: 60 }), (names, pick, keep) => {
        const { index, search } = searchOver(['file:///notes/p.md', 'Conf', names.map((title) => ({ title }))]);
        const target = index.sessions()[pick % names.length];
        const letters = [...target.title.toLowerCase()].filter((char, i) => char.trim() !== '' && (keep[i] ?? true)).join('');
        assert.ok(search.query(letters, names.length).some((session) => session.id === target.id), `"${letters}" finds "${target.title}"`);
      }),
    );
  });
});
