// Layout inference for one file (docs/note-formats.md, "Reading without settings"): from the headings and
// paragraphs of a note with no layout in its front matter or settings, decide whether it holds one session or
// many, which heading level (or which bold lines or lettered items) holds the sessions, which level holds tracks,
// and which headings are days or sections that are not talks. The folder pass (folderReadings.ts) may then turn a
// weakly decided report into one session when its siblings are one-session files.
// Linear in the number of headings and paragraphs: one walk to classify, one per level to score.
import {
  headingRole, isDayFileName, isNameLike, isPlaceholder, isTalkKind, isTalkSection, namesEvent, talkScore, type HeadingRole,
} from './inferenceRules';
import { fieldNameOf, readFieldLines, type FieldName } from './fields';
import type { MarkdownHeading, MarkdownParagraph } from './markdown';
import type { LeftOutHeading, LeftOutReason, SessionItemKind } from './model';

export interface FileStructure {
  readonly headings: readonly MarkdownHeading[];
  readonly paragraphs: readonly MarkdownParagraph[];
  /** The file name without its extension. */
  readonly baseName: string;
  /** The user's `nonSessionHeadings`. */
  readonly nonSessionPatterns: readonly string[];
  readonly matches: (text: string, pattern: string) => boolean;
  /** A blog post: a link to slides or a video, or a speaker line, anywhere in a section makes its heading a talk. */
  readonly blogPost?: boolean;
}

/** A heading with what inference found out about it. */
interface HeadingFacts {
  readonly heading: MarkdownHeading;
  readonly index: number;
  readonly role: HeadingRole;
  readonly score: number;
  /** Whether any paragraph or non-blank line sits between this heading and the next one. */
  readonly hasContent: boolean;
  /** Speaker names written right under the heading as bold lines (`**Name**`). */
  readonly boldNames: readonly string[];
  /** Whether session fields (`- speakers: …`, `status:: …`) are written under the heading before any deeper one. */
  readonly hasFields: boolean;
}

export type LayoutVote = 'one-session' | 'report' | 'none';

export interface SessionItem {
  readonly line: number;
  readonly title: string;
}

export interface InferredLayout {
  readonly vote: LayoutVote;
  /** A strong vote stands whatever the folder's other files look like. */
  readonly strong: boolean;
  /** One session (or a weak report read as one): the heading that titles it, if any. */
  readonly titleHeading?: MarkdownHeading;
  /** Report: the heading that titles the whole document (an event name, a keynote at the top). */
  readonly documentTitle?: MarkdownHeading;
  /** Report: whether the document title is itself a session (`# Keynote` above the session headings). */
  readonly titleIsSession: boolean;
  readonly sessionLevel: number;
  /** 0: no track headings. */
  readonly trackLevel: number;
  readonly itemKind: SessionItemKind;
  /** Bold-line or lettered-item sessions, when `itemKind` is not `heading`. */
  readonly items: readonly SessionItem[];
  /** Per heading (by index into `headings`), what it is in the report: session, track, day or left out. */
  readonly kinds: readonly HeadingKind[];
  readonly leftOut: readonly LeftOutHeading[];
  /** Speaker names under each session heading (by heading index). */
  readonly headingSpeakers: ReadonlyMap<number, readonly string[]>;
}

export type HeadingKind = 'session' | 'track' | 'day' | 'part' | 'left-out';

/** Paragraphs of a landing page that are links (or start with one): at least this share makes it an index. */
const LANDING_LINK_SHARE = 0.5;
/** Non-link text below which a landing page is only a pointer. */
const POINTER_TEXT_CHARS = 200;
/** A file without headings needs this much text (or list items) to be notes of a talk rather than a pointer. */
const HEADINGLESS_MIN_CHARS = 400;

/** Fields only a session has: written under a heading, they make it a talk. */
const SESSION_FIELDS: ReadonlySet<FieldName> = new Set(['speakers', 'status', 'uid', 'time', 'room', 'slides', 'video']);

const BOLD_LINE = /^(?:\*\*|__)([^*_\n]{2,150}?)(?:\*\*|__|\*)\s*(?:[-–—:]\s*(.*))?$/;
const LETTERED_ITEM = /^([A-Z])[.)]\s+(\S.{1,150})$/;
const LINK = /\[[^\]]*\]\([^)]*\)|<doc:[^>]+>|https?:\/\/\S+/g;

function facts(structure: FileStructure): HeadingFacts[] {
  const { headings, paragraphs } = structure;
  const result: HeadingFacts[] = [];
  let paragraph = 0;
  for (let index = 0; index < headings.length; index++) {
    const heading = headings[index];
    const nextLine = index + 1 < headings.length ? headings[index + 1].line : Number.MAX_SAFE_INTEGER;
    while (paragraph < paragraphs.length && paragraphs[paragraph].line <= heading.line) paragraph++;
    const first = paragraphs[paragraph];
    const hasParagraph = first !== undefined && first.line < nextLine;
    const boldNames = hasParagraph && (first.content.startsWith('**') || first.content.startsWith('__')) ? boldNameLines(first.content) : [];
    const role = headingRole(heading.text, structure.nonSessionPatterns, structure.matches);
    let hasFields = false;
    for (let at = paragraph; role === 'candidate' && at < paragraphs.length && paragraphs[at].line < nextLine && !hasFields; at++) {
      const { content, line, listItem } = paragraphs[at];
      hasFields = (listItem || content.includes('::')) && readFieldLines(content, line, listItem).some((field) => SESSION_FIELDS.has(field.name));
    }
    const evidence = structure.blogPost === true && role === 'candidate' && hasTalkEvidence(structure, index, paragraph);
    const score = role === 'candidate' ? Math.max(talkScore(heading.text) + (boldNames.length > 0 ? 1 : 0), hasFields || evidence ? 2 : 0) : 0;
    // Code blocks and tables are not paragraphs: a gap of more than a blank line is content too.
    result.push({ heading, index, role, score, hasContent: hasParagraph || nextLine - heading.line > 2, boldNames, hasFields });
  }
  return result;
}

// Where talks are published: a section of a post that links its slides or its video (a URL, an embed, an iframe)
// is a talk's. Zenn writes embeds as `@[speakerdeck](id)`, Hatena Blog as `[https://…:embed]`.
const TALK_MEDIA = /https?:\/\/(?:www\.|m\.)?(?:speakerdeck\.com|(?:[a-z]{2}\.)?slideshare\.net|docs\.google\.com\/presentation|youtube\.com|youtu\.be|vimeo\.com|slides\.com)\/|@\[(?:speakerdeck|slideshare|docswell|youtube)\]/i;
const SPEAKER_LINE = /^(?:[-*]\s+)?(?:\*\*|__)?(?:speakers?|presenters?|登壇者|スピーカー|発表者|講演者)(?:\*\*|__)?\s*[:：]/im;

/**
 * Whether the section of heading `index` links slides or a video, or names its speaker: its text and its own parts
 * (`### Slides` under a talk), down to the next heading at its level or above or to a deeper heading that may be a talk.
 */
function hasTalkEvidence(structure: FileStructure, index: number, firstParagraph: number): boolean {
  const { headings, paragraphs } = structure;
  const level = headings[index].level;
  let end = index + 1;
  while (end < headings.length && headings[end].level > level && headingRole(headings[end].text, structure.nonSessionPatterns, structure.matches) !== 'candidate') end++;
  const endLine = end < headings.length ? headings[end].line : Number.MAX_SAFE_INTEGER;
  for (let at = firstParagraph; at < paragraphs.length && paragraphs[at].line < endLine; at++) {
    const { content } = paragraphs[at];
    if (TALK_MEDIA.test(content) || SPEAKER_LINE.test(content)) return true;
  }
  return false;
}

/** `**Name**` lines (a paragraph of them): the speakers of the talk above. */
function boldNameLines(content: string): string[] {
  const names: string[] = [];
  for (const line of content.split('\n')) {
    const match = /^(?:\*\*|__)([^*_]{2,80}?)\*{1,2}$|^__([^_]{2,80})__$/.exec(line.trim());
    if (!match) return [];
    names.push((match[1] ?? match[2]).trim());
  }
  return names;
}

/** Whether a paragraph is links with at most a few words around them: an entry of a link list. */
export function isLinkParagraph(content: string): boolean {
  const rest = content.replace(LINK, '');
  return rest.length < content.length && rest.replace(/[\s*_:;,.()\-–—|]+/g, '').length <= 40;
}

/** Whether the paragraphs are mostly links or say almost nothing besides them: a landing page or a pointer. */
export function isLinkPage(paragraphs: readonly MarkdownParagraph[]): boolean {
  let links = 0;
  let textChars = 0;
  for (const paragraph of paragraphs) {
    if (isLinkParagraph(paragraph.content)) links++;
    else textChars += paragraph.content.replace(LINK, '').length;
  }
  return textChars < POINTER_TEXT_CHARS || (links >= 2 && links >= paragraphs.length * LANDING_LINK_SHARE);
}

/** Whether a heading-less file has enough text to be a talk's notes. */
function isSubstantial(paragraphs: readonly MarkdownParagraph[]): boolean {
  let chars = 0;
  let listItems = 0;
  for (const paragraph of paragraphs) {
    chars += paragraph.content.length;
    if (paragraph.listItem) listItems++;
  }
  return chars >= HEADINGLESS_MIN_CHARS || listItems >= 3;
}

/** Bold lines or lettered items that read like talks, when there are at least two of them. */
function itemSessions(paragraphs: readonly MarkdownParagraph[], from: number): { kind: SessionItemKind; items: SessionItem[] } | undefined {
  const bold: SessionItem[] = [];
  const lettered: SessionItem[] = [];
  let boldTalks = 0;
  for (const paragraph of paragraphs) {
    if (paragraph.line < from) continue;
    const firstLine = paragraph.content.split('\n', 1)[0].trim();
    const letteredMatch = paragraph.listItem ? null : LETTERED_ITEM.exec(firstLine);
    if (letteredMatch) lettered.push({ line: paragraph.line, title: letteredMatch[2].replace(/\*\*|__/g, '').trim() });
    const boldMatch = BOLD_LINE.exec(firstLine);
    if (boldMatch) {
      const title = boldMatch[2] ? `${boldMatch[1].trim()} — ${boldMatch[2].trim()}` : boldMatch[1].trim().replace(/[:：]$/, '');
      bold.push({ line: paragraph.line, title });
      if (talkScore(title) >= 2) boldTalks++;
    }
  }
  if (lettered.length >= 2) return { kind: 'lettered-item', items: lettered };
  if (bold.length >= 2 && boldTalks * 2 >= bold.length) return { kind: 'bold-line', items: bold };
  return undefined;
}

const NO_ITEMS: readonly SessionItem[] = [];

function emptyLayout(vote: LayoutVote, strong: boolean, headings: readonly MarkdownHeading[], extra: Partial<InferredLayout> = {}): InferredLayout {
  return {
    vote, strong, titleIsSession: false, sessionLevel: 0, trackLevel: 0, itemKind: 'heading', items: NO_ITEMS,
    kinds: headings.map(() => 'part'), leftOut: [], headingSpeakers: new Map(), ...extra,
  };
}

/**
 * The layout of a file read alone. `landingCandidate`: the file is named README/index or links to several other notes.
 */
export function inferLayout(structure: FileStructure, landingCandidate: boolean): InferredLayout {
  const { headings, paragraphs } = structure;
  const all = facts(structure);
  // A heading with session fields under it is a talk, however few words the page has besides its links.
  if (landingCandidate && !all.some((fact) => fact.hasFields) && isLinkPage(paragraphs)) return emptyLayout('none', true, headings);
  const named = all.filter((fact) => fact.role !== 'placeholder');
  const dayFile = isDayFileName(structure.baseName);

  if (named.length === 0) {
    const items = itemSessions(paragraphs, 0);
    if (items) return planItems(all, items, all[0]?.heading, dayFile);
    if (paragraphs.length === 0 || !isSubstantial(paragraphs)) return emptyLayout('none', false, headings);
    return emptyLayout('one-session', true, headings, { titleHeading: all[0]?.heading });
  }

  // A placeholder at the top (`# C`, `# TODO`) titles a document its author has not named: a report, not a talk.
  if (all[0].role === 'placeholder' && all[0].heading.level <= named[0].heading.level) {
    const plan = planReport(all, all[0], false, dayFile);
    return plan.sessionCount > 0 ? { ...plan, strong: true } : emptyLayout('one-session', true, headings);
  }
  const first = named[0];
  // A title may name the event and what the page is (`PyCon 2024 highlights`): the event decides.
  const eventTitle = namesEvent(first.heading.text) && first.role !== 'day';
  const grouping = all.some((fact) => fact.index !== first.index && (fact.role === 'day' || fact.role === 'slot-group'));

  if (named.length === 1 && !dayFile) {
    // One heading: a talk's title, unless it names a list kept beside the talks (`Notable Quotes`, `To look up`)
    // or an event over a mere pointer to notes kept elsewhere.
    if (first.role === 'non-session') return emptyLayout('none', true, headings);
    if (eventTitle && isLinkPage(paragraphs)) return emptyLayout('none', false, headings);
    return emptyLayout('one-session', !eventTitle, headings, { titleHeading: first.heading });
  }
  const topLevel = Math.min(...named.map((fact) => fact.heading.level));
  const peers = named.filter((fact) => fact.heading.level === first.heading.level && fact.index !== first.index);
  // An H1 above sub-sections titles one talk: every other H1 is a section word (`# Notes:`, `# Q&A`).
  const titled = first.role !== 'day' && first.heading.level === 1 && topLevel === 1 && peers.every((fact) => fact.role !== 'candidate' || /[:：]$/.test(fact.heading.text));
  // In a day file the first heading is a talk like the others, unless it names the event.
  const title = eventTitle || (titled && !dayFile) ? first : undefined;
  const plan = planReport(all, title, eventTitle, dayFile);
  // No heading holds a talk: bold lines or lettered items under the title may.
  const items = plan.sessionCount === 0 ? itemSessions(paragraphs, title ? title.heading.line + 1 : 0) : undefined;
  if (items) return planItems(all, items, title?.heading, eventTitle || grouping || dayFile);
  if (eventTitle || grouping || dayFile) return { ...plan, strong: true };
  if (titled) {
    if (plan.talkShare >= 0.5 && (plan.sessionCount >= 2 || plan.withFields > 0)) return { ...plan, strong: true };
    // Sections under the H1 that each hold deeper headings are tracks of a report (`# Notes / ## Cloud / ### Talk`);
    // a talk's own sections mostly do not, and a talk shows itself by a speaker or a section word under its title.
    if (!talkTitleSigns(all, first) && holdsTracks(all, first)) return plan;
    return emptyLayout('one-session', true, headings, { titleHeading: first.heading });
  }
  // A lone top heading below H1 over a talk's own sections (`### Title` / `#### Abstract`) titles one talk.
  if (peers.length === 0 && first.heading.level === topLevel && !dayFile && talkTitleSigns(all, first)) {
    return emptyLayout('one-session', true, headings, { titleHeading: first.heading });
  }
  // Peer headings with no title: a report when they read like talks, else perhaps one talk's sub-topics (titled by
  // a lone top heading, if there is one, when the folder reads it as one talk).
  return { ...plan, strong: plan.talkShare >= 0.5 && plan.sessionCount >= 2, titleHeading: peers.length === 0 ? first.heading : undefined };
}

/**
 * The layout of a blog post that may report a conference. `titled`: its title already says it reports an event;
 * otherwise the structure must show it — day headings, or at least two sections that read like talks (a speaker, a
 * time, slides or a video). A post that is no report holds no session, however many headings it has.
 */
export function inferBlogLayout(structure: FileStructure, titled: boolean): InferredLayout {
  const { headings, paragraphs } = structure;
  const all = facts(structure);
  // Most engines render the front matter title as the page's H1; a post that repeats it writes one H1 above the rest.
  const first = all[0];
  const title = first !== undefined && first.heading.level === 1 && first.role === 'candidate' && all.every((fact) => fact === first || fact.heading.level > 1)
    ? first
    : undefined;
  const plan = planReport(all, title, true, false);
  const days = all.some((fact) => fact.role === 'day');
  if (!titled && !days && plan.talks < 2) return emptyLayout('none', true, headings);
  const from = title ? title.heading.line + 1 : 0;
  const items = plan.sessionCount === 0 ? itemSessions(paragraphs, from) ?? listedTalks(paragraphs, from) : undefined;
  if (items) return planItems(all, items, title?.heading, true);
  return { ...plan, strong: true };
}

// A link whose text only names the medium (`[slides](…)`, `（[動画](…)）`) says where the talk is, not what it is called.
const MEDIA_LINK = /\s*[(（]?\s*\[(?:slides?|video|recording|スライド|資料|動画|録画)\]\([^)]*\)\s*[)）]?/gi;
// Link text may hold escaped brackets: `[\[JA\] Title](…)`.
const LINK_TEXT = /\[((?:\\.|[^\]\\])*)\]\([^)]*\)/g;
const MARKDOWN_ESCAPE = /\\([\\`*_{}[\]()#+\-.!|])/g;

/** A list item as a talk's title: links reduced to their text, media links and bare URLs dropped, escapes resolved. */
function listedTitle(firstLine: string): string {
  return firstLine
    .replace(MEDIA_LINK, '')
    .replace(LINK_TEXT, '$1')
    .replace(/<?https?:\/\/\S+/g, '')
    .replace(MARKDOWN_ESCAPE, '$1')
    .replace(/\*\*|__|`/g, '')
    .replace(/[\s/|:：,、-]+$/, '')
    .trim();
}

/**
 * Talks written as list items: at least two items that each link slides or a video, or name a speaker. An item that
 * is a field (`- slides: …`) belongs to the talk above it.
 */
function listedTalks(paragraphs: readonly MarkdownParagraph[], from: number): { kind: SessionItemKind; items: SessionItem[] } | undefined {
  const items: SessionItem[] = [];
  for (const paragraph of paragraphs) {
    if (!paragraph.listItem || paragraph.line < from) continue;
    const firstLine = paragraph.content.split('\n', 1)[0].trim();
    const label = /^(?:\*\*|__)?([^:：*_]{1,40}?)(?:\*\*|__)?\s*[:：]/.exec(firstLine);
    if (label && fieldNameOf(label[1].trim()) !== undefined) continue;
    const title = listedTitle(firstLine);
    if (title.length > 0 && (TALK_MEDIA.test(firstLine) || talkScore(title) >= 2)) items.push({ line: paragraph.line, title });
  }
  return items.length >= 2 ? { kind: 'list-item', items } : undefined;
}

/** Signs that an H1 titles one talk: a speaker in it, a bare name heading right under it, or a talk's own sections. */
function talkTitleSigns(all: readonly HeadingFacts[], title: HeadingFacts): boolean {
  if (talkScore(title.heading.text) >= 2) return true;
  const next = all[title.index + 1];
  if (next !== undefined && next.heading.level > title.heading.level && next.role === 'candidate' && !next.hasContent && isNameLike(next.heading.text)) return true;
  const sections = all.filter((fact) => fact.index > title.index && fact.heading.level === title.heading.level + 1);
  return sections.some((fact) => isTalkSection(fact.heading.text));
}

/** Whether most candidate headings one level below `title`, and at least two, hold candidate headings deeper down. */
function holdsTracks(all: readonly HeadingFacts[], title: HeadingFacts): boolean {
  const below = all.filter((fact) => fact.index > title.index && fact.role === 'candidate');
  if (below.length === 0) return false;
  const level = Math.min(...below.map((fact) => fact.heading.level));
  const here = below.filter((fact) => fact.heading.level === level);
  const containers = here.filter((fact) => hasDeeperCandidate(all, fact, level + 1)).length;
  return containers >= 2 && containers * 2 > here.length;
}

interface ReportPlan extends InferredLayout {
  readonly sessionCount: number;
  /** Share of the session headings that read like talks (speaker, time, label, session fields). */
  readonly talkShare: number;
  /** Session headings with session fields under them. */
  readonly withFields: number;
  /** Session headings that read like talks. */
  readonly talks: number;
}

function planItems(all: readonly HeadingFacts[], found: { kind: SessionItemKind; items: SessionItem[] }, title: MarkdownHeading | undefined, strong: boolean): InferredLayout {
  return {
    ...emptyLayout('report', strong, all.map((fact) => fact.heading)),
    documentTitle: title,
    itemKind: found.kind,
    items: found.items,
    sessionLevel: title ? Math.min(title.level + 1, 6) : 1,
    kinds: all.map((fact) => (fact.role === 'day' ? 'day' : 'part')),
  };
}

/**
 * Which level holds the sessions: the shallowest level where most headings read like talks; else, below a
 * document title or day headings, the first level whose headings do not mostly hold deeper headings (those are
 * tracks); else the shallowest level.
 */
function planReport(all: readonly HeadingFacts[], title: HeadingFacts | undefined, eventTitle: boolean, dayFile: boolean): ReportPlan {
  const countable = all.filter((fact) => fact !== title && fact.role === 'candidate');
  const levels = [...new Set(countable.map((fact) => fact.heading.level))].sort((a, b) => a - b);
  const atLevel = (level: number) => countable.filter((fact) => fact.heading.level === level);
  const talkShareAt = (level: number) => {
    const here = atLevel(level);
    return here.length === 0 ? 0 : here.filter((fact) => fact.score >= 2).length / here.length;
  };
  let sessionLevel = levels.find((level) => talkShareAt(level) >= 0.5);
  let trackLevel = 0;
  // A day file's top headings are its talks; elsewhere headings that mostly hold deeper ones are tracks.
  const structured = title !== undefined || !dayFile || all.some((fact) => fact.role === 'day' || fact.role === 'slot-group');
  if (sessionLevel === undefined) {
    sessionLevel = levels[0] ?? 0;
    if (structured) {
      for (let at = 0; at < levels.length - 1; at++) {
        const here = atLevel(levels[at]);
        const containers = here.filter((fact) => hasDeeperCandidate(all, fact, levels[at + 1])).length;
        if (containers * 2 < here.length) break;
        sessionLevel = levels[at + 1];
      }
    }
  }
  const trackCandidates = levels.filter((level) => level < sessionLevel);
  if (trackCandidates.length > 0) trackLevel = trackCandidates[trackCandidates.length - 1];

  const kinds: HeadingKind[] = [];
  const leftOut: LeftOutHeading[] = [];
  const headingSpeakers = new Map<number, readonly string[]>();
  const titleIsSession = title !== undefined && !eventTitle && isTalkKind(title.heading.text) && title.hasContent;
  // A page of highlights or takeaways has themes for sections: only those that name a kind of talk are talks.
  const summaryPage = title !== undefined && title.role === 'non-session';
  let sessionCount = 0;
  let talks = 0;
  let withFields = 0;
  const leave = (fact: HeadingFacts, reason: LeftOutReason) => {
    kinds.push('left-out');
    leftOut.push({ line: fact.heading.line, text: fact.heading.text, reason });
  };
  for (const fact of all) {
    const level = fact.heading.level;
    if (fact === title) {
      if (titleIsSession) {
        kinds.push('session');
        sessionCount++;
      } else {
        leave(fact, 'document-title');
      }
    } else if (level > sessionLevel) {
      kinds.push('part');
    } else if (fact.role === 'day') {
      kinds.push('day');
      leftOut.push({ line: fact.heading.line, text: fact.heading.text, reason: 'day' });
    } else if (fact.role !== 'candidate') {
      leave(fact, fact.role === 'placeholder' ? 'placeholder' : fact.role === 'slot-group' ? 'slot-group' : 'non-session');
    } else if (level === sessionLevel) {
      // An empty heading is a talk not written up yet, but an empty label (`Live Presentations:`) only introduces the ones below.
      if (!fact.hasContent && /[:：]$/.test(fact.heading.text) && !nextIsDeeper(all, fact)) {
        leave(fact, 'no-content');
      } else if (summaryPage && fact.score === 0) {
        leave(fact, 'not-a-talk');
      } else {
        kinds.push('session');
        sessionCount++;
        if (fact.score >= 2) talks++;
        if (fact.hasFields) withFields++;
        if (fact.boldNames.length > 0) headingSpeakers.set(fact.index, fact.boldNames);
      }
    } else if (level === trackLevel) {
      kinds.push('track');
    } else {
      leave(fact, 'not-a-talk');
    }
  }
  return {
    vote: 'report', strong: false, documentTitle: title?.heading, titleIsSession, sessionLevel, trackLevel,
    itemKind: 'heading', items: NO_ITEMS, kinds, leftOut, headingSpeakers, sessionCount, withFields, talks,
    talkShare: sessionCount === 0 ? 0 : talks / sessionCount,
  };
}

/** Whether a candidate heading at `level` sits under `parent` before the next heading at the parent's level or above. */
function hasDeeperCandidate(all: readonly HeadingFacts[], parent: HeadingFacts, level: number): boolean {
  for (let index = parent.index + 1; index < all.length; index++) {
    const fact = all[index];
    if (fact.heading.level <= parent.heading.level) return false;
    if (fact.heading.level === level && fact.role === 'candidate') return true;
  }
  return false;
}

function nextIsDeeper(all: readonly HeadingFacts[], fact: HeadingFacts): boolean {
  const next = all[fact.index + 1];
  return next !== undefined && next.heading.level > fact.heading.level;
}

/** Whether a heading is only a placeholder, for a one-session file's title. */
export function usableTitle(heading: MarkdownHeading | undefined): string | undefined {
  return heading && !isPlaceholder(heading.text) ? heading.text : undefined;
}
