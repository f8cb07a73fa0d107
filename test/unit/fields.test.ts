import assert from 'node:assert/strict';
import { fieldNameOf, normalizeDate, readFieldLines, splitList, statusOf } from '../../src/core/notes/fields';

describe('fieldNameOf', () => {
  it('matches keys ignoring case, width, spaces, - and _', () => {
    assert.equal(fieldNameOf('Speakers'), 'speakers');
    assert.equal(fieldNameOf('SPEAKER'), 'speakers');
    assert.equal(fieldNameOf('Presenter'), 'speakers');
    assert.equal(fieldNameOf('ＴＲＡＣＫ'), 'track');
    assert.equal(fieldNameOf('session_level'), 'sessionLevel');
    assert.equal(fieldNameOf('Track Level'), 'trackLevel');
    assert.equal(fieldNameOf('notes'), undefined);
  });

  it('knows the Japanese aliases', () => {
    const expected: Record<string, string> = {
      トラック: 'track', 登壇者: 'speakers', スピーカー: 'speakers', 日付: 'date', 日: 'day', 時間: 'time', 時刻: 'time',
      会場: 'room', 部屋: 'room', タグ: 'tags', 状態: 'status', ステータス: 'status', スライド: 'slides', 動画: 'video',
      カンファレンス: 'conference', イベント: 'conference', タイトル: 'title',
    };
    for (const [key, name] of Object.entries(expected)) assert.equal(fieldNameOf(key), name, key);
  });
});

describe('statusOf', () => {
  it('reads English and Japanese status values', () => {
    assert.equal(statusOf('Attended'), 'attended');
    assert.equal(statusOf('to watch'), 'to-watch');
    assert.equal(statusOf('To-Watch'), 'to-watch');
    assert.equal(statusOf('canceled'), 'cancelled');
    assert.equal(statusOf('参加'), 'attended');
    assert.equal(statusOf('視聴'), 'watched');
    assert.equal(statusOf('未視聴'), 'to-watch');
    assert.equal(statusOf('予定'), 'planned');
    assert.equal(statusOf('スキップ'), 'skipped');
    assert.equal(statusOf('maybe'), undefined);
  });
});

describe('splitList and normalizeDate', () => {
  it('splits on commas, Japanese commas and full-width commas, dropping empty items', () => {
    assert.deepEqual(splitList('Ada Lovelace, Grace Hopper'), ['Ada Lovelace', 'Grace Hopper']);
    assert.deepEqual(splitList('佐藤 花子、鈴木 一郎，高橋'), ['佐藤 花子', '鈴木 一郎', '高橋']);
    assert.deepEqual(splitList(' a ,, b , '), ['a', 'b']);
  });

  it('writes dates as ISO when they can be read, as written otherwise', () => {
    assert.equal(normalizeDate('2020/11/7'), '2020-11-07');
    assert.equal(normalizeDate('2020年11月17日'), '2020-11-17');
    assert.equal(normalizeDate('2020.1.2'), '2020-01-02');
    assert.equal(normalizeDate('Nov 17'), 'Nov 17');
  });
});

describe('readFieldLines', () => {
  it('reads `key: value` from the first line of a list item only', () => {
    assert.deepEqual(readFieldLines('track: Cloud', 4, true), [{ name: 'track', value: 'Cloud', line: 4 }]);
    assert.deepEqual(readFieldLines('track: Cloud', 4, false), [], 'a paragraph line is prose');
    assert.deepEqual(readFieldLines('first line\ntrack: Cloud', 4, true), []);
  });

  it('accepts a bold key and a full-width colon', () => {
    assert.deepEqual(readFieldLines('**Speakers:** Ada, Grace', 0, true), [{ name: 'speakers', value: 'Ada, Grace', line: 0 }]);
    assert.deepEqual(readFieldLines('登壇者：佐藤 花子', 0, true), [{ name: 'speakers', value: '佐藤 花子', line: 0 }]);
  });

  it('ignores list items whose key is no field, and empty values', () => {
    assert.deepEqual(readFieldLines('Note: check the slides', 0, true), []);
    assert.deepEqual(readFieldLines('speakers:', 0, true), []);
  });

  it('reads Dataview inline fields on their own line and in brackets, with the line of each', () => {
    assert.deepEqual(readFieldLines('intro\ntrack:: Cloud\nroom:: Hall A', 10, false), [
      { name: 'track', value: 'Cloud', line: 11 },
      { name: 'room', value: 'Hall A', line: 12 },
    ]);
    assert.deepEqual(readFieldLines('A talk [status:: watched] with (tags:: a, b) inline.', 3, false), [
      { name: 'status', value: 'watched', line: 3 },
      { name: 'tags', value: 'a, b', line: 3 },
    ]);
    assert.deepEqual(readFieldLines('status:: attended', 0, true), [{ name: 'status', value: 'attended', line: 0 }]);
  });

  it('reads a DocC @TitleHeading as the track', () => {
    assert.deepEqual(readFieldLines('@Metadata { @TitleHeading("Workshop") }', 2, false), [{ name: 'track', value: 'Workshop', line: 2 }]);
  });

  it('reads a 1 MB line of unclosed bracketed fields as no field (a backtracking pattern would not finish)', () => {
    assert.deepEqual(readFieldLines('[a:: '.repeat(200_000), 0, false), []);
  });
});
