// Markdown links and images that our commands write into notes (Copy Markdown Link, Insert Chart into Report, the
// links dragged from the tree): one escaping of the label and one encoding of the path, so that no title or file
// name can close the brackets or the parenthesis of the link it is written into.

/** The label of a link or the alt text of an image: on one line, with `\`, `[` and `]` escaped. */
function linkLabel(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\[\]]/g, (char) => `\\${char}`);
}

/** Percent-encoded so that spaces and `()<>` cannot end a link's destination (`encodeURIComponent` leaves the
 *  parentheses as they are). */
export function encodeLinkComponent(text: string): string {
  return encodeURIComponent(text).replace(/[()]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A relative path (`/` separators) with each segment percent-encoded. */
function linkPath(relativePath: string): string {
  return relativePath.split('/').map(encodeLinkComponent).join('/');
}

/** `path` (a workspace path with `/` separators) relative to the folder `fromDirectory`. */
export function relativeNotePath(path: string, fromDirectory: string): string {
  const from = fromDirectory.split('/').filter(Boolean);
  const to = path.split('/').filter(Boolean);
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}

/** `[label](path#anchor)`; the anchor is percent-encoded too. */
export function markdownLink(label: string, relativePath: string, anchor?: string): string {
  return `[${linkLabel(label)}](${linkPath(relativePath)}${anchor ? `#${encodeURIComponent(anchor)}` : ''})`;
}

/** `![alt](path)`. */
export function markdownImage(alt: string, relativePath: string): string {
  return `!${markdownLink(alt, relativePath)}`;
}
