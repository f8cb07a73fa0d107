// The browser entry (dist/web/extension.js) in the web-worker extension host of VS Code for the Web, on
// test/fixtures/workspace served by @vscode/test-web as a virtual file system: file discovery, the index read
// through vscode.workspace.fs, and the Sessions tree the user sees.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FIXTURE_TREE } from '../suite/fixtureExpectations';
import { activateExtension, EXTENSION_ID, renderTree, workspaceUri } from '../suite/helpers';

const FIXTURE_NOTES = ['notes/devconf.md', 'notes/webcamp.md'];

/** `uri` relative to the workspace folder, `/`-separated; an absolute path if it lies outside. */
function relative(uri: vscode.Uri | string): string {
  return vscode.workspace.asRelativePath(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri, false);
}

describe('Web-worker extension host: file discovery and the Sessions tree', () => {
  it('runs the browser bundle in VS Code for the Web on a virtual workspace', () => {
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    assert.equal(extension.packageJSON.browser, './dist/web/extension.js');
    // A virtual file system: nothing here can be reached through Node's `fs`, only vscode.workspace.fs.
    assert.notEqual(workspaceUri().scheme, 'file');
  });

  it('finds exactly the fixture notes with workspace.findFiles', async () => {
    const found = await vscode.workspace.findFiles('**/*.md');
    assert.deepEqual(found.map(relative).sort(), FIXTURE_NOTES);
  });

  it('indexes every fixture note through the extension', async () => {
    const api = await activateExtension();
    assert.deepEqual(api.notes.index.uris().map(relative).sort(), FIXTURE_NOTES);
    assert.equal(api.notes.index.sessionCount, 6);
  });

  it('shows the conferences, tracks and sessions with counts in the Sessions tree', async () => {
    const api = await activateExtension();
    assert.deepEqual(await renderTree(api), FIXTURE_TREE);
  });
});
