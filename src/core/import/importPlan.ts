// What importing a schedule into a folder will write, decided the same way for the VS Code command and the CLI:
// a first import creates the report (or one file per session); an import into notes of an earlier import of the
// same schedule is a re-import that edits only field lines and adds new sessions, never replacing user text.
import { renderReport, type ReportLayoutOptions } from './sessionStub';
import { slugifyFileName } from '../templates/fileNames';
import { applyEdits, planReportReimport, planSessionFilesReimport, summarizeReimport, type ReimportPlan } from './merge';
import { importMessage, type ImportMessage } from './messages';
import type { ImportedSchedule } from './scheduleModel';

export type ImportLayout = 'report' | 'files';

/** One file the import writes: a new file, or the new text of an existing one (with the edits that make it). */
export interface ImportWrite {
  readonly name: string;
  readonly kind: 'create' | 'update';
  readonly text: string;
}

export interface ImportPlan {
  readonly writes: readonly ImportWrite[];
  /** The count line first, then what was added, changed and cancelled, then warnings (the schedule's too). */
  readonly summary: readonly ImportMessage[];
  /** Counts of the plan (a first report import counts every written session as added). */
  readonly counts: Pick<ReimportPlan, 'added' | 'changed' | 'cancelled' | 'unchanged'>;
}

export interface ImportTarget {
  readonly layout: ImportLayout;
  /** The markdown files already in the target folder (name without folder, and text). */
  readonly existingFiles: readonly { readonly name: string; readonly text: string }[];
  readonly reportLayout?: ReportLayoutOptions;
  /** UIDs the workspace's notes hold, so a session the user moved elsewhere is not written again. */
  readonly knownUids?: Iterable<string>;
}

/** The report file a schedule is imported into: named after the conference. */
export function reportFileName(schedule: ImportedSchedule): string {
  return `${slugifyFileName(schedule.conference, { fallback: 'schedule' })}.md`;
}

export function planImport(schedule: ImportedSchedule, target: ImportTarget): ImportPlan {
  if (target.layout === 'files') {
    const plan = planSessionFilesReimport(target.existingFiles, schedule, { ...target.reportLayout, knownUids: target.knownUids });
    const byName = new Map(target.existingFiles.map((file) => [file.name, file.text]));
    return {
      writes: [
        ...plan.newFiles.map((file) => ({ name: file.name, kind: 'create' as const, text: file.text })),
        ...plan.edits.map((file) => ({ name: file.name, kind: 'update' as const, text: applyEdits(byName.get(file.name) ?? '', file.edits) })),
      ],
      summary: [...summarizeReimport(plan), ...schedule.warnings],
      counts: plan,
    };
  }

  const name = reportFileName(schedule);
  const existing = target.existingFiles.find((file) => file.name.toLowerCase() === name.toLowerCase());
  if (existing) {
    const plan = planReportReimport(existing.text, schedule, { ...target.reportLayout, knownUids: target.knownUids });
    return {
      writes: plan.edits.length > 0 ? [{ name: existing.name, kind: 'update', text: applyEdits(existing.text, plan.edits) }] : [],
      summary: [...summarizeReimport(plan), ...schedule.warnings],
      counts: plan,
    };
  }
  const written = schedule.sessions.filter((session) => !session.cancelled);
  return {
    writes: [{ name, kind: 'create', text: renderReport(schedule, target.reportLayout) }],
    summary: [importMessage('reimport-summary', [written.length, 0, 0, 0], 'info'), ...schedule.warnings],
    counts: { added: written, changed: [], cancelled: [], unchanged: [] },
  };
}
