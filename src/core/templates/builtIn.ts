// The built-in templates in English and Japanese: session sections, track sections, the report skeleton, the
// session file and the field lines.

import { DEFAULT_PARSE_OPTIONS, SESSION_STATUSES, type ParseOptions } from '../notes/model';
import { DEFAULT_FIELD_KEYS, type FieldKeys, type TemplateLanguage, type WrittenField } from './noteLanguage';
import { renderTemplate, type TemplateValues } from './render';
import { escapeSnippetText } from './snippetSyntax';

export const SESSION_KINDS = ['session', 'keynote', 'lightning-talk'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** Statuses offered in templates; `cancelled` is only ever set by schedule re-import. */
export const TEMPLATE_STATUSES = SESSION_STATUSES.filter((status) => status !== 'cancelled');

export type HeadingLevels = Pick<ParseOptions, 'trackHeadingLevel' | 'sessionHeadingLevel'>;

/** Text of the built-in templates. Statuses stay English (a choice of the parser's values); keys are per language. */
const BUILTIN_TEXT = {
  en: {
    sessionTitle: 'Session title',
    speaker: 'Speaker',
    notes: 'Notes',
    track: 'Track',
    conferenceName: 'Conference name',
    reportHeading: (conference: string) => conference,
    overview: 'Overview',
    overviewText: 'When and where it took place, and what stood out.',
    summary: 'Summary',
    summaryText: 'Takeaways.',
    fieldPlaceholders: { speakers: 'Speaker', track: 'Track', slides: 'https://', video: 'https://', tags: 'tag' },
  },
  ja: {
    sessionTitle: 'セッションタイトル',
    speaker: '登壇者名',
    notes: 'メモ',
    track: 'トラック',
    conferenceName: 'カンファレンス名',
    reportHeading: (conference: string) => `${conference} レポート`,
    overview: '概要',
    overviewText: '開催日程や形式、全体の印象など。',
    summary: 'まとめ',
    summaryText: '感想や次回に向けて。',
    fieldPlaceholders: { speakers: '登壇者名', track: 'トラック', slides: 'https://', video: 'https://', tags: 'タグ' },
  },
} as const;

/** The report skeleton's own words, which a composed report (report/compose.ts) is written with too. */
export function reportWords(language: TemplateLanguage): Pick<(typeof BUILTIN_TEXT)[TemplateLanguage], 'reportHeading' | 'overview' | 'summary' | 'summaryText'> {
  const { reportHeading, overview, summary, summaryText } = BUILTIN_TEXT[language];
  return { reportHeading, overview, summary, summaryText };
}

/** Title prefixes of the session kinds; they match `DEFAULT_PARSE_OPTIONS.titlePrefixTracks`, which names the track. */
const KIND_TITLE_PREFIX: Record<SessionKind, string> = {
  session: '',
  keynote: 'Keynote: ',
  'lightning-talk': 'Lightning Talk: ',
};

const STATUS_CHOICE = `|${TEMPLATE_STATUSES.join(',')}|`;

/** A session section as a template (tabstops numbered from `firstTabstop`). */
function sessionSectionTemplate(level: number, kind: SessionKind, language: TemplateLanguage, firstTabstop: number, keys: FieldKeys = DEFAULT_FIELD_KEYS[language]): string {
  const text = BUILTIN_TEXT[language];
  return [
    `${'#'.repeat(level)} ${escapeSnippetText(KIND_TITLE_PREFIX[kind])}\${title:${text.sessionTitle}}`,
    '',
    `- ${escapeSnippetText(keys.speakers)}: \${speakers:${text.speaker}}`,
    `- ${escapeSnippetText(keys.status)}: \${${firstTabstop}${STATUS_CHOICE}}`,
    '',
    `\${${firstTabstop + 1}:${text.notes}}`,
  ].join('\n');
}

function trackHeadingTemplate(level: number, language: TemplateLanguage): string {
  return `${'#'.repeat(level)} \${track:${BUILTIN_TEXT[language].track}}`;
}

function renderBuiltinSnippet(template: string, values: TemplateValues): string {
  return renderTemplate(template, values, { mode: 'snippet' }).text;
}

/**
 * Snippet text of one session section at heading `level`: title, speakers, status (a choice) and notes as
 * tabstops, in that order; values given (e.g. `speakers`) are filled in instead. The field lines are written with
 * `keys` (default: the language's). No trailing newline.
 */
export function sessionSnippet(level: number, kind: SessionKind, language: TemplateLanguage, values: TemplateValues = {}, keys?: FieldKeys): string {
  return renderBuiltinSnippet(sessionSectionTemplate(level, kind, language, 1, keys), values);
}

/**
 * Snippet text of a new track section holding one session: the track heading (the `track` value, or a tabstop
 * when not given) followed by {@link sessionSnippet}'s section. No trailing newline.
 */
export function trackSectionSnippet(levels: HeadingLevels, kind: SessionKind, language: TemplateLanguage, values: TemplateValues = {}, keys?: FieldKeys): string {
  const template = `${trackHeadingTemplate(levels.trackHeadingLevel, language)}\n\n${sessionSectionTemplate(levels.sessionHeadingLevel, kind, language, 1, keys)}`;
  return renderBuiltinSnippet(template, values);
}

/**
 * Template of a new conference report (render with `conference`, `dates`): front matter, `# name`, an
 * overview, a first track with one session, a summary — 概要 / まとめ in Japanese. Heading levels other than the
 * defaults are recorded in the front matter (`track-level`, `session-level`) so the file reads the same anywhere.
 */
export function reportTemplate(language: TemplateLanguage, levels: HeadingLevels = DEFAULT_PARSE_OPTIONS): string {
  const text = BUILTIN_TEXT[language];
  const { trackHeadingLevel, sessionHeadingLevel } = levels;
  const frontMatter = ['---', `conference: \${conference:${text.conferenceName}}`, 'dates: ${dates}'];
  if (trackHeadingLevel !== DEFAULT_PARSE_OPTIONS.trackHeadingLevel) frontMatter.push(`track-level: ${trackHeadingLevel}`);
  if (sessionHeadingLevel !== DEFAULT_PARSE_OPTIONS.sessionHeadingLevel) frontMatter.push(`session-level: ${sessionHeadingLevel}`);
  frontMatter.push('---');
  const trackHeading = '#'.repeat(trackHeadingLevel);
  return [
    ...frontMatter,
    '',
    // With tracks at level 1 a `# name` heading would read as a track; the front matter names the conference.
    ...(trackHeadingLevel > 1 ? [`# ${text.reportHeading(`\${conference:${text.conferenceName}}`)}`, ''] : []),
    `${trackHeading} ${text.overview}`,
    '',
    `\${1:${text.overviewText}}`,
    '',
    trackHeadingTemplate(trackHeadingLevel, language),
    '',
    sessionSectionTemplate(sessionHeadingLevel, 'session', language, 2),
    '',
    `${trackHeading} ${text.summary}`,
    '',
    `\${4:${text.summaryText}}`,
    '',
  ].join('\n');
}

/**
 * Template of a new session note in the session-file layout (render with `title`, `conference`, `track`,
 * `speakers`, `date`): front matter with `type: session`, an H1 title, notes.
 */
export function sessionFileTemplate(language: TemplateLanguage): string {
  const text = BUILTIN_TEXT[language];
  return [
    '---',
    'type: session',
    `title: \${title:${text.sessionTitle}}`,
    'conference: ${conference}',
    'track: ${track}',
    'speakers: ${speakers}',
    'date: ${date}',
    `status: \${1${STATUS_CHOICE}}`,
    '---',
    '',
    `# \${title:${text.sessionTitle}}`,
    '',
    `\${2:${text.notes}}`,
    '',
  ].join('\n');
}

export type FieldLine = WrittenField;
export const FIELD_LINES: readonly FieldLine[] = ['speakers', 'track', 'status', 'slides', 'video', 'tags'];

/** Snippet text of one field line such as `- speakers: ${1:Speaker}`; `status` offers the statuses as a choice. */
export function fieldLineSnippet(field: FieldLine, language: TemplateLanguage): string {
  const value = field === 'status' ? `\${1${STATUS_CHOICE}}` : `\${1:${BUILTIN_TEXT[language].fieldPlaceholders[field]}}`;
  return `- ${DEFAULT_FIELD_KEYS[language][field]}: ${value}`;
}
