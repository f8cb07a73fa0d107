// The text rules of layout inference (docs/note-formats.md, "Reading without settings"): what a heading, a file
// name or a folder name says about itself — a day, a section that is not a talk, a talk, an event name. They look
// at one piece of text at a time; inference.ts combines them over a file's structure and folderReadings.ts over a
// folder. Every rule is about the wording people use for conference notes in general (English and Japanese),
// never about one repository.

/** Why a heading is not a session (or not read as one). */
export type HeadingRole = 'day' | 'slot-group' | 'non-session' | 'placeholder' | 'candidate';

const YEAR = /(?:^|[^\d])((?:19|20)\d{2})(?!\d)/;
const WEEKDAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun';
const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
const ORDINAL_WORDS = 'one|two|three|four|five|six|seven|first|second|third|fourth|fifth|last|final';

// `Day 1`, `Day two`, `Day 2 (Friday)`, `Day 3 - Workshops`, `1日目`, `二日目`, `Day1-AM`.
const DAY_LABEL = new RegExp(`^(?:day[\\s_-]*(?:\\d{1,2}|${ORDINAL_WORDS})|[0-9０-９一二三四五六七]+日目|(?:${ORDINAL_WORDS}) day)(?:\\s*$|\\s*[(（:：,]|\\s+[-–—]\\s)`, 'i');
const HALF_DAY = /^(?:morning|afternoon|evening|am|pm|午前|午後|夜)(?:\s+(?:sessions?|talks?|track))?$/i;
const WEEKDAY = new RegExp(`^(?:${WEEKDAYS})\\.?(?:,?\\s.*)?$`, 'i');
// `2024-03-20`, `2024/3/20`, `3/20`, `10.4.22`, `9/3/2025`, `11月18日`, `March 20`, `20 March 2024`.
const NUMERIC_DATE = /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}(?:[-/.]\d{2,4})?|(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:[（(].[)）])?)$/;
const WORD_DATE = new RegExp(`^(?:(?:${WEEKDAYS}),?\\s+)?(?:(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\.?)(?:,?\\s+\\d{4})?$`, 'i');

/** Whether a heading or a folder/file name is a day: `Day 1`, `1日目`, `Morning`, a weekday or a date. */
export function isDayLabel(text: string): boolean {
  const value = text.trim().replace(/[:：]$/, '');
  return DAY_LABEL.test(value) || HALF_DAY.test(value) || WEEKDAY.test(value) || NUMERIC_DATE.test(value) || WORD_DATE.test(value);
}

/** `Day 1` for the day labels that carry a number, the text as written for the others. */
export function dayName(text: string): string {
  const value = text.trim().replace(/[:：]$/, '');
  const numbered = /^day[\s_-]*(\d{1,2})(?!\d)/i.exec(value);
  return numbered ? `Day ${Number(numbered[1])}` : value;
}

// `Sessions 1 - 2`, `Session 3`, `Block 2`, `Slot 4 – 6`: numbered groups of a programme, not talks.
const SLOT_GROUP = /^(?:sessions?|slots?|blocks?|rounds?|parts?|セッション|枠)\s*\d+(?:\s*[-–—~〜]\s*\d+)?$/i;
// `Sessions I attended`, `聞いたセッション`, `セッション一覧`: a heading that gathers the talks below it without naming a track
// (a bare `Sessions` may be a track of a report, beside `Keynote` and `Lightning Talks`).
const TALK_GROUP = /^(?:(?:sessions?|talks?) i (?:attended|watched|saw)|(?:(?:参加|聴講|視聴)した|聞いた|見た|気になった)(?:セッション|トーク|発表|講演)|(?:セッション|トーク|発表|講演)(?:一覧|紹介))$/i;

/** Heading texts that never name a talk: sections of a talk, of a report, or lists kept alongside the notes. */
export const DEFAULT_NON_SESSION_HEADINGS: readonly string[] = [
  'overview', 'summary', 'introduction', 'intro', 'agenda', 'abstract', 'description', 'details', 'detail', 'notes',
  'my notes', 'key takeaways', 'takeaways', 'takeaway', 'highlights', 'key points', 'conclusion', 'conclusions',
  'q&a', 'q & a', 'qa', 'questions', 'questions and answers', 'faq', 'links', 'resources', 'references', 'slides',
  'video', 'videos', 'recording', 'further reading', 'reading list', 'glossary', 'todo', 'to-do', 'to do', 'todos',
  'action items', 'next steps', 'follow-up', 'follow up', 'other', 'others', 'lab', 'labs', 'exercises', 'demo',
  'background', 'context', 'contents', 'table of contents', 'toc', 'quotes', 'notable quotes', 'about', 'speaker',
  'speakers', 'keynote speaker', 'keynote speakers', 'presenter', 'presenters', 'bio', 'thoughts', 'impressions',
  'reflections', 'feedback', 'misc notes', 'random notes',
  '概要', 'まとめ', '所感', '感想', '全体の感想', '目次', 'はじめに', 'おわりに', '振り返り', 'メモ', 'リンク', '参考',
  '参考資料', '参考リンク', '資料', 'スライド', '動画', '質疑応答', '質問', 'q&a', 'qa', 'todo', 'やること', '用語集',
  '登壇者', 'スピーカー', '発表者', 'スポンサー', '懇親会', 'ハイライト',
  // What a blog's conference report tells besides the talks: the day around them.
  'lunch', 'lunch break', 'break', 'coffee break', 'party', 'after party', 'afterparty', 'dinner', 'networking', 'booth',
  'booths', 'sponsor booths', 'venue', 'registration', 'swag', 'final thoughts', 'closing thoughts', 'wrap-up', 'wrap up',
  'ランチ', 'お昼', '昼食', '休憩', 'ブース', 'スポンサーブース', '会場', '会場の様子', '受付', 'ノベルティ', 'パーティー',
  'アフターパーティー', '打ち上げ', '最後に', 'さいごに', 'おまけ', 'あとがき', '参考文献', '全体を通して', 'きっかけ',
];

const NON_SESSION_SET = new Set(DEFAULT_NON_SESSION_HEADINGS.map(normalizeWording));
// Lists of things to do later, hallway conversations, pre-questions: prefixes and endings, not whole texts.
const NON_SESSION_PATTERN = /\b(?:worth (?:watching|reading|checking)|you might enjoy)\b|^(?:informal|hallway|to (?:look up|read|watch|check|try|investigate)|things to|tech to|pre[- ]?questions?|post[- ]?questions?|open questions)|\b(?:to (?:look up|read|watch|check|try|investigate))$|(?:questions|quotes|links|resources|takeaways)$|(?:の感想|のまとめ|のメモ)$/i;

function normalizeWording(text: string): string {
  return (/^[\x20-\x7e]*$/.test(text) ? text : text.normalize('NFKC')).toLowerCase().replace(/[\s_]+/g, ' ').replace(/[:：.…!?！？]+$/, '').trim();
}

/**
 * What a heading is, before its place in the file is known. `extraNonSession` are the user's
 * `nonSessionHeadings` patterns (matched by `matches`).
 */
export function headingRole(text: string, extraNonSession: readonly string[], matches: (text: string, pattern: string) => boolean): HeadingRole {
  const trimmed = text.trim();
  if (isPlaceholder(trimmed)) return 'placeholder';
  if (extraNonSession.some((pattern) => matches(trimmed, pattern))) return 'non-session';
  return wordingRole(trimmed);
}

/** Roles remembered per heading text: notes repeat the same section and track headings over and over. */
const ROLE_CACHE_LIMIT = 4096;
const rolesByText = new Map<string, HeadingRole>();

function wordingRole(trimmed: string): HeadingRole {
  let role = rolesByText.get(trimmed);
  if (role === undefined) {
    role = readRole(trimmed);
    if (rolesByText.size >= ROLE_CACHE_LIMIT) rolesByText.clear();
    rolesByText.set(trimmed, role);
  }
  return role;
}

function readRole(trimmed: string): HeadingRole {
  if (isDayLabel(trimmed)) return 'day';
  const wording = normalizeWording(trimmed);
  if (SLOT_GROUP.test(wording) || TALK_GROUP.test(wording)) return 'slot-group';
  if (NON_SESSION_SET.has(wording) || NON_SESSION_PATTERN.test(wording)) return 'non-session';
  return 'candidate';
}

// Sections only one talk has (a report has an overview and a summary too, but no abstract or slides of its own).
const TALK_SECTION = /^(?:abstract|description|details?|notes|my notes|key takeaways|takeaways|q ?& ?a|qa|questions|resources|links|slides|video|recording|speakers?|presenters?|bio|demo|lab|質疑応答|メモ|資料|スライド|動画|登壇者|講演者|発表者)$/;

/** Whether a heading is a section that belongs to one talk (`Abstract`, `Slides`, `質疑応答`). */
export function isTalkSection(text: string): boolean {
  return TALK_SECTION.test(normalizeWording(text));
}

/** An empty heading, one or two characters, `TODO`/`TBD`/`WIP`/`…`, or a bare item label such as `C.`. */
export function isPlaceholder(text: string): boolean {
  const value = text.trim();
  // Two letters are no title, but two kanji often are (`概要`, `感想`), and so is an acronym (`AI`, `UX`, `C#`).
  const acronym = /^[A-Z][A-Z\d#+]$/.test(value);
  const short = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(value) ? value.length <= 1 : value.length <= 2 && !acronym;
  return short || /^(?:todo|tbd|tba|wip|xxx|untitled|title|\.\.\.|…|[a-z\d]{1,2}[.)])$/i.test(value) || /^[-–—_*#.\s]+$/.test(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Talks: titles with a speaker, a time, an item label or the name of a kind of talk

const NAME_PARTICLES = new Set(['and', '&', 'von', 'van', 'der', 'den', 'de', 'da', 'di', 'du', 'le', 'la', 'del', 'dos', 'y', 'et', 'al', 'bin', 'al.', 'mc']);
const NOT_NAME_WORDS = new Set(['the', 'a', 'an', 'of', 'in', 'on', 'for', 'to', 'with', 'from', 'at', 'is', 'are', 'how', 'why', 'what', 'using', 'into', 'beyond', 'part']);

/**
 * Whether `text` reads as one or more people (with an affiliation): `Peter Sperl, Bloomberg`, `Jessica Cox and
 * Corey Harper`, `山田 太郎`, `@handle`. A subtitle (`The Monolith`) or a sentence does not.
 */
export function isNameLike(text: string): boolean {
  const value = text.trim().replace(/^[([{]|[)\]}]$/g, '');
  if (value.length === 0 || value.length > 120 || /[:?!;]|https?:/.test(value)) return false;
  if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー・\s、,（）()]+$/u.test(value)) return value.replace(/\s/g, '').length <= 24 && !/[はをがのにでと]$/.test(value);
  const people = value.split(/\s*,\s*/)[0];
  const words = people.split(/\s+/).filter((word) => word.length > 0);
  if (words.length === 0 || words.length > 8) return false;
  if (NOT_NAME_WORDS.has(words[0].toLowerCase())) return false;
  let names = 0;
  for (const word of words) {
    const lower = word.toLowerCase();
    if (NAME_PARTICLES.has(lower)) continue;
    if (/^@\w/.test(word) || /^\p{Lu}[\p{L}'’.-]*$/u.test(word)) names++;
    else return false;
  }
  return names > 0;
}

export interface TitleSpeakers {
  /** The title without the speaker part and without the quotes around a quoted title. */
  readonly title: string;
  readonly speakers: readonly string[];
}

// `"Title" by Speaker`, `Title by Speaker`, `Title -- Speaker`, `Title — Speaker`, `Speaker | Title` is not read
// (either side may be the person), `Title（山田太郎）`.
const QUOTED_BY = /^["“”'‘’]([^"“”]+)["“”'‘’]\s*(?:[-–—]+\s*|by\s+)(.+)$/i;
const TRAILING_BY = /^(.+)\s+by\s+(.+)$/i;
const TRAILING_DASH = /^(.+?)\s+(?:--|—|–|―)\s*(.+)$/;
const TRAILING_PAREN_NAME = /^(.+?)\s*[（(]([^（）()]+)[）)]$/;

/** The speakers a title names and the title without them, or undefined when it names none. */
export function splitTitleSpeakers(text: string): TitleSpeakers | undefined {
  const quoted = QUOTED_BY.exec(text);
  if (quoted && isNameLike(quoted[2])) return { title: quoted[1].trim(), speakers: splitPeople(quoted[2]) };
  for (const pattern of [TRAILING_BY, TRAILING_DASH]) {
    const match = pattern.exec(text);
    if (match && isNameLike(match[2])) return { title: stripQuotes(match[1].trim()), speakers: splitPeople(match[2]) };
  }
  const paren = TRAILING_PAREN_NAME.exec(text);
  if (paren && /[\p{Script=Han}\p{Script=Katakana}]/u.test(paren[2]) && isNameLike(paren[2])) {
    return { title: paren[1].trim(), speakers: splitPeople(paren[2]) };
  }
  return undefined;
}

function stripQuotes(text: string): string {
  const match = /^["“”]([^"“”]+)["“”]$/.exec(text);
  return match ? match[1] : text;
}

/**
 * `A, B and C, Company` → the people. A one-word part after the first name is an affiliation (`Peter Sperl,
 * Bloomberg`) and is dropped.
 */
function splitPeople(text: string): string[] {
  const parts = text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').split(/\s*[,、]\s*/).filter((part) => part.length > 0);
  return parts
    .filter((part, index) => index === 0 || /\s/.test(part) || part.startsWith('@') || /[\p{Script=Han}\p{Script=Katakana}]/u.test(part))
    .flatMap((part) => part.split(/\s*(?:\band\b|&|・)\s*/))
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

const TIME = /\b\d{1,2}[:.]\d{2}\s*(?:am|pm)?\b|\b\d{1,2}\s*(?:am|pm)\b|\d{1,2}時/i;
const ITEM_LABEL = /^(?:[A-Z]|\d{1,2})[.)]\s+\S/;
const TALK_KIND = /\b(?:keynote|talk|workshop|tutorial|panel|lightning|presentation|preso|training|fireside|ama|demo session|session:)|基調講演|講演|ワークショップ|パネル|ライトニングトーク|\bLT\b/i;
const PIPE_PAIR = /^[^|]+\s\|\s[^|]+$/;

/**
 * How strongly a heading (or a bold line) reads as a talk: 2 or more for a speaker, a time, an item label or a
 * `Name | Affiliation` pair; 1 for the name of a kind of talk or a ` - ` pair; 0 otherwise.
 */
export function talkScore(text: string): number {
  if (splitTitleSpeakers(text) || TIME.test(text) || ITEM_LABEL.test(text) || PIPE_PAIR.test(text)) return 2;
  if (TALK_KIND.test(text) || /\s-\s/.test(text)) return 1;
  return 0;
}

/** A title that names a kind of talk on its own (`Keynote`, `基調講演`): a session even above the session level. */
export function isTalkKind(text: string): boolean {
  return /^(?:opening |closing |day \d+ )?(?:keynote|keynote talk|基調講演)s?$/i.test(text.trim());
}

// ---------------------------------------------------------------------------------------------------------------
// Events: headings, file names and folder names that name a conference

const EVENT_WORD = /\b(?:conference|conf|summit|symposium|meetup|forum|expo|festival|convention|congress|hackathon|unconference)\b|カンファレンス|サミット|会議|勉強会|ミートアップ|フォーラム|大会/i;
// Event names written as one word: `DjangoCon`, `SmashingConf`, `AnsibleFest`, `BarCamp` (case matters: `Falcon` is no event).
const EVENT_SUFFIX = /\p{Ll}(?:Con|Conf|Fest|Camp|Days)\b|\b(?:Py|Kube|Dev|Js|JS|Ruby|Rails|Go|Rust)(?:Con|Conf)/u;
const GENERIC_NAME = /^(?:(?:my |our |the )?(?:conference|conf|event|meetup|talk|session)?[\s_-]*(?:notes?|reports?|memo|logs?|journal)|conference[\s_-]?notes?|notes?[\s_-]from.*|readme|index|home|untitled|カンファレンス(?:メモ|ノート)|メモ|ノート)$/i;
// Words after an event's year that describe the note, not the event: `2018 talk links and notes`, `2024 report`.
const NOTE_WORDS = /^(?:notes?|report|recap|memo|summary|highlights|takeaways|talks?|links|and|through|from|my|our|\S+'s|eyes|レポート|メモ|まとめ|参加記|参加レポート|ノート|感想)$/i;

const DATED_TALK = /^["“'‘]|\b(?:in|for|of|since|until|to|from|beyond|after|before|by|towards?)\s+(?:19|20)\d{2}\b/i;

/** Whether a heading names an event: a year or an event word with a name, not a day, a date or a generic title. */
export function namesEvent(text: string): boolean {
  const value = text.trim();
  if (value.length < 3 || isDayLabel(value) || GENERIC_NAME.test(value)) return false;
  // `Rust in 2025`, `"Scaling in 2025"`: a year after a preposition, or in a quoted title, dates a talk, not an event.
  if (YEAR.test(value)) return /\p{L}{2,}/u.test(value.replace(YEAR, '')) && !namesTalk(value) && !DATED_TALK.test(value);
  return (EVENT_WORD.test(value) || EVENT_SUFFIX.test(value)) && !/^(?:conference|summit|meetup|forum|expo)s?$/i.test(value) && !namesTalk(value);
}

/** A heading with a speaker or a time is a talk, whatever event words it holds. */
function namesTalk(text: string): boolean {
  return splitTitleSpeakers(text) !== undefined || TIME.test(text);
}

/** The 4-digit year a text carries, if any. */
export function yearOf(text: string): string | undefined {
  return YEAR.exec(text)?.[1];
}

/**
 * An event heading as a conference name: a date after the year is dropped (`SmashingConf NY 2024 - 10/8/2024` →
 * `SmashingConf NY 2024`), and with `dropNoteWords` the words describing the page too (a landing page's
 * `PyGotham 2017 Notes` → `PyGotham 2017`; a report's own H1 keeps them, as it always did). A name
 * without a year takes `pathYear` (the year of its file or folder name), after a `|`, ` - ` or `:` tail is dropped
 * (`Access Conference` → `Access Conference 2024`).
 */
export function eventName(text: string, pathYear: string | undefined, dropNoteWords: boolean): string {
  const value = text.trim().replace(/\s+/g, ' ');
  const year = YEAR.exec(value);
  if (year) {
    const end = (year.index ?? 0) + year[0].length;
    const rest = value.slice(end).replace(/[(（][^)）]*[)）]/g, ' ').split(/[\s,|–—-]+/).filter((word) => word.length > 0);
    const head = value.slice(0, end).replace(/[\s,:|–—-]+$/, '');
    // Words in lower case after the year describe the page (`AnsibleFest 2031 through Ada's eyes`, `PyCon 2031
    // (Lisbon) highlights and takeaways`); a name goes on in capitals (`KubeCon NA 2020 Virtual`).
    const describesPage = rest.some((word) => /^[a-z]/.test(word));
    const name = describesPage || rest.every((word) => isDayLabel(word) || (dropNoteWords && NOTE_WORDS.test(word))) ? head : value;
    // A slug as a title (`djangocon-us-2016`) reads as words.
    return /^[^\s]+$/.test(name) && /[-_]/.test(name) ? name.replace(/[-_]+/g, ' ') : name;
  }
  const head = value.split(/\s+(?:\||-|–|—)\s+|:\s/)[0].replace(/\s*['’‘]\d{2}\b/, '').trim();
  const named = head.split(/\s+/).filter((word) => !NOTE_WORDS.test(word)).join(' ') || head;
  return pathYear ? `${named} ${pathYear}` : named;
}

// `… report`, `… notes`, `… レポート`, `… 参加レポート`: what the page is, not part of the event's name.
const TRAILING_REPORT_WORD = /(?:\s+(?:[-–—:：|]\s*)?(?:report|notes|recap)|\s*(?:[-–—:：|]\s*)?(?:参加レポート|参加記|レポート))$/i;

/**
 * A conference name taken from a heading, without a trailing word that says what the page is (`JP DevDays 2031 参加レポート`
 * → `JP DevDays 2031`, `Summit 2031 report` → `Summit 2031`). A name that is only that word stays.
 */
export function withoutReportWord(name: string): string {
  const match = TRAILING_REPORT_WORD.exec(name);
  const rest = match ? name.slice(0, match.index).trim() : '';
  return rest.length > 0 ? rest : name;
}

// ---------------------------------------------------------------------------------------------------------------
// Files and folders

const BOILERPLATE = /^(?:license|licence|copying|changelog|contributing|code[_-]of[_-]conduct)(?:[._-].*)?$/i;
// Words that are also talk names (`security.md`): boilerplate only in the capitals repositories use for it.
const BOILERPLATE_CAPITALS = /^(?:SECURITY|SUPPORT|AUTHORS|NOTICE|PATENTS|FUNDING|CITATION|CHANGES)(?:[._-].*)?$/;
const LANDING = /^(?:readme|index|_index|home|toc|summary|contents)$/i;

/** Repository files that are never notes: licences, changelogs, contribution guides. */
export function isBoilerplateName(baseName: string): boolean {
  return BOILERPLATE.test(baseName) || BOILERPLATE_CAPITALS.test(baseName);
}

/** File names that usually hold a folder's landing page rather than notes. */
export function isLandingName(baseName: string): boolean {
  return LANDING.test(baseName);
}

/** `day1`, `day1-am`, `day2_9_4_2025`, `2024-03-20`, `21_am_notes`, `1日目`: a file holding one day of notes. */
export function isDayFileName(baseName: string): boolean {
  const words = baseName.toLowerCase().replace(/[_\s]+/g, '-');
  return /^(?:day-?\d{1,2}|\d{1,2}-?(?:am|pm)|[0-9]+日目)(?:-(?:am|pm|morning|afternoon|notes?|\d{1,4}))*$/.test(words) || NUMERIC_DATE.test(baseName.replace(/_/g, '-'));
}

/** A folder that stands for a day: `Day 1`, `day2`, `2023_03_15`, `1日目`. */
export function isDayFolder(name: string): boolean {
  return isDayLabel(name) || /^day[\s_-]*\d{1,2}$/i.test(name) || /^\d{4}[-_.]\d{1,2}[-_.]\d{1,2}$/.test(name);
}

/** Day label of a day folder: `Day 1`, or an ISO date for a date folder. */
export function dayOfFolder(name: string): string {
  const date = /^(\d{4})[-_.](\d{1,2})[-_.](\d{1,2})$/.exec(name);
  return date ? `${date[1]}-${date[2].padStart(2, '0')}-${date[3].padStart(2, '0')}` : dayName(name);
}

/** A year folder (`2016`). */
export function isYearFolder(name: string): boolean {
  return /^(?:19|20)\d{2}$/.test(name);
}
