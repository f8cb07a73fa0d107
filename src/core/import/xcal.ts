// xCal, iCalendar in XML (RFC 6321): `<icalendar><vcalendar><properties>…</properties><components><vevent>…`. Each
// component is turned into its jCal (RFC 7265) form, which ical.js reads, so an xCal file is read exactly as the same
// calendar written as an .ics (ics.ts): UID, SUMMARY, DTSTART with TZID, DTEND or DURATION, CATEGORIES, LOCATION,
// STATUS:CANCELLED, ATTENDEE names.
import { parseJcal } from './ics';
import { childNames, element, elements, textOf, type XmlElement } from './xmlDocument';
import { importMessage } from './messages';
import { failure, type ScheduleParseResult } from './scheduleModel';
import { isValidTimeZone, systemTimeZone } from './zonedTime';

/** Value types whose text is the jCal value as it stands; numbers and booleans are converted, other types left out. */
const TEXT_TYPES = new Set(['text', 'date-time', 'date', 'duration', 'uri', 'cal-address', 'utc-offset', 'time', 'unknown']);
const NUMBER_TYPES = new Set(['integer', 'float']);

type JcalProperty = [string, Record<string, string>, string, ...(string | number | boolean)[]];
type JcalComponent = [string, JcalProperty[], JcalComponent[]];

/**
 * Times are written in `timeZone` when one is given; else in the calendar's own zone: the TZID of its first timed
 * event (or its `X-WR-TIMEZONE`), the system's when it names none.
 */
export async function parseXcal(root: XmlElement, fileName: string, timeZone: string | undefined): Promise<ScheduleParseResult> {
  const calendars = elements(root, 'vcalendar').map((calendar) => jcalComponent('vcalendar', calendar));
  if (calendars.length === 0) return failure(importMessage('missing-structure', ['xCal', fileName, '<vcalendar>'], 'error'));
  return parseJcal(calendars, fileName, timeZone ?? ownTimeZone(calendars) ?? systemTimeZone());
}

function jcalComponent(name: string, node: XmlElement): JcalComponent {
  const properties = element(node, 'properties');
  const components = element(node, 'components');
  return [
    name,
    properties ? childNames(properties).flatMap((propertyName) => elements(properties, propertyName).flatMap((property) => jcalProperty(propertyName, property))) : [],
    components ? childNames(components).flatMap((componentName) => elements(components, componentName).map((component) => jcalComponent(componentName, component))) : [],
  ];
}

/** A property's parameters and its values; a property without a value of a readable type is left out. */
function jcalProperty(name: string, node: XmlElement): JcalProperty[] {
  const parameters: Record<string, string> = {};
  const parameterList = element(node, 'parameters');
  for (const parameter of parameterList ? childNames(parameterList) : []) {
    const value = elements(parameterList, parameter).flatMap((entry) => childNames(entry).map((type) => textOf(element(entry, type))))[0];
    if (value !== undefined) parameters[parameter] = value;
  }
  for (const type of childNames(node)) {
    if (type === 'parameters') continue;
    const values = elements(node, type).map(textOf).filter((value): value is string => value !== undefined);
    if (values.length === 0) continue;
    if (TEXT_TYPES.has(type)) return [[name, parameters, type, ...values]];
    if (NUMBER_TYPES.has(type) && values.every((value) => Number.isFinite(Number(value)))) return [[name, parameters, type, ...values.map(Number)]];
    if (type === 'boolean') return [[name, parameters, type, ...values.map((value) => value.toLowerCase() === 'true')]];
  }
  return [];
}

function ownTimeZone(calendars: readonly JcalComponent[]): string | undefined {
  for (const [, properties, components] of calendars) {
    for (const [, subProperties] of components) {
      const tzid = subProperties.find(([name]) => name === 'dtstart')?.[1].tzid;
      if (tzid !== undefined && isValidTimeZone(tzid)) return tzid;
    }
    const declared = properties.find(([name]) => name === 'x-wr-timezone')?.[3];
    if (typeof declared === 'string' && isValidTimeZone(declared)) return declared;
  }
  return undefined;
}

