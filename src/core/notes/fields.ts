// Session fields: which keys name which field (case-insensitive, English and Japanese aliases), how field
// lines are written in a note body, and how values are read (lists, statuses, dates).
import type { SessionStatus } from './model';

export type FieldName =
  | 'title' | 'conference' | 'track' | 'speakers' | 'date' | 'day' | 'time' | 'room' | 'tags' | 'status'
  | 'slides' | 'video' | 'url' | 'uid' | 'sameAs' | 'type' | 'trackLevel' | 'sessionLevel';

/** Every key a note may use for each field. Matching ignores case, width, spaces, `-` and `_`. */
export const FIELD_ALIASES: Readonly<Record<FieldName, readonly string[]>> = {
  title: ['title', 'タイトル', '題名'],
  conference: ['conference', 'event', 'カンファレンス', 'イベント'],
  track: ['track', 'トラック'],
  speakers: ['speakers', 'speaker', 'presenter', 'presenters', '登壇者', 'スピーカー', '発表者', '講演者'],
  date: ['date', '日付'],
  day: ['day', '日'],
  time: ['time', '時間', '時刻'],
  room: ['room', 'location', '会場', '部屋'],
  tags: ['tags', 'tag', 'タグ'],
  status: ['status', '状態', 'ステータス'],
  slides: ['slides', 'slide', 'スライド', '資料'],
  video: ['video', 'recording', '動画', '録画'],
  url: ['url', 'link', 'links', 'リンク'],
  uid: ['uid'],
  // The talk this one is (a UID or a title), or `none`: decides, against the title rule, whether two places are one session.
  sameAs: ['same-as', 'same-session', '同一セッション'],
  type: ['type', '種類'],
  trackLevel: ['track-level', 'track-heading-level', 'トラックレベル'],
  sessionLevel: ['session-level', 'session-heading-level', 'セッションレベル'],
};

/** Every value each status may be written as, Japanese included. Matching ignores case, spaces, `-` and `_`. */
export const STATUS_ALIASES: Readonly<Record<SessionStatus, readonly string[]>> = {
  planned: ['planned', 'plan', '予定', '参加予定'],
  attended: ['attended', 'attend', '参加', '参加済み', '聴講', '聴講済み'],
  watched: ['watched', '視聴', '視聴済み'],
  'to-watch': ['to-watch', 'watch later', '未視聴', 'あとで見る', '後で見る'],
  skipped: ['skipped', 'skip', 'スキップ', '見送り'],
  cancelled: ['cancelled', 'canceled', '中止', 'キャンセル'],
};

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Whether `text` is printable ASCII only: then Unicode normalisation has nothing to fold in it. */
/**
 * A copy of `text` that does not keep the note it was cut from in memory. V8 makes a substring a view into its
 * parent string, so a title sliced from a note would keep the whole note text alive for as long as the index
 * keeps the session; appending a character and cutting it off again makes V8 copy the characters.
 */
export function detached(text: string): string {
  return (text + ' ').slice(0, -1);
}

export function isPrintableAscii(text: string): boolean {
  return PRINTABLE_ASCII.test(text);
}

function normalizeKey(key: string): string {
  // NFKC folds full-width letters (`ＴＲＡＣＫ`); plain ASCII, most keys, has nothing to fold.
  const folded = isPrintableAscii(key) ? key : key.normalize('NFKC');
  return folded.toLowerCase().replace(/[\s_-]+/g, '');
}

function aliasTable<Name extends string>(aliases: Readonly<Record<Name, readonly string[]>>): ReadonlyMap<string, Name> {
  const table = new Map<string, Name>();
  for (const name of Object.keys(aliases) as Name[]) {
    for (const alias of aliases[name]) table.set(normalizeKey(alias), name);
  }
  return table;
}

/** Spellings remembered per alias table; list items bring arbitrary text as keys, so the memory is bounded. */
const SPELLING_CACHE_LIMIT = 1024;

/**
 * Looks spellings up in an alias table. Notes write the same few keys and statuses over and over, so each
 * spelling is normalised once and then found by itself.
 */
function aliasLookup<Name extends string>(aliases: Readonly<Record<Name, readonly string[]>>): (spelling: string) => Name | undefined {
  const table = aliasTable(aliases);
  const bySpelling = new Map<string, Name | null>();
  return (spelling) => {
    const cached = bySpelling.get(spelling);
    if (cached !== undefined) return cached ?? undefined;
    const name = table.get(normalizeKey(spelling));
    if (bySpelling.size >= SPELLING_CACHE_LIMIT) bySpelling.clear();
    bySpelling.set(spelling, name ?? null);
    return name;
  };
}

const fieldBySpelling = aliasLookup(FIELD_ALIASES);
const statusBySpelling = aliasLookup(STATUS_ALIASES);

/** The field a key names (`Speakers`, `登壇者`, `session_level`…), or undefined for any other key. */
export function fieldNameOf(key: string): FieldName | undefined {
  return fieldBySpelling(key);
}

/** The status a value names (`attended`, `To Watch`, `視聴済み`…), or undefined. */
export function statusOf(value: string): SessionStatus | undefined {
  return statusBySpelling(value);
}

/** Splits a list written on one line: `A, B`, `A、B`, `A，B`. */
export function splitList(value: string): string[] {
  return value.split(/[,、，]/).map((item) => item.trim()).filter((item) => item.length > 0);
}

/** ISO `YYYY-MM-DD` for `2020-11-17`, `2020/11/17`, `2020.11.17` or `2020年11月17日`; otherwise the text as written. */
export function normalizeDate(value: string): string {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(value.trim());
  if (!match) return value.trim();
  const [, year, month, day] = match;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

export interface FieldLine {
  readonly name: FieldName;
  readonly value: string;
  /** Zero-based document line. */
  readonly line: number;
}

// `key:: value` on its own line (Dataview), optionally as a list item.
const INLINE_FIELD_LINE = /^(?:[-*+]\s+)?([^:[\]()]{1,40}?)\s*::\s*(.*)$/;
// `[key:: value]` or `(key:: value)` inside a sentence (Dataview).
const BRACKETED_INLINE_FIELD = /[[(]([^:[\]()]{1,40}?)\s*::\s*([^[\]()]{0,500})[\])]/g;
// The first line of a list item: `key: value`, the key possibly bold (`**Speakers:** …`), full-width colon too.
const LIST_ITEM_FIELD = /^(?:\*\*|__)?([^:：*_]{1,40}?)\s*[:：]\s*(?:\*\*|__)?\s*(.*)$/;
// DocC metadata: `@TitleHeading("Workshop")` labels the page, which is the session's track.
const DOCC_TITLE_HEADING = /@TitleHeading\(\s*"([^"]*)"\s*\)/;

/**
 * The fields written in one paragraph of a note body: `key:: value` lines and `[key:: value]` anywhere,
 * `key: value` as the first line of a list item (`- track: Cloud`), and a DocC `@TitleHeading("…")` as the track.
 * Unknown keys are ignored, so ordinary prose such as `- Note: …` is left alone.
 */
export function readFieldLines(content: string, line: number, listItem: boolean): FieldLine[] {
  const found: FieldLine[] = [];
  const hasInlineField = content.includes('::');
  const hasDirective = content.includes('@TitleHeading');
  if (!hasInlineField && !hasDirective) {
    // Most paragraphs: at most a list item's first line to read, without splitting the paragraph into lines.
    if (listItem) readListItemField(found, firstLine(content), line);
    return found;
  }
  const lines = content.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index];
    if (hasInlineField && text.includes('::')) {
      const whole = INLINE_FIELD_LINE.exec(text);
      if (whole) {
        pushField(found, whole[1], whole[2], line + index);
        continue;
      }
      for (const bracketed of text.matchAll(BRACKETED_INLINE_FIELD)) pushField(found, bracketed[1], bracketed[2], line + index);
    } else if (listItem && index === 0) {
      readListItemField(found, text, line);
    }
    const directive = hasDirective ? DOCC_TITLE_HEADING.exec(text) : null;
    if (directive) pushField(found, 'track', directive[1], line + index);
  }
  return found;
}

function firstLine(content: string): string {
  const end = content.indexOf('\n');
  return end === -1 ? content : content.slice(0, end);
}

function readListItemField(found: FieldLine[], text: string, line: number): void {
  // The pattern needs a colon; most list items are prose without one.
  if (!text.includes(':') && !text.includes('：')) return;
  const item = LIST_ITEM_FIELD.exec(text);
  if (item) pushField(found, item[1], item[2], line);
}

/** Adds a field when the key names one and the value is not blank. */
function pushField(found: FieldLine[], key: string, value: string, line: number): void {
  const name = fieldNameOf(key);
  const trimmed = value.trim();
  if (name && trimmed) found.push({ name, value: trimmed, line });
}
