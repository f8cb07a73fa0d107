// The snippet syntax of VS Code (tabstops, placeholders, choices, variables): a parser into nodes, escaping,
// and the problems a user template has. Nothing is evaluated: this only reads the text.

import { templateMessage, type TemplateMessage } from './messages';

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

export function escapeChoiceOption(option: string): string {
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
