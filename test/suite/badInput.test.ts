// Bad notes in a real VS Code: a clear Problems entry where a line is at fault, nothing indexed from files that
// cannot be read, and the rest of the workspace unaffected.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConferenceNotesApi } from '../../src/vscode/activation';
import { activateExtension, waitForIndex, workspaceUri } from './helpers';

const encode = (text: string) => new TextEncoder().encode(text);

describe('Bad input (extension host)', () => {
  let api: ConferenceNotesApi;
  const created: vscode.Uri[] = [];
  const write = async (name: string, bytes: Uint8Array) => {
    const uri = workspaceUri('notes', name);
    created.push(uri);
    await vscode.workspace.fs.writeFile(uri, bytes);
    return uri;
  };
  const titles = () => api.notes.index.sessions().map((session) => session.title);

  before(async () => {
    api = await activateExtension();
  });
  after(async () => {
    for (const uri of created) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    await vscode.workspace.getConfiguration('conferenceNotes').update('maxFileSize', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(workspaceUri('.vscode'), { recursive: true }).then(undefined, () => undefined);
  });

  it('reports invalid YAML at its line in Problems and still reads the body', async () => {
    const uri = await write('broken-yaml.md', encode('---\nconference: Broken Conf\ntags: [unclosed\n---\n# Broken Conf\n\n## Track\n\n### Still Read\n'));
    await waitForIndex(api, () => titles().includes('Still Read'));
    const problems = vscode.languages.getDiagnostics(uri);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /^Invalid YAML in the front matter/);
    assert.ok(problems[0].range.start.line >= 1 && problems[0].range.start.line <= 3, `line ${problems[0].range.start.line}`);
    assert.equal(problems[0].source, 'Conference Notes');
    assert.ok(titles().includes('Scaling Queues'), 'the other notes are still indexed');
  });

  it('skips binary and non-UTF-8 files without losing the rest', async () => {
    await write('binary.md', new Uint8Array([0x23, 0x20, 0x41, 0x00, 0xff, 0x0a]));
    await write('latin1.md', new Uint8Array([...encode('# Caf'), 0xe9, ...encode('\n\n## T\n\n### Never Indexed\n')]));
    await write('fine.md', encode('# Fine Conf\n\n## T\n\n### Indexed After Bad Files\n'));
    await waitForIndex(api, () => titles().includes('Indexed After Bad Files'));
    assert.ok(!titles().includes('Never Indexed'));
    assert.ok(titles().includes('Scaling Queues'));
  });

  it('skips notes over conferenceNotes.maxFileSize', async () => {
    await vscode.workspace.getConfiguration('conferenceNotes').update('maxFileSize', 1024, vscode.ConfigurationTarget.Workspace);
    await write('huge.md', encode(`# Huge Conf\n\n## T\n\n### Too Big To Read\n\n${'x'.repeat(4096)}\n`));
    await write('small.md', encode('# Small Conf\n\n## T\n\n### Small Enough\n'));
    await waitForIndex(api, () => titles().includes('Small Enough'));
    assert.ok(!titles().includes('Too Big To Read'));
  });
});
