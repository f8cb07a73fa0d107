// Re-import: bring notes written by an earlier import up to date with a newer export of the same
// schedule. Sessions are matched by UID; only field lines (and the title heading) of matched sessions
// change, new sessions are inserted, sessions gone from the schedule are marked cancelled. Every other
// byte of the notes, and above all what the user wrote under a session, is left exactly as it was.
import { fieldNameOf, normalizeDate, splitList, statusOf, type FieldLine, readFieldLines } from '../notes/fields';
import { readFrontMatter } from '../notes/frontMatter';
import { freeFileName } from '../templates/fileNames';
import { collapseWhitespace, readMarkdownStructure, type MarkdownHeading } from '../notes/markdown';
import type { SessionStatus } from '../notes/model';
import {
  groupByTrack, renderFieldLine, renderFrontMatterField, renderHeadingText, renderSessionFile, renderSessionSection,
  renderTrackSection, resolveReportLayout, sessionFileName, type ReportLayoutOptions,
} from './sessionStub';
import { importMessage, type ImportMessage } from './messages';
import type { ImportedSchedule, ScheduleSession } from './scheduleModel';

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
  /** Sessions imported before (per `knownUids`) but not found in the notes: reported, not recreated. */
  readonly missing: readonly SessionRef[];
  readonly warnings: readonly ImportMessage[];
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

function comparable(key: UpdatedField, value: string): string {
  switch (key) {
    case 'speakers': return splitList(value).join(', ');
    case 'date': return normalizeDate(value);
    // `10:00-10:30`, `10:00 – 10:30` and `10:00〜10:30` are the same time.
    case 'time': return value.replace(/\s+/g, '').replace(/[-\u2010-\u2015~\u301c\uff5e]/g, '\u2013');
    case 'room': return collapseWhitespace(value);
  }
}

function scheduleValue(session: ScheduleSession, key: UpdatedField): string | undefined {
  return key === 'speakers' ? (session.speakers.length > 0 ? session.speakers.join(', ') : undefined) : session[key];
}

/** `from → to` text for the preview and summary. */
function describeChange(change: FieldChange): string {
  return `${change.key}: ${change.from ?? '\u2014'} \u2192 ${change.to}`;
}

/** What re-import needs from one session already in the notes, whatever layout holds it. */
interface ExistingSession {
  readonly uid: string;
  readonly title: string;
  readonly status?: SessionStatus;
  value(key: UpdatedField): string | undefined;
  /** Edits that write `value` into the field, replacing its line or adding one. */
  setField(key: UpdatedField | 'status', value: string): LineEdit[];
  setTitle(title: string): LineEdit[];
}

/** Statuses that record what the user did: a session they attended stays attended even if the schedule drops it. */
const USER_OUTCOMES: ReadonlySet<SessionStatus> = new Set(['attended', 'watched']);

interface SessionOutcome {
  readonly change?: SessionChange;
  readonly cancelled?: SessionRef;
  readonly warning?: ImportMessage;
  readonly edits: readonly LineEdit[];
}

/** Compares one matched (or dropped, `scheduled` undefined) session with the schedule. */
function reconcile(existing: ExistingSession, scheduled: ScheduleSession | undefined): SessionOutcome {
  const ref = { uid: existing.uid, title: existing.title };
  if (!scheduled || scheduled.cancelled) {
    if (existing.status === 'cancelled') return { edits: [] };
    if (existing.status && USER_OUTCOMES.has(existing.status)) {
      return { warning: importMessage('reimport-kept-status', [existing.title, existing.status], 'info'), edits: [] };
    }
    return { cancelled: ref, edits: existing.setField('status', 'cancelled') };
  }
  const fields: FieldChange[] = [];
  const edits: LineEdit[] = [];
  if (collapseWhitespace(scheduled.title) !== existing.title) {
    fields.push({ key: 'title', from: existing.title, to: scheduled.title });
    edits.push(...existing.setTitle(scheduled.title));
  }
  for (const key of UPDATED_FIELDS) {
    const to = scheduleValue(scheduled, key);
    const from = existing.value(key);
    // A field the schedule no longer gives is left as the note has it.
    if (to === undefined || (from !== undefined && comparable(key, from) === comparable(key, to))) continue;
    fields.push({ key, from, to });
    edits.push(...existing.setField(key, to));
  }
  if (existing.status === 'cancelled') {
    fields.push({ key: 'status', from: 'cancelled', to: 'planned' });
    edits.push(...existing.setField('status', 'planned'));
  }
  return fields.length > 0 ? { change: { uid: scheduled.uid, title: scheduled.title, fields }, edits } : { edits };
}

interface Reconciliation {
  readonly plan: Omit<ReimportPlan, 'added'>;
  /** Schedule sessions to write anew. */
  readonly toAdd: readonly ScheduleSession[];
  readonly edits: ReadonlyMap<ExistingSession, readonly LineEdit[]>;
}

/** The part of re-import both layouts share: match by UID, reconcile, sort out new and missing sessions. */
function reconcileAll(existing: readonly ExistingSession[], claimedUids: ReadonlySet<string>, schedule: ImportedSchedule, options: ReimportOptions, warnings: ImportMessage[]): Reconciliation {
  const scheduled = new Map(schedule.sessions.map((session) => [session.uid, session]));
  const found = new Set([...claimedUids, ...existing.map((session) => session.uid)]);
  const known = new Set(options.knownUids ?? []);
  const changed: SessionChange[] = [];
  const cancelled: SessionRef[] = [];
  const unchanged: string[] = [];
  const edits = new Map<ExistingSession, readonly LineEdit[]>();
  for (const session of existing) {
    const outcome = reconcile(session, scheduled.get(session.uid));
    if (outcome.change) changed.push(outcome.change);
    if (outcome.cancelled) cancelled.push(outcome.cancelled);
    if (outcome.warning) warnings.push(outcome.warning);
    if (outcome.edits.length === 0) unchanged.push(session.uid);
    edits.set(session, outcome.edits);
  }
  // Cancelled sessions that were never in the notes need no stub, nor a report that they are missing.
  const absent = schedule.sessions.filter((session) => !found.has(session.uid) && !session.cancelled);
  const missing = absent.filter((session) => known.has(session.uid));
  for (const session of missing) warnings.push(importMessage('reimport-missing', [session.title, session.uid], 'warning'));
  return {
    plan: { changed, cancelled, unchanged, missing: missing.map(({ uid, title }) => ({ uid, title })), warnings },
    toAdd: absent.filter((session) => !known.has(session.uid)),
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

function reportSession(report: ReportStructure, uidField: FieldLine): ExistingSession {
  let headingIndex = -1;
  while (headingIndex + 1 < report.headings.length && report.headings[headingIndex + 1].line < uidField.line) headingIndex++;
  const heading = headingIndex >= 0 ? report.headings[headingIndex] : undefined;
  const fields = fieldsBetween(report, heading?.line ?? -1, headingIndex >= 0 ? sectionEnd(report, headingIndex) : report.lines.length);
  const lineText = (line: number) => report.lines[line].text;
  const status = fields.get('status');
  return {
    uid: uidField.value,
    title: heading?.text ?? '',
    status: status ? statusOf(status.value) : undefined,
    value: (key) => fields.get(key)?.value,
    setField: (key, value) => {
      const field = fields.get(key);
      if (field) {
        const prefix = FIELD_VALUE_PREFIX.exec(lineText(field.line))?.[1] ?? '- ';
        return [{ start: field.line, end: field.line + 1, lines: [`${prefix}${value}`] }];
      }
      // New field lines go next to the uid line: before it in the stub order, status after it.
      const line = key === 'status' ? uidField.line + 1 : uidField.line;
      return [{ start: line, end: line, lines: [renderFieldLine(key, value)] }];
    },
    setTitle: (title) => {
      if (!heading) return [];
      const prefix = ATX_PREFIX.exec(lineText(heading.line))?.[1] ?? '';
      return [{ start: heading.line, end: heading.line + 1, lines: [`${prefix}${renderHeadingText(title)}`] }];
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
  const existing = uidFields.map(({ field }) => reportSession(report, field));
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
    const key = keys.get(field);
    if (key !== undefined) {
      const line = frontMatter.keyLines[key];
      return [{ start: line, end: keyExtent(line), lines: [renderFrontMatterField(key, value)] }];
    }
    const line = field === 'status' ? keyExtent(uidLine) : uidLine;
    return [{ start: line, end: line, lines: [renderFrontMatterField(field, value)] }];
  };
  const body = readMarkdownStructure(normalized.slice(frontMatter.bodyOffset), frontMatter.bodyLine);
  // The H1 is rewritten only while it still shows the front matter's title.
  const titleHeading = body.headings.find((heading) => heading.level === 1 && heading.text === collapseWhitespace(title));
  const status = valueOf('status');
  return {
    session: {
      uid,
      title,
      status: status === undefined ? undefined : statusOf(status),
      value: (field) => valueOf(field),
      setField: (field, value) => replaceKey(field, field === 'speakers' ? splitList(value) : value),
      setTitle: (newTitle) => [
        ...replaceKey('title', newTitle),
        ...(titleHeading ? [{ start: titleHeading.line, end: titleHeading.line + 1, lines: [`${ATX_PREFIX.exec(lines[titleHeading.line].text)?.[1] ?? '# '}${renderHeadingText(newTitle)}`] }] : []),
      ],
    },
  };
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
    return { name, text: renderSessionFile(session, schedule.conference) };
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
    ...plan.warnings,
  ];
}
