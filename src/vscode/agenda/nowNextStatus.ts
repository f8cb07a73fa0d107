// The Now / Next status-bar item while a conference is on: the session running now (or, between sessions, the next
// one) with its time and room — `Next 14:30 K.1.105 — Tide Tables in the Browser`. Clicking it opens that session's
// note. It follows the user's picks (planned or attended), updates on a timer and when the notes change, and is
// hidden when no conference is on.
import * as vscode from 'vscode';
import { conferenceDate, followedEntries, nowAndNext, type AgendaEntry } from '../../core/agenda/agenda';
import { OPEN_SESSION_COMMAND } from '../openSession';
import { AgendaFollower } from './agendaFollower';
import type { AgendaModel } from './agendaModel';
import { dayLabel } from './agendaTree';

function nowText(entry: AgendaEntry): string {
  const { room, title } = entry.session;
  const time = entry.timeLabel as string;
  return room ? vscode.l10n.t('Now {0} {1} — {2}', time, room, title) : vscode.l10n.t('Now {0} — {1}', time, title);
}

function nextText(entry: AgendaEntry, today: string): string {
  const { room, title } = entry.session;
  const start = entry.start as string;
  // A session of another day says which day.
  const date = entry.session.date;
  const when = date === today || date === undefined ? start : `${dayLabel({ key: date, date })} ${start}`;
  return room ? vscode.l10n.t('Next {0} {1} — {2}', when, room, title) : vscode.l10n.t('Next {0} — {1}', when, title);
}

export class NowNextStatus extends AgendaFollower {
  readonly item = this.register(vscode.window.createStatusBarItem('conferenceNotes.nowNext', vscode.StatusBarAlignment.Left, 50));
  private showing = false;

  constructor(model: AgendaModel) {
    super(model);
    this.item.name = vscode.l10n.t('Conference Now / Next');
    void this.update();
  }

  /** Whether the item is in the status bar (a conference is on). */
  get visible(): boolean {
    return this.showing;
  }

  protected async draw(): Promise<void> {
    const agenda = this.model.notesRead ? await this.model.inProgress() : undefined;
    if (this.isDisposed) return;
    this.showing = agenda !== undefined;
    if (!agenda) {
      this.item.hide();
      return;
    }
    const at = this.model.now().getTime();
    const { now, next } = nowAndNext(followedEntries(agenda), at);
    const today = conferenceDate(agenda, at);
    const lines = [...now.map(nowText), ...next.map((entry) => nextText(entry, today))];
    const shown = now[0] ?? next[0];
    if (!shown) {
      this.item.text = `$(calendar) ${vscode.l10n.t('{0}: nothing more today', agenda.conference)}`;
      this.item.tooltip = agenda.conference;
      this.item.command = undefined;
    } else {
      this.item.text = `$(calendar) ${now[0] ? nowText(now[0]) : nextText(next[0], today)}`;
      this.item.tooltip = [agenda.conference, ...lines].join('\n');
      this.item.command = { command: OPEN_SESSION_COMMAND, title: vscode.l10n.t('Open Session'), arguments: [shown.session] };
    }
    this.item.accessibilityInformation = { label: this.item.tooltip };
    this.item.show();
  }
}
