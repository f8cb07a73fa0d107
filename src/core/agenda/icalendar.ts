// "Export My Agenda as iCalendar": the sessions the user picked (planned or attended) as VEVENTs that phone and
// desktop calendars import — UTC times (no VTIMEZONE needed), the room as LOCATION, speakers, track, links and the
// note's path in DESCRIPTION. Written with ical.js, which escapes and folds every value, so no note text can end
// a property or start a component of its own.
import { withoutControlCharacters } from '../import/controlCharacters';
import type { Session } from '../notes/model';
import { agendaEntries, isPicked, type Agenda, type AgendaEntry } from './agenda';
import { AGENDA_MESSAGES, type AgendaLabels } from './agendaMessages';
import { fillTemplate } from '../messages';

// ical.js is loaded on first use only: it is the largest dependency, and most sessions never export.
const loadIcal = async () => (await import('ical.js')).default;

export interface ICalendarOptions {
  /** The moment of the export: every event's DTSTAMP. */
  readonly now: Date;
  /** Where the session's note is, as the user finds it (a workspace-relative path). */
  readonly notePath: (session: Session) => string;
  /** AGENDA_MESSAGES in the user's language. */
  readonly labels?: AgendaLabels;
}

export interface ICalendarExport {
  readonly text: string;
  /** The events written. */
  readonly exported: number;
  /** Picked sessions without an ISO date and a readable time: a calendar cannot place them. */
  readonly leftOut: readonly Session[];
}

const PRODUCT_ID = '-//Conference Notes//Agenda//EN';

/** FNV-1a, as hex: a stable UID for a session the schedule gave none, without putting its file's URI in the calendar. */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

const clean = (text: string): string => withoutControlCharacters(text).trim();

function descriptionOf(session: Session, notePath: string, labels: AgendaLabels): string {
  const lines: string[] = [];
  if (session.speakers.length > 0) lines.push(fillTemplate(labels.speakersLine, [session.speakers.join(', ')]));
  if (session.track !== undefined) lines.push(fillTemplate(labels.trackLine, [session.track]));
  for (const link of session.links) lines.push(`${link.label}: ${link.url}`);
  lines.push(fillTemplate(labels.noteLine, [notePath]));
  return clean(lines.join('\n'));
}

/** The picked sessions of the agenda as an iCalendar text (CRLF line ends, as RFC 5545 wants). */
export async function agendaToICalendar(agenda: Agenda, options: ICalendarOptions): Promise<ICalendarExport> {
  const ICAL = await loadIcal();
  const labels = options.labels ?? AGENDA_MESSAGES;
  const picked = agendaEntries(agenda).filter((entry) => isPicked(entry.session));
  const placed = picked.filter((entry): entry is AgendaEntry & { startMs: number } => entry.startMs !== undefined);
  const calendar = new ICAL.Component('vcalendar');
  calendar.addPropertyWithValue('prodid', PRODUCT_ID);
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  calendar.addPropertyWithValue('method', 'PUBLISH');
  calendar.addPropertyWithValue('x-wr-calname', clean(fillTemplate(labels.calendarName, [agenda.conference])));
  const stamp = ICAL.Time.fromJSDate(options.now, true);
  for (const entry of placed) {
    const { session } = entry;
    const event = new ICAL.Component('vevent');
    event.addPropertyWithValue('uid', session.uid !== undefined ? clean(session.uid) : `${hashOf(`${session.conference}\u0000${session.id}`)}@conference-notes`);
    event.addPropertyWithValue('dtstamp', stamp);
    event.addPropertyWithValue('dtstart', ICAL.Time.fromJSDate(new Date(entry.startMs), true));
    if (entry.endMs !== undefined) event.addPropertyWithValue('dtend', ICAL.Time.fromJSDate(new Date(entry.endMs), true));
    event.addPropertyWithValue('summary', clean(session.title));
    if (session.room !== undefined) event.addPropertyWithValue('location', clean(session.room));
    event.addPropertyWithValue('description', descriptionOf(session, options.notePath(session), labels));
    if (session.track !== undefined) event.addPropertyWithValue('categories', clean(session.track));
    const link = session.links.find((candidate) => /^https?:\/\//i.test(candidate.url));
    if (link) event.addPropertyWithValue('url', link.url);
    event.addPropertyWithValue('status', 'CONFIRMED');
    calendar.addSubcomponent(event);
  }
  const text = calendar.toString().replace(/\r?\n/g, '\r\n');
  return { text: `${text}\r\n`, exported: placed.length, leftOut: picked.filter((entry) => entry.startMs === undefined).map((entry) => entry.session) };
}
