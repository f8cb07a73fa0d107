// Reading a blog (docs/note-formats.md, "Reading a blog"): our own small blogs, one per engine, each with two conference
// reports among other posts, read with no settings through the index as a new user's workspace folder is.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { reportEventName } from '../../src/core/notes/blogPosts';
import { DEFAULT_PARSE_OPTIONS, type ParsedNote } from '../../src/core/notes/model';
import { NoteIndex } from '../../src/core/notes/noteIndex';
import { parseNote } from '../../src/core/notes/parser';
import { conferenceTime, orderConferences } from '../../src/core/stats/conferenceOrder';
import { sessionTree } from './helpers/sessionTree';

const BLOGS = join(__dirname, '..', 'fixtures', 'blogs');

function readBlog(blog: string): ParsedNote[] {
  const root = join(BLOGS, blog);
  const paths = (readdirSync(root, { recursive: true }) as string[])
    .map((path) => path.split('\\').join('/'))
    .filter((path) => path.endsWith('.md') && statSync(join(root, path)).isFile())
    .sort();
  return paths.map((path) => parseNote(readFileSync(join(root, path), 'utf8'), { uri: `file:///${blog}/${path}`, pathSegments: path.split('/'), options: DEFAULT_PARSE_OPTIONS }));
}

function indexOf(notes: readonly ParsedNote[]): NoteIndex {
  const index = new NoteIndex();
  index.updateMany(notes, []);
  return index;
}

/** conference → `track / day / date` → `title (speakers)`, the tree a user sees. */
function tree(index: NoteIndex): Record<string, Record<string, string[]>> {
  return sessionTree(index, (session) => `${session.track ?? '-'} / ${session.day ?? '-'} / ${session.date ?? '-'}`);
}

/** The files of a blog that hold sessions. */
function reports(notes: readonly ParsedNote[]): string[] {
  return notes.filter((note) => note.sessions.length > 0).map((note) => note.uri.slice(note.uri.lastIndexOf('/') + 1));
}

const EXPECTED: Record<string, { tree: Record<string, Record<string, string[]>>; reports: string[]; posts: number }> = {
  // TOML front matter, H1 days over H2 talks, a talk group heading, lunch and booth sections, a draft.
  hugo: {
    tree: {
      'DroidKaigi 2031': {
        '- / Day 1 / 2031-09-14': ['Compose の状態管理を見直す', '型安全なナビゲーション (佐藤 花子)'],
        '- / Day 2 / 2031-09-14': ['Kotlin Multiplatform の現在地 (田中 次郎)'],
      },
      'Kotlin Fest 2031': { '- / - / 2031-11-02': ['コルーチンの落とし穴 (鈴木 一郎)', 'Flow で書く UI 層'] },
    },
    reports: ['droidkaigi-2031.md', 'kotlin-fest-2031.md'],
    posts: 8,
  },
  // Two days of one event in two posts merge; day 2 lists its talks as list items (`[\[JA\] …](slides) -- Speaker`,
  // `… by Speaker ([video](…))`); dates with a time and an offset.
  jekyll: {
    tree: {
      'RubyKaigi 2031': {
        'Keynote / - / 2031-04-20': ['Keynote: The Next Ten Years of Ruby'],
        '- / - / 2031-04-20': ['パターンマッチの実装を読む (Ada Byron)'],
        '- / - / 2031-04-21': ['[JA] YJIT の最適化を追う (山田 太郎)', 'Ractor in practice (Alan Kay)'],
      },
    },
    reports: ['2031-04-20-rubykaigi-day1.md', '2031-04-21-rubykaigi-day2.md'],
    posts: 7,
  },
  // Zenn: `topics`, `type: tech`, `published: false`, `@[speakerdeck]` embeds, 1日目 / 2日目 headings, no date.
  zenn: {
    tree: {
      'iOSDC Japan 2031': {
        '- / 1日目 / -': ['SwiftUI のレイアウトを深掘りする', 'Swift Concurrency 移行記 (高橋 三郎)'],
        '- / 2日目 / -': ['アクセシビリティ入門'],
      },
      'JSConf JP 2031': { '- / - / -': ['Signals in the browser (Mira Okafor)', 'Bundlers compared (Ken Ito)'] },
    },
    reports: ['iosdc-2031-report.md', 'jsconf-recap.md'],
    posts: 7,
  },
  // Astro: two years of one event under the same slug stay apart; a title without a year takes the post's.
  astro: {
    tree: {
      'PyCon JP 2030': {
        '- / Day 1 / 2030-10-12': ['Typing at scale (Ada Byron)', 'Packaging today (Alan Kay)'],
        '- / Day 2 / 2030-10-12': ['非同期処理のテスト (小林 四郎)'],
      },
      'PyCon JP 2031': { '- / - / 2031-10-18': ['基調講演', 'データ検証ライブラリの設計 (Grace Hopper)'] },
    },
    reports: ['pycon-jp.md', 'pycon-jp.md'],
    posts: 7,
  },
  // A Hatena Blog synced as markdown: `Title` / `Category` / `Date`, date folders that are no days, Hatena embeds,
  // a tweet, talks as bold lines under a talk group heading.
  hatena: {
    tree: {
      'Cloud Native Days Tokyo 2031': { '- / - / 2031-10-02': ['クラスタ運用の自動化 (木村 八郎)', 'サービスメッシュを外した話 (林 九美)'] },
      'Go Conference 2031': {
        '- / 午前 / 2031-06-08': ['ジェネリクスの使いどころ (伊藤 五郎)', 'エラー処理の新しい書き方 (中村 六子)'],
        '- / 午後 / 2031-06-08': ['GC チューニング実践 (小川 七海)'],
      },
    },
    reports: ['210000.md', '230000.md'],
    posts: 7,
  },
};

describe('reading a blog with no settings', () => {
  for (const [blog, expected] of Object.entries(EXPECTED)) {
    it(`${blog}: the two conference reports read exactly, the other posts hold no session`, () => {
      const notes = readBlog(blog);
      assert.equal(notes.length, expected.posts);
      assert.deepEqual(tree(indexOf(notes)), expected.tree);
      assert.deepEqual(reports(notes), expected.reports);
      for (const note of notes) {
        assert.deepEqual(note.diagnostics, [], `${note.uri}: blog front matter is read without a complaint`);
        if (note.sessions.length === 0) assert.equal(note.reading?.layout, 'none', `${note.uri} holds no session`);
      }
    });
  }

  it('orders the reports of every blog in time, by the dates of their posts', () => {
    // Zenn's front matter gives no date: its reports sort by the year in their names alone.
    const index = indexOf(Object.keys(EXPECTED).filter((blog) => blog !== 'zenn').flatMap(readBlog));
    const names = index.conferences().map((group) => group.name);
    const order = orderConferences(names, (name) => conferenceTime(name, index.sessionsOfConference(name).map((session) => session.date)));
    assert.deepEqual(order, [
      'PyCon JP 2030', 'RubyKaigi 2031', 'Go Conference 2031', 'DroidKaigi 2031', 'Cloud Native Days Tokyo 2031', 'PyCon JP 2031', 'Kotlin Fest 2031',
    ]);
  });
});

describe('reading a blog: one rule at a time', () => {
  const read = (text: string, path = 'content/posts/post.md') => parseNote(text, { uri: `file:///ws/${path}`, pathSegments: path.split('/'), options: DEFAULT_PARSE_OPTIONS });
  const talks = '\n## Alpha by Ada Byron\n\nSlides: https://speakerdeck.com/a/alpha\n\n## Beta by Alan Kay\n\nVideo: https://youtu.be/beta\n';

  it('a report title names its conference', () => {
    assert.equal(reportEventName('Google I/O 2018に参加しました'), 'Google I/O 2018');
    assert.equal(reportEventName('DroidKaigi 2024 参加レポート'), 'DroidKaigi 2024');
    assert.equal(reportEventName('KubeCon + CloudNativeCon NA 2020 Virtual レポート'), 'KubeCon + CloudNativeCon NA 2020 Virtual');
    assert.equal(reportEventName('「Harbour Summit 2031」に参加してきました！'), 'Harbour Summit 2031');
    assert.equal(reportEventName('Notes from KotlinConf 2031'), 'KotlinConf 2031');
    assert.equal(reportEventName('RubyKaigi 2031 Day 2 参加記'), 'RubyKaigi 2031');
    assert.equal(reportEventName('My KubeCon EU 2031 takeaways'), 'KubeCon EU 2031');
    assert.equal(reportEventName('#DroidKaigi 2031 Day 1 まとめ'), 'DroidKaigi 2031');
  });

  it('a post is a report by its title or tags and its talks; other posts hold none, however many headings they have', () => {
    assert.equal(read(`---\ntitle: Harbour Summit 2031 Recap\n---\n${talks}`).conference, 'Harbour Summit 2031');
    assert.equal(read(`---\ntitle: AWS re:Invent 2031 Recap\n---\n${talks}`).conference, 'AWS re:Invent 2031', 'a capital inside the name');
    assert.deepEqual(read(`---\ntitle: Kotlin コルーチンまとめ\n---\n${talks}`).sessions, [], 'まとめ of a topic, not of an event');
    assert.deepEqual(read(`---\ntitle: Harbour Summit 2031\ntags: [conference]\n---\n${talks}`).sessions.map((session) => session.title), ['Alpha', 'Beta']);
    assert.deepEqual(read(`---\ntitle: Harbour Summit 2031\n---\n\n## Travel\n\nx\n\n## Hotel\n\ny\n`).sessions, [], 'an event name over no talk is a travel post');
    assert.deepEqual(read(`---\ntitle: Two CLI tools I like\n---\n${talks}`).sessions, [], 'talks linked from another kind of post');
    assert.deepEqual(read(`---\ntitle: 2031年の振り返り\n---\n\n## Harbour Summit 2031 に参加しました\n${talks}`).sessions, [], 'a yearly retrospective');
    assert.deepEqual(read(`---\ntitle: Kotlin Advent Calendar 2031 5日目\n---\n${talks}`).sessions, [], 'an advent calendar entry');
  });

  it('a post in a posts folder without front matter is titled by its H1', () => {
    const note = read(`# Harbour Summit 2031 参加レポート\n${talks.replace(/^## /gm, '## ')}`, '_posts/2031-05-01-harbour.md');
    assert.deepEqual([note.conference, note.sessions.map((session) => session.date)], ['Harbour Summit 2031', ['2031-05-01', '2031-05-01']]);
  });

  it('a talk\'s own date beats the post\'s; a front matter conference makes the note a conference note, named as written', () => {
    const post = read(`---\ntitle: Harbour Summit 2031 参加レポート\ndate: 2031-05-02\n---\n\n## Alpha by Ada Byron\n\n- date: 2031-04-30\n\n## Beta by Alan Kay\n\ntext\n`);
    assert.deepEqual(post.sessions.map((session) => session.date), ['2031-04-30', '2031-05-02']);
    const note = read(`---\ntitle: My week\nconference: Harbour Summit 2031 レポート\n---\n\n## Alpha by Ada Byron\n\ntext\n\n## Beta by Alan Kay\n\ntext\n`);
    assert.deepEqual([note.conference, note.sessions.length], ['Harbour Summit 2031 レポート', 2]);
  });

  it('a note with a title and fields only conference notes have is read as a note, not as a post', () => {
    const talk = read('---\ntitle: Caching at the edge\nstatus: watched\ndate: 2031-05-02\n---\n\n# Caching at the edge\n\n## Notes\n\ntext\n\n## Q&A\n\nmore\n', 'notes/caching.md');
    assert.deepEqual(talk.sessions.map((session) => [session.title, session.status]), [['Caching at the edge', 'watched']]);
  });
});
