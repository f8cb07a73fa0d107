// The saved index in a real VS Code: once the fixture workspace is indexed, its snapshot is in the storage folder;
// a second start draws the same sessions from it (and says so), the Sessions tree lists them before the check for
// changes has listed a file, and a damaged snapshot is ignored with one log line while the notes are still all read.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { IndexCache } from '../../src/vscode/indexCache';
import { NoteWorkspace, workspaceFileSystem, type NoteFileSystem } from '../../src/vscode/noteWorkspace';
import { SessionTreeProvider } from '../../src/vscode/sessions/sessionTree';
import { activateExtension, recordingOutput, topRowsWithin } from './helpers';

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  for (const started = Date.now(); ; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() - started > timeoutMs) assert.fail(`${what} within ${timeoutMs} ms`);
  }
}

describe('The saved index (extension host)', function () {
  this.timeout(60_000);
  let storageFolder: string;
  let storage: vscode.Uri;
  const owned: NoteWorkspace[] = [];

  const start = (files: NoteFileSystem = workspaceFileSystem) => {
    const output = recordingOutput();
    const cache = new IndexCache(storage, (message) => output.channel.info(vscode.l10n.t(message.message, ...message.args)));
    const notes = new NoteWorkspace(output.channel, files, undefined, cache);
    owned.push(notes);
    return { notes, lines: output.lines };
  };
  const sessionIds = (notes: NoteWorkspace) => notes.index.sessions().map((session) => session.id).sort();
  const savedFile = async (): Promise<vscode.Uri | undefined> => {
    const entries = await Promise.resolve(vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(storage, 'index'))).then((found) => found, () => []);
    const snapshot = entries.find(([name, type]) => name.endsWith('.snapshot') && type === vscode.FileType.File);
    return snapshot && vscode.Uri.joinPath(storage, 'index', snapshot[0]);
  };

  before(async () => {
    await activateExtension();
    storageFolder = mkdtempSync(path.join(tmpdir(), 'conference-notes-storage-'));
    storage = vscode.Uri.file(storageFolder);
  });
  after(() => {
    for (const notes of owned.splice(0)) notes.dispose();
    rmSync(storageFolder, { recursive: true, force: true });
  });

  it('saves the index once the workspace is read, and the next start draws the same sessions from it', async () => {
    const first = start();
    await first.notes.ready();
    assert.ok(first.notes.index.sessionCount > 0);
    const file = await eventually(savedFile, 'the snapshot is written');
    assert.ok((await vscode.workspace.fs.stat(file)).size > 0);
    const expected = sessionIds(first.notes);

    const second = start();
    await second.notes.ready();
    assert.deepEqual(sessionIds(second.notes), expected);
    assert.ok(second.lines.some((line) => line.includes('from the saved index')), second.lines.join('\n'));
  });

  it('shows the saved sessions in the tree before the check for changes is done', async () => {
    await eventually(savedFile, 'the snapshot is written');
    const expected = sessionIds(owned[0]);
    // The file search held back: the check cannot end before the test lets it.
    let releaseSearch!: () => void;
    const searchHeld = new Promise<void>((resolve) => (releaseSearch = resolve));
    const heldSearch: NoteFileSystem = {
      ...workspaceFileSystem,
      findFiles: async (include, exclude) => {
        await searchHeld;
        return workspaceFileSystem.findFiles(include, exclude);
      },
    };
    const warm = start(heldSearch);
    let checked = false;
    const ready = warm.notes.ready().then(() => (checked = true));
    const tree = new SessionTreeProvider(warm.notes, 'conference');
    try {
      const rows = await topRowsWithin(tree, 'the check');
      assert.equal(checked, false, 'the tree did not wait for the check');
      assert.deepEqual(sessionIds(warm.notes), expected);
      assert.deepEqual(rows, warm.notes.index.conferences().map((conference) => conference.name));
      releaseSearch();
      await ready;
      assert.deepEqual(sessionIds(warm.notes), expected, 'the check changed nothing: no file changed');
    } finally {
      releaseSearch();
      tree.dispose();
      // Its save, due a few seconds after its scan, must not land on the next test's snapshot.
      warm.notes.dispose();
    }
  });

  it('ignores a damaged snapshot with one log line, and still reads every note', async () => {
    const file = await eventually(savedFile, 'the snapshot is written');
    const bytes = await vscode.workspace.fs.readFile(file);
    const damaged = bytes.slice();
    damaged[damaged.length - 10] ^= 0x01;
    await vscode.workspace.fs.writeFile(file, damaged);
    const expected = sessionIds(owned[0]);

    const third = start();
    await third.notes.ready();
    assert.deepEqual(sessionIds(third.notes), expected);
    assert.equal(third.lines.filter((line) => line.includes('damaged or incomplete')).length, 1, third.lines.join('\n'));
    assert.ok(!third.lines.some((line) => line.includes('from the saved index')), third.lines.join('\n'));
  });
});
