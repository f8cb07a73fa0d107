// A folder of notes in memory, imported into the way both hosts do it: the plan is made from the folder's markdown
// files and its import record, and every write of the plan is applied.
import { IMPORT_RECORD_FILE, planImport, type ImportLayout, type ImportPlan } from '../../../src/core/import/importPlan';
import type { ImportedSchedule } from '../../../src/core/import/scheduleModel';

/** File name → text. */
export type Folder = Map<string, string>;

export function importInto(folder: Folder, schedule: ImportedSchedule, layout: ImportLayout = 'report'): ImportPlan {
  const plan = planImport(schedule, {
    layout,
    existingFiles: [...folder].filter(([name]) => name.endsWith('.md')).map(([name, text]) => ({ name, text })),
    recordText: folder.get(IMPORT_RECORD_FILE),
  });
  for (const write of plan.writes) folder.set(write.name, write.text);
  return plan;
}
