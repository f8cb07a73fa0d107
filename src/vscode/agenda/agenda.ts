// The personal agenda in VS Code: the Agenda view beside Sessions, the Now / Next status-bar item, the badge on the
// Sessions view, and the commands Show Overlapping Sessions, Export My Agenda as iCalendar and Choose Agenda
// Conference. Everything runs on the real clock here; the tests build the same classes with a fixed one.
import * as vscode from 'vscode';
import { conferenceDate } from '../../core/agenda/agenda';
import type { NoteWorkspace } from '../noteWorkspace';
import { AgendaActions } from './agendaActions';
import { AgendaFollower } from './agendaFollower';
import { AgendaModel } from './agendaModel';
import { AgendaTreeProvider, type AgendaNode } from './agendaTree';
import { NowNextStatus } from './nowNextStatus';
import { TodayBadge } from './todayBadge';

export const AGENDA_VIEW_ID = 'conferenceNotesAgenda';
const EMPTY_CONTEXT = 'conferenceNotes.agendaEmpty';

export interface AgendaApi {
  readonly model: AgendaModel;
  readonly provider: AgendaTreeProvider;
  readonly view: vscode.TreeView<AgendaNode>;
  readonly status: NowNextStatus;
}

/**
 * Says in the view's title which conference it shows, and lets the welcome text appear when it shows none. Only while
 * the view is visible: an agenda is read from the notes, which are not read before a view or a command asks. The
 * agenda is read again when the view is shown, and when the clock moves into another day or another conference.
 */
class AgendaViewTitle extends AgendaFollower {
  /** The conferences on and the shown conference's date at the last look: the view is redrawn when they change. */
  private moment: string | undefined;

  constructor(model: AgendaModel, private readonly provider: AgendaTreeProvider, private readonly view: vscode.TreeView<AgendaNode>) {
    super(model);
    this.register(provider.onDidChangeTreeData(() => void this.describe()));
    this.register(
      view.onDidChangeVisibility((event) => {
        if (event.visible) provider.refresh();
      }),
    );
    void this.describe();
  }

  protected async draw(): Promise<void> {
    if (!this.view.visible) return;
    const at = this.model.now().getTime();
    const shown = await this.provider.shown();
    const moment = JSON.stringify([(await this.model.conferencesOn()).map((agenda) => agenda.conference), shown && conferenceDate(shown, at)]);
    if (this.moment !== undefined && moment !== this.moment) this.provider.refresh();
    this.moment = moment;
  }

  private async describe(): Promise<void> {
    if (!this.view.visible) return;
    const agenda = await this.provider.shown();
    if (this.isDisposed) return;
    this.view.description = agenda ? `${agenda.conference} · ${agenda.timeZone}` : undefined;
    await vscode.commands.executeCommand('setContext', EMPTY_CONTEXT, agenda === undefined);
  }
}

/**
 * @param sessionsView The Sessions view, whose badge counts today's planned sessions.
 */
export function registerAgenda(context: vscode.ExtensionContext, notes: NoteWorkspace, sessionsView: Pick<vscode.TreeView<unknown>, 'badge'>): AgendaApi {
  const model = new AgendaModel(notes, () => new Date(), context.workspaceState);
  const provider = new AgendaTreeProvider(model);
  const view = vscode.window.createTreeView(AGENDA_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const status = new NowNextStatus(model);
  const actions = new AgendaActions(model);
  context.subscriptions.push(
    model,
    provider,
    view,
    new AgendaViewTitle(model, provider, view),
    status,
    new TodayBadge(model, sessionsView),
    vscode.commands.registerCommand('conferenceNotes.chooseAgendaConference', () => actions.chooseConference()),
    vscode.commands.registerCommand('conferenceNotes.showOverlappingSessions', () => actions.showOverlaps()),
    vscode.commands.registerCommand('conferenceNotes.exportAgendaICalendar', () => actions.exportICalendar()),
  );
  return { model, provider, view, status };
}
