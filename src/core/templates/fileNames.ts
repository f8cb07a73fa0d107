// File names for new notes: readable (Unicode titles stay readable), safe on every file system, and free.


const WINDOWS_RESERVED_NAME = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Characters invalid in file names on Windows (`\ / : * ? " < > |`), plus `#` and `%`, which break links to the file. */
const FILE_NAME_UNSAFE = /[\\/:*?"<>|#%]/g;
/** Control characters and the bidirectional controls that can make a name display differently from what it is. */
const FILE_NAME_INVISIBLE = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/**
 * A readable file name stem (no extension) for a title, valid on Windows, macOS and Linux: Unicode letters,
 * emoji and letter case are kept (as in schedule-imported file names), whitespace runs become `-`, unsafe and control characters are dropped, ends are trimmed of
 * dots, spaces and dashes, Windows reserved names are avoided, and the UTF-8 length is capped (`maxBytes`,
 * default 100) on a character boundary. Never empty: falls back to `fallback` (default `untitled`).
 */
export function slugifyFileName(title: string, options: { maxBytes?: number; fallback?: string } = {}): string {
  const { maxBytes = 100, fallback = 'untitled' } = options;
  const slug = trimFileNameEnds(
    title
      .normalize('NFC')
      .replace(FILE_NAME_INVISIBLE, ' ')
      .replace(FILE_NAME_UNSAFE, ' ')
      .replace(/\s+/gu, '-')
      .replace(/-{2,}/g, '-'),
  );
  const capped = trimFileNameEnds(truncateUtf8(slug, maxBytes));
  if (!capped) return fallback;
  return WINDOWS_RESERVED_NAME.test(capped.split('.')[0]) ? `_${capped}` : capped;
}

function trimFileNameEnds(name: string): string {
  return name.replace(/^[\s.-]+|[\s.-]+$/gu, '');
}

/** Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a character; prefers a `-` near the end. */
function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  let result = '';
  let bytes = 0;
  for (const character of graphemes(text)) {
    bytes += utf8Length(character);
    if (bytes > maxBytes) break;
    result += character;
  }
  const wordBreak = result.lastIndexOf('-');
  return wordBreak >= result.length / 2 ? result.slice(0, wordBreak) : result;
}

function graphemes(text: string): Iterable<string> {
  if (typeof Intl.Segmenter === 'function') {
    return Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (part) => part.segment);
  }
  return Array.from(text);
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (const character of text) {
    const code = character.codePointAt(0) as number;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/**
 * `fileName` if `exists` says it is free, else the first free `stem-2.ext`, `stem-3.ext`… Terminates for any
 * finite set of existing names.
 */
export function freeFileName(fileName: string, exists: (name: string) => boolean): string {
  if (!exists(fileName)) return fileName;
  const dot = fileName.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot)] : [fileName, ''];
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}${extension}`;
    if (!exists(candidate)) return candidate;
  }
}
