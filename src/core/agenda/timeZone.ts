// The zone a conference's times are written in. Schedule import from a URL writes it into the note's front matter
// (`timezone: Europe/Brussels`); notes written by hand rarely say, and are then read on the clock of the machine —
// the user's own, who is usually at the conference.
import { readFrontMatter } from '../notes/frontMatter';
import { isValidTimeZone } from '../import/zonedTime';

const ZONE_KEYS = ['timezone', 'time-zone', 'time_zone', 'tz'];

/** The valid IANA zone a note's front matter names, if any. */
export function noteTimeZone(text: string): string | undefined {
  const { data } = readFrontMatter(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  for (const [key, value] of Object.entries(data)) {
    if (!ZONE_KEYS.includes(key.toLowerCase()) || typeof value !== 'string') continue;
    const zone = value.trim();
    if (isValidTimeZone(zone)) return zone;
  }
  return undefined;
}

/** The zone of the first of a conference's notes that names one, else `fallback`. */
export function conferenceTimeZone(noteTexts: Iterable<string>, fallback: string): string {
  for (const text of noteTexts) {
    const zone = noteTimeZone(text);
    if (zone !== undefined) return zone;
  }
  return fallback;
}
