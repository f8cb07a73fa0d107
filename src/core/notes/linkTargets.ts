// Reading the links that point at sessions (the hover over a link in a note): which inline markdown link is under
// the cursor, and which session a `#heading-anchor` names — the reverse of what Copy Markdown Link and a session
// dragged from the tree write (markdownLinks.ts, noteEdits.ts `sessionLink`).
import type { Session } from './model';
import { headingAnchor } from './noteEdits';

/** An inline link on one line of a note, its destination split and percent-decoded. */
export interface LinkAt {
  /** UTF-16 columns of the whole `[label](destination)`, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** The destination's path, `/`-separated as written (relative, or from the workspace folder when it starts with `/`); empty for `#anchor` alone. */
  readonly path: string;
  readonly fragment?: string;
}

// `[label](destination "title")`: the label may hold escaped brackets, the destination is `<…>` or has no spaces.
const INLINE_LINK = /\[(?:\\.|[^\\\]])*\]\(\s*(?:<([^>\n]*)>|([^\s()]*))(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
/** A destination with a scheme (`https:`, `mailto:`) is not a note of the workspace. */
const URI_SCHEME = /^[a-z][a-z\d+.-]*:/i;

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // A stray `%` is kept as written.
  }
}

/** The inline link to a note (not a web address) under `character` of `line`, if there is one. */
export function linkAt(line: string, character: number): LinkAt | undefined {
  for (const match of line.matchAll(INLINE_LINK)) {
    const start = match.index;
    const end = start + match[0].length;
    if (character < start || character >= end) continue;
    const destination = match[1] ?? match[2];
    if (URI_SCHEME.test(destination)) return undefined;
    const hash = destination.indexOf('#');
    const path = decoded(hash < 0 ? destination : destination.slice(0, hash));
    const fragment = hash < 0 ? undefined : decoded(destination.slice(hash + 1));
    return { start, end, path, fragment };
  }
  return undefined;
}

/**
 * The session of a note that a link with this fragment leads to: in a report, the session whose heading has that
 * anchor (the second heading of the same text is `anchor-1`, as GitHub and VS Code number them); a session file is
 * its one session, with or without an anchor to its title.
 */
export function sessionForFragment(sessions: readonly Session[], fragment: string | undefined): Session | undefined {
  const wanted = fragment?.toLowerCase();
  if (sessions.length === 1 && sessions[0].layout === 'session-file') {
    return wanted === undefined || wanted === '' || wanted === headingAnchor(sessions[0].title) ? sessions[0] : undefined;
  }
  if (!wanted) return undefined;
  const seen = new Map<string, number>();
  for (const session of sessions) {
    const anchor = headingAnchor(session.title);
    const repeats = seen.get(anchor) ?? 0;
    seen.set(anchor, repeats + 1);
    if ((repeats === 0 ? anchor : `${anchor}-${repeats}`) === wanted) return session;
  }
  return undefined;
}
