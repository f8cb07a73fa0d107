// Blog posts (docs/note-formats.md, "Reading a blog"): people publish their conference reports on a blog, and many keep
// the blog in a repository (Hugo, Jekyll, Astro, Zenn, a Hatena Blog synced as markdown). Such a folder holds every
// other post too: book reviews, app announcements, yearly retrospectives. These rules tell a blog post from a note,
// and a conference report from the other posts, by the words of its title and tags; inference.ts adds what its
// structure says. A post that is no report yields no conference and no session. The rules are about how people title
// and tag posts in general (English and Japanese), never about one blog.
import { fieldNameOf, type FieldName } from './fields';
import { isDayLabel, namesEvent, yearOf } from './inferenceRules';

/** What a post's front matter says, in whichever blog engine's keys it is written. */
export interface BlogPost {
  /** `title` (`Title` in a Hatena Blog export). */
  readonly title?: string;
  /** `date` (or the `YYYY-MM-DD-` prefix of a Jekyll file name) as `YYYY-MM-DD`. */
  readonly date?: string;
  /** `tags`, `topics` (Zenn), `categories` / `Category` (Hatena). */
  readonly labels: readonly string[];
}

// Folders that hold a blog's posts: Hugo `content/posts`, Jekyll `_posts`, Astro `src/content/blog`, Zenn `articles`,
// a Hatena Blog synced as markdown (`<blog>/entry/2031/09/14/100000.md`).
const POSTS_FOLDER = /^(?:_posts|_drafts|posts|post|blog|articles|entry|entries)$/i;
const NOTE_FIELDS: ReadonlySet<FieldName> = new Set(['conference', 'speakers', 'track', 'status', 'time', 'room', 'slides', 'video', 'uid', 'day', 'trackLevel', 'sessionLevel']);
const LABEL_KEYS = /^(?:tags|tag|topics|categories|category|keywords)$/i;
const JEKYLL_DATE = /^(\d{4}-\d{2}-\d{2})-/;
const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s]|$)/;

/** A key of the data, whatever its case (`Title` in a Hatena Blog export). */
function valueOf(data: Readonly<Record<string, unknown>>, key: RegExp): unknown {
  for (const name in data) if (key.test(name)) return data[name];
  return undefined;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : undefined;
}

function labelsOf(data: Readonly<Record<string, unknown>>): string[] {
  const labels: string[] = [];
  for (const name in data) {
    if (!LABEL_KEYS.test(name)) continue;
    const value = data[name];
    const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,、\s]+/) : [];
    for (const item of items) if (typeof item === 'string' && item.trim().length > 0) labels.push(item.trim());
  }
  return labels;
}

/**
 * The post a note is, or undefined when it is no blog post: its front matter gives a `title` or a `date`, or it sits in
 * a posts folder, and its front matter holds no field only conference notes have. `pathSegments` end with the file name.
 */
export function blogPostOf(data: Readonly<Record<string, unknown>>, pathSegments: readonly string[]): BlogPost | undefined {
  const title = textOf(valueOf(data, /^title$/i));
  const rawDate = textOf(valueOf(data, /^(?:date|pubdate|pubDatetime|published_?at|publishDate)$/i));
  const fileName = pathSegments[pathSegments.length - 1] ?? '';
  const inPostsFolder = pathSegments.slice(0, -1).some((folder) => POSTS_FOLDER.test(folder));
  if (title === undefined && rawDate === undefined && !inPostsFolder) return undefined;
  // Front matter with a field only conference notes have (`conference`, `status`, `room`…) is a conference note's.
  for (const key in data) {
    const field = fieldNameOf(key);
    if (field !== undefined && NOTE_FIELDS.has(field)) return undefined;
  }
  const dated = (rawDate === undefined ? undefined : DATE_PREFIX.exec(rawDate)) ?? DATE_PREFIX.exec(JEKYLL_DATE.exec(fileName)?.[1] ?? '');
  // `draft: true` / `published: false` change nothing: a draft is its author's own report, read like any post.
  return { title, date: dated ? `${dated[1]}-${dated[2]}-${dated[3]}` : undefined, labels: labelsOf(data) };
}

// ---------------------------------------------------------------------------------------------------------------
// Titles and tags

// `… に参加しました`, `… に行ってきた`, `… 参加レポート`, `参加記`, `参加報告`: the post reports an event, whatever it is called.
const ATTENDED = /(?:に|へ)?(?:(?:オンライン|現地)?参加|行って|聴講)(?:し|して)?(?:てき|き)?(?:ました|た)[!！。.]*$|(?:の|\s)?(?:参加|聴講)(?:レポート|レポ|記|報告|ブログ)$/;
// Words that say what the post is, but also title posts of other kinds (`Kotlin まとめ`): the rest must name an event.
const REPORT_WORD = /(?:\s*[-–—:：|]\s*|\s+|の)?(?:レポート|レポ|まとめ|感想|report|recap|notes|summary|trip report|highlights|takeaways)$/i;
const LEADING_REPORT_WORD = /^(?:(?:my\s+)?(?:recap|report|notes|takeaways|highlights)\s*(?:of|from|on)?\s*[:：-]?\s*|notes from\s+|what i learned at\s+)/i;
const BRACKETED_LABEL = /^[【[［(（][^】\]］)）]{1,20}[】\]］)）]\s*/;
const QUOTES = /^[「『"“]([^」』"”]+)[」』"”]/;
// A yearly retrospective mentions the events it went to; it reports none of them. Advent calendar entries are
// articles of a series, not reports.
const NOT_A_REPORT = /振り返り|ふりかえり|総括|retrospective|year in review|looking back|advent\s*calendar|アドベントカレンダー/i;
// `DroidKaigi 2031`, `PyCon JP 2031`, `Google I/O 2018`, `re:Invent 2031`, `iOSDC 2031`: a word with a capital (or a
// katakana word) right before the year.
const NAME_WITH_YEAR = /(?:^|[\s「『【#(（])(?:[\p{L}\p{N}.!/+&'’:-]*\p{Lu}[\p{L}\p{N}.!/+&'’:-]*|\d[\p{L}\p{N}.!/+&'’:-]*|[\p{Script=Katakana}ー]{2,})\s*(?:19|20)\d{2}(?!\d)/u;
const EVENT_LABEL = /^(?:conferences?|conf|events?|meetups?|report|recap|イベント|イベントレポート|参加レポート|参加記|カンファレンス|勉強会|登壇)$/i;
const DAY_SUFFIX = /\s*(?:[-–—:：]\s*)?(?:day\s*\d{1,2}|[0-9０-９一二三]日目)(?:\s*(?:[&＆・,、]|and)\s*(?:day\s*)?\d{1,2}(?:日目)?)*$/i;

/** How a post's title and tags speak of an event. */
export type ReportSigns = 'report' | 'event' | 'none';

/**
 * `report`: the title says the post reports an event (`… に参加しました`, `DroidKaigi 2031 参加レポート`,
 * `RubyKaigi 2031 Recap`); `event`: the title or the tags name an event, and the structure must confirm it (day
 * headings, talk sections); `none`: another kind of post.
 */
export function reportSigns(post: BlogPost): ReportSigns {
  const title = post.title ?? '';
  if (NOT_A_REPORT.test(title)) return 'none';
  const name = reportEventName(title);
  if (ATTENDED.test(title.trim()) && name.length > 0) return 'report';
  const eventNamed = NAME_WITH_YEAR.test(name) || (namesEvent(name) && yearOf(name) === undefined);
  if (name !== title.trim() && eventNamed) return 'report';
  if (eventNamed || post.labels.some((label) => EVENT_LABEL.test(label))) return 'event';
  return 'none';
}

/**
 * The event a report's title names: the words that say what the post is dropped (`Google I/O 2018に参加しました` →
 * `Google I/O 2018`, `【参加レポート】DroidKaigi 2031 Day 1` → `DroidKaigi 2031`).
 */
export function reportEventName(title: string): string {
  // A hashtag (`#DroidKaigi 2031`) and a possessive (`My KubeCon EU 2031 takeaways`) are no part of the name.
  let name = title.trim().replace(BRACKETED_LABEL, '').replace(LEADING_REPORT_WORD, '').replace(/^#(?=\S)/, '').replace(/^(?:my|our)\s+/i, '');
  for (let previous = ''; previous !== name; ) {
    previous = name;
    name = name.replace(ATTENDED, '').replace(REPORT_WORD, '').replace(/[\s!！。.、,:：\-–—|]+$/, '').trim();
  }
  const quoted = QUOTES.exec(name);
  if (quoted) name = quoted[1].trim();
  const day = DAY_SUFFIX.exec(name);
  if (day && day.index > 0 && !isDayLabel(name)) name = name.slice(0, day.index).trim();
  return name;
}

/** A report's conference: its title's event, with the year of the post's date when the title gives none. */
export function postConference(post: BlogPost): string | undefined {
  const name = post.title === undefined ? '' : reportEventName(post.title);
  if (name.length === 0) return undefined;
  const year = post.date?.slice(0, 4);
  return yearOf(name) === undefined && year !== undefined ? `${name} ${year}` : name;
}
