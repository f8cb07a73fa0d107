// The agenda's commands: choose the conference it follows, resolve overlapping picks (the session kept stays, the
// other becomes `skipped` — the Set Status edit, one undo step), and export the picks as an iCalendar file (asked
// before replacing a file, written whole or not at all).
import * as vscode from 'vscode';
import type { Agenda, Overlap } from '../../core/agenda/agenda';
import { AGENDA_MESSAGES, type AgendaLabels } from '../../core/agenda/agendaMessages';
import { agendaToICalendar } from '../../core/agenda/icalendar';
import type { Session } from '../../core/notes/model';
import { slugifyFileName } from '../../core/templates/fileNames';
import { fileExists } from '../files';
import { localizeMessages } from '../localize';
import type { AgendaModel } from './agendaModel';
import { dayLabel, whenAndWhere } from './agendaTree';

/** The Sessions view's Set Status command: the one edit of a status, whichever view asks. */
const SET_STATUS_COMMAND = 'conferenceNotes.setStatus';

/** The dialogs the commands open: VS Code's own when the extension runs, scripted answers in tests. */
export interface AgendaPrompts {
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  showSaveDialog(options: vscode.SaveDialogOptions): Thenable<vscode.Uri | undefined>;
  /** A modal question; resolves with the chosen item, undefined for Cancel. */
  askModal(message: string, ...items: string[]): Thenable<string | undefined>;
}

export const windowAgendaPrompts: AgendaPrompts = {
  showQuickPick: (items, options) => vscode.window.showQuickPick(items, options),
  showSaveDialog: (options) => vscode.window.showSaveDialog(options),
  askModal: (message, ...items) => vscode.window.showInformationMessage(message, { modal: true }, ...items),
};

interface ConferenceItem extends vscode.QuickPickItem {
  /** undefined: follow the conference in progress. */
  readonly conference: string | undefined;
}

interface KeepItem extends vscode.QuickPickItem {
  readonly keep?: Session;
  readonly skip?: Session;
}

/**
 * Writes `bytes` to `target` whole or not at all: into a new file beside it first, which then takes the target's
 * name in one rename. A failure leaves the target as it was and removes the partial file.
 */
export async function writeFileAtomically(target: vscode.Uri, bytes: Uint8Array): Promise<void> {
  const name = target.path.slice(target.path.lastIndexOf('/') + 1);
  const partial = vscode.Uri.joinPath(target, '..', `.${name}.${Date.now().toString(36)}.partial`);
  await vscode.workspace.fs.writeFile(partial, bytes);
  try {
    await vscode.workspace.fs.rename(partial, target, { overwrite: true });
  } catch (error) {
    await vscode.workspace.fs.delete(partial).then(undefined, () => undefined);
    throw error;
  }
}

export class AgendaActions {
  constructor(private readonly model: AgendaModel, private readonly prompts: AgendaPrompts = windowAgendaPrompts) {}

  /** Asks which conference the agenda follows; resolves with its agenda, undefined when the user cancels. */
  async chooseConference(): Promise<Agenda | undefined> {
    const conferences = await this.model.conferences();
    if (conferences.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No sessions found.'));
      return undefined;
    }
    const items: ConferenceItem[] = [
      { label: vscode.l10n.t('The conference in progress'), description: this.model.chosen === undefined ? vscode.l10n.t('current') : undefined, conference: undefined },
      ...conferences.map((conference) => ({ label: conference, description: conference === this.model.chosen ? vscode.l10n.t('current') : undefined, conference })),
    ];
    const chosen = await this.prompts.showQuickPick(items, { title: vscode.l10n.t('Agenda of Which Conference?') });
    if (!chosen) return undefined;
    await this.model.choose(chosen.conference);
    return this.model.current();
  }

  /** The agenda shown, or — when no conference is on or chosen — the one the user picks now. */
  private async agenda(): Promise<Agenda | undefined> {
    return (await this.model.current()) ?? this.chooseConference();
  }

  /** Lists the overlapping picks; the session chosen is kept and the other of its pair becomes `skipped`. */
  async showOverlaps(): Promise<Session | undefined> {
    const agenda = await this.agenda();
    if (!agenda) return undefined;
    if (agenda.overlaps.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No planned or attended sessions of {0} overlap.', agenda.conference));
      return undefined;
    }
    const items = agenda.overlaps.flatMap((overlap) => this.keepItems(agenda, overlap));
    const chosen = await this.prompts.showQuickPick(items, {
      title: vscode.l10n.t('Overlapping Sessions of {0}', agenda.conference),
      placeHolder: vscode.l10n.t('Pick the session to keep; the other becomes skipped'),
      matchOnDescription: true,
    });
    if (!chosen?.keep || !chosen.skip) return undefined;
    await vscode.commands.executeCommand(SET_STATUS_COMMAND, chosen.skip, 'skipped');
    return chosen.skip;
  }

  private keepItems(agenda: Agenda, { first, second }: Overlap): KeepItem[] {
    const day = agenda.days.find((candidate) => candidate.slots.some((slot) => slot.entries.includes(first)));
    const heading: KeepItem = { label: `${day ? dayLabel(day) : ''} ${first.timeLabel ?? ''}`.trim(), kind: vscode.QuickPickItemKind.Separator };
    const keep = (kept: typeof first, skipped: typeof first): KeepItem => ({
      label: kept.session.title,
      description: whenAndWhere(kept),
      detail: vscode.l10n.t('Keep it: "{0}" becomes skipped', skipped.session.title),
      keep: kept.session,
      skip: skipped.session,
    });
    return [heading, keep(first, second), keep(second, first)];
  }

  /** Exports the picks of the agenda as an .ics file the user names; resolves with the file written. */
  async exportICalendar(): Promise<vscode.Uri | undefined> {
    const agenda = await this.agenda();
    if (!agenda) return undefined;
    const labels = localizeMessages(AGENDA_MESSAGES) as AgendaLabels;
    const exported = await agendaToICalendar(agenda, { now: this.model.now(), notePath: (session) => vscode.workspace.asRelativePath(vscode.Uri.parse(session.uri)), labels });
    if (exported.exported === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to export: no planned or attended session of {0} has a date and a time.', agenda.conference));
      return undefined;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const fileName = `${slugifyFileName(agenda.conference, { fallback: 'agenda' })}-agenda.ics`;
    const target = await this.prompts.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
      filters: { [vscode.l10n.t('iCalendar')]: ['ics'] },
      title: vscode.l10n.t('Export My Agenda as iCalendar'),
      saveLabel: vscode.l10n.t('Export'),
    });
    if (!target) return undefined;
    if (await fileExists(target)) {
      const replace = vscode.l10n.t('Replace');
      const answer = await this.prompts.askModal(vscode.l10n.t('{0} already exists. Replace it with the agenda?', vscode.workspace.asRelativePath(target)), replace);
      if (answer !== replace) return undefined;
    }
    await writeFileAtomically(target, new TextEncoder().encode(exported.text));
    const saved = vscode.l10n.t('Exported {0} sessions to {1}.', exported.exported, vscode.workspace.asRelativePath(target));
    const leftOut = exported.leftOut.length > 0 ? ` ${vscode.l10n.t('{0} without a date or a time were left out.', exported.leftOut.length)}` : '';
    void vscode.window.showInformationMessage(saved + leftOut);
    return target;
  }
}
