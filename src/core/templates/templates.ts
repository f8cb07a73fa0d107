// Note templates: a small template language (VS Code snippet syntax plus our own variables), the built-in
// session/report/session-file templates in English and Japanese, file naming for new notes, and where an
// inserted session goes in a report. Pure: no vscode, no Node built-ins, no clock — the adapter passes the date in.
//
// Nothing in a template is ever evaluated: variables are looked up in a fixed table of values, anything else
// (VS Code's own variables, transforms, unknown names) is left visible exactly as written and reported.

import { readFrontMatter, yamlScalar } from '../notes/frontMatter';
import { collapseWhitespace, markdown, readMarkdownStructure, type MarkdownHeading } from '../notes/markdown';
import { coreMessage, type CoreMessage } from '../messages';
import { DEFAULT_PARSE_OPTIONS, SESSION_STATUSES, type LineRange, type ParseOptions } from '../notes/model';

// ---------------------------------------------------------------------------------------------------------
// Messages

/** English message templates (`{0}`, `{1}` placeholders) for everything this module reports; adapters localise. */
export const TEMPLATE_MESSAGES = {
  'unknown-variable': 'Unknown template variable "{0}" was left as written.',
  'unsupported-transform': 'Transforms on template variables are not supported: "{0}" was left as written.',
  'invalid-placeholder': '"${" at offset {0} starts no valid placeholder or variable (unclosed?) and is kept as plain text.',
  'nesting-too-deep': 'Placeholders nested more than {0} levels deep are kept as plain text (offset {1}).',
  'unmatched-brace': 'Unescaped "}" at offset {0}; write "\\}" for a literal brace.',
  'tabstop-gap': 'Tabstop ${0} is used but ${1} is missing: tabstops should be numbered 1, 2, 3…',
  'conflicting-placeholder': 'Tabstop ${0} has different placeholder texts: "{1}" and "{2}".',
} as const;

export type TemplateMessageCode = keyof typeof TEMPLATE_MESSAGES;

export type TemplateMessage = CoreMessage<TemplateMessageCode>;

function templateMessage(code: TemplateMessageCode, ...args: string[]): TemplateMessage {
  return coreMessage(TEMPLATE_MESSAGES, code, args);
}

// ---------------------------------------------------------------------------------------------------------
// Snippet syntax parser (the grammar of VS Code snippets, https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar)

interface NodeSpan {
  /** Offsets into the parsed source, end exclusive. */
  readonly start: number;
  readonly end: number;
}
export interface TextNode extends NodeSpan {
  readonly kind: 'text';
  /** Unescaped text. */
  readonly value: string;
}
export interface TabstopNode extends NodeSpan {
  readonly kind: 'tabstop';
  readonly index: number;
  /** `/regex/format/options`, as written, for a `${1/…/…/}` mirror. */
  readonly transform?: string;
}
export interface PlaceholderNode extends NodeSpan {
  readonly kind: 'placeholder';
  readonly index: number;
  readonly children: readonly SnippetNode[];
}
export interface ChoiceNode extends NodeSpan {
  readonly kind: 'choice';
  readonly index: number;
  readonly options: readonly string[];
}
export interface VariableNode extends NodeSpan {
  readonly kind: 'variable';
  readonly name: string;
  /** The `${name:default}` part; for `${date:FORMAT}` it holds the format. */
  readonly children?: readonly SnippetNode[];
  readonly transform?: string;
}
export type SnippetNode = TextNode | TabstopNode | PlaceholderNode | ChoiceNode | VariableNode;

export interface SnippetParse {
  readonly nodes: readonly SnippetNode[];
  /** Syntax problems; the parse still succeeds, treating malformed constructs as plain text like VS Code does. */
  readonly problems: readonly TemplateMessage[];
}

/** Parses snippet syntax into nodes. Never throws: malformed `${…` is kept as text and reported. */
export function parseSnippet(source: string): SnippetParse {
  const parser = new SnippetParser(source);
  const nodes = parser.parseSequence(false);
  return { nodes, problems: parser.problems };
}

interface ConstructResult {
  /** Undefined when the `$` starts no valid construct (it is then plain text). */
  readonly node?: SnippetNode;
  readonly end: number;
  readonly problems: readonly TemplateMessage[];
}

/** Deeper nesting is kept as text: no real snippet comes close, and recursion must stay within the stack. */
const MAX_PLACEHOLDER_NESTING = 100;

class SnippetParser {
  problems: TemplateMessage[] = [];
  private pos = 0;
  private depth = 0;
  // Results of parsing a `$…` construct at an offset, problems included. A construct's parse does not depend on
  // its context (beyond the nesting cap), and without this memo a run of unclosed `${1:${1:${1:…` would be
  // re-parsed exponentially often after each failure.
  private readonly constructs = new Map<number, ConstructResult>();

  constructor(private readonly src: string) {}

  /** Parses until the end of the input or, when `inBraces`, until an unescaped `}` (left unconsumed). */
  parseSequence(inBraces: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    let textStart = this.pos;
    const flushText = () => {
      if (text) nodes.push({ kind: 'text', value: text, start: textStart, end: this.pos });
      text = '';
    };
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\' && isSnippetEscapable(this.src[this.pos + 1])) {
        text += this.src[this.pos + 1];
        this.pos += 2;
      } else if (ch === '$') {
        const construct = this.parseConstruct();
        if (construct) {
          flushText();
          nodes.push(construct);
          textStart = this.pos;
        } else {
          text += ch;
          this.pos += 1;
        }
      } else if (ch === '}') {
        if (inBraces) break;
        this.problems.push(templateMessage('unmatched-brace', String(this.pos)));
        text += ch;
        this.pos += 1;
      } else {
        text += ch;
        this.pos += 1;
      }
    }
    flushText();
    return nodes;
  }

  /** At a `$`: parses a tabstop, placeholder, choice or variable, or returns undefined (position unchanged). */
  private parseConstruct(): SnippetNode | undefined {
    const start = this.pos;
    let result = this.constructs.get(start);
    if (!result) {
      result = this.src[start + 1] === '{' && this.depth >= MAX_PLACEHOLDER_NESTING
        ? { end: start, problems: [templateMessage('nesting-too-deep', String(MAX_PLACEHOLDER_NESTING), String(start))] }
        : this.tryConstruct();
      this.constructs.set(start, result);
    }
    this.problems.push(...result.problems);
    if (!result.node) {
      this.pos = start;
      return undefined;
    }
    this.pos = result.end;
    return result.node;
  }

  private tryConstruct(): ConstructResult {
    const start = this.pos;
    const outerProblems = this.problems;
    this.problems = [];
    const node = this.readConstruct();
    const problems = this.problems;
    this.problems = outerProblems;
    if (node) return { node, end: this.pos, problems };
    return { end: start, problems: this.src[start + 1] === '{' ? [templateMessage('invalid-placeholder', String(start))] : [] };
  }

  private readConstruct(): SnippetNode | undefined {
    const start = this.pos;
    this.pos += 1; // `$`
    if (this.src[this.pos] !== '{') {
      const index = this.readInt();
      if (index !== undefined) return { kind: 'tabstop', index, start, end: this.pos };
      const name = this.readName();
      if (name !== undefined) return { kind: 'variable', name, start, end: this.pos };
      return undefined;
    }
    this.pos += 1; // `{`
    const index = this.readInt();
    const name = index === undefined ? this.readName() : undefined;
    if (index === undefined && name === undefined) return undefined;
    const next = this.src[this.pos];
    if (next === '}') {
      this.pos += 1;
      return index !== undefined
        ? { kind: 'tabstop', index, start, end: this.pos }
        : { kind: 'variable', name: name as string, start, end: this.pos };
    }
    if (next === ':') {
      this.pos += 1;
      this.depth += 1;
      const children = this.parseSequence(true);
      this.depth -= 1;
      if (this.src[this.pos] !== '}') return undefined;
      this.pos += 1;
      return index !== undefined
        ? { kind: 'placeholder', index, children, start, end: this.pos }
        : { kind: 'variable', name: name as string, children, start, end: this.pos };
    }
    if (next === '|' && index !== undefined) {
      const options = this.readChoiceOptions();
      if (!options) return undefined;
      return { kind: 'choice', index, options, start, end: this.pos };
    }
    if (next === '/') {
      const transform = this.readTransform();
      if (transform === undefined) return undefined;
      return index !== undefined
        ? { kind: 'tabstop', index, transform, start, end: this.pos }
        : { kind: 'variable', name: name as string, transform, start, end: this.pos };
    }
    return undefined;
  }

  private readInt(): number | undefined {
    const match = /^\d+/.exec(this.src.slice(this.pos, this.pos + 12));
    if (!match) return undefined;
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private readName(): string | undefined {
    const match = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(this.src.slice(this.pos, this.pos + 256));
    if (!match || match[0].length === 256) return undefined;
    this.pos += match[0].length;
    return match[0];
  }

  /** At `|` after `${N`: reads `a,b,c|}`; `\,`, `\|` and `\\` are escapes inside choices. */
  private readChoiceOptions(): string[] | undefined {
    this.pos += 1; // `|`
    const options: string[] = [];
    let current = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\' && isChoiceEscapable(this.src[this.pos + 1])) {
        current += this.src[this.pos + 1];
        this.pos += 2;
      } else if (ch === ',') {
        options.push(current);
        current = '';
        this.pos += 1;
      } else if (ch === '|') {
        if (this.src[this.pos + 1] !== '}') return undefined;
        options.push(current);
        this.pos += 2;
        return options;
      } else {
        current += ch;
        this.pos += 1;
      }
    }
    return undefined;
  }

  /** At `/` after `${N` or `${name`: reads `/regex/format/options}` and returns it without the brace. */
  private readTransform(): string | undefined {
    const start = this.pos;
    this.pos += 1; // `/`
    for (let part = 0; part < 2; part++) {
      let depth = 0;
      while (this.pos < this.src.length && !(this.src[this.pos] === '/' && depth === 0)) {
        const ch = this.src[this.pos];
        if (ch === '\\') this.pos += 1;
        else if (ch === '$' && this.src[this.pos + 1] === '{') depth += 1;
        else if (ch === '}' && depth > 0) depth -= 1;
        this.pos += 1;
      }
      if (this.pos >= this.src.length) return undefined;
      this.pos += 1; // `/`
    }
    const options = /^[a-z]*/.exec(this.src.slice(this.pos))?.[0] ?? '';
    this.pos += options.length;
    if (this.src[this.pos] !== '}') return undefined;
    const transform = this.src.slice(start, this.pos);
    this.pos += 1;
    return transform;
  }
}

function isSnippetEscapable(ch: string | undefined): boolean {
  return ch === '$' || ch === '}' || ch === '\\';
}
function isChoiceEscapable(ch: string | undefined): boolean {
  return ch === ',' || ch === '|' || ch === '\\';
}

/** Escapes plain text so that VS Code inserts it literally from a snippet. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, (ch) => `\\${ch}`);
}

function escapeChoiceOption(option: string): string {
  return option.replace(/[\\,|]/g, (ch) => `\\${ch}`);
}

/**
 * Problems that make a snippet unfit to ship: syntax errors, gaps in tabstop numbering, one tabstop with two
 * different placeholder texts. Empty for a well-formed snippet.
 */
export function snippetProblems(source: string): TemplateMessage[] {
  const { nodes, problems } = parseSnippet(source);
  const found = [...problems];
  const placeholderTexts = new Map<number, string>();
  const indices = new Set<number>();
  walkNodes(nodes, (node) => {
    if (node.kind !== 'tabstop' && node.kind !== 'placeholder' && node.kind !== 'choice') return;
    indices.add(node.index);
    if (node.kind !== 'placeholder') return;
    const text = source.slice(node.children[0]?.start ?? node.end, node.children.at(-1)?.end ?? node.end);
    const earlier = placeholderTexts.get(node.index);
    if (earlier === undefined) placeholderTexts.set(node.index, text);
    else if (earlier !== text) found.push(templateMessage('conflicting-placeholder', String(node.index), earlier, text));
  });
  const highest = Math.max(0, ...indices);
  for (let index = 1; index < highest; index++) {
    if (!indices.has(index)) found.push(templateMessage('tabstop-gap', String(highest), String(index)));
  }
  return found;
}

/** Visits every node depth-first in document order (placeholder and variable contents included). */
export function walkNodes(nodes: readonly SnippetNode[], visit: (node: SnippetNode) => void): void {
  for (const node of nodes) {
    visit(node);
    if (node.kind === 'placeholder' || (node.kind === 'variable' && node.children)) walkNodes(node.children ?? [], visit);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Template rendering

/** The values a template may refer to. Empty or whitespace-only values count as not given. */
export interface TemplateValues {
  readonly title?: string;
  readonly track?: string;
  readonly conference?: string;
  /** A list is joined with `, `. */
  readonly speakers?: string | readonly string[];
  /** A `Date` (read in the local time zone) or a date as written; `YYYY-MM-DD[THH:mm]` strings can be formatted. */
  readonly date?: Date | string;
  /** Free text for a conference's dates, e.g. `2020-11-17 – 2020-11-20`. */
  readonly dates?: string;
  readonly day?: string;
  readonly time?: string;
  readonly room?: string;
  /** A list is joined with `, `. */
  readonly tags?: string | readonly string[];
  /** BCP 47 tag such as `en` or `ja`; also picks the language of `ddd`/`MMM` date names. */
  readonly language?: string;
}

/** The variables templates may use; every other `${name}` is unknown. */
export const TEMPLATE_VARIABLES = [
  'title', 'track', 'conference', 'speakers', 'date', 'dates', 'day', 'time', 'room', 'tags', 'language',
] as const satisfies readonly (keyof TemplateValues)[];

export type TemplateMode = 'snippet' | 'text';

export interface RenderResult {
  readonly text: string;
  /** Names of unknown variables, each once, in order of appearance. */
  readonly unknownVariables: readonly string[];
  /** Everything worth telling the user: unknown variables, unsupported transforms, syntax problems. */
  readonly messages: readonly TemplateMessage[];
}

/**
 * Renders a template.
 *
 * - `snippet` mode produces text for a `SnippetString`: given values are escaped so that they are inserted
 *   literally; variables without a value become placeholders (numbered first, in order of appearance, before
 *   the template's own tabstops) so the user can type them; tabstops and choices are kept.
 * - `text` mode produces the final text (for writing a file): tabstops become their placeholder text, a choice
 *   its first option, a variable without a value its default text (`${title:Untitled}`) or nothing.
 *
 * Values are single-line: line breaks fold to spaces. In front matter a variable that is a key's whole value is
 * written as a YAML scalar (quoted when needed), so a title like `Keynote: …` keeps the front matter valid.
 * Unknown variables and variable transforms are left as written and reported; nothing is evaluated.
 */
export function renderTemplate(template: string, values: TemplateValues, options: { mode: TemplateMode }): RenderResult {
  const { nodes, problems } = parseSnippet(template);
  const renderer = new TemplateRenderer(template, values, options.mode);
  const rendered = renderer.render(nodes);
  // An empty front matter value would leave `key: ` with a trailing blank, which editors flag.
  const frontMatterEnd = options.mode === 'text' && frontMatterLength(template) > 0 ? frontMatterLength(rendered) : 0;
  const text = rendered.slice(0, frontMatterEnd).replace(/[ \t]+$/gm, '') + rendered.slice(frontMatterEnd);
  return {
    text,
    unknownVariables: [...renderer.unknownVariables],
    // A stray `}` is literal text in VS Code too, so it changes nothing the user would notice: not reported here.
    messages: [...problems.filter((problem) => problem.code !== 'unmatched-brace'), ...renderer.messages],
  };
}

const KNOWN_VARIABLES: ReadonlySet<string> = new Set(TEMPLATE_VARIABLES);

class TemplateRenderer {
  readonly unknownVariables = new Set<string>();
  readonly messages: TemplateMessage[] = [];
  /** Snippet mode: tabstop index for each variable without a value. */
  private readonly missingIndex = new Map<string, number>();
  /**
   * The first default (or, for `date`, format) written for each variable without a value. It applies to every
   * occurrence, so `${title:Untitled}` … `${title}` gives one consistent placeholder (snippet) or text (text mode).
   */
  private readonly missingDefaults = new Map<string, readonly SnippetNode[]>();
  /** Variables whose default is being rendered: one inside its own default (`${title:${title}}`) is not expanded again. */
  private readonly expanding = new Set<string>();
  private readonly frontMatterEnd: number;

  constructor(
    private readonly src: string,
    private readonly values: TemplateValues,
    private readonly mode: TemplateMode,
  ) {
    this.frontMatterEnd = frontMatterLength(src);
  }

  render(nodes: readonly SnippetNode[]): string {
    this.collectMissingVariables(nodes);
    return this.renderNodes(nodes, true);
  }

  /** Numbers the variables without a value in order of first appearance and picks each one's default. */
  private collectMissingVariables(nodes: readonly SnippetNode[]): void {
    for (const node of nodes) {
      if (node.kind === 'placeholder') this.collectMissingVariables(node.children);
      if (node.kind !== 'variable' || !this.isRendered(node) || this.valueOf(node.name) !== undefined) continue;
      if (!this.missingIndex.has(node.name)) this.missingIndex.set(node.name, this.missingIndex.size + 1);
      if (node.children && !this.missingDefaults.has(node.name)) {
        this.missingDefaults.set(node.name, node.children);
        this.collectMissingVariables(node.children);
      }
    }
  }

  private isRendered(node: VariableNode): boolean {
    return KNOWN_VARIABLES.has(node.name) && node.transform === undefined;
  }

  private renderNodes(nodes: readonly SnippetNode[], topLevel: boolean): string {
    return nodes.map((node) => this.renderNode(node, topLevel)).join('');
  }

  private renderNode(node: SnippetNode, topLevel: boolean): string {
    const snippet = this.mode === 'snippet';
    switch (node.kind) {
      case 'text':
        return snippet ? escapeSnippetText(node.value) : node.value;
      case 'tabstop':
        if (!snippet) return '';
        return node.transform === undefined
          ? `$${this.shifted(node.index)}`
          : `\${${this.shifted(node.index)}${node.transform}}`;
      case 'placeholder': {
        const inner = this.renderNodes(node.children, false);
        return snippet ? `\${${this.shifted(node.index)}:${inner}}` : inner;
      }
      case 'choice':
        return snippet
          ? `\${${this.shifted(node.index)}|${node.options.map(escapeChoiceOption).join(',')}|}`
          : (node.options[0] ?? '');
      case 'variable':
        return this.renderVariable(node, topLevel);
    }
  }

  /** The template's own tabstops come after the placeholders made for variables without a value; `$0` stays last. */
  private shifted(index: number): number {
    return index === 0 ? 0 : index + this.missingIndex.size;
  }

  private renderVariable(node: VariableNode, topLevel: boolean): string {
    const asWritten = this.src.slice(node.start, node.end);
    if (!this.isRendered(node)) {
      if (node.transform !== undefined) {
        this.messages.push(templateMessage('unsupported-transform', asWritten));
      } else if (!this.unknownVariables.has(node.name)) {
        this.unknownVariables.add(node.name);
        this.messages.push(templateMessage('unknown-variable', node.name));
      }
      return this.mode === 'snippet' ? escapeSnippetText(asWritten) : asWritten;
    }
    const value = this.valueOf(node.name, node.children);
    const yamlValue = topLevel && this.isWholeFrontMatterValue(node);
    if (value !== undefined) {
      const text = yamlValue ? yamlScalar(value) : value;
      return this.mode === 'snippet' ? escapeSnippetText(text) : text;
    }
    const defaults = this.expanding.has(node.name) ? undefined : this.missingDefaults.get(node.name);
    // Without a value, `${date:FORMAT}` holds a format, not a default text: a hint while typing, nothing in a file.
    const isFormat = node.name === 'date';
    if (this.mode === 'snippet') {
      const placeholder = isFormat || !defaults
        ? escapeSnippetText(defaults ? plainText(defaults) : node.name)
        : this.renderDefault(node.name, defaults);
      return `\${${this.missingIndex.get(node.name)}:${placeholder}}`;
    }
    const fallback = isFormat || !defaults ? '' : this.renderDefault(node.name, defaults);
    return yamlValue && fallback ? yamlScalar(fallback) : fallback;
  }

  private renderDefault(name: string, defaults: readonly SnippetNode[]): string {
    this.expanding.add(name);
    const text = this.renderNodes(defaults, false);
    this.expanding.delete(name);
    return text;
  }

  /** The value of a known variable as single-line text, or undefined when it was not given. */
  private valueOf(name: string, children?: readonly SnippetNode[]): string | undefined {
    const raw = this.values[name as keyof TemplateValues];
    let text: string;
    if (raw instanceof Date) {
      text = formatDate(raw, children ? plainText(children) : DEFAULT_DATE_FORMAT, this.values.language);
    } else if (typeof raw === 'string' && name === 'date' && children) {
      const parsed = parseIsoDate(raw);
      text = parsed ? formatDate(parsed, plainText(children), this.values.language) : raw;
    } else if (Array.isArray(raw)) {
      text = raw.map(foldLines).filter((item) => item).join(', ');
    } else if (typeof raw === 'string') {
      text = raw;
    } else {
      return undefined;
    }
    const folded = foldLines(text);
    return folded ? folded : undefined;
  }

  /** True for `key: ${var}` alone on a line of the template's front matter. */
  private isWholeFrontMatterValue(node: VariableNode): boolean {
    if (node.end > this.frontMatterEnd) return false;
    const lineStart = this.src.lastIndexOf('\n', node.start - 1) + 1;
    const lineEnd = this.src.indexOf('\n', node.end);
    const before = this.src.slice(lineStart, node.start);
    const after = this.src.slice(node.end, lineEnd === -1 ? undefined : lineEnd);
    return /^\s*(?:-\s+)?[^\s#:-][^:]*:[ \t]+$/.test(before) && /^\s*$/.test(after);
  }
}

/** Folds line breaks (and the blanks around them) into single spaces and trims. */
function foldLines(text: string): string {
  return text.replace(/\s*(?:\r\n|[\r\n\v\f\u0085\u2028\u2029])\s*/g, ' ').trim();
}

function plainText(nodes: readonly SnippetNode[]): string {
  return nodes.map((node) => (node.kind === 'text' ? node.value : '')).join('');
}

/** Length of the template's front matter block (`---` … `---`), 0 when it has none. */
function frontMatterLength(src: string): number {
  const match = /^\uFEFF?---[ \t]*\r?\n(?:.*\r?\n)*?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(src);
  return match ? match[0].length : 0;
}

// ---------------------------------------------------------------------------------------------------------
// Dates

export const DEFAULT_DATE_FORMAT = 'YYYY-MM-DD';

const MONTH_NAMES_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAY_NAMES_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const WEEKDAY_NAMES_JA = ['日', '月', '火', '水', '木', '金', '土'];

/**
 * Formats a date (local time) with tokens `YYYY YY MMMM MMM MM M DD D dddd ddd HH H mm ss`; text in `[brackets]`
 * is literal. Month and weekday names are Japanese (`11月`, `火`, `火曜日`) when `language` is Japanese.
 */
export function formatDate(date: Date, format: string, language = 'en'): string {
  const japanese = isJapanese(language);
  const pad = (n: number) => String(n).padStart(2, '0');
  const month = date.getMonth();
  const weekday = date.getDay();
  const tokens: Record<string, () => string> = {
    YYYY: () => String(date.getFullYear()).padStart(4, '0'),
    YY: () => pad(date.getFullYear() % 100),
    MMMM: () => (japanese ? `${month + 1}月` : MONTH_NAMES_EN[month]),
    MMM: () => (japanese ? `${month + 1}月` : MONTH_NAMES_EN[month].slice(0, 3)),
    MM: () => pad(month + 1),
    M: () => String(month + 1),
    DD: () => pad(date.getDate()),
    D: () => String(date.getDate()),
    dddd: () => (japanese ? `${WEEKDAY_NAMES_JA[weekday]}曜日` : WEEKDAY_NAMES_EN[weekday]),
    ddd: () => (japanese ? WEEKDAY_NAMES_JA[weekday] : WEEKDAY_NAMES_EN[weekday].slice(0, 3)),
    HH: () => pad(date.getHours()),
    H: () => String(date.getHours()),
    mm: () => pad(date.getMinutes()),
    ss: () => pad(date.getSeconds()),
  };
  return format.replace(/\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|HH|H|mm|ss/g, (token, literal?: string) =>
    literal !== undefined ? literal : tokens[token](),
  );
}

/** Reads `YYYY-MM-DD` with an optional `THH:mm` or ` HH:mm` as a local date, or undefined. */
function parseIsoDate(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour = 0, minute = 0] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  const date = new Date(year as number, (month as number) - 1, day as number, hour, minute);
  // Reject overflow such as 2020-02-31, which Date would roll into March.
  return date.getMonth() === (month as number) - 1 && date.getDate() === day ? date : undefined;
}

function isJapanese(language: string | undefined): boolean {
  return /^ja(?:-|$)/i.test(language ?? '');
}

// ---------------------------------------------------------------------------------------------------------
// Built-in templates

export type TemplateLanguage = 'en' | 'ja';

/** The built-in template language for a VS Code display language (`vscode.env.language`). */
export function templateLanguageFor(displayLanguage: string): TemplateLanguage {
  return isJapanese(displayLanguage) ? 'ja' : 'en';
}

export const SESSION_KINDS = ['session', 'keynote', 'lightning-talk'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** Statuses offered in templates; `cancelled` is only ever set by schedule re-import. */
export const TEMPLATE_STATUSES = SESSION_STATUSES.filter((status) => status !== 'cancelled');

type HeadingLevels = Pick<ParseOptions, 'trackHeadingLevel' | 'sessionHeadingLevel'>;

/** Text of the built-in templates. Field keys and statuses stay English: they are data the parser reads. */
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
    speaker: '登壇者',
    notes: 'メモ',
    track: 'トラック',
    conferenceName: 'カンファレンス名',
    reportHeading: (conference: string) => `${conference} レポート`,
    overview: '概要',
    overviewText: '開催日程や形式、全体の印象など。',
    summary: 'まとめ',
    summaryText: '感想や次回に向けて。',
    fieldPlaceholders: { speakers: '登壇者', track: 'トラック', slides: 'https://', video: 'https://', tags: 'タグ' },
  },
} as const;

/** Title prefixes of the session kinds; they match `DEFAULT_PARSE_OPTIONS.titlePrefixTracks`, which names the track. */
const KIND_TITLE_PREFIX: Record<SessionKind, string> = {
  session: '',
  keynote: 'Keynote: ',
  'lightning-talk': 'Lightning Talk: ',
};

const STATUS_CHOICE = `|${TEMPLATE_STATUSES.join(',')}|`;

/** A session section as a template (tabstops numbered from `firstTabstop`). */
function sessionSectionTemplate(level: number, kind: SessionKind, language: TemplateLanguage, firstTabstop: number): string {
  const text = BUILTIN_TEXT[language];
  return [
    `${'#'.repeat(level)} ${escapeSnippetText(KIND_TITLE_PREFIX[kind])}\${title:${text.sessionTitle}}`,
    '',
    `- speakers: \${speakers:${text.speaker}}`,
    `- status: \${${firstTabstop}${STATUS_CHOICE}}`,
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
 * tabstops, in that order; values given (e.g. `speakers`) are filled in instead. No trailing newline.
 */
export function sessionSnippet(level: number, kind: SessionKind, language: TemplateLanguage, values: TemplateValues = {}): string {
  return renderBuiltinSnippet(sessionSectionTemplate(level, kind, language, 1), values);
}

/**
 * Snippet text of a new track section holding one session: the track heading (the `track` value, or a tabstop
 * when not given) followed by {@link sessionSnippet}'s section. No trailing newline.
 */
export function trackSectionSnippet(levels: HeadingLevels, kind: SessionKind, language: TemplateLanguage, values: TemplateValues = {}): string {
  const template = `${trackHeadingTemplate(levels.trackHeadingLevel, language)}\n\n${sessionSectionTemplate(levels.sessionHeadingLevel, kind, language, 1)}`;
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

export const FIELD_LINES = ['speakers', 'track', 'status', 'slides', 'video', 'tags'] as const;
export type FieldLine = (typeof FIELD_LINES)[number];

/** Snippet text of one field line such as `- speakers: ${1:Speaker}`; `status` offers the statuses as a choice. */
export function fieldLineSnippet(field: FieldLine, language: TemplateLanguage): string {
  const value = field === 'status' ? `\${1${STATUS_CHOICE}}` : `\${1:${BUILTIN_TEXT[language].fieldPlaceholders[field]}}`;
  return `- ${field}: ${value}`;
}

// ---------------------------------------------------------------------------------------------------------
// File names

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

// ---------------------------------------------------------------------------------------------------------
// Where Insert Session puts a session

/** Titles of a report's closing section; a new track goes before it. Compared case-insensitively. */
export const SUMMARY_SECTION_TITLES = [
  'summary', 'conclusion', 'conclusions', 'wrap-up', 'wrap up', 'closing thoughts',
  'まとめ', 'おわりに', '終わりに', '総括', '所感', '感想',
];

export interface InsertionPlan {
  /** Zero-based position to insert at (`character` in UTF-16 code units, as VS Code counts). */
  readonly line: number;
  readonly character: number;
  /** True when the track has no section in this file yet: insert {@link trackSectionSnippet}'s text. */
  readonly addTrackHeading: boolean;
  /** Line breaks to put before and after the snippet so it is set off by blank lines and nothing else moves. */
  readonly prefix: string;
  readonly suffix: string;
}

/**
 * Where to insert a session of `track` in a report: at the cursor when it is on a blank line between blocks of
 * that track's section, after the session part the cursor is in when it is elsewhere in that section, else at
 * the end of the track's (last) section. For a track without a section, a new section goes at the end of the
 * report, before a closing Summary/まとめ section. `levels` are the file's effective heading levels.
 */
export function insertionPlan(documentText: string, cursorLine: number, track: string, levels: HeadingLevels): InsertionPlan {
  const lines = documentText.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const { headings, blocks } = readOutline(lines.join('\n'));
  const { trackHeadingLevel, sessionHeadingLevel } = levels;
  const sectionEnd = (headingIndex: number, maxLevel: number): number =>
    headings.slice(headingIndex + 1).find((heading) => heading.level <= maxLevel)?.line ?? lines.length;

  const wanted = headingKey(track);
  const sections = headings
    .map((heading, index) => ({ heading, index }))
    .filter(({ heading }) => heading.level === trackHeadingLevel && headingKey(heading.text) === wanted)
    .map(({ heading, index }) => ({ start: heading.line, end: sectionEnd(index, trackHeadingLevel) }));

  if (sections.length > 0) {
    const current = sections.find((section) => cursorLine >= section.start && cursorLine < section.end);
    if (!current) {
      const last = sections[sections.length - 1];
      return { ...afterContent(lines, last.start, last.end), addTrackHeading: false };
    }
    const betweenBlocks = isBlank(lines[cursorLine]) && !blocks.some((block) => cursorLine >= block.start && cursorLine < block.end);
    if (betweenBlocks) {
      return {
        line: cursorLine,
        character: 0,
        prefix: isBlank(lines[cursorLine - 1]) ? '' : '\n',
        suffix: cursorLine + 1 < lines.length && !isBlank(lines[cursorLine + 1]) ? '\n' : '',
        addTrackHeading: false,
      };
    }
    const partEnd = headings.find((heading) => heading.line > cursorLine && heading.level <= sessionHeadingLevel)?.line ?? lines.length;
    return { ...afterContent(lines, cursorLine, Math.min(partEnd, current.end)), addTrackHeading: false };
  }

  const summaryIndex = headings.findIndex(
    (heading, index) =>
      heading.level === trackHeadingLevel &&
      SUMMARY_SECTION_TITLES.includes(headingKey(heading.text)) &&
      !headings.slice(index + 1).some((later) => later.level === sessionHeadingLevel),
  );
  const boundary = summaryIndex === -1 ? lines.length : headings[summaryIndex].line;
  return { ...afterContent(lines, 0, boundary), addTrackHeading: true };
}

/**
 * Headings and top-level block line ranges (end exclusive) of a document with LF line endings, read by the
 * note parser's own front matter and markdown readers so that headings are exactly the ones the model sees.
 */
function readOutline(text: string): { headings: readonly MarkdownHeading[]; blocks: readonly LineRange[] } {
  const { bodyOffset, bodyLine } = readFrontMatter(text);
  const body = text.slice(bodyOffset);
  const { headings } = readMarkdownStructure(body, bodyLine);
  const blocks = markdown
    .parse(body, {})
    .filter((token) => token.level === 0 && token.nesting !== -1 && token.map)
    .map((token) => ({ start: (token.map as [number, number])[0] + bodyLine, end: (token.map as [number, number])[1] + bodyLine }));
  return { headings, blocks };
}

/** Inserts after the last non-blank line in [from, boundary), separated by a blank line. */
function afterContent(lines: readonly string[], from: number, boundary: number): Omit<InsertionPlan, 'addTrackHeading'> {
  for (let line = boundary - 1; line >= from; line--) {
    if (!isBlank(lines[line])) return { line, character: lines[line].length, prefix: '\n\n', suffix: '' };
  }
  return boundary < lines.length
    ? { line: boundary, character: 0, prefix: '', suffix: '\n\n' }
    : { line: from, character: 0, prefix: '', suffix: '' };
}

function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim() === '';
}

/** A heading's plain text as compared with a track name: Unicode-normalised, case folded. */
function headingKey(text: string): string {
  return collapseWhitespace(text.normalize('NFC')).toLowerCase();
}
