// Faults do not stop the index, in a real VS Code: a read that fails, a parse pool that cannot start, a scan that
// fails and is retried by Refresh or by the next file event. A slow read does not keep the others out of the tree:
// a first scan shows the notes it has read while it goes on. (That the reading fixture reads the same here as in
// the core, the parse worker and the CLI is test/reading/, which opens that fixture as its workspace.)
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { readNote, settle, type NoteReading } from '../../src/core/notes/pipeline';
import { NoteWorkspace, workspaceFileSystem, type LocalNoteParser, type NoteFileSystem } from '../../src/vscode/noteWorkspace';
import { SessionTreeProvider } from '../../src/vscode/sessions/sessionTree';
import { activateExtension, recordingOutput, topRowsWithin, workspaceUri } from './helpers';

async function eventually(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  for (const started = Date.now(); !condition(); await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() - started > timeoutMs) assert.fail(`${what} within ${timeoutMs} ms`);
  }
}

const titles = (notes: NoteWorkspace) => notes.index.sessions().map((session) => session.title);

describe('Reading notes (extension host)', () => {
  const owned: NoteWorkspace[] = [];
  const workspace = (files: NoteFileSystem, parseLocal?: ConstructorParameters<typeof NoteWorkspace>[2]) => {
    const output = recordingOutput();
    const notes = new NoteWorkspace(output.channel, files, parseLocal);
    owned.push(notes);
    return { notes, lines: output.lines };
  };

  // The extension is active, so its own workspace's watchers run beside the ones these tests build.
  before(async () => {
    await activateExtension();
  });
  afterEach(() => {
    for (const notes of owned.splice(0)) notes.dispose();
  });

  it('indexes every other note when a read fails mid-scan, and logs the one it could not read', async () => {
    const failing = workspaceUri('notes', 'devconf.md').toString();
    const files = workspaceFileSystem;
    const { notes, lines } = workspace({ ...files, readFile: (uri) => (uri.toString() === failing ? Promise.reject(new Error('EIO: i/o error')) : files.readFile(uri)) });
    await notes.ready();
    assert.ok(!titles(notes).includes('Scaling Queues'), 'the unreadable note is not indexed');
    assert.ok(titles(notes).includes('CSS Container Queries'), 'the other notes are');
    assert.ok(lines.some((line) => line.startsWith('error: ') && line.includes('devconf.md') && line.includes('EIO: i/o error')), lines.join('\n'));
  });

  it('reads local notes on the main thread when the worker pool fails, and says so once', async () => {
    const { notes, lines } = workspace(workspaceFileSystem, () => Promise.reject(new Error('the worker script is missing')));
    await notes.ready();
    assert.ok(titles(notes).includes('Scaling Queues'));
    assert.equal(lines.filter((line) => line.includes('the worker script is missing')).length, 1, lines.join('\n'));
  });

  it('reads on the main thread only the notes that a pool failing on the way had not told of, and counts each note once', async () => {
    const plain = workspace(workspaceFileSystem);
    await plain.notes.ready();
    const sessionIds = (notes: NoteWorkspace) => notes.index.sessions().map((session) => session.id).sort();
    const nodeFs = { stat: (path: string) => settle(() => fs.stat(path)), read: (path: string) => settle(() => fs.readFile(path)) };
    const toldOf = new Set<string>();
    let untold = 0;
    const pool: LocalNoteParser = async (files, onBatch) => {
      const half = Math.ceil(files.length / 2);
      untold = files.length - half;
      for (let i = 0; i < half; i++) {
        onBatch?.(i, [await readNote(nodeFs, files[i], files[i].settings, 'scan')]);
        toldOf.add(files[i].uri);
      }
      throw new Error('a worker failed after some batches');
    };
    const readOnMainThread: string[] = [];
    const files = workspaceFileSystem;
    const { notes, lines } = workspace({ ...files, readFile: (uri) => (readOnMainThread.push(uri.toString()), files.readFile(uri)) }, pool);
    await notes.ready();
    assert.ok(toldOf.size > 0 && untold > 0, 'the pool told of some notes and not of others');
    assert.deepEqual(readOnMainThread.filter((uri) => toldOf.has(uri)), [], 'no note the pool told of is read again');
    assert.equal(notes.index.noteCount, plain.notes.index.noteCount);
    assert.deepEqual(sessionIds(notes), sessionIds(plain.notes));
    const indexed = (log: readonly string[]) => log.find((line) => line.includes('Indexed '))?.match(/Indexed (\d+) notes/)?.[1];
    assert.equal(indexed(lines), indexed(plain.lines), lines.join('\n'));
    assert.ok(lines.some((line) => line.includes('a worker failed after some batches') && line.includes(`its ${untold} notes`)), lines.join('\n'));
  });

  describe('a first scan with a note whose read is held back', () => {
    const heldNote = workspaceUri('notes', 'devconf.md');
    let releaseRead: () => void;
    let readHeld: Promise<void>;
    beforeEach(() => {
      readHeld = new Promise((resolve) => (releaseRead = resolve));
    });
    afterEach(() => releaseRead());

    /** The tree's conferences once it shows rows, which must be before the scan is done (it cannot end yet). */
    async function treeWhileHeld(notes: NoteWorkspace): Promise<void> {
      let scanned = false;
      const ready = notes.ready().then(() => (scanned = true));
      const tree = new SessionTreeProvider(notes, 'conference');
      try {
        const rows = await topRowsWithin(tree, 'the held read');
        assert.equal(scanned, false, 'the scan is still waiting for the held read');
        assert.deepEqual(rows, ['WebCamp 2024'], 'the note read so far is shown');
        const [shown] = await tree.getChildren();
        releaseRead();
        await ready;
        assert.deepEqual(notes.index.conferences().map((conference) => conference.name).sort(), ['DevConf 2024', 'WebCamp 2024']);
        const after = (await tree.getChildren()).find((node) => node.kind === 'conference' && node.conference === 'WebCamp 2024');
        assert.equal(after && tree.getTreeItem(after).id, tree.getTreeItem(shown).id, 'the same node, so what the user opened meanwhile stays open');
        assert.ok(titles(notes).includes('Scaling Queues'), 'the held note is indexed once read');
      } finally {
        tree.dispose();
      }
    }

    it('shows the notes read so far when it reads on the main thread (web, virtual workspaces)', async () => {
      const files = workspaceFileSystem;
      const { notes } = workspace({ ...files, readFile: async (uri) => (uri.toString() === heldNote.toString() ? readHeld.then(() => files.readFile(uri)) : files.readFile(uri)) });
      await treeWhileHeld(notes);
    });

    it('opens a single conference with its tracks once every note is read, not while the first ones fill the tree', async () => {
      const second = workspaceUri('notes', 'webcamp-day-two.md');
      await vscode.workspace.fs.writeFile(second, new TextEncoder().encode('# WebCamp 2024\n\n## Backend\n\n### Held Back Talk\n'));
      const files = workspaceFileSystem;
      const { notes } = workspace({
        ...files,
        // A workspace of one conference: WebCamp's two notes, the second read last.
        findFiles: async (include, exclude) => (await files.findFiles(include, exclude)).filter((uri) => uri.toString() !== heldNote.toString()),
        readFile: async (uri) => (uri.toString() === second.toString() ? readHeld.then(() => files.readFile(uri)) : files.readFile(uri)),
      });
      const tree = new SessionTreeProvider(notes, 'conference');
      try {
        const ready = notes.ready();
        let wholeTreeRefreshed = false;
        tree.onDidChangeTreeData((node) => (wholeTreeRefreshed ||= node === undefined && notes.hasScanned));
        const [partial] = await tree.getChildren();
        const partialItem = tree.getTreeItem(partial);
        assert.equal(partialItem.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'the one conference read so far may be the first of many');
        releaseRead();
        await ready;
        assert.ok(wholeTreeRefreshed, 'the tree is drawn again once the scan is done');
        const [conference] = await tree.getChildren();
        const item = tree.getTreeItem(conference);
        assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
        assert.notEqual(item.id, partialItem.id, 'a node VS Code has not shown yet, so it opens as its item says');
        const tracks = await tree.getChildren(conference);
        assert.deepEqual(tracks.map((track) => tree.getTreeItem(track).collapsibleState), [vscode.TreeItemCollapsibleState.Expanded, vscode.TreeItemCollapsibleState.Expanded]);
      } finally {
        tree.dispose();
        releaseRead();
        await vscode.workspace.fs.delete(second);
      }
    });

    it('shows the notes the parse pool has read so far', async () => {
      const nodeFs = { stat: (path: string) => settle(() => fs.stat(path)), read: (path: string) => settle(() => fs.readFile(path)) };
      // A pool whose batch with the held note comes back last: the others' readings are told as they come.
      const pool: LocalNoteParser = async (files, onBatch) => {
        const readings: NoteReading[] = new Array(files.length);
        const readAt = async (i: number) => {
          readings[i] = await readNote(nodeFs, files[i], files[i].settings, 'scan');
          onBatch?.(i, [readings[i]]);
        };
        const held = files.findIndex((file) => file.uri === heldNote.toString());
        assert.ok(held >= 0, 'the pool is given the held note');
        for (let i = 0; i < files.length; i++) if (i !== held) await readAt(i);
        await readHeld;
        await readAt(held);
        return { readings, workerFailures: [], readOnMainThread: 0 };
      };
      const { notes } = workspace(workspaceFileSystem, pool);
      await treeWhileHeld(notes);
    });
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
