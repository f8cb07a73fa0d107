// Dates in templates: ${date:FORMAT} tokens in English and Japanese. No clock: the adapter passes the date in.


export const DEFAULT_DATE_FORMAT = 'YYYY-MM-DD';

const MONTH_NAMES_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAY_NAMES_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const WEEKDAY_NAMES_JA = ['日', '月', '火', '水', '木', '金', '土'];

/**
 * Formats a date (local time) with tokens `YYYY YY MMMM MMM MM M DD D dddd ddd HH H mm ss`; text in `[brackets]`
 * is literal. Month and weekday names are Japanese (`11月`, `火`, `火曜日`) when `language` is Japanese.
 */
export function formatDate(date: Date, format: string, language = 'en'): string {
  const japanese = isJapanese(language);
  const pad = (n: number) => String(n).padStart(2, '0');
  const month = date.getMonth();
  const weekday = date.getDay();
  const tokens: Record<string, () => string> = {
    YYYY: () => String(date.getFullYear()).padStart(4, '0'),
    YY: () => pad(date.getFullYear() % 100),
    MMMM: () => (japanese ? `${month + 1}月` : MONTH_NAMES_EN[month]),
    MMM: () => (japanese ? `${month + 1}月` : MONTH_NAMES_EN[month].slice(0, 3)),
    MM: () => pad(month + 1),
    M: () => String(month + 1),
    DD: () => pad(date.getDate()),
    D: () => String(date.getDate()),
    dddd: () => (japanese ? `${WEEKDAY_NAMES_JA[weekday]}曜日` : WEEKDAY_NAMES_EN[weekday]),
    ddd: () => (japanese ? WEEKDAY_NAMES_JA[weekday] : WEEKDAY_NAMES_EN[weekday].slice(0, 3)),
    HH: () => pad(date.getHours()),
    H: () => String(date.getHours()),
    mm: () => pad(date.getMinutes()),
    ss: () => pad(date.getSeconds()),
  };
  return format.replace(/\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|HH|H|mm|ss/g, (token, literal?: string) =>
    literal !== undefined ? literal : tokens[token](),
  );
}

/** Reads `YYYY-MM-DD` with an optional `THH:mm` or ` HH:mm` as a local date, or undefined. */
export function parseIsoDate(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour = 0, minute = 0] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  const date = new Date(year as number, (month as number) - 1, day as number, hour, minute);
  // Reject overflow such as 2020-02-31, which Date would roll into March.
  return date.getMonth() === (month as number) - 1 && date.getDate() === day ? date : undefined;
}

export function isJapanese(language: string | undefined): boolean {
  return /^ja(?:-|$)/i.test(language ?? '');
}
