// Reading notes in a real VS Code, with test/fixtures/reading open as the workspace (its own test-cli
// configuration: adding a folder to an open workspace would restart the extension host): the fixture, with its
// settings file, reads as it does in the core pipeline, the parse worker and the CLI (test/unit/pipeline.test.ts) —
// through workspace.fs and through the Node host's fs and worker pool.
import * as assert from 'node:assert/strict';
import { parse as parseJsonc } from 'jsonc-parser';
import * as vscode from 'vscode';
import { nodeFolderSource } from '../../src/cli/folderSource';
import type { Session } from '../../src/core/notes/model';
import { folderSettingsFromFile } from '../../src/core/notes/noteSettings';
import { problemLine, problemsOf, readFolder } from '../../src/core/notes/pipeline';
import type { ConferenceNotesApi } from '../../src/vscode/activation';
import { NoteWorkspace, workspaceFileSystem } from '../../src/vscode/noteWorkspace';
import { EXPECTED_READING, normalizeOutcome, problemSummary, sessionLines, type ReadingOutcome } from '../unit/helpers/readingFixture';
import { activateExtension, recordingOutput, workspaceUri } from '../suite/helpers';

describe('Reading the reading fixture (extension host)', () => {
  let api: ConferenceNotesApi;
  const owned: NoteWorkspace[] = [];

  before(async () => {
    api = await activateExtension();
  });
  afterEach(() => {
    for (const notes of owned.splice(0)) notes.dispose();
  });

  const folder = () => workspaceUri();
  const inFolder = (uri: string) => uri.startsWith(`${folder().toString()}/`);
  const fileOf = (uri: string) => uri.slice(folder().toString().length + 1);
  let reference: ReadingOutcome;

  before(async () => {
    // What the core pipeline gives over Node fs here, with the folder's settings file: what the unit tests compare
    // with the parse worker and the CLI.
    const settings = folderSettingsFromFile(parseJsonc(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder(), '.vscode', 'settings.json')))));
    const readings = await readFolder(nodeFolderSource(folder().fsPath, assert.fail), settings, (path) => vscode.Uri.joinPath(folder(), path).toString(), 8);
    reference = normalizeOutcome(
      readings.flatMap(({ reading }) => (reading.kind === 'parsed' ? reading.note.sessions : [])),
      readings.flatMap(({ file, reading }) => problemsOf(reading).map((problem) => ({ file: file.path, problem }))),
      fileOf,
    );
    assert.deepEqual(sessionLines(reference), EXPECTED_READING.sessions);
    assert.deepEqual(problemSummary(reference), EXPECTED_READING.problems);
  });

  const outcomeOf = (sessions: readonly Session[]) => normalizeOutcome(sessions.filter((session) => inFolder(session.uri)), [], fileOf).sessions;

  it('reads it through workspace.fs with the folder\'s settings: the same sessions, log lines and Problems', async () => {
    const output = recordingOutput();
    const notes = new NoteWorkspace(output.channel, workspaceFileSystem);
    owned.push(notes);
    const { lines } = output;
    await notes.ready();
    assert.deepEqual(outcomeOf(notes.index.sessions()), reference.sessions);
    const expectedLines = reference.problems.map((problem) => {
      return `${problem.severity}: ${problemLine(vscode.workspace.asRelativePath(vscode.Uri.joinPath(folder(), problem.file)), problem, vscode.l10n.t(problem.message, ...problem.args))}`;
    });
    assert.deepEqual(lines.filter((line) => /^(warning|error): /.test(line)).sort(), expectedLines.sort());
    // The extension's own workspace reports the file too.
    const located = new Set(vscode.languages.getDiagnostics(vscode.Uri.joinPath(folder(), 'invalid-yaml.md')).map((entry) => `${entry.range.start.line} ${entry.code}`));
    assert.deepEqual([...located], [`${reference.problems.find((problem) => problem.code === 'yaml-invalid')?.line} yaml-invalid`]);
  });

  it('reads it the same in the extension itself (Node fs and the parse worker pool)', async () => {
    await api.notes.rescan();
    assert.deepEqual(outcomeOf(api.notes.index.sessions()), reference.sessions);
  });
});
