// The agenda's own words, in English: the templates are the l10n keys that the extension and the CLI localise.
export const AGENDA_MESSAGES = {
  noDate: '(no date)',
  noTime: '(no time)',
  overlapsWith: 'overlaps {0}',
  speakersLine: 'Speakers: {0}',
  trackLine: 'Track: {0}',
  noteLine: 'Note: {0}',
  calendarName: '{0} (my agenda)',
} as const;

export type AgendaLabels = { readonly [K in keyof typeof AGENDA_MESSAGES]: string };
