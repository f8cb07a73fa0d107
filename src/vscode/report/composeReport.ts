// Compose Conference Report: asks which conference (the one in context first) and what becomes of sessions without
// notes, and opens the report the core composes (report/compose.ts) as an untitled markdown document — nothing is
// written to disk; the user saves it where they like. Notes are read as the user sees them, unsaved edits included.
import * as vscode from 'vscode';
import { composeReport, type SessionsWithoutNotes } from '../../core/report/compose';
import { conferenceInContext, conferenceItems } from '../conferenceContext';
import { windowDialogs, type Dialogs } from '../dialogs';
import type { NoteWorkspace } from '../noteWorkspace';

export const COMPOSE_REPORT_COMMAND = 'conferenceNotes.composeReport';

interface WithoutNotesItem extends vscode.QuickPickItem {
  readonly withoutNotes: SessionsWithoutNotes;
}

export class ComposeReportCommand {
  constructor(private readonly notes: NoteWorkspace, private readonly dialogs: Pick<Dialogs, 'showQuickPick'> = windowDialogs) {}

  /** Composes the report and shows it; resolves with the untitled document, undefined when the user cancels. */
  async run(target?: unknown): Promise<vscode.TextDocument | undefined> {
    await this.notes.ready();
    const conferences = this.notes.index.conferences();
    if (conferences.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No sessions found.'));
      return undefined;
    }
    const items = conferenceItems(this.notes, conferenceInContext(this.notes, target));
    const conference = (await this.dialogs.showQuickPick(items, { title: vscode.l10n.t('Compose the Report of Which Conference?') }))?.conference;
    if (conference === undefined) return undefined;
    const choices: WithoutNotesItem[] = [
      { label: vscode.l10n.t('List Sessions Without Notes'), detail: vscode.l10n.t('Sessions you attended or watched without writing notes get their heading.'), withoutNotes: 'list' },
      { label: vscode.l10n.t('Leave Out Sessions Without Notes'), detail: vscode.l10n.t('Only sessions you wrote notes on are in the report.'), withoutNotes: 'omit' },
    ];
    const withoutNotes = (await this.dialogs.showQuickPick(choices, { title: vscode.l10n.t('Sessions Without Notes') }))?.withoutNotes;
    if (withoutNotes === undefined) return undefined;
    const report = await composeReport(this.notes.index, conference, (uri) => this.notes.noteText(vscode.Uri.parse(uri)), { withoutNotes, displayLanguage: vscode.env.language });
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: report.markdown });
    await vscode.window.showTextDocument(document);
    return document;
  }
}

export function registerComposeReport(context: vscode.ExtensionContext, notes: NoteWorkspace): ComposeReportCommand {
  const command = new ComposeReportCommand(notes);
  context.subscriptions.push(vscode.commands.registerCommand(COMPOSE_REPORT_COMMAND, (target?: unknown) => command.run(target)));
  return command;
}
