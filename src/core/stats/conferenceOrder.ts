// Conferences in time order and short labels for them: what the panel, the chart block and the CLI agree on.
// Time comes from the sessions' dates (front matter `date`/`dates` of a report, imported schedule dates), else from a
// year in the conference's name; the name breaks ties and orders conferences nothing dates.
import { compareNames } from '../notes/noteIndex';

/** When a conference took place, as far as its notes tell. */
export interface ConferenceTime {
  /** Earliest session date, `YYYY-MM-DD`. */
  readonly firstDate?: string;
  readonly year?: number;
}

const ISO_DATE = /^(\d{4})-\d{2}-\d{2}/;
const YEAR_IN_NAME = /(?:^|[^\d])((?:19|20)\d{2})(?!\d)/;

/** The conference's time from its name and its sessions' dates (any order, any spelling; only ISO dates count). */
export function conferenceTime(name: string, dates: Iterable<string | undefined>): ConferenceTime {
  let firstDate: string | undefined;
  for (const date of dates) {
    const match = date === undefined ? null : ISO_DATE.exec(date);
    if (match && (firstDate === undefined || match[0] < firstDate)) firstDate = match[0];
  }
  if (firstDate !== undefined) return { firstDate, year: Number(firstDate.slice(0, 4)) };
  const year = YEAR_IN_NAME.exec(name)?.[1];
  return year === undefined ? {} : { year: Number(year) };
}

/** Earlier first; a year alone sorts with that year's dated conferences by name; undated conferences last. */
export function compareConferenceTimes(a: { name: string; time: ConferenceTime }, b: { name: string; time: ConferenceTime }): number {
  const yearA = a.time.year ?? Number.POSITIVE_INFINITY;
  const yearB = b.time.year ?? Number.POSITIVE_INFINITY;
  if (yearA !== yearB) return yearA < yearB ? -1 : 1;
  if (a.time.firstDate !== undefined && b.time.firstDate !== undefined && a.time.firstDate !== b.time.firstDate) {
    return a.time.firstDate < b.time.firstDate ? -1 : 1;
  }
  return compareNames(a.name, b.name);
}

/** The names in time order. */
export function orderConferences(names: Iterable<string>, timeOf: (name: string) => ConferenceTime): string[] {
  return [...names]
    .map((name) => ({ name, time: timeOf(name) }))
    .sort(compareConferenceTimes)
    .map((entry) => entry.name);
}

/**
 * Labels for a legend: the words every name starts with are dropped ("KubeCon + CloudNativeCon NA 2020 Virtual",
 * "KubeCon + CloudNativeCon Europe 2020 Virtual" → "NA 2020 Virtual", "Europe 2020 Virtual"), so what tells the
 * conferences apart is what fits. A single conference, or names that would become empty or equal, keep their name.
 */
export function shortConferenceLabels(names: readonly string[]): string[] {
  if (names.length < 2) return [...names];
  const words = names.map((name) => name.split(/(\s+)/)); // separators kept, so the rest is written as it was
  let common = 0;
  const shortest = Math.min(...words.map((parts) => parts.length));
  while (common < shortest && words.every((parts) => parts[common] === words[0][common])) common++;
  // Cut only after a separator, never inside a word.
  while (common > 0 && !/^\s+$/.test(words[0][common - 1])) common--;
  if (common === 0) return [...names];
  const labels = words.map((parts) => parts.slice(common).join('').trim());
  const distinct = new Set(labels).size === labels.length;
  return distinct && labels.every((text) => text.length > 0) ? labels : [...names];
}
