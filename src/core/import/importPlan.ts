// What importing a schedule into a folder will write, decided the same way for the VS Code command and the CLI:
// a first import creates the report (or one file per session); an import into notes of an earlier import of the
// same schedule is a re-import, a three-way merge against what the last import wrote (kept in the folder's import
// record, importRecord.ts) that edits only values the notes still hold as imported and adds new sessions.
import { renderReport, withScheduleOrigin, type ReportLayoutOptions } from './sessionStub';
import { slugifyFileName } from '../templates/fileNames';
import { applyEdits, planReportReimport, planSessionFilesReimport, summarizeReimport, type ReimportPlan } from './merge';
import {
  EMPTY_IMPORT_RECORD, IMPORT_RECORD_FILE, importedValues, parseImportRecord, serializeImportRecord, type ImportRecord, type SessionRecords,
} from './importRecord';
import { importMessage, type ImportMessage } from './messages';
import type { ImportedSchedule } from './scheduleModel';

export { IMPORT_RECORD_FILE } from './importRecord';

export type ImportLayout = 'report' | 'files';

/** One file the import writes: a new file, or the new text of an existing one. */
export interface ImportWrite {
  readonly name: string;
  readonly kind: 'create' | 'update';
  readonly text: string;
  /** For an update: the text the plan was made against, written back if a later write of the plan fails. */
  readonly previous?: string;
}

export interface ImportPlan {
  /** The notes first, the import record last. Empty when nothing needs to change. */
  readonly writes: readonly ImportWrite[];
  /** The count line first, then what was added, changed, cancelled and kept, then warnings (the schedule's too). */
  readonly summary: readonly ImportMessage[];
  /** Counts of the plan (a first report import counts every written session as added). */
  readonly counts: Pick<ReimportPlan, 'added' | 'changed' | 'cancelled' | 'unchanged' | 'conflicts'>;
}

export interface ImportTarget {
  readonly layout: ImportLayout;
  /** The markdown files already in the target folder (name without folder, and text). */
  readonly existingFiles: readonly { readonly name: string; readonly text: string }[];
  /** The text of the folder's import record ({@link IMPORT_RECORD_FILE}), when there is one. */
  readonly recordText?: string;
  readonly reportLayout?: ReportLayoutOptions;
  /** UIDs the workspace's notes hold, so a session the user moved elsewhere is not written again. */
  readonly knownUids?: Iterable<string>;
}

/** The report file a schedule is imported into: named after the conference. */
export function reportFileName(schedule: ImportedSchedule): string {
  return `${slugifyFileName(schedule.conference, { fallback: 'schedule' })}.md`;
}

function readRecord(target: ImportTarget, warnings: ImportMessage[]): ImportRecord {
  if (target.recordText === undefined) return EMPTY_IMPORT_RECORD;
  const record = parseImportRecord(target.recordText);
  if (record) return record;
  warnings.push(importMessage('import-record-unreadable', [IMPORT_RECORD_FILE], 'warning'));
  return EMPTY_IMPORT_RECORD;
}

/** The record's write, when the new record differs from what the folder holds (the same record, the same bytes). */
function recordWrite(target: ImportTarget, before: ImportRecord, after: ImportRecord): ImportWrite[] {
  const text = serializeImportRecord(after);
  // A record the user reformatted but that says the same is left as it is.
  if (target.recordText !== undefined && parseImportRecord(target.recordText) && serializeImportRecord(before) === text) return [];
  return target.recordText === undefined
    ? [{ name: IMPORT_RECORD_FILE, kind: 'create', text }]
    : [{ name: IMPORT_RECORD_FILE, kind: 'update', text, previous: target.recordText }];
}

export function planImport(schedule: ImportedSchedule, target: ImportTarget): ImportPlan {
  const recordWarnings: ImportMessage[] = [];
  const record = readRecord(target, recordWarnings);
  const options = { ...target.reportLayout, knownUids: target.knownUids };
  if (target.layout === 'files') {
    const plan = planSessionFilesReimport(target.existingFiles, schedule, { ...options, imported: record.sessionFiles });
    const byName = new Map(target.existingFiles.map((file) => [file.name, file.text]));
    const notes: ImportWrite[] = [
      ...plan.newFiles.map((file) => ({ name: file.name, kind: 'create' as const, text: file.text })),
      ...plan.edits.map((file) => {
        const previous = byName.get(file.name) ?? '';
        return { name: file.name, kind: 'update' as const, text: applyEdits(previous, file.edits), previous };
      }),
    ];
    const after = { ...record, sessionFiles: plan.record };
    return {
      writes: [...notes, ...recordWrite(target, record, after)],
      summary: [...summarizeReimport(plan), ...recordWarnings, ...schedule.warnings],
      counts: plan,
    };
  }

  const name = reportFileName(schedule);
  const existing = target.existingFiles.find((file) => file.name.toLowerCase() === name.toLowerCase());
  const withReport = (sessions: SessionRecords, reportName: string): ImportRecord => ({ ...record, reports: new Map([...record.reports, [reportName, sessions]]) });
  if (existing) {
    const plan = planReportReimport(existing.text, schedule, { ...options, imported: record.reports.get(existing.name) });
    const text = withScheduleOrigin(applyEdits(existing.text, plan.edits), schedule);
    const notes: ImportWrite[] = text !== existing.text ? [{ name: existing.name, kind: 'update', text, previous: existing.text }] : [];
    return {
      writes: [...notes, ...recordWrite(target, record, withReport(plan.record, existing.name))],
      summary: [...summarizeReimport(plan), ...recordWarnings, ...schedule.warnings],
      counts: plan,
    };
  }
  const written = schedule.sessions.filter((session) => !session.cancelled);
  const imported = new Map(written.map((session) => [session.uid, importedValues(session)]));
  return {
    writes: [{ name, kind: 'create', text: renderReport(schedule, target.reportLayout) }, ...recordWrite(target, record, withReport(imported, name))],
    summary: [importMessage('reimport-summary', [written.length, 0, 0, 0], 'info'), ...recordWarnings, ...schedule.warnings],
    counts: { added: written, changed: [], cancelled: [], unchanged: [], conflicts: [] },
  };
}
