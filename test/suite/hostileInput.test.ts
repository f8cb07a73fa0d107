// Hostile input in a real VS Code: a pipe named like a note is skipped, not read (a read would wait for a writer
// forever), and exclude globs from the workspace's settings are matched in bounded time — a glob too long to
// match is logged once and ignored, and VS Code's own file search is not handed it.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { NoteWorkspace, workspaceFileSystem } from '../../src/vscode/noteWorkspace';
import { activateExtension, recordingOutput, workspaceUri } from './helpers';

const titles = (notes: NoteWorkspace) => notes.index.sessions().map((session) => session.title);

describe('Hostile input (extension host)', () => {
  const owned: NoteWorkspace[] = [];
  const searchExcludes: (string | null | undefined)[] = [];
  /** A NoteWorkspace over VS Code's file system; its file search also lists `extra` (ripgrep leaves pipes out). */
  const workspace = (...extra: vscode.Uri[]) => {
    const output = recordingOutput();
    const notes = new NoteWorkspace(output.channel, {
      ...workspaceFileSystem,
      findFiles: async (include, exclude) => {
        searchExcludes.push(exclude);
        return [...(await workspaceFileSystem.findFiles(include, exclude)), ...extra];
      },
    });
    owned.push(notes);
    return { notes, lines: output.lines };
  };
  const pipe = workspaceUri('notes', 'stuck.md');

  before(async () => {
    await activateExtension();
  });
  after(async () => {
    // The settings file the exclude was written to, so the fixture stays as committed.
    await vscode.workspace.fs.delete(workspaceUri('.vscode'), { recursive: true }).then(undefined, () => undefined);
  });
  afterEach(async () => {
    for (const notes of owned.splice(0)) notes.dispose();
    searchExcludes.length = 0;
    await vscode.workspace.fs.delete(pipe).then(undefined, () => undefined);
    await vscode.workspace.getConfiguration('conferenceNotes').update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('skips a pipe named like a note with one warning, and indexes every other note', async () => {
    execFileSync('mkfifo', [pipe.fsPath]);
    const { notes, lines } = workspace(pipe);
    await notes.ready();
    assert.ok(titles(notes).includes('Scaling Queues'), 'the other notes are indexed');
    const warnings = lines.filter((line) => line.includes('stuck.md'));
    assert.deepEqual(warnings, ['warning: notes/stuck.md: Skipped: this is not a regular file (a folder, a pipe, a socket or a device), so it was not read.']);
  });

  it('applies an extglob-like exclude at once, and logs a glob over 512 characters once, not for every note', async () => {
    const { notes, lines } = workspace();
    await notes.ready();
    const long = `**/${'x'.repeat(600)}.md`;
    const started = Date.now();
    await vscode.workspace.getConfiguration('conferenceNotes').update('exclude', ['+(a|aa)+(a|aa)+(a|aa)+(a|aa)+(a|aa)b.md', long, '**/devconf.md'], vscode.ConfigurationTarget.Workspace);
    // The change re-reads the settings and rescans; a glob that froze matching would hold the host here.
    while (titles(notes).includes('Scaling Queues')) {
      assert.ok(Date.now() - started < 10_000, 'the exclude applied within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await notes.rescan();
    assert.ok(titles(notes).includes('CSS Container Queries'), 'the other notes are indexed');
    const refused = lines.filter((line) => line.includes('is longer than 512 characters'));
    assert.equal(refused.length, 1, lines.join('\n'));
    assert.match(refused[0], /^warning: The glob "\*\*\/x{77}…" of the setting conferenceNotes\.exclude/);
    // The scan's searches pass a string or null; a folder event (the settings change creates .vscode/) searches
    // that one folder with undefined.
    const lastSearch = searchExcludes.filter((exclude) => exclude !== undefined).at(-1);
    assert.ok(typeof lastSearch === 'string' && lastSearch.includes('**/devconf.md') && !lastSearch.includes('xxxx'), String(lastSearch));
  });
});
