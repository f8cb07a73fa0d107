// Re-import: bring notes written by an earlier import up to date with a newer export of the same schedule, as a
// three-way merge. Sessions are matched by UID; the base is what the last import wrote (importRecord.ts). A value —
// a field line, the title heading, the status — is updated only while the note still holds what the import wrote
// there; where the user changed it, theirs stays and the plan lists a conflict with the schedule's new value. New
// sessions are inserted, sessions gone from the schedule are marked cancelled (while their status is the imported
// one). Every line the import did not write, and above all what the user wrote under a session, is left as it was.
import { fieldNameOf, normalizeDate, splitList, statusOf, type FieldLine, readFieldLines } from '../notes/fields';
import { readFrontMatter } from '../notes/frontMatter';
import { freeFileName } from '../templates/fileNames';
import { collapseWhitespace, readMarkdownStructure, type MarkdownHeading } from '../notes/markdown';
import {
  groupByTrack, renderFieldLine, renderFrontMatterField, renderHeadingText, renderSessionFile, renderSessionSection,
  renderTrackSection, resolveReportLayout, sessionFileName, type ReportLayoutOptions,
} from './sessionStub';
import { importedValues, type ImportedValues, type SessionRecords } from './importRecord';
import { importMessage, type ImportMessage } from './messages';
import type { ImportedSchedule, ScheduleSession } from './scheduleModel';
import { parseDocument, isMap, isNode } from 'yaml';

/** Fields re-import keeps in step with the schedule (besides the title). */
const UPDATED_FIELDS = ['speakers', 'date', 'time', 'room'] as const;
type UpdatedField = (typeof UPDATED_FIELDS)[number];
export type ChangedField = 'title' | UpdatedField | 'status';

export interface FieldChange {
  readonly key: ChangedField;
  /** Undefined when the note had no such field line yet. */
  readonly from?: string;
  readonly to: string;
}

export interface SessionChange {
  readonly uid: string;
  readonly title: string;
  readonly fields: readonly FieldChange[];
}

export interface SessionRef {
  readonly uid: string;
  readonly title: string;
}

/** A value the user changed where the schedule changed it too: the user's stays. */
export interface FieldConflict {
  readonly uid: string;
  readonly title: string;
  readonly key: ChangedField;
  /** What the note holds; undefined when the user removed the line. */
  readonly note?: string;
  readonly schedule: string;
}

/** Replace lines `start` to `end` (zero-based, end exclusive; `start === end` inserts) with `lines`. */
export interface LineEdit {
  readonly start: number;
  readonly end: number;
  readonly lines: readonly string[];
}

export interface ReimportPlan {
  readonly added: readonly ScheduleSession[];
  readonly changed: readonly SessionChange[];
  /** Sessions newly marked `status: cancelled`. */
  readonly cancelled: readonly SessionRef[];
  /** UIDs of matched sessions that needed no edit. */
  readonly unchanged: readonly string[];
  /** Sessions imported before (per the record or `knownUids`) but not found in the notes: reported, not recreated. */
  readonly missing: readonly SessionRef[];
  readonly conflicts: readonly FieldConflict[];
  readonly warnings: readonly ImportMessage[];
  /** What the notes hold as imported after the plan is written: the next re-import's base. */
  readonly record: SessionRecords;
}

export interface ReportReimportPlan extends ReimportPlan {
  readonly edits: readonly LineEdit[];
}

export interface FileEdits {
  readonly name: string;
  readonly edits: readonly LineEdit[];
}

export interface NewFile {
  readonly name: string;
  readonly text: string;
}

export interface SessionFilesReimportPlan extends ReimportPlan {
  readonly edits: readonly FileEdits[];
  readonly newFiles: readonly NewFile[];
}

export interface ReimportOptions extends ReportLayoutOptions {
  /**
   * What the last import wrote, by UID. Without it (notes imported before records were kept) no value counts as
   * imported: where the note and the schedule differ, the note's value stays and a conflict is listed.
   */
  readonly imported?: SessionRecords;
  /**
   * UIDs the notes held after an earlier import (for instance every `Session.uid` of the workspace).
   * A schedule session whose UID is known but absent from the notes was deleted or moved by the user:
   * it is listed in `missing` instead of being written again.
   */
  readonly knownUids?: Iterable<string>;
}

// ---------------------------------------------------------------------------------------------------
// Lines

interface DocLine {
  readonly text: string;
  readonly eol: string;
}

/** Lines with their own terminators, so unchanged lines are written back byte for byte. */
function splitLines(text: string): DocLine[] {
  const lines: DocLine[] = [];
  const terminator = /\r\n|\r|\n/g;
  let start = 0;
  for (let match = terminator.exec(text); match; match = terminator.exec(text)) {
    lines.push({ text: text.slice(start, match.index), eol: match[0] });
    start = match.index + match[0].length;
  }
  if (start < text.length) lines.push({ text: text.slice(start), eol: '' });
  return lines;
}

/** The text as the markdown and front-matter readers expect it; line numbers are unchanged. */
function normalizedForReading(text: string): string {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
}

/**
 * Applies non-overlapping line edits. New lines take the document's first line ending; a replaced
 * block keeps the ending of its last line, so a file without a final newline stays without one.
 */
export function applyEdits(text: string, edits: readonly LineEdit[]): string {
  const lines = splitLines(text);
  const eol = lines.find((line) => line.eol !== '')?.eol ?? '\n';
  const ordered = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  for (const edit of ordered) {
    const replaced = lines.slice(edit.start, edit.end);
    const appendingAfterUnterminatedLine = edit.start === lines.length && edit.start > 0 && lines[edit.start - 1].eol === '';
    if (appendingAfterUnterminatedLine) lines[edit.start - 1] = { ...lines[edit.start - 1], eol };
    const lastEol = replaced.length > 0 ? replaced[replaced.length - 1].eol : appendingAfterUnterminatedLine ? '' : eol;
    const added = edit.lines.map((line, index) => ({ text: line, eol: index === edit.lines.length - 1 ? lastEol : eol }));
    // The byte-order mark belongs to the file, not to the first line's text.
    if (edit.start === 0 && replaced[0]?.text.startsWith('\ufeff') && added.length > 0 && !added[0].text.startsWith('\ufeff')) {
      added[0] = { ...added[0], text: `\ufeff${added[0].text}` };
    }
    lines.splice(edit.start, edit.end - edit.start, ...added);
  }
  return lines.map((line) => line.text + line.eol).join('');
}

/**
 * Sorts edits and joins an insertion with whatever else starts on the same line (insertions in the order
 * they were planned, then a replacement), so no two edits start at the same place.
 */
function finishEdits(edits: readonly LineEdit[]): LineEdit[] {
  const isInsertion = (edit: LineEdit) => edit.start === edit.end;
  const ordered = edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.start - b.edit.start || Number(isInsertion(b.edit)) - Number(isInsertion(a.edit)) || a.index - b.index);
  const result: LineEdit[] = [];
  for (const { edit } of ordered) {
    const previous = result[result.length - 1];
    if (previous && isInsertion(previous) && previous.start === edit.start) {
      result[result.length - 1] = { start: edit.start, end: edit.end, lines: [...previous.lines, ...edit.lines] };
    } else {
      result.push(edit);
    }
  }
  return result;
}

const sectionLines = (section: string): string[] => section.replace(/\n$/, '').split('\n');

/** A rendered section to insert right after content: blank line first, no trailing blank line. */
function linesAfterContent(section: string): string[] {
  return ['', ...sectionLines(section.trimEnd())];
}

function lastContentLine(lines: readonly DocLine[], from: number, to: number): number {
  for (let index = to - 1; index >= from; index--) if (lines[index].text.trim() !== '') return index;
  return from - 1;
}

// ---------------------------------------------------------------------------------------------------
// Comparing values

function comparable(key: ChangedField, value: string): string {
  switch (key) {
    case 'title': return collapseWhitespace(value);
    case 'speakers': return splitList(value).join(', ');
    case 'date': return normalizeDate(value);
    // `10:00-10:30`, `10:00 – 10:30` and `10:00〜10:30` are the same time.
    case 'time': return value.replace(/\s+/g, '').replace(/[-\u2010-\u2015~\u301c\uff5e]/g, '\u2013');
    case 'room': return collapseWhitespace(value);
    case 'status': return statusOf(value) ?? collapseWhitespace(value).toLowerCase();
  }
}

const sameValue = (key: ChangedField, a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && comparable(key, a) === comparable(key, b);

function scheduleValue(session: ScheduleSession, key: UpdatedField): string | undefined {
  return key === 'speakers' ? (session.speakers.length > 0 ? session.speakers.join(', ') : undefined) : session[key];
}

/** `from → to` text for the preview and summary. */
function describeChange(change: FieldChange): string {
  return `${change.key}: ${change.from ?? '\u2014'} \u2192 ${change.to}`;
}

/**
 * A value of a session as the note holds it, judged against what the import wrote there: still that (the import may
 * rewrite its line), never written and without a line (the import may add its own), or the user's.
 */
type NoteValue =
  | { readonly kind: 'imported' | 'absent'; set(value: string): LineEdit[] }
  | { readonly kind: 'user'; readonly value?: string };

/** What re-import needs from one session already in the notes, whatever layout holds it. */
interface ExistingSession {
  readonly uid: string;
  /** The title as the note shows it. */
  readonly title: string;
  /** The note's value of `key`, given what the import wrote (`base`, undefined when it wrote none or kept no record). */
  value(key: ChangedField, base: string | undefined): NoteValue;
}

interface MergedValue {
  readonly edits: readonly LineEdit[];
  /** What the note holds as imported afterwards. */
  readonly recorded?: string;
  readonly change?: FieldChange;
  /** The note's value where it stays against a new value of the schedule. */
  readonly conflict?: { readonly note?: string };
}

/** The three-way merge of one value: `base` what the import wrote, `to` what the schedule says now. */
function mergeValue(key: ChangedField, note: NoteValue, base: string | undefined, to: string | undefined): MergedValue {
  if (note.kind === 'user') {
    // The user wrote what the schedule now says: from here on the line holds the imported value.
    if (sameValue(key, note.value, to)) return { edits: [], recorded: to };
    if (to !== undefined && !sameValue(key, base, to)) return { edits: [], recorded: base, conflict: { note: note.value } };
    return { edits: [], recorded: base };
  }
  // A value the schedule no longer gives is left as the note has it.
  if (to === undefined || sameValue(key, base, to)) return { edits: [], recorded: base };
  return { edits: note.set(to), recorded: to, change: { key, from: note.kind === 'imported' ? base : undefined, to } };
}

interface SessionOutcome {
  readonly change?: SessionChange;
  readonly cancelled?: SessionRef;
  readonly conflicts: readonly FieldConflict[];
  readonly warning?: ImportMessage;
  readonly edits: readonly LineEdit[];
  readonly record: ImportedValues;
}

/** Merges one matched (or dropped, `scheduled` undefined) session with the schedule. */
function reconcile(existing: ExistingSession, scheduled: ScheduleSession | undefined, base: ImportedValues): SessionOutcome {
  const ref = { uid: existing.uid, title: existing.title };
  const fields: FieldChange[] = [];
  const edits: LineEdit[] = [];
  const conflicts: FieldConflict[] = [];
  const record: { -readonly [K in keyof ImportedValues]: ImportedValues[K] } = { ...base };
  const merge = (key: ChangedField, to: string | undefined): MergedValue => {
    const merged = mergeValue(key, existing.value(key, base[key]), base[key], to);
    edits.push(...merged.edits);
    if (merged.change) fields.push(merged.change);
    if (merged.conflict && to !== undefined) conflicts.push({ ...ref, key, note: merged.conflict.note, schedule: to });
    return merged;
  };
  const status = (merged: MergedValue) => (merged.recorded === 'planned' || merged.recorded === 'cancelled' ? merged.recorded : undefined);

  if (!scheduled || scheduled.cancelled) {
    const note = existing.value('status', base.status);
    const merged = mergeValue('status', note, base.status, 'cancelled');
    record.status = status(merged);
    if (merged.conflict) {
      // A status the user set (attended, skipped…) is theirs: the schedule never overrides it.
      const kept = merged.conflict.note;
      return kept === undefined
        ? { conflicts: [{ ...ref, key: 'status', schedule: 'cancelled' }], edits: [], record }
        : { conflicts: [], warning: importMessage('reimport-kept-status', [existing.title, kept], 'info'), edits: [], record };
    }
    return { cancelled: merged.change ? ref : undefined, conflicts: [], edits: [...merged.edits], record };
  }
  record.title = merge('title', scheduled.title).recorded;
  for (const key of UPDATED_FIELDS) record[key] = merge(key, scheduleValue(scheduled, key)).recorded;
  record.status = status(merge('status', 'planned'));
  return fields.length > 0
    ? { change: { uid: scheduled.uid, title: scheduled.title, fields }, conflicts, edits, record }
    : { conflicts, edits, record };
}

interface Reconciliation {
  readonly plan: Omit<ReimportPlan, 'added'>;
  /** Schedule sessions to write anew. */
  readonly toAdd: readonly ScheduleSession[];
  readonly edits: ReadonlyMap<ExistingSession, readonly LineEdit[]>;
}

/** The part of re-import both layouts share: match by UID, merge, sort out new and missing sessions, the new record. */
function reconcileAll(existing: readonly ExistingSession[], claimedUids: ReadonlySet<string>, schedule: ImportedSchedule, options: ReimportOptions, warnings: ImportMessage[]): Reconciliation {
  const scheduled = new Map(schedule.sessions.map((session) => [session.uid, session]));
  const found = new Set([...claimedUids, ...existing.map((session) => session.uid)]);
  const imported = options.imported ?? new Map<string, ImportedValues>();
  const known = new Set([...(options.knownUids ?? []), ...imported.keys()]);
  const changed: SessionChange[] = [];
  const cancelled: SessionRef[] = [];
  const conflicts: FieldConflict[] = [];
  const unchanged: string[] = [];
  const edits = new Map<ExistingSession, readonly LineEdit[]>();
  // Sessions not in the notes keep their entries: the record is what keeps them from being written again.
  const record = new Map(imported);
  for (const session of existing) {
    const outcome = reconcile(session, scheduled.get(session.uid), imported.get(session.uid) ?? {});
    if (outcome.change) changed.push(outcome.change);
    if (outcome.cancelled) cancelled.push(outcome.cancelled);
    conflicts.push(...outcome.conflicts);
    if (outcome.warning) warnings.push(outcome.warning);
    if (outcome.edits.length === 0) unchanged.push(session.uid);
    edits.set(session, outcome.edits);
    record.set(session.uid, outcome.record);
  }
  // Cancelled sessions that were never in the notes need no stub, nor a report that they are missing.
  const absent = schedule.sessions.filter((session) => !found.has(session.uid) && !session.cancelled);
  const missing = absent.filter((session) => known.has(session.uid));
  for (const session of missing) warnings.push(importMessage('reimport-missing', [session.title, session.uid], 'warning'));
  const toAdd = absent.filter((session) => !known.has(session.uid));
  for (const session of toAdd) record.set(session.uid, importedValues(session));
  return {
    plan: { changed, cancelled, unchanged, conflicts, missing: missing.map(({ uid, title }) => ({ uid, title })), warnings, record },
    toAdd,
    edits,
  };
}

/** Keeps the first session of each UID, warning about the others. */
function firstOfEachUid<T extends { uid: string }>(sessions: readonly T[], warnings: ImportMessage[]): T[] {
  const seen = new Set<string>();
  return sessions.filter((session) => {
    if (!seen.has(session.uid)) return seen.add(session.uid);
    warnings.push(importMessage('reimport-duplicate-uid', [session.uid], 'warning'));
    return false;
  });
}

// ---------------------------------------------------------------------------------------------------
// Report layout

// A list-item or inline field line: marker and key kept, the value after the colon replaced.
const FIELD_VALUE_PREFIX = /^(\s*(?:[-*+]\s+)?(?:\*\*|__)?[^:：]*?(?:::|[:：])\s*(?:\*\*|__)?\s*)/;
const ATX_PREFIX = /^(\s{0,3}#{1,6}\s+)/;

interface ReportStructure {
  readonly lines: readonly DocLine[];
  readonly headings: readonly MarkdownHeading[];
  readonly fields: readonly FieldLine[];
}

function readReport(text: string): ReportStructure {
  const normalized = normalizedForReading(text);
  const frontMatter = readFrontMatter(normalized);
  const structure = readMarkdownStructure(normalized.slice(frontMatter.bodyOffset), frontMatter.bodyLine);
  const fields = structure.paragraphs.flatMap((paragraph) => readFieldLines(paragraph.content, paragraph.line, paragraph.listItem));
  return { lines: splitLines(text), headings: structure.headings, fields };
}

/** End (exclusive) of the section opened by heading `index`: the next heading of the same or a higher level. */
function sectionEnd(report: ReportStructure, index: number): number {
  const level = report.headings[index].level;
  const next = report.headings.slice(index + 1).find((heading) => heading.level <= level);
  return next ? next.line : report.lines.length;
}

/** The first value of each field between two lines. */
function fieldsBetween(report: ReportStructure, from: number, to: number): Map<string, FieldLine> {
  const fields = new Map<string, FieldLine>();
  for (const field of report.fields) {
    if (field.line > from && field.line < to && !fields.has(field.name)) fields.set(field.name, field);
  }
  return fields;
}

/** The session heading a uid line belongs to: the nearest before it at the session level or above. */
function sessionHeadingIndex(report: ReportStructure, line: number, sessionHeadingLevel: number): number {
  let nearest = -1;
  let atSessionLevel = -1;
  for (let index = 0; index < report.headings.length && report.headings[index].line < line; index++) {
    nearest = index;
    if (report.headings[index].level <= sessionHeadingLevel) atSessionLevel = index;
  }
  return atSessionLevel >= 0 ? atSessionLevel : nearest;
}

function reportSession(report: ReportStructure, uidField: FieldLine, sessionHeadingLevel: number): ExistingSession {
  const headingIndex = sessionHeadingIndex(report, uidField.line, sessionHeadingLevel);
  const heading = headingIndex >= 0 ? report.headings[headingIndex] : undefined;
  const from = heading?.line ?? -1;
  const to = headingIndex >= 0 ? sectionEnd(report, headingIndex) : report.lines.length;
  const sectionFields = report.fields.filter((field) => field.line > from && field.line < to);
  const lineText = (line: number) => report.lines[line].text;
  const replaceValue = (line: number) => (value: string): LineEdit[] => {
    const prefix = FIELD_VALUE_PREFIX.exec(lineText(line))?.[1] ?? '- ';
    return [{ start: line, end: line + 1, lines: [`${prefix}${value}`] }];
  };
  return {
    uid: uidField.value,
    title: heading?.text ?? '',
    value: (key, base) => {
      if (key === 'title') {
        if (!heading) return { kind: 'user' };
        if (!sameValue('title', heading.text, base)) return { kind: 'user', value: heading.text };
        const prefix = ATX_PREFIX.exec(lineText(heading.line))?.[1] ?? '';
        return { kind: 'imported', set: (title) => [{ start: heading.line, end: heading.line + 1, lines: [`${prefix}${renderHeadingText(title)}`] }] };
      }
      const lines = sectionFields.filter((field) => field.name === key);
      if (base === undefined) {
        if (lines.length > 0) return { kind: 'user', value: lines[0].value };
        // The import's own line goes next to the uid line: before it in the stub order, status after it.
        const line = key === 'status' ? uidField.line + 1 : uidField.line;
        return { kind: 'absent', set: (value) => [{ start: line, end: line, lines: [renderFieldLine(key, value)] }] };
      }
      // The line the import wrote is the one still holding its value; user text with the same key, before or among
      // the field lines, is not it. Of equal lines, the one nearest the uid line.
      const holding = lines
        .filter((field) => sameValue(key, field.value, base))
        .sort((a, b) => Math.abs(a.line - uidField.line) - Math.abs(b.line - uidField.line))[0];
      return holding ? { kind: 'imported', set: replaceValue(holding.line) } : { kind: 'user', value: lines[0]?.value };
    },
  };
}

const sameName = (a: string, b: string): boolean => collapseWhitespace(a).toLowerCase() === collapseWhitespace(b).toLowerCase();

const timeKey = (date: string | undefined, time: string | undefined): string | undefined =>
  date === undefined ? undefined : `${normalizeDate(date)} ${time ?? ''}`;

/**
 * Plans the update of a report written by `renderReport` (and edited since) to `schedule`. New sessions
 * go into their track's section at their place in time, or into a new track section at the end.
 */
export function planReportReimport(existingText: string, schedule: ImportedSchedule, options: ReimportOptions = {}): ReportReimportPlan {
  const layout = resolveReportLayout(options);
  const report = readReport(existingText);
  const warnings: ImportMessage[] = [];
  const uidFields = firstOfEachUid(report.fields.filter((field) => field.name === 'uid').map((field) => ({ uid: field.value, field })), warnings);
  const existing = uidFields.map(({ field }) => reportSession(report, field, layout.sessionHeadingLevel));
  const { plan, toAdd, edits } = reconcileAll(existing, new Set(), schedule, options, warnings);

  const insertions: LineEdit[] = [];
  const newTracks: ScheduleSession[] = [];
  for (const session of toAdd) {
    const trackName = session.track ?? layout.untrackedHeading;
    const trackIndex = report.headings.findIndex((heading) => heading.level === layout.trackHeadingLevel && sameName(heading.text, trackName));
    if (trackIndex < 0) {
      newTracks.push(session);
      continue;
    }
    const section = renderSessionSection(session, layout.sessionHeadingLevel);
    const end = sectionEnd(report, trackIndex);
    const newKey = timeKey(session.date, session.time) ?? '\uffff';
    const later = report.headings.find((heading, index) => {
      if (index <= trackIndex || heading.line >= end || heading.level !== layout.sessionHeadingLevel) return false;
      const fields = fieldsBetween(report, heading.line, sectionEnd(report, index));
      const key = timeKey(fields.get('date')?.value, fields.get('time')?.value);
      return key !== undefined && key > newKey;
    });
    if (later) insertions.push({ start: later.line, end: later.line, lines: sectionLines(section) });
    else {
      const after = lastContentLine(report.lines, report.headings[trackIndex].line, end) + 1;
      insertions.push({ start: after, end: after, lines: linesAfterContent(section) });
    }
  }
  const endOfText = lastContentLine(report.lines, 0, report.lines.length) + 1;
  for (const [track, sessions] of groupByTrack(newTracks, layout.untrackedHeading)) {
    insertions.push({ start: endOfText, end: endOfText, lines: linesAfterContent(renderTrackSection(track, sessions, layout)) });
  }
  return { ...plan, added: toAdd, edits: finishEdits([...[...edits.values()].flat(), ...insertions]) };
}

// ---------------------------------------------------------------------------------------------------
// Session-file layout

interface SessionFileRead {
  readonly session?: ExistingSession;
  /** A UID found in a file whose front matter cannot be parsed: the session exists, it is just not edited. */
  readonly claimedUid?: string;
}

const frontMatterText = (value: unknown): string | undefined =>
  Array.isArray(value) ? value.map(String).join(', ') : value === undefined || value === null ? undefined : String(value);

function readSessionFile(name: string, text: string, warnings: ImportMessage[]): SessionFileRead {
  const normalized = normalizedForReading(text);
  const frontMatter = readFrontMatter(normalized);
  const lines = splitLines(text);
  if (frontMatter.problem) {
    const uidLine = /^uid\s*:\s*["']?([^"'\n]+?)["']?\s*$/im.exec(normalized.slice(0, frontMatter.bodyOffset || normalized.length));
    if (!uidLine) return {};
    const problem = frontMatter.problem;
    warnings.push(importMessage('reimport-unreadable-file', [name, problem.code === 'yaml-invalid' ? problem.detail : problem.code], 'warning'));
    return { claimedUid: uidLine[1] };
  }
  const keys = new Map<string, string>();
  for (const key of Object.keys(frontMatter.data)) {
    const field = fieldNameOf(key);
    if (field && !keys.has(field)) keys.set(field, key);
  }
  const valueOf = (field: string) => {
    const key = keys.get(field);
    return key === undefined ? undefined : frontMatterText(frontMatter.data[key]);
  };
  const uid = valueOf('uid');
  if (uid === undefined) return {};
  const title = valueOf('title') ?? '';
  const keyLines = Object.values(frontMatter.keyLines).sort((a, b) => a - b);
  const closingLine = frontMatter.bodyLine - 1;
  /** A key's line and its indented continuation lines (a block list the user wrote, say). */
  const keyExtent = (keyLine: number): number => {
    const limit = keyLines.find((line) => line > keyLine) ?? closingLine;
    let end = keyLine + 1;
    while (end < limit && /^(\s|-\s)/.test(lines[end].text)) end++;
    return end;
  };
  const uidLine = frontMatter.keyLines[keys.get('uid') ?? ''];
  const replaceKey = (field: string, value: string | readonly string[]): LineEdit[] => {
    const rendered = (key: string) => renderFrontMatterField(key, field === 'speakers' && typeof value === 'string' ? splitList(value) : value);
    const key = keys.get(field);
    if (key !== undefined) {
      const line = frontMatter.keyLines[key];
      const end = keyExtent(line);
      // A comment the user put after the value stays (`room: Hall A # the small one`).
      const comment = end === line + 1 ? trailingComment(lines[line].text) : '';
      return [{ start: line, end, lines: [`${rendered(key)}${comment}`] }];
    }
    const line = field === 'status' ? keyExtent(uidLine) : uidLine;
    return [{ start: line, end: line, lines: [rendered(field)] }];
  };
  const body = readMarkdownStructure(normalized.slice(frontMatter.bodyOffset), frontMatter.bodyLine);
  return {
    session: {
      uid,
      title,
      value: (field, base) => {
        const current = valueOf(field);
        if (base === undefined) return current === undefined ? { kind: 'absent', set: (value) => replaceKey(field, value) } : { kind: 'user', value: current };
        if (!sameValue(field, current, base)) return { kind: 'user', value: current };
        if (field !== 'title') return { kind: 'imported', set: (value) => replaceKey(field, value) };
        // The H1 is rewritten only while it still shows the imported title.
        const titleHeading = body.headings.find((heading) => heading.level === 1 && sameValue('title', heading.text, base));
        return {
          kind: 'imported',
          set: (newTitle) => [
            ...replaceKey('title', newTitle),
            ...(titleHeading ? [{ start: titleHeading.line, end: titleHeading.line + 1, lines: [`${ATX_PREFIX.exec(lines[titleHeading.line].text)?.[1] ?? '# '}${renderHeadingText(newTitle)}`] }] : []),
          ],
        };
      },
    },
  };
}

/** ` # comment` after a one-line YAML value, as written; empty when there is none. */
function trailingComment(line: string): string {
  const document = parseDocument(line);
  const pair = isMap(document.contents) ? document.contents.items[0] : undefined;
  const value = pair?.value;
  if (!isNode(value) || !value.comment || !value.range) return '';
  return line.slice(value.range[1]).replace(/^(\s*)/, (blank) => blank || ' ');
}

/**
 * Plans the update of a folder of session files (`existingFiles`: every markdown file in it) to
 * `schedule`. With no existing files this is the first import: every session becomes a new file.
 */
export function planSessionFilesReimport(existingFiles: readonly { name: string; text: string }[], schedule: ImportedSchedule, options: ReimportOptions = {}): SessionFilesReimportPlan {
  const warnings: ImportMessage[] = [];
  const sessions: { uid: string; name: string; session: ExistingSession }[] = [];
  const claimed = new Set<string>();
  for (const file of existingFiles) {
    const read = readSessionFile(file.name, file.text, warnings);
    if (read.session) sessions.push({ uid: read.session.uid, name: file.name, session: read.session });
    if (read.claimedUid !== undefined) claimed.add(read.claimedUid);
  }
  const matched = firstOfEachUid(sessions, warnings);
  const { plan, toAdd, edits } = reconcileAll(matched.map(({ session }) => session), claimed, schedule, options, warnings);
  const fileEdits = matched
    .map(({ name, session }) => ({ name, edits: finishEdits(edits.get(session) ?? []) }))
    .filter((file) => file.edits.length > 0);
  const taken = new Set(existingFiles.map((file) => file.name.toLowerCase()));
  const newFiles = toAdd.map((session) => {
    const name = freeFileName(sessionFileName(session), (candidate) => taken.has(candidate.toLowerCase()));
    taken.add(name.toLowerCase());
    return { name, text: renderSessionFile(session, schedule.conference, schedule) };
  });
  return { ...plan, added: toAdd, edits: fileEdits, newFiles };
}

// ---------------------------------------------------------------------------------------------------
// Summary

/** What a re-import did (or will do), for the preview and the output channel: a count line, then details. */
export function summarizeReimport(plan: ReimportPlan): ImportMessage[] {
  return [
    importMessage('reimport-summary', [plan.added.length, plan.changed.length, plan.cancelled.length, plan.unchanged.length], 'info'),
    ...plan.added.map((session) => importMessage('reimport-added', [session.title], 'info')),
    ...plan.changed.map((change) => importMessage('reimport-changed', [change.title, change.fields.map(describeChange).join('; ')], 'info')),
    ...plan.cancelled.map((session) => importMessage('reimport-cancelled', [session.title], 'info')),
    ...plan.conflicts.map((conflict) => importMessage('reimport-conflict', [conflict.title, conflict.key, conflict.note ?? '\u2014', conflict.schedule], 'warning')),
    ...plan.warnings,
  ];
}
