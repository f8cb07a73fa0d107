// The Agenda view: the followed conference's days → time slots → sessions, on the conference's clock, each session
// with its time, room and status icon, overlapping picks marked. Clicking a session opens its note. The agenda is
// rebuilt when the notes change or another conference is chosen; node ids are stable, so expansion survives.
import * as vscode from 'vscode';
import type { Agenda, AgendaDay, AgendaEntry, AgendaSlot } from '../../core/agenda/agenda';
import { conferenceDate } from '../../core/agenda/agenda';
import type { Session, SessionStatus } from '../../core/notes/model';
import { Disposable } from '../disposable';
import { OPEN_SESSION_COMMAND, sessionContextValue } from '../openSession';
import type { AgendaModel } from './agendaModel';

export type AgendaNode =
  | { readonly kind: 'day'; readonly id: string; readonly day: AgendaDay; readonly today: boolean }
  | { readonly kind: 'slot'; readonly id: string; readonly slot: AgendaSlot; readonly day: AgendaDay }
  // `kind: 'session'` and `session`, as the Sessions view's nodes: its context-menu commands take these too.
  | { readonly kind: 'session'; readonly id: string; readonly session: Session; readonly entry: AgendaEntry; readonly overlaps: readonly Session[] };

// The Sessions view's icons, so a status looks the same in both views.
const STATUS_ICONS: Readonly<Record<SessionStatus, string>> = { planned: 'circle-large-outline', attended: 'pass-filled', watched: 'eye', 'to-watch': 'clock', skipped: 'debug-step-over', cancelled: 'circle-slash' };

/** `Wed, May 14` in the display language, for an ISO date (read as a calendar date, whatever the machine's zone). */
export function dayLabel(day: Pick<AgendaDay, 'key' | 'date'>): string {
  if (day.date === undefined) return day.key ?? vscode.l10n.t('(no date)');
  const format = new Intl.DateTimeFormat(vscode.env.language, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
  return format.format(new Date(`${day.date}T12:00:00Z`));
}

/** `10:00–10:30 · K.1.105`: what the agenda and its pickers say about where and when a session is. */
export function whenAndWhere(entry: AgendaEntry): string {
  return [entry.timeLabel ?? vscode.l10n.t('(no time)'), entry.session.room].filter(Boolean).join(' · ');
}

export class AgendaTreeProvider extends Disposable implements vscode.TreeDataProvider<AgendaNode> {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<AgendaNode | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private agenda: Promise<Agenda | undefined> | undefined;

  constructor(private readonly model: AgendaModel) {
    super();
    this.register(model.onDidChange(() => this.refresh()));
  }

  /** Reads the agenda again (the clock moved to another day, say) and redraws the view. */
  refresh(): void {
    this.agenda = undefined;
    this.changeEmitter.fire(undefined);
  }

  /** The agenda the view shows; undefined when no conference is on or chosen. */
  shown(): Promise<Agenda | undefined> {
    this.agenda ??= this.model.current();
    return this.agenda;
  }

  async getChildren(node?: AgendaNode): Promise<AgendaNode[]> {
    const agenda = await this.shown();
    if (!agenda) return [];
    const prefix = `${agenda.conference}\u0000`;
    if (!node) {
      const today = conferenceDate(agenda, this.model.now().getTime());
      return agenda.days.map((day) => ({ kind: 'day', id: `day:${prefix}${day.key ?? ''}`, day, today: day.date === today }));
    }
    if (node.kind === 'day') return node.day.slots.map((slot) => ({ kind: 'slot', id: `slot:${prefix}${node.day.key ?? ''}\u0000${slot.start ?? ''}`, slot, day: node.day }));
    if (node.kind === 'slot') {
      return node.slot.entries.map((entry) => ({
        kind: 'session',
        id: `session:${prefix}${entry.session.id}`,
        session: entry.session,
        entry,
        overlaps: agenda.overlapsBySession.get(entry.session.id) ?? [],
      }));
    }
    return [];
  }

  getTreeItem(node: AgendaNode): vscode.TreeItem {
    switch (node.kind) {
      case 'day': {
        const item = new vscode.TreeItem(dayLabel(node.day), node.today ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        const sessions = node.day.slots.reduce((sum, slot) => sum + slot.entries.length, 0);
        item.description = node.today ? vscode.l10n.t('{0} · today', sessions) : String(sessions);
        item.iconPath = new vscode.ThemeIcon(node.today ? 'calendar' : 'circle-small');
        return this.identified(item, node);
      }
      case 'slot': {
        const item = new vscode.TreeItem(node.slot.start ?? vscode.l10n.t('(no time)'), vscode.TreeItemCollapsibleState.Expanded);
        item.description = String(node.slot.entries.length);
        item.iconPath = new vscode.ThemeIcon('clock');
        return this.identified(item, node);
      }
      case 'session':
        return this.sessionItem(node);
    }
  }

  private sessionItem(node: Extract<AgendaNode, { kind: 'session' }>): vscode.TreeItem {
    const { session, entry, overlaps } = node;
    const item = new vscode.TreeItem(session.title, vscode.TreeItemCollapsibleState.None);
    const where = whenAndWhere(entry);
    const clash = overlaps.length > 0 ? vscode.l10n.t('overlaps {0}', overlaps.map((other) => other.title).join(', ')) : undefined;
    item.description = clash ? `${where} · ⚠ ${clash}` : where;
    const icon = session.status ? STATUS_ICONS[session.status] : 'note';
    item.iconPath = clash ? new vscode.ThemeIcon(icon, new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon(icon);
    // Text only: nothing from a note becomes markup.
    const tooltip = new vscode.MarkdownString();
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    tooltip.appendMarkdown('**').appendText(session.title).appendMarkdown('**\n\n').appendText(where);
    if (session.speakers.length > 0) tooltip.appendMarkdown('\n\n').appendText(session.speakers.join(', '));
    if (clash) tooltip.appendMarkdown('\n\n$(warning) ').appendText(clash);
    item.tooltip = tooltip;
    item.contextValue = sessionContextValue(session, clash ? 'sessionOverlapping' : 'session');
    item.command = { command: OPEN_SESSION_COMMAND, title: vscode.l10n.t('Open Session'), arguments: [session] };
    return this.identified(item, node);
  }

  private identified(item: vscode.TreeItem, node: AgendaNode): vscode.TreeItem {
    item.id = node.id;
    return item;
  }
}
