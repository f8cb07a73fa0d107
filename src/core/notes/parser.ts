// Reads one note: text in, sessions out. Two layouts (see docs/note-formats.md):
// - report: one file per conference, tracks and sessions as headings at configurable levels;
// - session file: the whole file is one session (front matter `type: session`, `track` or `speakers`).
// Fields come, strongest first, from the session's own field lines or the file's front matter, then from the
// structure (track headings), then from `fileDefaults` settings, then from a title prefix or the file's path.
// Everything here is linear in the size of the note: one markdown-it block pass, then single walks over its
// headings and paragraphs, so huge heading counts and long lines stay cheap.
import { detached, fieldNameOf, isPrintableAscii, normalizeDate, readFieldLines, splitList, statusOf, type FieldName } from './fields';
import { compileGlob, type Glob } from './glob';
import { readFrontMatter, FRONT_MATTER_MAX_ALIASES, FRONT_MATTER_MAX_CHARS, type FrontMatterProblem } from './frontMatter';
import { readMarkdownStructure, type MarkdownHeading, type MarkdownParagraph } from './markdown';
import { SessionTexts } from './sessionFilter';
import { coreMessage } from '../messages';
import { blogPostOf, postConference, reportSigns, type BlogPost } from './blogPosts';
import { inferBlogLayout, inferLayout, isLinkParagraph, usableTitle, type InferredLayout } from './inference';
import {
  dayName, dayOfFolder, eventName, headingRole, isBoilerplateName, isDayFileName, isDayFolder, isLandingName, isNameLike, isYearFolder, namesEvent,
  splitTitleSpeakers, withoutReportWord, yearOf,
} from './inferenceRules';
import { DEFAULT_PARSE_OPTIONS, SESSION_STATUSES } from './model';
import type {
  ConferenceInfo, ConferenceSource, FolderHints, LandingPage, LineRange, NoteContext, NoteDiagnostic, NoteLayout, NoteReading, ParsedNote,
  ParseOptions, ReadingSource, Session, SessionLink, SessionStatus,
} from './model';

/** English templates of every message the parser produces, by diagnostic code; adapters localise them. */
export const PARSER_MESSAGES = {
  'yaml-invalid': 'Invalid YAML in the front matter: {0}. The front matter was ignored; the rest of the note was read.',
  'yaml-alias-limit': 'The front matter uses more than {0} YAML aliases and was ignored.',
  'front-matter-too-large': 'The front matter is longer than {0} characters and was ignored.',
  'front-matter-not-mapping': 'The front matter is not a list of "key: value" lines and was ignored.',
  'front-matter-unclosed': 'The front matter that starts here has no closing "---" line; the file was read as markdown.',
  'toml-invalid': 'Invalid TOML in the front matter: {0}. The front matter was ignored; the rest of the note was read.',
  'toml-unclosed': 'The TOML front matter that starts here has no closing "+++" line; the file was read as markdown.',
  'invalid-level': '"{0}" must be a heading level from 1 to 6 (or "none" for the track level), not "{1}".',
  'unknown-status': 'Unknown status "{0}"; use one of: {1}.',
  'unknown-type': 'Unknown note type "{0}"; use session, report or index.',
  'binary-file': 'This file is not text (it contains NUL bytes) and was not read as a note.',
  'not-utf8': 'This file is not UTF-8 text and was not read as a note. Save it as UTF-8 to index it.',
} as const;

export type ParserMessageCode = keyof typeof PARSER_MESSAGES;

function detachedList(values: readonly string[] | undefined): string[] {
  return values ? values.map(detached) : [];
}

function diagnostic(code: ParserMessageCode, noteArgs: readonly string[], line?: number): NoteDiagnostic {
  const args = noteArgs.map(detached); // the index keeps diagnostics, not note text
  const severity = code === 'binary-file' || code === 'not-utf8' || code === 'yaml-invalid' || code === 'toml-invalid' ? 'error' : 'warning';
  const message: NoteDiagnostic = { ...coreMessage(PARSER_MESSAGES, code, args), severity };
  return line === undefined ? message : { ...message, line };
}

// ---------------------------------------------------------------------------------------------------------------
// Bytes → text

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a file's bytes as a note: UTF-8 with an optional BOM. Binary files (NUL bytes) and other encodings
 * give one diagnostic instead of text.
 */
export function decodeNoteBytes(bytes: Uint8Array): { text: string } | { diagnostic: NoteDiagnostic } {
  // UTF-16 text is full of NUL bytes, but it is an encoding problem, not a binary file.
  const utf16Bom = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (utf16Bom) return { diagnostic: diagnostic('not-utf8', []) };
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { diagnostic: diagnostic(bytes.indexOf(0) === -1 ? 'not-utf8' : 'binary-file', []) };
  }
  // A NUL byte is valid UTF-8 and decodes to U+0000 alone, so searching the text finds exactly the files with NUL
  // bytes, at a tenth of the cost of scanning the bytes.
  return text.indexOf('\0') === -1 ? { text } : { diagnostic: diagnostic('binary-file', []) };
}

// ---------------------------------------------------------------------------------------------------------------
// fileDefaults globs, compiled once per options object (settings are read once per workspace folder, notes are many)

interface FileDefaultsMatcher {
  readonly matchers: readonly Glob[];
  readonly frontMatter: Readonly<Record<string, unknown>>;
}

const compiledFileDefaults = new WeakMap<ParseOptions, readonly FileDefaultsMatcher[]>();

function fileDefaultsMatchers(options: ParseOptions): readonly FileDefaultsMatcher[] {
  let compiled = compiledFileDefaults.get(options);
  if (!compiled) {
    compiled = (options.fileDefaults ?? []).map((entry) => ({
      matchers: (typeof entry.files === 'string' ? [entry.files] : entry.files).map(compileGlob),
      frontMatter: entry.frontMatter,
    }));
    compiledFileDefaults.set(options, compiled);
  }
  return compiled;
}

/**
 * Whether `text` matches `pattern`, where `*` is any text, ignoring case. Greedy two-pointer matching: at most
 * text × pattern steps, whatever the user writes (a regular expression could backtrack exponentially).
 */
export function matchesWildcard(text: string, pattern: string): boolean {
  const value = text.toLowerCase();
  const wanted = pattern.trim().toLowerCase();
  let at = 0;
  let next = 0;
  let star = -1;
  let resume = 0;
  while (at < value.length) {
    if (next < wanted.length && wanted[next] !== '*' && wanted[next] === value[at]) {
      at++;
      next++;
    } else if (next < wanted.length && wanted[next] === '*') {
      star = next++;
      resume = at;
    } else if (star !== -1) {
      next = star + 1;
      at = ++resume;
    } else {
      return false;
    }
  }
  while (wanted[next] === '*') next++;
  return next === wanted.length;
}

// ---------------------------------------------------------------------------------------------------------------
// Path: conference, day and track from folders, title from the file name

interface PathFacts {
  /** Conference named by the folders, undefined for a file at the root. */
  readonly folderConference?: string;
  /** The file name without its extension. */
  readonly baseName: string;
  /** Length of the `day1-` prefix of the file name, 0 without one. */
  readonly dayPrefixLength: number;
  readonly fileDay?: string;
  readonly subfolderDay?: string;
  readonly subfolderTrack?: string;
}

const NOTE_EXTENSION = /\.(?:md|markdown)$/i;
const DAY_PREFIX = /^day[\s_-]*(\d{1,2})(?!\d)[\s_-]*/i;

function pathFacts(segments: readonly string[], options: ParseOptions): PathFacts {
  const fileName = segments.length > 0 ? segments[segments.length - 1] : '';
  const baseName = fileName.replace(NOTE_EXTENSION, '');
  const folders = segments.slice(0, -1);
  const depth = options.conferenceFolderDepth;
  const conferenceFolders = depth === undefined ? folders.slice(-1) : folders.slice(0, depth);
  const dayPrefix = DAY_PREFIX.exec(baseName);
  const subfolder = depth !== undefined && folders.length > depth ? folders[depth] : undefined;
  return {
    folderConference: conferenceFolders.length > 0 ? conferenceName(conferenceFolders, options) : undefined,
    baseName,
    dayPrefixLength: dayPrefix ? dayPrefix[0].length : 0,
    fileDay: dayPrefix ? `Day ${Number(dayPrefix[1])}` : undefined,
    subfolderDay: options.subfolderMeaning === 'day' ? subfolder : undefined,
    subfolderTrack: options.subfolderMeaning === 'track' ? subfolder : undefined,
  };
}

function conferenceName(parts: readonly string[], options: ParseOptions): string {
  return options.readableFolderNames ? readableName(parts) : parts.join('/');
}

// The file name as a conference or a title is needed by few notes (most name both inside), so it is made on demand.

/** The file's own name as a conference name, for files that are a conference of their own. */
function fileConference(path: PathFacts, options: ParseOptions): string {
  return conferenceName([path.baseName], options);
}

/** The file name as a session title, without its `day1-` prefix. */
function fileTitle(path: PathFacts): string {
  return words(path.baseName.slice(path.dayPrefixLength)) || path.baseName;
}

function words(name: string): string {
  return name.replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
}

// A year as its own folder (`2016/`), as a date prefix (`2024_03_`, `2024_08_10_`, `2026-`) or as a suffix (`-2017`).
const YEAR_SEGMENT = /^\d{4}$/;
const DATE_PREFIX = /^(\d{4})(?:[-_.]\d{1,2}){0,2}[-_ ]+/;
const MONTH_PREFIX = /^\d{1,2}[-_ ]+/;
const YEAR_SUFFIX = /[-_ ]+(\d{4})$/;

/**
 * The workspace folder's name, read from the note's URI (the path above its `pathSegments`): what names the conference
 * of a note at the top of the folder when nothing in it or its path does.
 */
function workspaceFolderName(context: NoteContext): string {
  const segments = context.uri.replace(/[?#].*$/, '').split('/');
  const folder = segments[segments.length - context.pathSegments.length - 1] ?? '';
  try {
    return readableName([decodeURIComponent(folder)]);
  } catch {
    return readableName([folder]);
  }
}

/** `2016/djangocon-us` → `djangocon us 2016`; `2022/10_AnsibleFest` → `AnsibleFest 2022`; `Build-2017` → `Build 2017`. */
export function readableName(segments: readonly string[]): string {
  let year: string | undefined;
  const parts: string[] = [];
  for (const segment of segments) {
    let rest = segment.replace(NOTE_EXTENSION, '');
    if (YEAR_SEGMENT.test(rest)) {
      year ??= rest;
      continue;
    }
    const prefix = DATE_PREFIX.exec(rest);
    if (prefix) {
      year ??= prefix[1];
      rest = rest.slice(prefix[0].length);
    } else if (year !== undefined) {
      rest = rest.replace(MONTH_PREFIX, ''); // `10_AnsibleFest` under a `2022/` folder
    }
    const suffix = YEAR_SUFFIX.exec(rest);
    if (suffix) {
      year ??= suffix[1];
      rest = rest.slice(0, suffix.index);
    }
    const part = words(rest);
    if (part) parts.push(part);
  }
  if (year !== undefined) parts.push(year);
  return parts.length > 0 ? parts.join(' ') : segments.join('/');
}

// ---------------------------------------------------------------------------------------------------------------
// Fields

interface SessionFields {
  title?: string;
  conference?: string;
  track?: string;
  speakers?: string[];
  date?: string;
  day?: string;
  time?: string;
  room?: string;
  tags?: string[];
  status?: SessionStatus;
  links?: SessionLink[];
  uid?: string;
  sameAs?: string;
}

type NoteType = 'session' | 'report' | 'index';
const NOTE_TYPES: Readonly<Record<string, NoteType>> = { session: 'session', report: 'report', index: 'index', 'セッション': 'session', 'レポート': 'report' };

// What blog engines write in a post's `type` (Zenn's `tech` / `idea`, a theme's `post`): the post's kind, not ours.
const BLOG_TYPES: ReadonlySet<string> = new Set(['tech', 'idea', 'post', 'posts', 'page', 'article', 'blog']);

/** What front matter (the file's own, or `fileDefaults`) says about a note. */
interface NoteHeader {
  readonly fields: SessionFields;
  readonly type?: NoteType;
  /** 0: no track headings. */
  readonly trackLevel?: number;
  readonly sessionLevel?: number;
}

const LINK_LABELS: Partial<Record<FieldName, string>> = { slides: 'slides', video: 'video', url: 'link' };

/** The first value of a field, trimmed. */
function firstValue(raw: string | readonly string[]): string {
  return (typeof raw === 'string' ? raw : raw[0] ?? '').trim();
}

/** Every value of a field: a front matter list item by item, a line split at commas. */
function listValues(raw: string | readonly string[]): string[] {
  return typeof raw === 'string' ? splitList(raw) : raw.map((item) => item.trim()).filter((item) => item.length > 0);
}

/** Stores one field value unless the field is already set (first occurrence wins). */
function setField(fields: SessionFields, name: FieldName, raw: string | readonly string[], line: number | undefined, diagnostics: NoteDiagnostic[]): void {
  switch (name) {
    case 'speakers': {
      if (fields.speakers) return;
      const list = listValues(raw);
      if (list.length > 0) fields.speakers = list;
      return;
    }
    case 'tags': {
      if (fields.tags) return;
      const list = listValues(raw);
      if (list.length > 0) fields.tags = list.map((tag) => tag.replace(/^#/, ''));
      return;
    }
    case 'status': {
      const first = fields.status ? '' : firstValue(raw);
      if (!first) return;
      const status = statusOf(first);
      if (status) fields.status = status;
      else diagnostics.push(diagnostic('unknown-status', [first, SESSION_STATUSES.join(', ')], line));
      return;
    }
    case 'slides':
    case 'video':
    case 'url': {
      const label = LINK_LABELS[name] ?? name;
      const urls = typeof raw === 'string' ? [firstValue(raw)] : listValues(raw);
      fields.links = [...(fields.links ?? []), ...urls.filter((url) => url.length > 0).map((url) => ({ label, url }))];
      return;
    }
    case 'date': {
      const first = fields.date ? '' : firstValue(raw);
      if (first) fields.date = normalizeDate(first);
      return;
    }
    case 'title':
    case 'conference':
    case 'track':
    case 'day':
    case 'time':
    case 'room':
    case 'uid':
    case 'sameAs': {
      const first = fields[name] === undefined ? firstValue(raw) : '';
      if (first) fields[name] = first;
      return;
    }
    case 'type':
    case 'trackLevel':
    case 'sessionLevel':
      return; // whole-note settings, read from front matter only
  }
}

/** Front matter values as text: scalars as written, lists item by item; nested maps carry no field. */
function textValues(value: unknown): string | string[] | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.filter((item) => typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean').map(String);
  return undefined;
}

function readHeader(data: Readonly<Record<string, unknown>>, keyLines: Readonly<Record<string, number>>, diagnostics: NoteDiagnostic[]): NoteHeader {
  const fields: SessionFields = {};
  let type: NoteType | undefined;
  let trackLevel: number | undefined;
  let sessionLevel: number | undefined;
  for (const key in data) {
    const name = fieldNameOf(key);
    const text = name && textValues(data[key]);
    if (!name || text === undefined) continue;
    const line = keyLines[key];
    const single = (typeof text === 'string' ? text : text[0] ?? '').trim();
    if (name === 'type') {
      type ??= NOTE_TYPES[single.toLowerCase()];
      if (!NOTE_TYPES[single.toLowerCase()] && !BLOG_TYPES.has(single.toLowerCase())) diagnostics.push(diagnostic('unknown-type', [single], line));
    } else if (name === 'trackLevel' || name === 'sessionLevel') {
      const level = headingLevel(single, name === 'trackLevel');
      if (level === undefined) diagnostics.push(diagnostic('invalid-level', [key, single], line));
      else if (name === 'trackLevel') trackLevel ??= level;
      else sessionLevel ??= level;
    } else {
      setField(fields, name, text, line, diagnostics);
    }
  }
  return { fields, type, trackLevel, sessionLevel };
}

function headingLevel(value: string, allowNone: boolean): number | undefined {
  if (allowNone && /^(?:none|0|false)$/i.test(value)) return 0;
  return /^[1-6]$/.test(value) ? Number(value) : undefined;
}

function fileDefaultsHeader(context: NoteContext, diagnostics: NoteDiagnostic[]): NoteHeader {
  const entries = fileDefaultsMatchers(context.options);
  if (entries.length === 0) return { fields: {} };
  const relativePath = context.pathSegments.join('/');
  const merged: Record<string, unknown> = {};
  for (const entry of entries) {
    if (entry.matchers.some((matcher) => matcher.matches(relativePath))) {
      // A later entry overrides an earlier one key by key, whatever alias either of them used.
      for (const [key, value] of Object.entries(entry.frontMatter)) {
        const name = fieldNameOf(key);
        for (const existing of Object.keys(merged)) if (fieldNameOf(existing) === name) delete merged[existing];
        merged[key] = value;
      }
    }
  }
  return readHeader(merged, {}, diagnostics);
}

/** Field layers merged: for each field, the first layer that sets it wins. */
function mergeFields(...layers: readonly SessionFields[]): SessionFields {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const key in layer) {
      if (merged[key] === undefined) merged[key] = layer[key as keyof SessionFields];
    }
  }
  return merged as SessionFields;
}

function bodyFields(paragraphs: readonly MarkdownParagraph[], from: number, to: number, diagnostics: NoteDiagnostic[]): SessionFields {
  const fields: SessionFields = {};
  for (let index = from; index < to; index++) {
    const paragraph = paragraphs[index];
    for (const field of readFieldLines(paragraph.content, paragraph.line, paragraph.listItem)) {
      setField(fields, field.name, field.value, field.line, diagnostics);
    }
  }
  return fields;
}

/** `Keynote: …`, `Keynote - …` or a bare `Keynote` title → the configured spelling of that prefix. */
function titlePrefixTrack(title: string, prefixes: readonly string[]): string | undefined {
  const lower = title.toLowerCase();
  return prefixes.find((prefix) => {
    const candidate = prefix.toLowerCase();
    return lower.startsWith(candidate) && /^(?:$|\s*[:：]|\s+[-–—]\s)/.test(lower.slice(candidate.length));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Sessions

function slugOf(title: string): string {
  // For printable ASCII, most titles, NFKC changes nothing and letters and digits are [a-z0-9] once lowercased.
  const slug = isPrintableAscii(title)
    ? title.toLowerCase().replace(/[^a-z0-9]+/g, '-')
    : title.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-');
  // Dashes at either end dropped by hand: a /^-+|-+$/ pattern would try every position of the slug.
  let start = 0;
  let end = slug.length;
  while (start < end && slug.charCodeAt(start) === 0x2d) start++;
  while (end > start && slug.charCodeAt(end - 1) === 0x2d) end--;
  return start < end ? slug.slice(start, end) : 'session';
}

class SessionIds {
  private readonly seen = new Map<string, number>();
  constructor(private readonly uri: string) {}

  /** `${uri}#${slug}`, with `~2`, `~3`… for later sessions of the same slug in the file. */
  next(title: string): string {
    const slug = slugOf(title);
    const count = (this.seen.get(slug) ?? 0) + 1;
    this.seen.set(slug, count);
    return `${this.uri}#${slug}${count > 1 ? `~${count}` : ''}`;
  }
}

type SessionDraft = { -readonly [Key in keyof Session]: Session[Key] };

/** `base.conference` must already be `detached`: the parsed note shares it. */
function makeSession(
  base: { id: string; title: string; conference: string; uri: string; layout: NoteLayout; line: number; range: LineRange }, fields: SessionFields, texts: SessionTexts,
): Session {
  // One literal, then the optional keys in a fixed order: sessions come in few shapes, which keeps building
  // them and reading them in the index fast. Absent fields are left out rather than set to undefined, so
  // sessions compare and serialise cleanly. Every text is detached: the index keeps sessions, not notes.
  const session: SessionDraft = {
    id: detached(base.id),
    title: detached(base.title),
    conference: base.conference,
    uri: base.uri,
    layout: base.layout,
    line: base.line,
    range: base.range,
    speakers: detachedList(fields.speakers),
    tags: detachedList(fields.tags),
    links: fields.links ? fields.links.map((link) => ({ label: link.label, url: detached(link.url) })) : [],
  };
  if (fields.track !== undefined) session.track = detached(fields.track);
  if (fields.date !== undefined) session.date = detached(fields.date);
  if (fields.day !== undefined) session.day = detached(fields.day);
  if (fields.time !== undefined) session.time = detached(fields.time);
  if (fields.room !== undefined) session.room = detached(fields.room);
  if (fields.status !== undefined) session.status = fields.status;
  if (fields.uid !== undefined) session.uid = detached(fields.uid);
  if (fields.sameAs !== undefined) session.sameAs = detached(fields.sameAs);
  const searchText = texts.of(base.line, base.range);
  if (searchText !== undefined) session.searchText = searchText;
  return session;
}

/**
 * Reads one note. Never throws on note content: every problem becomes a diagnostic and the rest of the note
 * is still read.
 */
export function parseNote(text: string, context: NoteContext): ParsedNote {
  const options = context.options;
  const diagnostics: NoteDiagnostic[] = [];
  const source = normalizeLineEndings(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

  const frontMatter = readFrontMatter(source);
  if (frontMatter.problem) diagnostics.push(frontMatterDiagnostic(frontMatter.problem));
  const own = readHeader(frontMatter.data, frontMatter.keyLines, diagnostics);
  const defaults = fileDefaultsHeader(context, diagnostics);
  const structure = readMarkdownStructure(frontMatter.bodyOffset === 0 ? source : source.slice(frontMatter.bodyOffset), frontMatter.bodyLine);
  const lastLine = Math.max(structure.lastContentLine, frontMatter.bodyLine - 1, 0);
  const path = pathFacts(context.pathSegments, options);

  const type = own.type ?? defaults.type;
  const sessionFile = type === 'session' || (type === undefined && hasSessionFileKeys(own, defaults));
  const note: NoteInput = { context, diagnostics, own, defaults, path, lastLine, texts: new SessionTexts(source) };
  const layoutSource: ReadingSource = own.type !== undefined || hasSessionFileKeys(own, { fields: {} }) ? 'front-matter' : 'settings';
  const parsed = sessionFile
    ? readSessionFile(note, structure.headings, structure.paragraphs, frontMatter.bodyLine, layoutSource)
    : type !== undefined || headingLevelsGiven(own, defaults, options) || rootConference(context)
      ? readReport(note, structure.headings, structure.paragraphs, type === 'index', type === undefined ? 'settings' : layoutSource)
      : readInferred(note, structure.headings, structure.paragraphs, frontMatter.bodyLine, blogPostOf(frontMatter.data, context.pathSegments), () => STATS_BLOCK_FENCE.test(source));
  const conferenceInfo = conferenceInfoOf(frontMatter.data);
  const withInfo = conferenceInfo ? { ...parsed, conferenceInfo } : parsed;
  return typeof frontMatter.data.schedule === 'string' ? { ...withInfo, programme: true } : withInfo;
}

const CONFERENCE_INFO_KEYS: Readonly<Record<string, keyof ConferenceInfo>> = {
  dates: 'dates', 'short-name': 'shortName', shortname: 'shortName', short_name: 'shortName', series: 'series',
};

/** `dates` and `short-name` of the front matter (keys in any case), when given as text. */
function conferenceInfoOf(data: Readonly<Record<string, unknown>>): ConferenceInfo | undefined {
  let info: { -readonly [K in keyof ConferenceInfo]: string } | undefined;
  for (const key in data) {
    const name = CONFERENCE_INFO_KEYS[key.toLowerCase()];
    const value = name === undefined ? undefined : textValues(data[key]);
    const text = value === undefined ? '' : (typeof value === 'string' ? value : value.join(', ')).trim();
    if (name !== undefined && text !== '') (info ??= {})[name] ??= detached(text);
  }
  return info;
}

interface NoteInput {
  readonly context: NoteContext;
  readonly diagnostics: NoteDiagnostic[];
  readonly own: NoteHeader;
  readonly defaults: NoteHeader;
  readonly path: PathFacts;
  readonly lastLine: number;
  /** The sessions' search texts, cut from the note's text. */
  readonly texts: SessionTexts;
}

/** With `conferenceFolderDepth`, a file at the root is a conference of its own: a report, as the setting documents. */
function rootConference(context: NoteContext): boolean {
  return context.options.conferenceFolderDepth !== undefined && context.pathSegments.length <= 1;
}

/** Whether front matter, `fileDefaults` or the settings fix a report's heading levels (else they are inferred). */
function headingLevelsGiven(own: NoteHeader, defaults: NoteHeader, options: ParseOptions): boolean {
  return (
    options.headingLevelsSet === true ||
    options.sessionHeadingLevel !== DEFAULT_PARSE_OPTIONS.sessionHeadingLevel ||
    options.trackHeadingLevel !== DEFAULT_PARSE_OPTIONS.trackHeadingLevel ||
    [own, defaults].some((header) => header.sessionLevel !== undefined || header.trackLevel !== undefined)
  );
}

function hasSessionFileKeys(own: NoteHeader, defaults: NoteHeader): boolean {
  return [own, defaults].some((header) => header.fields.track !== undefined || header.fields.speakers !== undefined);
}

function normalizeLineEndings(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

function frontMatterDiagnostic(problem: FrontMatterProblem): NoteDiagnostic {
  switch (problem.code) {
    case 'yaml-invalid':
    case 'toml-invalid':
      return diagnostic(problem.code, [problem.detail], problem.line);
    case 'yaml-alias-limit':
      return diagnostic(problem.code, [String(FRONT_MATTER_MAX_ALIASES)], problem.line);
    case 'front-matter-too-large':
      return diagnostic(problem.code, [String(FRONT_MATTER_MAX_CHARS)], problem.line);
    case 'front-matter-not-mapping':
    case 'front-matter-unclosed':
    case 'toml-unclosed':
      return diagnostic(problem.code, [], problem.line);
  }
}

/** Day and track a session gets from its path and title when no field or heading names them. */
function derivedFields(title: string, note: NoteInput): SessionFields {
  return {
    track: titlePrefixTrack(title, note.context.options.titlePrefixTracks) ?? note.path.subfolderTrack,
    day: note.path.subfolderDay ?? note.path.fileDay,
  };
}

function readSessionFile(note: NoteInput, headings: readonly MarkdownHeading[], paragraphs: readonly MarkdownParagraph[], bodyLine: number, layoutSource: ReadingSource): ParsedNote {
  const { context, own, defaults, path, lastLine } = note;
  const body = bodyFields(paragraphs, 0, paragraphs.length, note.diagnostics);
  const h1 = headings.find((heading) => heading.level === 1 && heading.text.length > 0);
  const explicit = mergeFields(own.fields, body, defaults.fields);
  const title = explicit.title ?? h1?.text ?? fileTitle(path);
  const conference = detached(explicit.conference ?? path.folderConference ?? workspaceFolderName(context));
  const fields = mergeFields(explicit, derivedFields(title, note));
  const session = makeSession(
    {
      id: new SessionIds(context.uri).next(title),
      title,
      conference,
      uri: context.uri,
      layout: 'session-file',
      line: h1?.line ?? Math.min(bodyLine, lastLine),
      range: { start: 0, end: lastLine },
    },
    fields,
    note.texts,
  );
  const reading: NoteReading = {
    layout: 'session-file',
    layoutSource,
    conferenceSource: explicit.conference !== undefined ? fieldSource(own.fields.conference) : path.folderConference !== undefined ? 'folder' : 'none',
    leftOut: [],
  };
  return { uri: context.uri, layout: 'session-file', conference, sessions: [session], diagnostics: note.diagnostics, reading };
}

/** `front-matter` when the file's own front matter set a value, else `settings` (fileDefaults). */
function fieldSource(own: unknown): 'front-matter' | 'settings' {
  return own !== undefined ? 'front-matter' : 'settings';
}

function readReport(note: NoteInput, headings: readonly MarkdownHeading[], paragraphs: readonly MarkdownParagraph[], indexOnly: boolean, layoutSource: ReadingSource): ParsedNote {
  const { context, own, defaults, path, lastLine } = note;
  const options = context.options;
  const sessionLevel = own.sessionLevel ?? defaults.sessionLevel ?? options.sessionHeadingLevel;
  const configuredTrackLevel = own.trackLevel ?? defaults.trackLevel ?? options.trackHeadingLevel;
  // A track level at or below the session level cannot hold sessions: the file then has no track headings.
  const trackLevel = configuredTrackLevel >= 1 && configuredTrackLevel < sessionLevel ? configuredTrackLevel : 0;

  const h1 = trackLevel !== 1 && sessionLevel !== 1 ? headings.find((heading) => heading.level === 1 && heading.text.length > 0) : undefined;
  const fileFields = mergeFields(own.fields, defaults.fields);
  const h1Name = h1 && withoutReportWord(h1.text);
  const folderFirst = options.conferenceFolderDepth !== undefined;
  const conference = detached(
    fileFields.conference ??
      (folderFirst ? path.folderConference ?? h1Name : h1Name ?? path.folderConference) ??
      fileConference(path, options),
  );
  const isNonSession = (heading: MarkdownHeading): boolean =>
    heading.text.length === 0 || (options.nonSessionHeadings ?? []).some((pattern) => matchesWildcard(heading.text, pattern));
  const reading: NoteReading = {
    layout: indexOnly ? 'none' : 'report',
    layoutSource,
    sessionLevel,
    trackLevel,
    levelSource: own.sessionLevel !== undefined || own.trackLevel !== undefined ? 'front-matter' : 'settings',
    itemKind: 'heading',
    conferenceSource: fileFields.conference !== undefined ? fieldSource(own.fields.conference) : conference === h1Name ? 'heading' : path.folderConference === conference ? 'folder' : 'file-name',
    leftOut: indexOnly ? [] : headings.filter((heading) => heading.level <= sessionLevel && isNonSession(heading)).map((heading) => ({ line: heading.line, text: detached(heading.text), reason: 'non-session' as const })),
  };
  const result = {
    uri: context.uri,
    layout: 'report' as const,
    conference,
    diagnostics: note.diagnostics,
    headingLevels: { trackHeadingLevel: trackLevel, sessionHeadingLevel: sessionLevel },
    reading,
  };
  if (indexOnly) return { ...result, sessions: [] };

  const ids = new SessionIds(context.uri);
  const sessions: Session[] = [];
  let track: string | undefined;
  let open: { heading: MarkdownHeading; track?: string } | undefined;
  let paragraphIndex = 0;

  const close = (end: number): void => {
    if (!open) return;
    const { heading } = open;
    while (paragraphIndex < paragraphs.length && paragraphs[paragraphIndex].line < heading.line) paragraphIndex++;
    const first = paragraphIndex;
    while (paragraphIndex < paragraphs.length && paragraphs[paragraphIndex].line <= end) paragraphIndex++;
    const fields = mergeFields(bodyFields(paragraphs, first, paragraphIndex, note.diagnostics), { track: open.track }, fileFields, derivedFields(heading.text, note));
    sessions.push(
      makeSession({ id: ids.next(heading.text), title: heading.text, conference, uri: context.uri, layout: 'report', line: heading.line, range: { start: heading.line, end } }, fields, note.texts),
    );
    open = undefined;
  };

  for (const heading of headings) {
    if (heading.level <= sessionLevel) close(heading.line - 1);
    if (heading.level < trackLevel) track = undefined;
    const countable = !isNonSession(heading);
    if (heading.level === trackLevel) track = countable ? heading.text : undefined;
    else if (heading.level === sessionLevel && countable) open = { heading, track };
  }
  close(lastLine);
  return { ...result, sessions };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading without settings: the layout, the levels and the names inferred from the file (inference.ts), for
// notes whose front matter and settings leave them open. The folder pass (folderReadings.ts) may still change
// a weak decision, the conference or a track from what the file's siblings say.

/** What a file's path says when no folder setting tells how to read it. */
interface InferredPath {
  /** The conference the folders name (readable), undefined for a file at the root. */
  readonly folderConference?: string;
  /** A year from the file name or the conference folders. */
  readonly year?: string;
  readonly day?: string;
  readonly date?: string;
  /** A folder between the conference folder and the file that is not a day. */
  readonly track?: string;
}

/**
 * The conference folder is the nearest folder above the file that names an event (it carries a year, or sits in a
 * year folder, which joins it: `2022/10_AnsibleFest`); day folders (`Day 1`, `2023_03_15`) are skipped and give
 * the day; the first other folder below the conference folder gives the track.
 */
function inferredPath(segments: readonly string[], path: PathFacts, options: ParseOptions): InferredPath {
  if (options.conferenceFolderDepth !== undefined) {
    const year = yearOf(path.baseName) ?? (path.folderConference ? yearOf(path.folderConference) : undefined);
    return { folderConference: path.folderConference, year, day: path.subfolderDay ?? path.fileDay, track: path.subfolderTrack };
  }
  const folders = segments.slice(0, -1);
  const namesEventFolder = (index: number) =>
    (yearOf(folders[index]) !== undefined && !isYearFolder(folders[index])) || (index > 0 && isYearFolder(folders[index - 1]));
  let at = -1;
  for (let index = folders.length - 1; index >= 0 && at === -1; index--) if (!isDayFolder(folders[index]) && namesEventFolder(index)) at = index;
  for (let index = folders.length - 1; index >= 0 && at === -1; index--) if (!isDayFolder(folders[index])) at = index;
  const conferenceFolders = at > 0 && isYearFolder(folders[at - 1]) ? folders.slice(at - 1, at + 1) : at >= 0 ? [folders[at]] : [];
  const below = folders.slice(at + 1);
  const dayFolder = below.find(isDayFolder);
  const trackFolder = below.find((name) => !isDayFolder(name));
  const folderDay = dayFolder === undefined ? undefined : dayOfFolder(dayFolder);
  const isDate = folderDay !== undefined && /^\d{4}-/.test(folderDay);
  return {
    folderConference: conferenceFolders.length > 0 ? readableName(conferenceFolders) : undefined,
    year: yearOf(path.baseName) ?? yearOf(conferenceFolders.join(' ')),
    day: isDate ? path.fileDay : folderDay ?? path.fileDay,
    date: isDate ? folderDay : undefined,
    track: trackFolder === undefined ? undefined : words(trackFolder),
  };
}

/** A relative link to another note (`[x](talk.md)`, `[x](./2016/conf)`) or a DocC `<doc:Page>` link. */
const LOCAL_LINK = /(?<!!)\[[^\]]*\]\(\s*<?(?![a-z][a-z\d+.-]*:|#)([^)\s>]+)>?[^)]*\)|<doc:([^>]+)>/gi;
/** A link target with an extension other than a note's is an image or a download, not a note. */
const OTHER_FILE = /\.(?!md$|markdown$)[a-z\d]{1,5}$/i;

/** The note names (file name without extension, or the last folder) a paragraph links to. */
function localLinkTargets(content: string): string[] {
  const targets: string[] = [];
  if (!content.includes('](') && !content.includes('<doc:')) return targets;
  for (const match of content.matchAll(LOCAL_LINK)) {
    const target = (match[1] ?? match[2]).replace(/[#?].*$/, '').replace(/\/+$/, '');
    if (match[1] !== undefined && OTHER_FILE.test(target)) continue;
    const last = target.slice(target.lastIndexOf('/') + 1);
    let name = last.replace(NOTE_EXTENSION, '');
    try {
      name = decodeURIComponent(name);
    } catch {
      // a stray `%` stays as written
    }
    if (name.length > 0) targets.push(name);
  }
  return targets;
}

/** `Tutorials (3.5 hours)` → `Tutorials`, `Talks:` → `Talks`. */
function sectionName(text: string): string {
  return text.replace(/\s*[(（][^)）]*[)）]\s*$/, '').replace(/[:：]\s*$/, '').trim() || text;
}

/** The event a landing page's title names and the tracks its link lists give the notes they link to. */
function landingPageOf(headings: readonly MarkdownHeading[], paragraphs: readonly MarkdownParagraph[], year: string | undefined): LandingPage {
  const title = headings[0];
  const tracks: Record<string, string> = {};
  const linked: Record<number, string[]> = {};
  let heading = -1;
  for (const paragraph of paragraphs) {
    while (heading + 1 < headings.length && headings[heading + 1].line < paragraph.line) heading++;
    const section = heading > 0 ? headings[heading] : undefined;
    if (!section || namesEvent(section.text)) continue;
    const track = sectionName(section.text);
    if (inferHeadingIsSection(track)) continue;
    for (const target of localLinkTargets(paragraph.content)) (linked[heading] ??= []).push(target);
  }
  // A section listing one note is that note's entry (its title, links to its slides), not a track.
  for (const [at, targets] of Object.entries(linked)) {
    if (targets.length < 2) continue;
    for (const target of targets) tracks[detached(target)] = detached(sectionName(headings[Number(at)].text));
  }
  const conference = title && namesEvent(title.text) ? detached(eventName(title.text, year, true)) : undefined;
  return conference === undefined ? { tracks } : { conference, tracks };
}

/** Whether a landing page's section heading is a section word (`Other`, `Links`) rather than a track. */
function inferHeadingIsSection(text: string): boolean {
  return headingRole(text, [], matchesWildcard) !== 'candidate';
}

/** A one-session file without heading: a short first line (or a link's text) titles it. */
function firstLineTitle(paragraphs: readonly MarkdownParagraph[]): string | undefined {
  const first = paragraphs[0];
  if (!first || first.listItem || first.content.includes('\n')) return undefined;
  const text = first.content.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\*\*|__|`/g, '').trim();
  return text.length > 0 && text.length <= 120 && !/[.:;,!?]$/.test(text) ? text : undefined;
}

/** The speaker written under a one-session file's title: a name heading right below it, or a bare name paragraph. */
function speakersUnderTitle(headings: readonly MarkdownHeading[], paragraphs: readonly MarkdownParagraph[], title: MarkdownHeading | undefined): string[] | undefined {
  if (!title) return undefined;
  const index = headings.indexOf(title);
  const next = headings[index + 1];
  const nextParagraph = paragraphs.find((paragraph) => paragraph.line > title.line && !/^[@}]/.test(paragraph.content));
  // A name heading holds nothing of its own: the talk's sections follow it directly.
  const afterNext = headings[index + 2];
  const nameHeading = next && next.level > title.level && (!nextParagraph || nextParagraph.line > (afterNext?.line ?? Number.MAX_SAFE_INTEGER));
  if (nameHeading && isNameLike(next.text) && headingRole(next.text, [], matchesWildcard) === 'candidate') {
    return [next.text.split(/\s*,\s*/)[0]];
  }
  if (!nextParagraph || nextParagraph.listItem || nextParagraph.content.includes('\n') || (next && next.line < nextParagraph.line)) return undefined;
  const text = nextParagraph.content.replace(/\*\*|__/g, '').trim();
  // A bare name, not a sentence: no closing punctuation, and at least a first and a last name before any comma.
  const nameLike = !/[.!?。]$/.test(text) && /\s/.test(text.split(',')[0].trim()) && isNameLike(text);
  return nameLike ? text.split(/\s*(?:,|\band\b|&|、)\s*/).filter((name) => name.length > 0) : undefined;
}

/** Distinct notes a page must link to before it may be read as a landing page. */
const MIN_LANDING_LINKS = 2;

/** A `conference-stats` block: the chart of other notes' sessions, which a page about conferences holds, not a talk. */
const STATS_BLOCK_FENCE = /^ {0,3}(?:`{3,}|~{3,})[ \t]*conference-stats\b/m;

/**
 * Reads a note whose layout and levels no front matter or setting gives. `post`: the note is a blog post;
 * `holdsChart`: whether it holds a `conference-stats` block (asked only when it would otherwise be one talk).
 */
function readInferred(
  note: NoteInput, headings: readonly MarkdownHeading[], paragraphs: readonly MarkdownParagraph[], bodyLine: number, post: BlogPost | undefined,
  holdsChart: () => boolean,
): ParsedNote {
  const { context, path } = note;
  const where = inferredPath(context.pathSegments, path, context.options);
  const fileName = path.baseName;
  if (isBoilerplateName(fileName)) return noSessions(note, where, true, undefined);
  if (post) return readBlogPost(note, where, post, headings, paragraphs);
  // A link inside a sentence is a cross-reference in a talk's notes; an index links several notes, or lists them.
  const linkedNotes = new Set<string>();
  let listsNotes = false;
  for (const paragraph of paragraphs) {
    const targets = localLinkTargets(paragraph.content);
    for (const target of targets) linkedNotes.add(target);
    listsNotes ||= targets.length > 0 && (paragraph.listItem || /^\s*(?:\[|<doc:)/.test(paragraph.content)) && isLinkParagraph(paragraph.content);
  }
  const landingCandidate = isLandingName(fileName) || listsNotes || linkedNotes.size >= MIN_LANDING_LINKS;
  const layout = inferLayout(
    { headings, paragraphs, baseName: fileName, nonSessionPatterns: context.options.nonSessionHeadings ?? [], matches: matchesWildcard },
    landingCandidate,
  );
  if (layout.vote === 'none') {
    const landing = landingCandidate ? landingPageOf(headings, paragraphs, where.year) : undefined;
    const alternative = layout.strong || paragraphs.length === 0
      ? undefined
      : inferredSessionFile({ ...note, diagnostics: [...note.diagnostics] }, where, layout, headings, paragraphs, bodyLine, 'folder');
    return noSessions(note, where, layout.strong, landing, alternative);
  }
  if (layout.vote === 'one-session') {
    // A page of charts about conferences (a trip report's overview, not yet its sessions) is no talk of its own.
    if (holdsChart()) return noSessions(note, where, true, undefined);
    const parsed = inferredSessionFile(note, where, layout, headings, paragraphs, bodyLine, 'structure');
    return withHints(parsed, { vote: 'one-session', strong: layout.strong, fileName });
  }
  // The alternative reading keeps its own diagnostics: the fields it reads again must not be reported twice.
  const asOneSession = layout.strong
    ? undefined
    : inferredSessionFile({ ...note, diagnostics: [...note.diagnostics] }, where, layout, headings, paragraphs, bodyLine, 'folder');
  const parsed = inferredReport(note, where, layout, headings, paragraphs);
  return withHints(parsed, { vote: 'report', strong: layout.strong, fileName, asOneSession });
}

/**
 * A blog post: a conference report reads as one (its title names the conference, its talk sections are the sessions);
 * any other post holds no session. The post's tags describe the post, not its talks; its date dates every talk
 * that names no date of its own.
 */
function readBlogPost(note: NoteInput, path: InferredPath, post: BlogPost, headings: readonly MarkdownHeading[], paragraphs: readonly MarkdownParagraph[]): ParsedNote {
  // A blog's folders are the engine's and the publishing date's (`entry/2031/06/08/`), never a talk's day or track.
  const where: InferredPath = { folderConference: path.folderConference, year: path.year };
  const h1 = post.title === undefined ? headings.find((heading) => heading.level === 1) : undefined;
  const titled = h1 === undefined ? post : { ...post, title: h1.text };
  const signs = reportSigns(titled);
  const structure = {
    headings, paragraphs, baseName: note.path.baseName, nonSessionPatterns: note.context.options.nonSessionHeadings ?? [], matches: matchesWildcard, blogPost: true,
  };
  const layout = signs === 'none' ? undefined : inferBlogLayout(structure, signs === 'report');
  if (layout === undefined || layout.vote === 'none') return noSessions(note, where, true, undefined);
  const fields: SessionFields = { ...note.own.fields, tags: undefined, date: post.date ?? note.own.fields.date };
  const name = postConference(titled);
  const named = name === undefined ? undefined : { name, source: h1 === undefined ? 'front-matter' as const : 'heading' as const };
  const parsed = inferredReport({ ...note, own: { ...note.own, fields } }, where, layout, headings, paragraphs, named);
  return withHints(parsed, { vote: 'report', strong: true, fileName: note.path.baseName });
}

function withHints(parsed: ParsedNote, hints: Omit<FolderHints, 'conferenceOpen' | 'ownConference'>): ParsedNote {
  const source = parsed.reading?.conferenceSource;
  const conferenceOpen = source !== 'front-matter' && source !== 'settings';
  const ownConference = source === 'heading' || source === 'file-name' ? parsed.conference : undefined;
  const folderHints: FolderHints = { ...hints, conferenceOpen, ...(ownConference === undefined ? {} : { ownConference }) };
  return { ...parsed, folderHints };
}

/** A file that holds no session: a licence, a landing page, a pointer to notes kept elsewhere. */
function noSessions(note: NoteInput, where: InferredPath, strong: boolean, landing: LandingPage | undefined, asOneSession?: ParsedNote): ParsedNote {
  const fields = mergeFields(note.own.fields, note.defaults.fields);
  const conferenceSource: ConferenceSource = fields.conference !== undefined ? fieldSource(note.own.fields.conference) : where.folderConference !== undefined ? 'folder' : 'none';
  const conference = detached(fields.conference ?? landing?.conference ?? where.folderConference ?? readableName([note.path.baseName]));
  const reading: NoteReading = { layout: 'none', layoutSource: 'structure', conferenceSource: landing?.conference !== undefined && fields.conference === undefined ? 'landing-page' : conferenceSource, leftOut: [] };
  const parsed: ParsedNote = { uri: note.context.uri, layout: 'report', conference, sessions: [], diagnostics: note.diagnostics, reading };
  return withHints(parsed, { vote: 'none', strong, landing, fileName: note.path.baseName, asOneSession });
}

function inferredSessionFile(
  note: NoteInput, where: InferredPath, layout: InferredLayout, headings: readonly MarkdownHeading[], paragraphs: readonly MarkdownParagraph[],
  bodyLine: number, layoutSource: ReadingSource,
): ParsedNote {
  const { context, own, defaults, path, lastLine } = note;
  const explicit = mergeFields(own.fields, bodyFields(paragraphs, 0, paragraphs.length, note.diagnostics), defaults.fields);
  const heading = layout.titleHeading;
  const split = heading && explicit.speakers === undefined ? splitTitleSpeakers(heading.text) : undefined;
  const title = explicit.title ?? split?.title ?? usableTitle(heading) ?? (headings.length === 0 ? firstLineTitle(paragraphs) : undefined) ?? fileTitle(path);
  const conference = detached(explicit.conference ?? where.folderConference ?? workspaceFolderName(context));
  const speakers = split?.speakers ?? speakersUnderTitle(headings, paragraphs, heading);
  const fields = mergeFields(explicit, { speakers: speakers ? [...speakers] : undefined, day: where.day, date: where.date }, derivedFields(title, note), { track: where.track });
  const session = makeSession(
    { id: new SessionIds(context.uri).next(title), title, conference, uri: context.uri, layout: 'session-file', line: heading?.line ?? Math.min(bodyLine, lastLine), range: { start: 0, end: lastLine } },
    fields,
    note.texts,
  );
  const conferenceSource: ConferenceSource = explicit.conference !== undefined ? fieldSource(own.fields.conference) : where.folderConference !== undefined ? 'folder' : 'none';
  const reading: NoteReading = { layout: 'session-file', layoutSource, conferenceSource, leftOut: [] };
  return { uri: context.uri, layout: 'session-file', conference, sessions: [session], diagnostics: note.diagnostics, reading };
}

interface NamedConference {
  readonly name: string;
  readonly source: ConferenceSource;
}

/** The conference of an inferred report and where its name came from; `named`: what a blog post's title names. */
function reportConference(note: NoteInput, where: InferredPath, layout: InferredLayout, headings: readonly MarkdownHeading[], named: NamedConference | undefined): NamedConference {
  const fields = mergeFields(note.own.fields, note.defaults.fields);
  if (fields.conference !== undefined) return { name: fields.conference, source: fieldSource(note.own.fields.conference) };
  if (named) return named;
  const titled = layout.documentTitle && !layout.titleIsSession ? layout.documentTitle : headings.find((heading) => heading.level === 1);
  if (note.context.options.conferenceFolderDepth !== undefined && where.folderConference !== undefined) return { name: where.folderConference, source: 'folder' };
  if (titled && namesEvent(titled.text)) return { name: withoutReportWord(eventName(titled.text, where.year, false)), source: 'heading' };
  const baseName = note.path.baseName;
  if (yearOf(baseName) !== undefined && !isDayFileName(baseName) && /\p{L}{3,}/u.test(baseName.replace(/day/gi, ''))) {
    return { name: readableName([baseName]), source: 'file-name' };
  }
  if (where.folderConference !== undefined) return { name: where.folderConference, source: 'folder' };
  return { name: readableName([baseName]), source: 'file-name' };
}

function inferredReport(
  note: NoteInput, where: InferredPath, layout: InferredLayout, headings: readonly MarkdownHeading[], paragraphs: readonly MarkdownParagraph[], named?: NamedConference,
): ParsedNote {
  const { context, own, defaults, lastLine } = note;
  const fileFields = mergeFields(own.fields, defaults.fields);
  const { name, source } = reportConference(note, where, layout, headings, named);
  const conference = detached(name);
  const ids = new SessionIds(context.uri);
  const sessions: Session[] = [];
  let paragraphIndex = 0;
  let open: { line: number; text: string; track?: string; day?: string; speakers?: readonly string[] } | undefined;

  const close = (end: number): void => {
    if (!open) return;
    const start = open.line;
    while (paragraphIndex < paragraphs.length && paragraphs[paragraphIndex].line < start) paragraphIndex++;
    const first = paragraphIndex;
    while (paragraphIndex < paragraphs.length && paragraphs[paragraphIndex].line <= end) paragraphIndex++;
    const own = bodyFields(paragraphs, first, paragraphIndex, note.diagnostics);
    const split = own.speakers === undefined && fileFields.speakers === undefined ? splitTitleSpeakers(open.text) : undefined;
    const title = split?.title ?? open.text;
    const speakers = split?.speakers ?? open.speakers;
    const fields = mergeFields(
      own, { track: open.track }, fileFields,
      { speakers: speakers ? [...speakers] : undefined, day: open.day ?? where.day, date: where.date },
      derivedFields(title, note), { track: where.track },
    );
    sessions.push(makeSession({ id: ids.next(title), title, conference, uri: context.uri, layout: 'report', line: start, range: { start, end } }, fields, note.texts));
    open = undefined;
  };

  let track: string | undefined;
  let day: { text: string; level: number } | undefined;
  if (layout.itemKind === 'heading') {
    headings.forEach((heading, index) => {
      const kind = layout.kinds[index];
      if (heading.level <= layout.sessionLevel || kind === 'session') close(heading.line - 1);
      if (day && heading.level < day.level) day = undefined;
      if (heading.level < layout.trackLevel) track = undefined;
      if (heading.level === layout.trackLevel) track = kind === 'track' ? sectionName(heading.text) : undefined;
      if (kind === 'day') day = { text: dayName(heading.text), level: heading.level };
      else if (kind === 'session') open = { line: heading.line, text: heading.text, track, day: day?.text, speakers: layout.headingSpeakers.get(index) };
    });
  } else {
    let next = 0;
    for (const item of layout.items) {
      while (next < headings.length && headings[next].line < item.line) {
        if (layout.kinds[next] === 'day') day = { text: dayName(headings[next].text), level: headings[next].level };
        next++;
      }
      close(item.line - 1);
      open = { line: item.line, text: item.title, day: day?.text };
    }
  }
  close(lastLine);
  const reading: NoteReading = {
    layout: 'report',
    layoutSource: 'structure',
    sessionLevel: layout.sessionLevel,
    trackLevel: layout.trackLevel,
    levelSource: 'structure',
    itemKind: layout.itemKind,
    conferenceSource: source,
    // A heading's text is a slice of the note's: detached, or each left-out heading would keep the whole note.
    leftOut: layout.leftOut.map((heading) => ({ ...heading, text: detached(heading.text) })),
  };
  const headingLevels = { trackHeadingLevel: layout.trackLevel, sessionHeadingLevel: Math.max(layout.sessionLevel, 1) };
  return { uri: context.uri, layout: 'report', conference, sessions, diagnostics: note.diagnostics, headingLevels, reading };
}
