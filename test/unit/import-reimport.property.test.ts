// The re-import promise as a property, through the plan every importer shares (schedule model → planImport, with the
// import record): between two random versions of a schedule the user edits the report at random — lines inserted
// anywhere (their own `- room:` lines too), headings renamed, field values edited and field lines deleted, with CRLF
// line endings or a byte-order mark. Then every line the user wrote survives byte for byte, every value the user
// changed stays, every value they left alone follows the schedule, and importing again writes nothing.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildSchedule, type ImportedSchedule, type ScheduleSession } from '../../src/core/import/scheduleModel';
import { renderHeadingText } from '../../src/core/import/sessionStub';
import { readFrontMatter } from '../../src/core/notes/frontMatter';
import { importInto } from './helpers/importFolder';
import { assertProperty } from './helpers/property';

const UIDS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5'];
const FIELD_KEYS = ['speakers', 'date', 'time', 'room', 'status'] as const;
type FieldKey = (typeof FIELD_KEYS)[number];

const sessionArbitrary = (uid: string): fc.Arbitrary<ScheduleSession | undefined> =>
  fc.option(
    fc.record({
      title: fc.constantFrom('Opening Keynote', 'Kubernetes 入門', 'Scaling *Postgres*', 'Zero-Trust [Networking]', 'Lightning Talks #2'),
      track: fc.option(fc.constantFrom('Ops', 'Databases'), { nil: undefined }),
      speakers: fc.subarray(['Ann Lee', '山田 太郎', 'Mei Chen']),
      date: fc.option(fc.constantFrom('2024-06-12', '2024-06-13'), { nil: undefined }),
      time: fc.option(fc.constantFrom('10:00–10:30', '11:00–11:40', '14:00'), { nil: undefined }),
      room: fc.option(fc.constantFrom('Hall A', 'Room 101', 'ホール B'), { nil: undefined }),
      // Written once by the first import (frab links), never updated: lines the merge must step over.
      slides: fc.option(fc.constant(`https://example.org/${uid}/slides.pdf`), { nil: undefined }),
      video: fc.option(fc.constant(`https://video.example.org/${uid}.webm`), { nil: undefined }),
      cancelled: fc.option(fc.constant(true), { nil: undefined, freq: 6 }),
    }).map((fields) => ({ uid, ...fields, tracks: fields.track === undefined ? [] : [fields.track] })),
    { nil: undefined, freq: 4 },
  );

const scheduleArbitrary: fc.Arbitrary<ImportedSchedule> = fc
  .tuple(...UIDS.map(sessionArbitrary))
  .map((sessions) => buildSchedule('Conf 2024', sessions.filter((session): session is ScheduleSession => session !== undefined), [], 'conf.json'));

/** Text a user writes: never markdown that would swallow or restructure the lines around it (fences, HTML, headings). */
const userText = fc.stringMatching(/^[A-Za-z\u3042-\u3093][A-Za-z0-9\u3042-\u3093 ,.!?()]{0,30}$/);

type Edit =
  | { readonly kind: 'insert'; readonly at: number; readonly text: string; readonly fieldKey?: string }
  | { readonly kind: 'rename'; readonly pick: number }
  | { readonly kind: 'edit-field'; readonly pick: number; readonly status: string }
  | { readonly kind: 'delete-field'; readonly pick: number };

const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: userText, fieldKey: fc.option(fc.constantFrom('room', 'time', 'note', '感想'), { nil: undefined }) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('rename' as const), pick: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('edit-field' as const), pick: fc.nat(), status: fc.constantFrom('attended', 'watched', 'to-watch', 'skipped') }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('delete-field' as const), pick: fc.nat() }), weight: 1 },
);

/** A line of the edited report, with who wrote it and, for the import's lines, what it is. */
interface Line {
  text: string;
  readonly by: 'import' | 'user';
  readonly uid?: string;
  readonly key?: FieldKey | 'heading';
}

/** The report's lines, each import line tagged with its session and field (the uid line names the session). */
function tagLines(report: string): Line[] {
  const lines: Line[] = report.replace(/\n$/, '').split('\n').map((text) => ({ text, by: 'import' as const }));
  const tagged: Line[] = [];
  let block: Line[] = [];
  const flush = () => {
    const uid = block.find((line) => line.text.startsWith('- uid: '))?.text.slice(7);
    for (const line of block) {
      const key = line.text.startsWith('### ') ? 'heading' : FIELD_KEYS.find((candidate) => line.text.startsWith(`- ${candidate}: `));
      tagged.push(uid === undefined ? line : { ...line, uid, key });
    }
    block = [];
  };
  for (const line of lines) {
    if (line.text.startsWith('#')) flush();
    block.push(line);
  }
  flush();
  return tagged;
}

function applyUserEdits(lines: Line[], edits: readonly Edit[], marker: { next: number }): { deleted: Set<string> } {
  const deleted = new Set<string>();
  const pick = <T,>(items: readonly T[], index: number): T | undefined => (items.length === 0 ? undefined : items[index % items.length]);
  for (const edit of edits) {
    const unique = ` #${marker.next++}`;
    if (edit.kind === 'insert') {
      const text = edit.fieldKey === undefined ? `${edit.text}${unique}` : `- ${edit.fieldKey}: mine ${edit.text}${unique}`;
      lines.splice(1 + (edit.at % lines.length), 0, { text, by: 'user' });
    } else if (edit.kind === 'rename') {
      const heading = pick(lines.filter((line) => line.by === 'import' && line.key === 'heading'), edit.pick);
      if (heading) lines.splice(lines.indexOf(heading), 1, { text: `${heading.text} (mine${unique})`, by: 'user', uid: heading.uid, key: 'heading' });
    } else {
      const field = pick(lines.filter((line) => line.by === 'import' && line.key !== undefined && line.key !== 'heading'), edit.pick);
      if (!field?.key || field.key === 'heading') continue;
      if (edit.kind === 'delete-field') {
        lines.splice(lines.indexOf(field), 1);
        deleted.add(`${field.uid} ${field.key}`);
      } else {
        const value = field.key === 'status' ? edit.status : `mine${unique}`;
        lines.splice(lines.indexOf(field), 1, { text: `- ${field.key}: ${value}`, by: 'user', uid: field.uid, key: field.key });
      }
    }
  }
  return { deleted };
}

const REPORT = 'Conf-2024.md';

/** The lines of the section holding `- uid: uid`: from its `###` heading to the next heading. */
function sectionOf(lines: readonly string[], uid: string): string[] {
  const uidLine = lines.indexOf(`- uid: ${uid}`);
  assert.ok(uidLine >= 0, `session ${uid} is still in the report`);
  let start = uidLine;
  while (start > 0 && !lines[start].startsWith('#')) start--;
  let end = uidLine + 1;
  while (end < lines.length && !lines[end].startsWith('#')) end++;
  return lines.slice(start, end);
}

const scheduleValue = (session: ScheduleSession | undefined, key: FieldKey): string | undefined => {
  if (key === 'status') return !session || session.cancelled ? 'cancelled' : 'planned';
  if (!session || session.cancelled) return undefined;
  return key === 'speakers' ? (session.speakers.length > 0 ? session.speakers.join(', ') : undefined) : session[key];
};

describe('schedule re-import: property', function () {
  // 10,000 cases per layout take seconds; a slow CI machine gets room.
  this.timeout(120_000);

  it('keeps every byte and value the user wrote, follows the schedule elsewhere, and is idempotent', () => {
    assertProperty(
      fc.property(scheduleArbitrary, scheduleArbitrary, fc.array(editArbitrary, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), (v1, v2, edits, eol, bom) => {
        const folder = new Map<string, string>();
        importInto(folder, v1);
        const lines = tagLines(folder.get(REPORT) ?? '');
        const { deleted } = applyUserEdits(lines, edits, { next: 0 });
        const edited = `${bom ? '\ufeff' : ''}${lines.map((line) => line.text).join(eol)}${eol}`;
        folder.set(REPORT, edited);

        const plan = importInto(folder, v2);
        const after = folder.get(REPORT) ?? '';
        assert.equal(after.startsWith('\ufeff'), bom, 'the byte-order mark stays as it was');
        if (eol === '\r\n') assert.doesNotMatch(after, /[^\r]\n/, 'every line keeps CRLF');
        const afterLines = after.replace(/^\ufeff/, '').split(eol);

        // Every line the user wrote (inserted, renamed, edited) is still there, byte for byte and in order.
        let cursor = 0;
        for (const line of lines.filter((candidate) => candidate.by === 'user')) {
          cursor = afterLines.indexOf(line.text, cursor);
          assert.ok(cursor >= 0, `user line survives: ${JSON.stringify(line.text)}`);
          cursor++;
        }

        const byUid = new Map(v2.sessions.map((session) => [session.uid, session]));
        const written = v1.sessions.filter((session) => !session.cancelled);
        for (const session of written) {
          const section = sectionOf(afterLines, session.uid);
          const scheduled = byUid.get(session.uid);
          const userLines = new Set(lines.filter((line) => line.by === 'user').map((line) => line.text));
          const renamed = lines.some((line) => line.uid === session.uid && line.key === 'heading' && line.by === 'user');
          if (!renamed && scheduled && !scheduled.cancelled) assert.equal(section[0], `### ${renderHeadingText(scheduled.title)}`, 'an untouched heading follows the schedule');
          for (const key of FIELD_KEYS) {
            const userEdited = lines.some((line) => line.uid === session.uid && line.key === key && line.by === 'user');
            const imported = scheduleValue(session, key);
            const to = scheduleValue(scheduled, key);
            const ownLines = section.filter((line) => line.startsWith(`- ${key}: `) && !userLines.has(line));
            // Where the import wrote no such line, a line of the user's with the key is the session's value, theirs.
            const usersOwn = imported === undefined && section.some((line) => line.startsWith(`- ${key}: `) && userLines.has(line));
            if (deleted.has(`${session.uid} ${key}`) || usersOwn) {
              assert.deepEqual(ownLines, [], `no ${key} line is written over or next to the user's`);
            } else if (!userEdited && imported !== undefined) {
              // The note still held what the import wrote: it follows the schedule (or stays, when the schedule has none).
              assert.deepEqual(ownLines, [`- ${key}: ${to ?? imported}`], `${session.uid} ${key}`);
            } else if (!userEdited) {
              assert.deepEqual(ownLines, to === undefined ? [] : [`- ${key}: ${to}`], `${session.uid} ${key} added`);
            }
            const changedByBoth = (userEdited || deleted.has(`${session.uid} ${key}`) || usersOwn) && to !== undefined && to !== imported;
            const listed = plan.counts.conflicts.some((conflict) => conflict.uid === session.uid && conflict.key === key);
            if (key !== 'status') assert.equal(listed, changedByBoth, `${session.uid} ${key} conflict listed`);
          }
        }
        for (const session of v2.sessions.filter((candidate) => !candidate.cancelled && !written.some((old) => old.uid === candidate.uid))) {
          assert.ok(afterLines.includes(`- uid: ${session.uid}`), `new session ${session.uid} is added`);
        }

        const before = new Map(folder);
        assert.deepEqual(importInto(folder, v2).writes, [], 'importing the same schedule again writes nothing');
        assert.deepEqual(folder, before);
      }),
      { numRuns: 10_000 },
    );
  });

  type FileEdit =
    | { readonly kind: 'insert'; readonly at: number; readonly text: string }
    | { readonly kind: 'edit-field'; readonly key: FieldKey | 'title'; readonly status: string }
    | { readonly kind: 'delete-field'; readonly key: Exclude<FieldKey, 'status'> }
    | { readonly kind: 'rename-h1' };
  const fileEditArbitrary: fc.Arbitrary<FileEdit> = fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: userText }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('edit-field' as const), key: fc.constantFrom(...FIELD_KEYS, 'title' as const), status: fc.constantFrom('attended', 'watched', 'to-watch', 'skipped') }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('delete-field' as const), key: fc.constantFrom('speakers' as const, 'date' as const, 'time' as const, 'room' as const) }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('rename-h1' as const) }), weight: 1 },
  );

  it('does the same for one file per session: front-matter values, keys and comments the user added, the H1', () => {
    assertProperty(
      fc.property(scheduleArbitrary, scheduleArbitrary, fc.array(fc.tuple(fc.nat(), fileEditArbitrary), { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), (v1, v2, edits, eol, bom) => {
        const folder = new Map<string, string>();
        importInto(folder, v1, 'files');
        const names = [...folder.keys()].filter((name) => name.endsWith('.md')).sort();
        const uids = new Map(names.map((name) => [name, String(readFrontMatter(folder.get(name) ?? '').data.uid)]));
        const userLines = new Map<string, string[]>(names.map((name) => [name, []]));
        const changed = new Set<string>();
        let marker = 0;
        for (const name of names) {
          const lines = (folder.get(name) ?? '').replace(/\n$/, '').split('\n');
          for (const [pick, edit] of edits) {
            if (names[pick % names.length] !== name) continue;
            const unique = `mine-${marker++}`;
            const closing = lines.indexOf('---', 1);
            const keyLine = (key: string) => lines.findIndex((line, index) => index < closing && line.startsWith(`${key}: `));
            if (edit.kind === 'insert') {
              // In the front matter a key or a comment of the user's, in the body a line of notes.
              const at = 1 + (edit.at % (lines.length - 1));
              const text = at <= closing ? (edit.at % 2 === 0 ? `${unique}: ${edit.text}` : `# ${unique} ${edit.text}`) : `${edit.text} ${unique}`;
              lines.splice(at, 0, text);
              userLines.get(name)?.push(text);
            } else if (edit.kind === 'rename-h1') {
              const h1 = lines.findIndex((line, index) => index > closing && line.startsWith('# '));
              if (h1 < 0 || changed.has(`${name} h1`)) continue;
              lines[h1] = `# My notes ${unique}`;
              userLines.get(name)?.push(lines[h1]);
              changed.add(`${name} h1`);
            } else {
              const index = keyLine(edit.key);
              if (index < 0 || changed.has(`${name} ${edit.key}`)) continue;
              changed.add(`${name} ${edit.key}`);
              if (edit.kind === 'delete-field') {
                lines.splice(index, 1);
              } else {
                lines[index] = `${edit.key}: ${edit.key === 'status' ? edit.status : unique}`;
                userLines.get(name)?.push(lines[index]);
              }
            }
          }
          folder.set(name, `${bom ? '\ufeff' : ''}${lines.join(eol)}${eol}`);
        }

        importInto(folder, v2, 'files');
        const byUid = new Map(v2.sessions.map((session) => [session.uid, session]));
        for (const name of names) {
          const after = folder.get(name) ?? '';
          assert.equal(after.startsWith('\ufeff'), bom);
          if (eol === '\r\n') assert.doesNotMatch(after, /[^\r]\n/);
          const afterLines = after.replace(/^\ufeff/, '').split(eol);
          // Each line carries a unique marker, so finding it once is finding it byte for byte.
          for (const line of userLines.get(name) ?? []) assert.ok(afterLines.includes(line), `user line survives in ${name}: ${JSON.stringify(line)}`);
          const uid = uids.get(name) ?? '';
          const imported = v1.sessions.find((session) => session.uid === uid);
          const scheduled = byUid.get(uid);
          const data = readFrontMatter(after.replace(/\r\n/g, '\n').replace(/^\ufeff/, '')).data;
          const shown = (value: unknown) => (Array.isArray(value) ? value.join(', ') : value === undefined ? undefined : String(value));
          for (const key of [...FIELD_KEYS, 'title'] as const) {
            const was = key === 'title' ? imported?.title : scheduleValue(imported, key);
            const to = key === 'title' ? (scheduled && !scheduled.cancelled ? scheduled.title : undefined) : scheduleValue(scheduled, key);
            if (changed.has(`${name} ${key}`)) {
              if (key === 'speakers' || key === 'date' || key === 'time' || key === 'room') {
                const edited = (userLines.get(name) ?? []).find((line) => line.startsWith(`${key}: `));
                assert.equal(shown(data[key]), edited?.slice(key.length + 2), `${name} ${key}: the user's value (or its deletion) stays`);
              }
            } else if (was !== undefined) {
              assert.equal(shown(data[key]), to ?? was, `${name} ${key} follows the schedule`);
            }
          }
          const h1 = afterLines.find((line, index) => index > afterLines.indexOf('---', 1) && line.startsWith('# '));
          if (!changed.has(`${name} h1`) && !changed.has(`${name} title`) && scheduled && !scheduled.cancelled) assert.equal(h1, `# ${renderHeadingText(scheduled.title)}`);
        }
        const before = new Map(folder);
        assert.deepEqual(importInto(folder, v2, 'files').writes, [], 'importing the same schedule again writes nothing');
        assert.deepEqual(folder, before);
      }),
      { numRuns: 10_000 },
    );
  });
});
