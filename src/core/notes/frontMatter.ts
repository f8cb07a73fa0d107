// Front matter: split off the top of a note and parse it safely. YAML between `---` lines (every blog engine but
// Hugo's default) or TOML between `+++` lines (Hugo). YAML: Values are read as text (the YAML
// failsafe schema: strings, lists and maps only), so `date: 2020-11-17` or `version: 1.10` stay as written and
// no tag can construct an object or run code. Aliases are capped so a "billion laughs" block cannot expand, and
// an oversized block is not parsed at all. Any problem leaves the front matter empty and the body intact.
// Most front matter is a few flat `key: value` lines; those are read directly, because the YAML parser costs
// more than the whole markdown pass of a typical note. TOML is read by smol-toml (pure JavaScript, no Node built-in,
// so the web worker reads it too), and its values are turned into the same text values: an unquoted TOML date
// (`date = 2031-03-07T10:00:00+09:00`) stays as written, `draft = true` becomes `true`.
// @ts-expect-error TS1479: smol-toml's types are ES-module only; the bundle and the test runner load its CommonJS build (its `require` export), so the import is sound.
import { parse as parseToml, TomlDate, TomlError } from 'smol-toml';
import { LineCounter, parseDocument, isMap, isScalar, stringify } from 'yaml';

/** Front matter longer than this is ignored: real front matter is a few hundred characters. */
export const FRONT_MATTER_MAX_CHARS = 64 * 1024;
/** More aliases than this in one front matter is an expansion attack, not a note. */
export const FRONT_MATTER_MAX_ALIASES = 50;

export type FrontMatterProblem =
  | { readonly code: 'yaml-invalid'; readonly line: number; readonly detail: string }
  | { readonly code: 'toml-invalid'; readonly line: number; readonly detail: string }
  | { readonly code: 'toml-unclosed'; readonly line: number }
  | { readonly code: 'yaml-alias-limit'; readonly line: number }
  | { readonly code: 'front-matter-too-large'; readonly line: number }
  | { readonly code: 'front-matter-not-mapping'; readonly line: number }
  | { readonly code: 'front-matter-unclosed'; readonly line: number };

export interface FrontMatter {
  /** Top-level keys as written; values are strings, lists and maps of them. Empty without (valid) front matter. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Zero-based document line of each top-level key. */
  readonly keyLines: Readonly<Record<string, number>>;
  /** Offset in the text where the markdown body starts. */
  readonly bodyOffset: number;
  /** Zero-based document line where the markdown body starts. */
  readonly bodyLine: number;
  readonly problem?: FrontMatterProblem;
}

const OPENING = /^---[ \t]*\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/gm;
const TOML_OPENING = /^\+\+\+[ \t]*\n/;
const TOML_CLOSING = /^\+\+\+[ \t]*$/gm;
const EMPTY: Pick<FrontMatter, 'data' | 'keyLines'> = Object.freeze({ data: Object.freeze({}), keyLines: Object.freeze({}) });

interface FrontMatterBlock {
  readonly source: string;
  readonly body: Pick<FrontMatter, 'bodyOffset' | 'bodyLine'>;
}

/** The text between the opening line and the closing line, or the front matter to return when there is none to parse. */
function splitBlock(text: string, opening: RegExp, closing: RegExp, unclosed: 'front-matter-unclosed' | 'toml-unclosed'): FrontMatterBlock | FrontMatter {
  const open = opening.exec(text);
  if (!open) return { ...EMPTY, bodyOffset: 0, bodyLine: 0 };
  closing.lastIndex = open[0].length;
  const close = closing.exec(text);
  if (!close) return { ...EMPTY, bodyOffset: 0, bodyLine: 0, problem: { code: unclosed, line: 0 } };
  const source = text.slice(open[0].length, close.index);
  const afterClosing = close.index + close[0].length;
  const bodyOffset = text.charAt(afterClosing) === '\n' ? afterClosing + 1 : afterClosing;
  const body = { bodyOffset, bodyLine: 2 + countLines(source) };
  if (source.length > FRONT_MATTER_MAX_CHARS) return { ...EMPTY, ...body, problem: { code: 'front-matter-too-large', line: 0 } };
  return { source, body };
}

/**
 * Splits and parses the front matter of `text`, which must already have LF line endings and no BOM.
 * Front matter is a `---` line at the very start, closed by a `---` or `...` line, or a `+++` line closed by
 * another (TOML).
 */
export function readFrontMatter(text: string): FrontMatter {
  // Most reports have no front matter: one character tells.
  const first = text.charCodeAt(0);
  if (first === 0x2b) return readTomlFrontMatter(text);
  if (first !== 0x2d) return { ...EMPTY, bodyOffset: 0, bodyLine: 0 };
  const block = splitBlock(text, OPENING, CLOSING, 'front-matter-unclosed');
  if (!('source' in block)) return block;
  const { source: yamlSource, body } = block;
  const { bodyOffset } = body;

  const simple = readFlatYaml(yamlSource);
  if (simple) return { data: simple.data, keyLines: simple.keyLines, bodyOffset, bodyLine: body.bodyLine };

  const lineCounter = new LineCounter();
  const document = parseDocument(yamlSource, { schema: 'failsafe', lineCounter, prettyErrors: true });
  const firstError = document.errors[0];
  if (firstError) {
    const yamlLine = firstError.linePos?.[0].line ?? 1;
    return { ...EMPTY, ...body, problem: { code: 'yaml-invalid', line: yamlLine, detail: errorSummary(firstError.message) } };
  }
  if (document.contents === null) return { ...EMPTY, ...body };
  if (!isMap(document.contents)) return { ...EMPTY, ...body, problem: { code: 'front-matter-not-mapping', line: 1 } };

  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: FRONT_MATTER_MAX_ALIASES });
  } catch (error) {
    if (error instanceof ReferenceError) return { ...EMPTY, ...body, problem: { code: 'yaml-alias-limit', line: 1 } };
    throw error;
  }
  const keyLines: Record<string, number> = {};
  for (const pair of document.contents.items) {
    if (isScalar(pair.key) && pair.key.range) keyLines[String(pair.key.value)] = lineCounter.linePos(pair.key.range[0]).line;
  }
  return { data: data as Record<string, unknown>, keyLines, ...body };
}

function readTomlFrontMatter(text: string): FrontMatter {
  const block = splitBlock(text, TOML_OPENING, TOML_CLOSING, 'toml-unclosed');
  if (!('source' in block)) return block;
  const { source: tomlSource, body } = block;
  let table: Record<string, unknown>;
  try {
    table = parseToml(tomlSource);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    return { ...EMPTY, ...body, problem: { code: 'toml-invalid', line: error.line, detail: error.message.split('\n', 1)[0] } };
  }
  const data: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(table)) data[key] = tomlText(table[key]);
  return { data, keyLines: tomlKeyLines(tomlSource), ...body };
}

/** TOML values as the text values YAML front matter gives: dates as written, numbers and booleans as text. */
function tomlText(value: unknown): unknown {
  if (value instanceof TomlDate) return value.toISOString().replace(/\.000(?=Z|[+-]|$)/, '');
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.map(tomlText);
  if (typeof value === 'object' && value !== null) {
    const table: Record<string, unknown> = Object.create(null);
    for (const [key, item] of Object.entries(value)) table[key] = tomlText(item);
    return table;
  }
  return value;
}

const TOML_KEY = /^[ \t]*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))[ \t]*=/;

/** Zero-based document line of each top-level TOML key: the lines before the first `[table]` header. */
function tomlKeyLines(source: string): Record<string, number> {
  const keyLines: Record<string, number> = Object.create(null);
  const lines = source.split('\n');
  for (let index = 0; index < lines.length; index++) {
    if (/^[ \t]*\[/.test(lines[index])) break;
    const key = TOML_KEY.exec(lines[index]);
    const name = key && (key[1] ?? key[2] ?? key[3]);
    if (name !== null && name !== undefined && !(name in keyLines)) keyLines[name] = index + 1; // the TOML starts on document line 1
  }
  return keyLines;
}

// The flat subset read without the YAML parser: `key: plain value`, `key: [a, b]`, `key:` followed by `  - item`
// lines, blank lines and `#` comment lines. A plain value must not start with a YAML indicator nor contain
// `: ` or ` #`; anything else (quotes, nesting, anchors, block scalars, duplicate keys…) goes to the parser.
const BLANK_OR_COMMENT = /^[ \t]*(?:#.*)?$/;
// No two parts of these patterns can match the same characters, so they never backtrack on long lines.
const FLAT_PAIR = /^([^\s\-?:,[\]{}#&*!|>'"%@`][^:#]*):(?:[ \t](.*))?$/;
const BLOCK_ITEM = /^[ \t]+-[ \t](.*)$/;
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;

function plainValue(text: string): string | undefined {
  if (INDICATOR_START.test(text) || text.includes(': ') || text.includes(' #') || text.endsWith(':')) return undefined;
  return text;
}

function flowList(text: string): string[] | undefined {
  const inner = text.slice(1, -1).trim();
  if (inner.length === 0) return [];
  const items: string[] = [];
  for (const item of inner.split(',')) {
    const value = plainValue(item.trim());
    if (value === undefined || value.length === 0 || /[[\]{}]/.test(value)) return undefined;
    items.push(value);
  }
  return items;
}

/** Only an empty line or one starting with a blank or `#` can be blank or a comment. */
function mayBeBlankOrComment(line: string): boolean {
  const first = line.charCodeAt(0);
  return line.length === 0 || first === 0x20 || first === 0x09 || first === 0x23;
}

function readFlatYaml(source: string): Pick<FrontMatter, 'data' | 'keyLines'> | undefined {
  // No prototype: a `__proto__` key is just a key.
  const data: Record<string, unknown> = Object.create(null);
  const keyLines: Record<string, number> = Object.create(null);
  let listKey: string | undefined;
  let index = -1;
  for (let start = 0, end = 0; end !== source.length; start = end + 1) {
    const newline = source.indexOf('\n', start);
    end = newline === -1 ? source.length : newline;
    index++;
    const line = source.slice(start, end);
    if (mayBeBlankOrComment(line) && BLANK_OR_COMMENT.test(line)) continue;
    const item = listKey === undefined ? null : BLOCK_ITEM.exec(line);
    if (item && listKey !== undefined) {
      const value = plainValue(item[1].trim());
      if (value === undefined) return undefined;
      const list = data[listKey];
      data[listKey] = Array.isArray(list) ? [...list, value] : [value];
      continue;
    }
    const pair = FLAT_PAIR.exec(line);
    const key = pair?.[1].trimEnd();
    if (!pair || key === undefined || key in data) return undefined;
    const raw = (pair[2] ?? '').trim();
    const value = raw.startsWith('[') && raw.endsWith(']') ? flowList(raw) : plainValue(raw);
    if (value === undefined) return undefined;
    data[key] = value;
    keyLines[key] = index + 1; // the YAML starts on document line 1
    listKey = raw === '' ? key : undefined;
  }
  return { data, keyLines };
}

/** `yaml` ends its messages with the position and a code excerpt; the diagnostic carries the line itself. */
function errorSummary(message: string): string {
  return message.split('\n', 1)[0].replace(/ at line \d+, column \d+:?$/, '');
}

function countLines(text: string): number {
  let lines = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines++;
  return lines;
}

/**
 * A string as a front-matter value, quoted only when needed, so any title is safe. YAML 1.1 quoting, so values such
 * as `yes` or `10:30` stay strings for tools that still read YAML 1.1 too. Used by templates and schedule import.
 */
export function yamlScalar(value: string): string {
  return stringify(value, { version: '1.1', lineWidth: 0 }).trimEnd();
}
