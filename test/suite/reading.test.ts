// Reading notes in a real VS Code: test/fixtures/reading, added as a workspace folder, reads as it does in the core
// pipeline, the parse worker and the CLI (test/unit/pipeline.test.ts) — through workspace.fs and through the Node
// host's fs and worker pool. And faults do not stop the index: a read that fails, a parse pool that cannot start,
// a scan that fails and is retried by Refresh or by the next file event.
import * as assert from 'node:assert/strict';
import { parse as parseJsonc } from 'jsonc-parser';
import * as vscode from 'vscode';
import { nodeFolderSource } from '../../src/cli/folderSource';
import type { Session } from '../../src/core/notes/model';
import { folderSettingsFromFile } from '../../src/core/notes/noteSettings';
import { problemLine, problemsOf, readFolder } from '../../src/core/notes/pipeline';
import type { ConferenceNotesApi } from '../../src/vscode/activation';
import { NoteWorkspace, workspaceFileSystem, type NoteFileSystem } from '../../src/vscode/noteWorkspace';
import { EXPECTED_READING, normalizeOutcome, problemSummary, sessionLines, type ReadingOutcome } from '../unit/helpers/readingFixture';
import { activateExtension, workspaceUri } from './helpers';

/** An output channel that keeps what is logged, as `level: line`. */
function recordingOutput(): { channel: vscode.LogOutputChannel; lines: string[] } {
  const lines: string[] = [];
  const log = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  const channel = { info: log('info'), warn: log('warning'), error: log('error'), debug: log('debug'), trace: log('trace') };
  return { channel: channel as unknown as vscode.LogOutputChannel, lines };
}

async function eventually(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  for (const started = Date.now(); !condition(); await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() - started > timeoutMs) assert.fail(`${what} within ${timeoutMs} ms`);
  }
}

async function changeWorkspaceFolders(change: () => boolean): Promise<void> {
  const changed = new Promise((resolve) => {
    const subscription = vscode.workspace.onDidChangeWorkspaceFolders(() => resolve(subscription.dispose()));
  });
  assert.ok(change(), 'the workspace folders can be changed');
  await changed;
}

const titles = (notes: NoteWorkspace) => notes.index.sessions().map((session) => session.title);

describe('Reading notes (extension host)', () => {
  let api: ConferenceNotesApi;
  const owned: NoteWorkspace[] = [];
  const workspace = (files: NoteFileSystem, parseLocal?: ConstructorParameters<typeof NoteWorkspace>[2]) => {
    const output = recordingOutput();
    const notes = new NoteWorkspace(output.channel, files, parseLocal);
    owned.push(notes);
    return { notes, lines: output.lines };
  };

  before(async () => {
    api = await activateExtension();
  });
  afterEach(() => {
    for (const notes of owned.splice(0)) notes.dispose();
  });

  describe('test/fixtures/reading as a second workspace folder', () => {
    const folder = () => workspaceUri('..', 'reading');
    const inFolder = (uri: string) => uri.startsWith(`${folder().toString()}/`);
    const fileOf = (uri: string) => uri.slice(folder().toString().length + 1);
    let reference: ReadingOutcome;

    before(async () => {
      await changeWorkspaceFolders(() => vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders?.length ?? 0, 0, { uri: folder() }));
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
    after(async () => {
      const index = vscode.workspace.workspaceFolders?.findIndex((candidate) => candidate.uri.toString() === folder().toString()) ?? -1;
      if (index >= 0) await changeWorkspaceFolders(() => vscode.workspace.updateWorkspaceFolders(index, 1));
    });

    const outcomeOf = (sessions: readonly Session[]) => normalizeOutcome(sessions.filter((session) => inFolder(session.uri)), [], fileOf).sessions;

    it('reads it through workspace.fs with the folder\'s settings: the same sessions, log lines and Problems', async () => {
      const { notes, lines } = workspace(workspaceFileSystem);
      await notes.ready();
      assert.deepEqual(outcomeOf(notes.index.sessions()), reference.sessions);
      const expectedLines = reference.problems.map((problem) => {
        return `${problem.severity}: ${problemLine(vscode.workspace.asRelativePath(vscode.Uri.joinPath(folder(), problem.file)), problem, vscode.l10n.t(problem.message, ...problem.args))}`;
      });
      assert.deepEqual(lines.filter((line) => line.includes(`${vscode.workspace.getWorkspaceFolder(folder())?.name}/`)).sort(), expectedLines.sort());
      // The extension's own workspace reports the file too (it re-read the folders when this one was added).
      const located = new Set(vscode.languages.getDiagnostics(vscode.Uri.joinPath(folder(), 'invalid-yaml.md')).map((entry) => `${entry.range.start.line} ${entry.code}`));
      assert.deepEqual([...located], [`${reference.problems.find((problem) => problem.code === 'yaml-invalid')?.line} yaml-invalid`]);
    });

    it('reads it the same in the extension itself (Node fs and the parse worker pool)', async () => {
      await api.notes.rescan();
      assert.deepEqual(outcomeOf(api.notes.index.sessions()), reference.sessions);
    });
  });

  it('indexes every other note when a read fails mid-scan, and logs the one it could not read', async () => {
    const failing = workspaceUri('notes', 'devconf-2024.md').toString();
    const files = workspaceFileSystem;
    const { notes, lines } = workspace({ ...files, readFile: (uri) => (uri.toString() === failing ? Promise.reject(new Error('EIO: i/o error')) : files.readFile(uri)) });
    await notes.ready();
    assert.ok(!titles(notes).includes('Scaling Queues'), 'the unreadable note is not indexed');
    assert.ok(titles(notes).includes('CSS Container Queries'), 'the other notes are');
    assert.ok(lines.some((line) => line.startsWith('error: ') && line.includes('devconf-2024.md') && line.includes('EIO: i/o error')), lines.join('\n'));
  });

  it('reads local notes on the main thread when the worker pool fails, and says so once', async () => {
    const { notes, lines } = workspace(workspaceFileSystem, () => Promise.reject(new Error('the worker script is missing')));
    await notes.ready();
    assert.ok(titles(notes).includes('Scaling Queues'));
    assert.equal(lines.filter((line) => line.includes('the worker script is missing')).length, 1, lines.join('\n'));
  });

  describe('a scan that fails', () => {
    /** File search that fails `failures` times, then works. */
    const flakySearch = (failures: number): NoteFileSystem => ({
      ...workspaceFileSystem,
      findFiles: (include, exclude) => (failures-- > 0 ? Promise.reject(new Error('search is not available yet')) : workspaceFileSystem.findFiles(include, exclude)),
    });

    it('is retried by Refresh', async () => {
      const { notes, lines } = workspace(flakySearch(1));
      await assert.rejects(notes.ready(), /search is not available yet/);
      assert.ok(lines.some((line) => line.startsWith('error: ') && line.includes('search is not available yet')));
      await notes.rescan();
      assert.ok(titles(notes).includes('Scaling Queues'));
    });

    it('is retried by the next file event', async () => {
      const { notes } = workspace(flakySearch(1));
      await assert.rejects(notes.ready());
      const note = workspaceUri('notes', 'retry-after-failed-scan.md');
      try {
        await vscode.workspace.fs.writeFile(note, new TextEncoder().encode('# Retry Conf\n\n## T\n\n### Read After a Failed Scan\n'));
        await eventually(() => titles(notes).includes('Read After a Failed Scan') && titles(notes).includes('Scaling Queues'), 'the whole workspace is read again');
      } finally {
        await vscode.workspace.fs.delete(note);
      }
    });
  });
});
