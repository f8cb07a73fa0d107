// Rendering a template: our variables (${title}, ${track}, ${date:FORMAT}…) filled from a fixed table of values,
// as a snippet or as plain text. Nothing in a template is ever evaluated: anything unknown (VS Code's own variables,
// transforms, unknown names) is left visible exactly as written and reported.

import { yamlScalar } from '../notes/frontMatter';
import { templateMessage, type TemplateMessage } from './messages';
import { escapeChoiceOption, escapeSnippetText, parseSnippet, type SnippetNode, type VariableNode } from './snippetSyntax';
import { DEFAULT_DATE_FORMAT, formatDate, parseIsoDate } from './dates';

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
  if (template.length > MAX_TEMPLATE_LENGTH) {
    const kilobytes = (length: number) => String(Math.ceil(length / 1024));
    return { text: '', unknownVariables: [], messages: [templateMessage('template-too-large', kilobytes(template.length), kilobytes(MAX_TEMPLATE_LENGTH))] };
  }
  const { nodes, problems } = parseSnippet(template);
  const renderer = new TemplateRenderer(template, values, options.mode);
  const rendered = renderer.render(nodes);
  // An empty front matter value would leave `key: ` with a trailing blank, which editors flag.
  const frontMatterEnd = options.mode === 'text' && frontMatterLength(template) > 0 ? frontMatterLength(rendered) : 0;
  const text = rendered.slice(0, frontMatterEnd).split('\n').map(withoutTrailingBlanks).join('\n') + rendered.slice(frontMatterEnd);
  return {
    text,
    unknownVariables: [...renderer.unknownVariables],
    // A stray `}` is literal text in VS Code too, so it changes nothing the user would notice: not reported here.
    messages: [...problems.filter((problem) => problem.code !== 'unmatched-brace'), ...renderer.messages],
  };
}

/** Longer sources are not rendered: real templates are a few kilobytes, and rendering time grows with the size. */
export const MAX_TEMPLATE_LENGTH = 256 * 1024;

/**
 * A line without the spaces and tabs before its end (or its `\r`). A loop, not `/[ \t]+$/`: that pattern retries
 * from every blank of a long run that is followed by text, which takes minutes on a line of a few thousand blanks.
 */
function withoutTrailingBlanks(line: string): string {
  const contentEnd = line.endsWith('\r') ? line.length - 1 : line.length;
  let end = contentEnd;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return end === contentEnd ? line : line.slice(0, end) + line.slice(contentEnd);
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
