// frab/Pentabarf schedule XML — FOSDEM's `/schedule/xml`, the Chaos events' `schedule.xml`, pretalx's
// `/schedule/export/schedule.xml`, wafer's (DebConf) `/schedule/pentabarf.xml`:
// `<schedule><conference>…</conference><day date><room name><event guid id>` with `title`, `track`, `type`, `date`,
// `start`, `duration`, `room`, `persons/person`, `abstract`, `url`, `links/link`, `attachments/attachment`.
// Read into the frab JSON shape, so both go through one event reader (frabJson.ts).
import { readFrabConference } from './frabJson';
import { attribute, childText, element, elements, textOf, type XmlElement } from './xmlDocument';
import { tooManySessions, type ScheduleParseResult } from './scheduleModel';

export function parseFrabXml(root: XmlElement, fileName: string, timeZone: string | undefined): ScheduleParseResult {
  const days = elements(root, 'day');
  const eventCount = days.reduce((count, day) => count + elements(day, 'room').reduce((sum, room) => sum + elements(room, 'event').length, 0), 0);
  const tooMany = tooManySessions(fileName, eventCount);
  if (tooMany) return tooMany;
  const conference = element(root, 'conference');
  return readFrabConference(
    {
      title: childText(conference, 'title'),
      time_zone_name: childText(conference, 'time_zone_name'),
      base_url: childText(conference, 'base_url'),
      days: days.length === 0 ? undefined : days.map((day) => ({ date: attribute(day, 'date'), rooms: roomsOf(day) })),
    },
    childText(root, 'base_url'),
    'frab-xml',
    fileName,
    timeZone,
  );
}

/** The events of a day by room name; rooms of the same name (some exports repeat them) are joined. */
function roomsOf(day: XmlElement): Record<string, Record<string, unknown>[]> {
  const rooms: Record<string, Record<string, unknown>[]> = {};
  for (const room of elements(day, 'room')) {
    const name = attribute(room, 'name') ?? '';
    rooms[name] = [...(rooms[name] ?? []), ...elements(room, 'event').map(eventRecord)];
  }
  return rooms;
}

function eventRecord(event: XmlElement): Record<string, unknown> {
  const field = (name: string) => childText(event, name);
  const linksOf = (listName: string, itemName: string) => elements(element(event, listName), itemName).map((link) => ({
    url: attribute(link, 'href'),
    type: attribute(link, 'type'),
    title: textOf(link),
  }));
  return {
    // Old Pentabarf exports have only the numeric `id`; it is unique within the schedule.
    guid: attribute(event, 'guid') ?? attribute(event, 'id'),
    title: field('title'),
    track: field('track'),
    type: field('type'),
    date: field('date'),
    start: field('start'),
    duration: field('duration'),
    room: field('room'),
    url: field('url'),
    full_conf_url: field('full_conf_url'),
    abstract: field('abstract'),
    description: field('description'),
    persons: elements(element(event, 'persons'), 'person').map((person) => ({ public_name: textOf(person) })),
    attachments: linksOf('attachments', 'attachment'),
    links: linksOf('links', 'link'),
  };
}

