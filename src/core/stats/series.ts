// Conferences of one series — `KubeCon + CloudNativeCon NA 2019`, `… Europe 2020`, `… NA 2020 Virtual` — so that
// "compare with earlier conferences" can choose the series in time order. A series is the name without its year,
// its region and words such as "Virtual", or what the notes' front matter `series` says.
import { isPrintableAscii } from '../notes/fields';
import type { NoteIndex } from '../notes/noteIndex';
import { orderConferences, type ConferenceTime } from './conferenceOrder';

/** Words of a conference name that tell one edition of a series from another, not the series. */
const EDITION_WORDS: ReadonlySet<string> = new Set([
  'na', 'north', 'america', 'americas', 'eu', 'europe', 'emea', 'asia', 'apac', 'pacific', 'china', 'japan', 'india',
  'latam', 'latin', 'us', 'usa', 'uk', 'australia', 'anz', 'africa', 'east', 'west', 'virtual', 'online', 'remote',
  'hybrid', 'edition', 'summer', 'winter', 'spring', 'autumn', 'fall', 'in', 'person', 'and', 'the',
  'バーチャル', 'オンライン', 'ハイブリッド',
]);

const YEAR = /^(?:19|20)\d{2}$/;

/** The key of a conference's series: its name's words, case and width folded, without year, region or "Virtual". */
export function seriesKey(conference: string, series?: string): string {
  if (series !== undefined && series.trim() !== '') return `series\0${fold(series)}`;
  const words = fold(conference).split(' ').filter((word) => word !== '' && !YEAR.test(word) && !/^'\d{2}$/.test(word) && !EDITION_WORDS.has(word));
  return words.length > 0 ? words.join(' ') : fold(conference);
}

function fold(text: string): string {
  return (isPrintableAscii(text) ? text : text.normalize('NFKC'))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();
}

/**
 * The conferences of `conference`'s series up to it, in time order (the earlier editions and itself): what a chart
 * "compared with earlier conferences" starts from. `seriesOf` gives a conference's front matter `series` (seriesNamesOf).
 */
export function seriesUpTo(
  conference: string,
  names: Iterable<string>,
  timeOf: (name: string) => ConferenceTime,
  seriesOf: (name: string) => string | undefined = () => undefined,
): string[] {
  const key = seriesKey(conference, seriesOf(conference));
  const members = [...new Set([...names, conference])].filter((name) => seriesKey(name, seriesOf(name)) === key);
  const ordered = orderConferences(members, timeOf);
  return ordered.slice(0, ordered.indexOf(conference) + 1);
}

/** Per conference, the `series` its notes' front matter gives (the first note that gives one). */
export function seriesNamesOf(index: NoteIndex): (conference: string) => string | undefined {
  const names = new Map<string, string>();
  for (const uri of index.uris()) {
    const note = index.note(uri);
    const series = note?.conferenceInfo?.series;
    if (note && series !== undefined && !names.has(note.conference)) names.set(note.conference, series);
  }
  return (conference) => names.get(conference);
}
