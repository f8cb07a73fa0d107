// A session's time as people write it in notes: `10:00`, `10:00–10:30`, `9:00 - 9:45`, `2:30 PM to 3:15 PM`,
// `13:00〜13:40`. Read into 24-hour `HH:mm` strings, so the agenda can order, group and compare sessions.
import { isRealWallTime } from '../import/zonedTime';

/** A start and, when written, an end on the conference's clock; `endsNextDay` for a session across midnight. */
export interface ClockSpan {
  readonly start: string;
  readonly end?: string;
  readonly endsNextDay?: boolean;
}

const CLOCK = String.raw`(\d{1,2})\s*[:：.]\s*(\d{2})\s*(a\.?m\.?|p\.?m\.?)?`;
const SPAN = new RegExp(String.raw`^\s*${CLOCK}(?:\s*(?:[-‐‑–—~〜～]|to|から)\s*${CLOCK})?`, 'i');

const pad = (value: number): string => String(value).padStart(2, '0');

/** `HH:mm` of an hour, minute and optional meridiem; undefined when it is not a time of day. */
function clockOf(hour: string, minute: string, meridiem: string | undefined): string | undefined {
  let hours = Number(hour);
  const minutes = Number(minute);
  if (minutes > 59) return undefined;
  if (meridiem !== undefined) {
    if (hours < 1 || hours > 12) return undefined;
    const afternoon = /^p/i.test(meridiem);
    hours = (hours % 12) + (afternoon ? 12 : 0);
  }
  return hours > 23 ? undefined : `${pad(hours)}:${pad(minutes)}`;
}

/** The span a time field holds; undefined when it does not start with a time of day. Text after the span is ignored. */
export function readClockSpan(text: string | undefined): ClockSpan | undefined {
  if (text === undefined) return undefined;
  const match = SPAN.exec(text);
  if (!match) return undefined;
  const [, startHour, startMinute, startMeridiem, endHour, endMinute, endMeridiem] = match;
  // `2:30–3:15 PM`: a meridiem written once applies to both ends — unless the start would then come after the end
  // (`11:30–1:00 PM` starts before noon).
  const end = endHour === undefined ? undefined : clockOf(endHour, endMinute, endMeridiem ?? startMeridiem);
  let start = clockOf(startHour, startMinute, startMeridiem ?? endMeridiem);
  if (startMeridiem === undefined && endMeridiem !== undefined && (start === undefined || (end !== undefined && start > end))) {
    start = clockOf(startHour, startMinute, undefined);
  }
  if (start === undefined) return undefined;
  if (end === undefined || end === start) return { start };
  return end < start ? { start, end, endsNextDay: true } : { start, end };
}

/** Minutes since midnight of an `HH:mm` time. */
export function minutesOf(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

/** The ISO date a session's date field holds, or undefined for a day label (`Day 1`) or an unreadable date. */
export function isoDateOf(text: string | undefined): string | undefined {
  if (text === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  return isRealWallTime({ date: text, time: '00:00' }) ? text : undefined;
}
