// The places a merged session is written in (the programme, a report, a session note), as the Sessions view offers
// them: a tooltip link or a picker item opens one at its line. A tooltip's link reaches the extension as JSON from
// a markdown command URI, so what it names is read back with care before anything is opened.
import { encodeLinkComponent } from './markdownLinks';

/** One place to open: a note and the line of the session in it. */
export interface PlaceReference {
  readonly uri: string;
  readonly line: number;
}

/**
 * A `command:` URI for a markdown link (no character of a path can end the link) whose one argument names the
 * place: `{ uri, line }` only, so the command that reads it never takes it for a session or a tree node.
 */
export function placeCommandUri(command: string, place: PlaceReference): string {
  const reference: PlaceReference = { uri: place.uri, line: place.line };
  return `command:${command}?${encodeLinkComponent(JSON.stringify([reference]))}`;
}

/** A place named by a command argument: a string URI and a whole, non-negative line; anything else is not one. */
export function readPlaceReference(value: unknown): PlaceReference | undefined {
  if (typeof value !== 'object' || value === null || 'id' in value || 'kind' in value) return undefined;
  const { uri, line } = value as { uri?: unknown; line?: unknown };
  if (typeof uri !== 'string' || uri === '' || typeof line !== 'number' || !Number.isInteger(line) || line < 0) return undefined;
  return { uri, line };
}
