// The agenda as plain rows, for the command line: a heading per day, then one row per session — time, room,
// status, title and what it overlaps. The caller aligns the columns and makes the cells safe for its terminal.
import { fillTemplate } from '../messages';
import type { Agenda } from './agenda';
import { AGENDA_MESSAGES, type AgendaLabels } from './agendaMessages';

export interface AgendaTextDay {
  readonly heading: string;
  readonly rows: readonly (readonly string[])[];
}

export function agendaTextDays(agenda: Agenda, labels: AgendaLabels = AGENDA_MESSAGES): AgendaTextDay[] {
  return agenda.days.map((day) => ({
    heading: day.key ?? labels.noDate,
    rows: day.slots.flatMap((slot) =>
      slot.entries.map((entry) => {
        const overlapping = agenda.overlapsBySession.get(entry.session.id);
        return [
          entry.timeLabel ?? labels.noTime,
          entry.session.room ?? '',
          entry.session.status ?? '',
          entry.session.title,
          overlapping ? fillTemplate(labels.overlapsWith, [overlapping.map((session) => session.title).join(', ')]) : '',
        ];
      }),
    ),
  }));
}
