// test/fixtures/reading: one workspace folder with settings (heading levels, exclude globs of all three kinds, a size
// cap) and the files every host must read alike — notes, an invalid-YAML note, a too-large file, a binary file,
// notes that the excludes leave out and a note template in the configured templates folder, which is never read. What reading it gives, shared by the unit tests (core pipeline, Node fs, the
// parse worker, the CLI) and the extension-host test (workspace.fs through the real extension).
import * as path from 'node:path';
import type { NoteDiagnostic, Session } from '../../../src/core/notes/model';

export const READING_FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'reading');

/** A session with the file it is in as a folder-relative path instead of a URI, so hosts can be compared. */
export type ReadSession = Omit<Session, 'uri' | 'id'> & { readonly file: string; readonly id: string };
/** A problem reported for a file, as the pipeline decides it. */
export type ReadProblem = NoteDiagnostic & { readonly file: string };

export interface ReadingOutcome {
  readonly sessions: readonly ReadSession[];
  readonly problems: readonly ReadProblem[];
}

/** A host's sessions and problems, independent of how it names files (URI scheme, absolute paths) and of order. */
export function normalizeOutcome(
  sessions: readonly Session[],
  problems: readonly { readonly file: string; readonly problem: NoteDiagnostic }[],
  fileOfUri: (uri: string) => string,
): ReadingOutcome {
  const byFileAndLine = (a: { file: string; line?: number }, b: { file: string; line?: number }) => a.file.localeCompare(b.file) || (a.line ?? -1) - (b.line ?? -1);
  return {
    sessions: sessions
      .map(({ uri, id, ...session }) => ({ ...session, file: fileOfUri(uri), id: id.slice(uri.length) }))
      .sort(byFileAndLine),
    problems: problems
      .map(({ file, problem }) => ({ file, ...problem }))
      .sort(byFileAndLine),
  };
}

/** What every host must give for the fixture: what a user sees in the tree, the log and Problems. */
export const EXPECTED_READING = {
  /** Conference / track / title of every indexed session: H3 tracks and H4 sessions, as the folder's settings say. */
  sessions: [
    'Broken Front Matter Conf / Security / Signing Everything',
    'Reading Conf 2025 / Platform / Paved Roads for Every Team',
    'Reading Conf 2025 / Platform / Service Catalogues That Stay True',
    'Reading Conf 2025 / Data / Lakehouse Without the Lake',
    'Reading Conf 2025 / Keynote / Opening Keynote',
  ],
  /** Every problem, by file; drafts/, archive/, *.scratch.md, bower_components/ and templates/ are excluded, so silent. */
  problems: [
    { file: 'binary.md', code: 'binary-file', severity: 'error' },
    { file: 'invalid-yaml.md', code: 'yaml-invalid', severity: 'error', line: 2 },
    { file: 'too-large.md', code: 'too-large', severity: 'warning' },
  ],
  /** The size and the folder's limit, in the too-large message. */
  tooLargeArgs: ['5965', '4096'],
};

/** The problems without their message values (a YAML error's text is the YAML library's). */
export function problemSummary(outcome: ReadingOutcome): { file: string; code: string; severity: string; line?: number }[] {
  return outcome.problems.map(({ file, code, severity, line }) => ({ file, code, severity, ...(line === undefined ? {} : { line }) }));
}

export function sessionLines(outcome: ReadingOutcome): string[] {
  return outcome.sessions.map((session) => `${session.conference} / ${session.track ?? ''} / ${session.title}`);
}
