// Using the Sessions view in the real workbench, as a user does: group by speaker from the title bar, filter,
// click a session and see its heading in the editor — with screenshots in the light and dark themes — and the
// welcome content of a workspace without notes.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'mocha';
import { repoRoot } from '../../scripts/vscode-server.mjs';
import { expandTreeItem, openViewContainer, openWorkbench, screenshot, treeItems, waitForTreeItems, screenshotOnFailure } from './workbench.mjs';

const examplesDir = join(repoRoot, 'examples');
const kubecon = 'KubeCon + CloudNativeCon Europe 2025';
const ossj = 'Open Source Summit Japan 2025';

/** Clicks a button of the Sessions view's title bar by its tooltip. */
/** A Sessions view title action: with the Agenda view beside it, the actions sit in the Sessions pane's header, shown on hover. */
async function clickViewAction(page, title) {
  const header = page.locator('.part.sidebar .pane-header').filter({ hasText: 'Sessions' }).first();
  await header.hover();
  await header.locator(`.action-label[aria-label="${title}"]`).first().click();
}

async function pickQuickItem(page, label) {
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: label }).first().click();
}

for (const theme of ['light', 'dark']) {
  describe(`Sessions view interactions (${theme} theme)`, function () {
    let workbench;

    before(async function () {
      workbench = await openWorkbench({ folder: examplesDir, theme });
      await openViewContainer(workbench.page, 'Conference Notes');
      await waitForTreeItems(workbench.page, [kubecon, ossj]);
    });

    afterEach(screenshotOnFailure(() => workbench, `${theme}-`));

    after(async function () {
      await workbench?.close();
    });

    it('opens a session at its heading when it is clicked', async function () {
      const { page } = workbench;
      await expandTreeItem(page, kubecon);
      await expandTreeItem(page, 'Security', 2);
      await page.locator('.part.sidebar .monaco-list-row[aria-level="3"]').filter({ hasText: 'Rootless Containers, Five Years Later' }).click();
      const editor = page.locator('.part.editor .monaco-editor').first();
      await editor.waitFor();
      // The heading line is revealed at the top of the editor with the cursor on it.
      const currentLine = editor.locator('.view-overlays .current-line');
      await currentLine.waitFor();
      const lines = await editor.locator('.view-lines .view-line').allInnerTexts();
      assert.ok(lines.some((line) => line.replace(/\u00a0/g, ' ') === '### Rootless Containers, Five Years Later'), lines.join('\n'));
      await screenshot(page, `sessions-open-${theme}`);
    });

    it('groups by speaker from the title bar and back', async function () {
      const { page } = workbench;
      await clickViewAction(page, 'Group Sessions By…');
      await pickQuickItem(page, 'Speaker');
      await waitForTreeItems(page, ['Kenji Watanabe', '佐藤 花子']);
      const speakers = (await treeItems(page)).filter((item) => item.level === 1);
      assert.ok(speakers.every((item) => /^\d+$/.test(item.description)), 'every speaker shows a count');
      await screenshot(page, `sessions-by-speaker-${theme}`);
      await clickViewAction(page, 'Group Sessions By…');
      await pickQuickItem(page, 'Conference → Track');
      await waitForTreeItems(page, [kubecon, ossj]);
    });

    it('filters, shows that it is filtered, and clears the filter', async function () {
      const { page } = workbench;
      await clickViewAction(page, 'Filter Sessions…');
      const input = page.locator('.quick-input-widget input');
      await input.fill('ebpf');
      await input.press('Enter');
      await page.locator('.part.sidebar').getByText('Filtered: "ebpf"').filter({ visible: true }).waitFor();
      await page.locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="1"]').filter({ hasText: kubecon }).waitFor({ state: 'detached' });
      const [only] = (await treeItems(page)).filter((item) => item.level === 1);
      assert.deepEqual([only.label, only.description], [ossj, '1']);
      await screenshot(page, `sessions-filtered-${theme}`);
      await clickViewAction(page, 'Clear Sessions Filter');
      await waitForTreeItems(page, [kubecon, ossj]);
    });
  });
}

describe('Sessions view on a workspace without notes', function () {
  let workbench;

  before(async function () {
    const empty = mkdtempSync(join(tmpdir(), 'conference-notes-empty-'));
    writeFileSync(join(empty, 'todo.txt'), 'not a note\n');
    workbench = await openWorkbench({ folder: empty, theme: 'light' });
    workbench.folder = empty;
    await openViewContainer(workbench.page, 'Conference Notes');
  });

  after(async function () {
    await workbench?.close();
    if (workbench?.folder) rmSync(workbench.folder, { recursive: true, force: true });
  });

  it('explains how notes are read and offers to create or import notes, instead of a blank view', async function () {
    const { page } = workbench;
    const welcome = page.locator('.part.sidebar .welcome-view-content');
    await welcome.getByText('No conference notes found in this workspace yet.').waitFor();
    for (const button of ['New Conference Report', 'New Session Note', 'Import Schedule', 'How notes are read']) {
      await welcome.getByRole('button', { name: button }).waitFor();
    }
    await screenshot(page, 'sessions-welcome');
  });
});
