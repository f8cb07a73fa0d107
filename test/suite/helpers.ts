// Shared helpers for the extension-host tests (they run inside a real VS Code on test/fixtures/workspace).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConferenceNotesApi } from '../../src/vscode/activation';
import type { SessionTreeNode } from '../../src/vscode/sessions/sessionTree';

export const EXTENSION_ID = 'conference-notes.conference-notes';

export async function activateExtension(): Promise<ConferenceNotesApi> {
  const extension = vscode.extensions.getExtension<ConferenceNotesApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  const api = await extension.activate();
  await api.notes.ready();
  return api;
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** The tree as a user sees it: label plus description of each node, children nested. */
export interface RenderedNode {
  readonly label: string;
  readonly description?: string;
  readonly children?: RenderedNode[];
}

export async function renderTree(api: ConferenceNotesApi, node?: SessionTreeNode, depth = 3): Promise<RenderedNode[]> {
  const children = await api.sessionTree.provider.getChildren(node);
  return Promise.all(
    children.map(async (child) => {
      const item = api.sessionTree.provider.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const rendered: RenderedNode = { label, description: typeof item.description === 'string' ? item.description : undefined };
      return depth > 1 && item.collapsibleState !== vscode.TreeItemCollapsibleState.None
        ? { ...rendered, children: await renderTree(api, child, depth - 1) }
        : rendered;
    }),
  );
}

/**
 * Resolves once `condition` holds, re-checking after every index change; rejects after a timeout so an update
 * that never comes fails the test. Several watcher batches may arrive for one user action (a rename is a delete
 * plus a create), hence a condition rather than "the next event".
 */
export function waitForIndex(api: ConferenceNotesApi, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  if (condition()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`the index did not reach the expected state within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = api.notes.index.onDidChange(() => {
      if (!condition()) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}
