// The language text written into a note follows: the field keys the note already uses (`登壇者:`, `status:`), else
// the language its text is written in, else the display language. Insert Session, Insert Chart into Report and
// Set Status all ask here, so a Japanese report gets Japanese keys and placeholders whatever the UI language.
import { fieldNameOf, type FieldName } from '../notes/fields';
import { isJapanese } from './dates';

export type TemplateLanguage = 'en' | 'ja';

/** The built-in template language for a VS Code display language (`vscode.env.language`). */
export function templateLanguageFor(displayLanguage: string): TemplateLanguage {
  return isJapanese(displayLanguage) ? 'ja' : 'en';
}

/** The fields the built-in templates and Set Status write into a note body. */
export type WrittenField = Extract<FieldName, 'speakers' | 'track' | 'status' | 'slides' | 'video' | 'tags'>;
export type FieldKeys = Readonly<Record<WrittenField, string>>;

/** The keys a note without fields of its own gets, per language (the parser reads both). */
export const DEFAULT_FIELD_KEYS: Readonly<Record<TemplateLanguage, FieldKeys>> = {
  en: { speakers: 'speakers', track: 'track', status: 'status', slides: 'slides', video: 'video', tags: 'tags' },
  ja: { speakers: '登壇者', track: 'トラック', status: '状態', slides: 'スライド', video: '動画', tags: 'タグ' },
};

// Kana only occur in Japanese; ideographs count too once kana show the text is Japanese, not Chinese.
const KANA = /[\u3040-\u30ff\uff66-\uff9f]/g;
const IDEOGRAPHS = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
const LATIN_LETTERS = /[A-Za-z]/g;
// Not prose: links, code and HTML are English whatever the note is written in.
const NOT_PROSE = /```[\s\S]*?```|`[^`\n]*`|<[^>\n]*>|\]\([^)\n]*\)|\b(?:https?|ftp):\/\/\S+/g;
/** Below this many letters a note says too little to tell its language. */
const MIN_LETTERS = 8;
/**
 * A Japanese character carries about as much as a short English word, and Japanese notes name products and
 * speakers in Latin letters; so a note is Japanese when its Japanese characters are at least this share of its letters.
 */
const JAPANESE_SHARE = 0.25;

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** The language a note is mostly written in, or undefined when it has too little text to tell. */
export function noteLanguage(text: string): TemplateLanguage | undefined {
  const prose = text.replace(NOT_PROSE, ' ');
  const kana = count(prose, KANA);
  const japanese = kana + (kana > 0 ? count(prose, IDEOGRAPHS) : 0);
  const letters = japanese + count(prose, LATIN_LETTERS);
  if (letters < MIN_LETTERS) return undefined;
  return japanese >= letters * JAPANESE_SHARE ? 'ja' : 'en';
}

// A field line as the parser reads one: `key: value` (front matter or a list item, the key possibly bold, full-width
// colon too) or `key:: value`. Only keys that name a field count, so prose such as `- Note: …` is passed over.
const FIELD_KEY = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?([^:：*_[\]()`]{1,40}?)\s*(?:\*\*|__)?\s*(?:::|[:：])/;
const JAPANESE_TEXT = /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/;

/** The key each field is written with in the note (the first one found), as written: `登壇者`, `Speakers`. */
export function fieldKeysOf(text: string): ReadonlyMap<FieldName, string> {
  const keys = new Map<FieldName, string>();
  for (const line of text.split(/\r\n|\r|\n/)) {
    const match = FIELD_KEY.exec(line);
    const name = match && fieldNameOf(match[1]);
    if (name && !keys.has(name)) keys.set(name, match[1].trim());
  }
  return keys;
}

export interface WritingStyle {
  /** The language of placeholders, headings and image text. */
  readonly language: TemplateLanguage;
  /** The key to write for each field. */
  readonly keys: FieldKeys;
}

/**
 * How to write into `text`: each field with the key the note already uses for it; other fields in the language of
 * the session field keys it uses, else of its text, else `displayLanguage`. Placeholders follow the text, else the
 * keys, else the UI.
 */
export function writingStyleOf(text: string, displayLanguage: string): WritingStyle {
  const used = fieldKeysOf(text);
  // Only the keys of the fields written here vote: front matter keys such as `conference:` are English in every
  // template, Japanese ones included.
  const usedKeys = (Object.keys(DEFAULT_FIELD_KEYS.en) as WrittenField[]).flatMap((field) => used.get(field) ?? []);
  const keysLanguage: TemplateLanguage | undefined =
    usedKeys.length === 0 ? undefined : usedKeys.filter((key) => JAPANESE_TEXT.test(key)).length * 2 >= usedKeys.length ? 'ja' : 'en';
  const textLanguage = noteLanguage(text);
  const fallback = templateLanguageFor(displayLanguage);
  const defaults = DEFAULT_FIELD_KEYS[keysLanguage ?? textLanguage ?? fallback];
  const keys = Object.fromEntries(Object.entries(defaults).map(([field, key]) => [field, used.get(field as WrittenField) ?? key])) as Record<WrittenField, string>;
  return { language: textLanguage ?? keysLanguage ?? fallback, keys };
}
