// The Sessions view's badge while a conference is on: how many sessions are planned today, on the conference's clock
// (from the agenda). No badge when no conference is on or nothing is planned today.
import * as vscode from 'vscode';
import { plannedToday } from '../../core/agenda/agenda';
import { AgendaFollower } from './agendaFollower';
import type { AgendaModel } from './agendaModel';

export class TodayBadge extends AgendaFollower {
  /** What this badge last set (null: nothing yet): the view is told only of a change. */
  private shown: number | undefined | null = null;

  constructor(model: AgendaModel, private readonly view: Pick<vscode.TreeView<unknown>, 'badge'>) {
    super(model);
    void this.update();
  }

  protected async draw(): Promise<void> {
    const on = this.model.notesRead ? await this.model.conferencesOn() : [];
    if (this.isDisposed) return;
    const at = this.model.now().getTime();
    const planned = on.reduce((sum, agenda) => sum + plannedToday(agenda, at), 0);
    const value = planned > 0 ? planned : undefined;
    if (value === this.shown) return;
    this.shown = value;
    this.view.badge = value === undefined ? undefined : { value, tooltip: vscode.l10n.t('{0} sessions planned today', value) };
  }
}
