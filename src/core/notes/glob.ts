// Glob patterns as VS Code reads them (files.exclude, search.exclude, findFiles): `*` and `?` within a path segment,
// `**` for any number of segments, `{a,b}` alternatives (not nested), `[a-z]` / `[!a-z]` character ranges. There is
// no escape character and no extglob: `+(a|b)` is the five characters it is written with, as in VS Code.
//
// A glob is compiled once into a nondeterministic automaton and a path is matched by walking the automaton's states
// side by side, never by backtracking: a match costs at most (path length × pattern size) steps, whatever the
// pattern. Globs come from settings files that are committed with the notes, so a cloned repository must not be able
// to make matching slow; a regular expression (what VS Code and minimatch build) can take exponential time.

/** Globs longer than this are refused: a bound on the work each path costs. */
export const MAX_GLOB_LENGTH = 512;

/** A compiled glob: whether a `/`-separated path, relative to the folder the glob is for, matches it. */
export interface Glob {
  matches(path: string): boolean;
}

/** Why a glob is not used; undefined when it is. */
export function globProblem(glob: string): 'too-long' | undefined {
  return glob.length > MAX_GLOB_LENGTH ? 'too-long' : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Syntax: the pattern as a tree

type CharTest =
  | { readonly kind: 'char'; readonly code: number }
  | { readonly kind: 'non-slash' }
  | { readonly kind: 'any' }
  /** `ranges` holds [from, to] pairs of code points. */
  | { readonly kind: 'class'; readonly ranges: readonly number[]; readonly negated: boolean };

type GlobNode =
  | { readonly kind: 'test'; readonly test: CharTest }
  /** Zero or more characters that pass `test`. */
  | { readonly kind: 'repeat'; readonly test: CharTest }
  | { readonly kind: 'sequence'; readonly items: readonly GlobNode[] }
  | { readonly kind: 'optional'; readonly item: GlobNode }
  | { readonly kind: 'choice'; readonly choices: readonly GlobNode[] };

const SLASH = '/'.codePointAt(0)!;
const char = (text: string): GlobNode => ({ kind: 'test', test: { kind: 'char', code: text.codePointAt(0)! } });
const sequence = (...items: GlobNode[]): GlobNode => ({ kind: 'sequence', items });
const ANYTHING: GlobNode = { kind: 'repeat', test: { kind: 'any' } };
/** A range that matches nothing, as VS Code's regular expression for it does (`]` alone, `[z-a]`). */
class MatchesNothing extends Error {}

/**
 * `text` split at `separator`, except inside `{…}` or `[…]`; a trailing empty part is dropped (`a/` is `a`). The
 * braces and brackets are tracked as on/off, not counted: they do not nest in VS Code's globs.
 */
function splitOutside(text: string, separator: string): string[] {
  const parts: string[] = [];
  let inBraces = false;
  let inBrackets = false;
  let part = '';
  for (const c of text) {
    if (c === separator && !inBraces && !inBrackets) {
      parts.push(part);
      part = '';
      continue;
    }
    if (c === '{' || c === '}') inBraces = c === '{';
    if (c === '[' || c === ']') inBrackets = c === '[';
    part += c;
  }
  if (part) parts.push(part);
  return parts;
}

function parseGlob(pattern: string): GlobNode {
  const segments = splitOutside(pattern, '/');
  if (segments.length > 0 && segments.every((segment) => segment === '**')) return ANYTHING;
  const items: GlobNode[] = [];
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') {
      if (segments[i - 1] === '**') return; // `**/**` is `**`
      // Inside a pattern `**/` is "any folders, or none"; at the end `/**` is "anything below, or nothing".
      items.push({ kind: 'optional', item: last ? sequence(char('/'), ANYTHING) : sequence(ANYTHING, char('/')) });
      return;
    }
    items.push(...parseSegment(segment));
    // The slash before a `**` that ends the pattern belongs to the `**`, so `a/**` matches `a` itself too.
    if (!last && (segments[i + 1] !== '**' || i + 2 < segments.length)) items.push(char('/'));
  });
  return sequence(...items);
}

/** One segment (or a brace holding slashes). An unclosed `{` or `[` drops the rest of the segment, as in VS Code. */
function parseSegment(segment: string): GlobNode[] {
  const items: GlobNode[] = [];
  let braces: string | undefined;
  let brackets: string[] | undefined;
  for (const c of segment) {
    if (braces !== undefined && c !== '}') {
      braces += c;
    } else if (brackets !== undefined && (c !== ']' || brackets.length === 0)) {
      // `]` first in the brackets is a character; `!` or `^` first negates; a slash is never part of a range.
      if (c !== '/') brackets.push((c === '!' || c === '^') && brackets.length === 0 ? '^' : c);
    } else if (c === '{') {
      braces = '';
    } else if (c === '[') {
      brackets = [];
    } else if (c === '}') {
      // A `}` with no `{` before it is an empty group, which matches the empty text.
      const choices = splitOutside(braces ?? '', ',').map(parseGlob);
      if (choices.length > 0) items.push({ kind: 'choice', choices });
      braces = undefined;
    } else if (c === ']') {
      items.push({ kind: 'test', test: characterClass(brackets ?? []) });
      brackets = undefined;
    } else if (c === '?') {
      items.push({ kind: 'test', test: { kind: 'non-slash' } });
    } else if (c === '*') {
      if (items.at(-1)?.kind !== 'repeat') items.push({ kind: 'repeat', test: { kind: 'non-slash' } });
    } else {
      items.push(char(c));
    }
  }
  return items;
}

/** `[…]` as a regular expression's character class reads it: `a-z` is a range, a `-` first or last is itself. */
function characterClass(content: readonly string[]): CharTest {
  const negated = content[0] === '^';
  const chars = negated ? content.slice(1) : content;
  const ranges: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    const from = chars[i].codePointAt(0)!;
    if (chars[i + 1] === '-' && i + 2 < chars.length) {
      const to = chars[i + 2].codePointAt(0)!;
      if (to < from) throw new MatchesNothing();
      ranges.push(from, to);
      i += 2;
    } else {
      ranges.push(from, from);
    }
  }
  return { kind: 'class', ranges, negated };
}

// ---------------------------------------------------------------------------------------------------------------
// The automaton: states joined by edges that read one character, and by free (epsilon) edges

interface Edge {
  readonly test: CharTest;
  readonly to: number;
}

class Automaton {
  /** Free edges of each state. */
  private readonly free: number[][] = [];
  private readonly reading: Edge[][] = [];

  state(): number {
    this.free.push([]);
    this.reading.push([]);
    return this.free.length - 1;
  }

  /** Adds `node` after state `from`; returns the state where it ends. */
  add(node: GlobNode, from: number): number {
    switch (node.kind) {
      case 'test': {
        const to = this.state();
        this.reading[from].push({ test: node.test, to });
        return to;
      }
      case 'repeat': {
        // A state of its own, so the loop is not shared with an alternative that starts at `from`.
        const loop = this.state();
        this.free[from].push(loop);
        this.reading[loop].push({ test: node.test, to: loop });
        return loop;
      }
      case 'sequence':
        return node.items.reduce((at, item) => this.add(item, at), from);
      case 'optional': {
        // A state of its own: the item may end in a loop, which skipping the item must not enter.
        const end = this.state();
        this.free[this.add(node.item, from)].push(end);
        this.free[from].push(end);
        return end;
      }
      case 'choice': {
        const end = this.state();
        for (const choice of node.choices) {
          const start = this.state();
          this.free[from].push(start);
          this.free[this.add(choice, start)].push(end);
        }
        return end;
      }
    }
  }

  /**
   * For each state, the edges that read a character from it or from a state its free edges reach, and whether
   * `accept` is among those states: the walk then never follows a free edge.
   */
  closed(accept: number): { readonly edges: readonly (readonly Edge[])[]; readonly accepting: readonly boolean[] } {
    const edges: Edge[][] = [];
    const accepting: boolean[] = [];
    for (let state = 0; state < this.free.length; state++) {
      const seen = new Set([state]);
      const pending = [state];
      const reached: Edge[] = [];
      for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
        reached.push(...this.reading[next]);
        for (const to of this.free[next]) {
          if (seen.has(to)) continue;
          seen.add(to);
          pending.push(to);
        }
      }
      edges.push(reached);
      accepting.push(seen.has(accept));
    }
    return { edges, accepting };
  }
}

function passes(test: CharTest, code: number): boolean {
  switch (test.kind) {
    case 'char':
      return code === test.code;
    case 'non-slash':
      return code !== SLASH;
    case 'any':
      return true;
    case 'class': {
      let inside = false;
      for (let i = 0; i < test.ranges.length && !inside; i += 2) inside = code >= test.ranges[i] && code <= test.ranges[i + 1];
      return inside !== test.negated;
    }
  }
}

/**
 * Literal text a matching path must start with, end with and contain (the longest run of literal characters of the
 * pattern's top level): string checks that reject most paths before the automaton runs.
 */
function literalParts(node: GlobNode): { prefix: string; suffix: string; infix: string } {
  const items = node.kind === 'sequence' ? node.items : [node];
  const runs: { text: string; from: number; to: number }[] = [];
  items.forEach((item, i) => {
    if (item.kind !== 'test' || item.test.kind !== 'char') return;
    const text = String.fromCodePoint(item.test.code);
    const run = runs.at(-1);
    if (run && run.to === i) {
      run.text += text;
      run.to = i + 1;
    } else {
      runs.push({ text, from: i, to: i + 1 });
    }
  });
  const prefix = runs[0]?.from === 0 ? runs[0].text : '';
  const suffix = runs.at(-1)?.to === items.length && prefix.length < items.length ? runs.at(-1)!.text : '';
  const infix = runs.reduce((longest, run) => (run.text.length > longest.length ? run.text : longest), '');
  return { prefix, suffix, infix };
}

/**
 * A set of automaton states, as a state of the deterministic automaton built while paths are matched: where each
 * character leads from it is worked out once, so a path costs a lookup per character.
 */
interface StateSet {
  readonly states: readonly number[];
  readonly accepting: boolean;
  /** Where each ASCII character leads; other characters in `wide`. */
  readonly ascii: (StateSet | undefined)[];
  readonly wide: Map<number, StateSet>;
}

/**
 * State sets built per glob at most. A glob that needs more (`*a??????…`: the sets record which of the last
 * characters were `a`) is matched by walking the state sets without keeping them, which costs more per character
 * but stays within (path length × pattern size).
 */
const MAX_STATE_SETS = 2048;

const NEVER: Glob = { matches: () => false };

/**
 * A glob compiled for matching; surrounding white space is ignored, as VS Code ignores it. A glob that VS Code
 * cannot use (empty, a `]` alone, a reversed range) matches nothing, and so does one `globProblem` refuses — the
 * settings reader reports those.
 */
export function compileGlob(glob: string): Glob {
  const pattern = glob.trim();
  if (!pattern || globProblem(glob) !== undefined) return NEVER;
  let tree: GlobNode;
  try {
    tree = parseGlob(pattern);
  } catch (error) {
    if (error instanceof MatchesNothing) return NEVER;
    throw error;
  }
  const automaton = new Automaton();
  const start = automaton.state();
  const { edges, accepting } = automaton.closed(automaton.add(tree, start));
  const { prefix, suffix, infix } = literalParts(tree);

  const sets = new Map<string, StateSet>();
  const setOf = (states: number[]): StateSet => {
    const key = states.sort((a, b) => a - b).join(',');
    let set = sets.get(key);
    if (!set) {
      set = { states, accepting: states.some((state) => accepting[state]), ascii: [], wide: new Map() };
      sets.set(key, set);
    }
    return set;
  };
  const first = setOf([start]);
  const step = (from: StateSet, code: number): StateSet => {
    const known = code < 128 ? from.ascii[code] : from.wide.get(code);
    if (known) return known;
    const reached = new Set<number>();
    for (const state of from.states) for (const edge of edges[state]) if (passes(edge.test, code)) reached.add(edge.to);
    const to = setOf([...reached]);
    if (code < 128) from.ascii[code] = to;
    else from.wide.set(code, to);
    return to;
  };
  const cached = (path: string): boolean => {
    let set = first;
    for (let at = 0; at < path.length && set.states.length > 0; at++) {
      const code = path.codePointAt(at)!;
      if (code > 0xffff) at++;
      set = step(set, code);
    }
    return set.accepting;
  };

  // Without the cache: the current states in an array, marked with the number of the character that reached them.
  let walking = false;
  const marks = new Float64Array(edges.length);
  let stepNumber = 0;
  const walked = (path: string): boolean => {
    let current = [start];
    for (let at = 0; at < path.length && current.length > 0; at++) {
      const code = path.codePointAt(at)!;
      if (code > 0xffff) at++;
      stepNumber++;
      const next: number[] = [];
      for (const state of current) {
        for (const edge of edges[state]) {
          if (marks[edge.to] !== stepNumber && passes(edge.test, code)) {
            marks[edge.to] = stepNumber;
            next.push(edge.to);
          }
        }
      }
      current = next;
    }
    return current.some((state) => accepting[state]);
  };

  return {
    matches(path) {
      if (path.length < prefix.length + suffix.length || !path.startsWith(prefix) || !path.endsWith(suffix) || !path.includes(infix)) return false;
      if (!walking && sets.size >= MAX_STATE_SETS) {
        walking = true; // from now on the sets are walked, not kept
        first.ascii.length = 0;
        first.wide.clear();
        sets.clear();
      }
      return walking ? walked(path) : cached(path);
    },
  };
}

/** `text` as a glob that matches exactly it: each special character as a one-character range (`[*]`), as VS Code reads it. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]{}]/g, '[$&]');
}
