// The conference-stats block in VS Code's Markdown preview, beside the report, in the real workbench: a folder with
// the two example reports and a trip report holding a block; the preview opened to the side shows the chart (a bar
// per track and conference of the examples) and the table, has no script element, follows the theme, and is
// screenshotted in the light and the dark theme.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'mocha';
import { repoRoot } from '../../scripts/vscode-server.mjs';
import { openViewContainer, openWorkbench, runCommand, screenshot, screenshotOnFailure } from './workbench.mjs';

const TRIP_REPORT = [
  '# Trip report',
  '',
  'The number of sessions per track compared with the earlier conference:',
  '',
  '```conference-stats',
  'show: both',
  'sort: count',
  '```',
  '',
].join('\n');

/** The preview's frame: the one (of the nested webview iframes) that shows a rendered block. */
async function previewFrame(page, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if ((await frame.locator('.conference-stats svg').count().catch(() => 0)) > 0) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no Markdown preview with a conference-stats chart within ${timeoutMs} ms`);
}

async function openPreviewBesideReport(page) {
  // The view container appears once the extension host has loaded the extension and its commands.
  await openViewContainer(page, 'Conference Notes');
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill('trip-report.md');
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'trip-report.md' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: 'trip-report.md' }).waitFor();
  await runCommand(page, 'Markdown: Open Preview to the Side');
  return previewFrame(page);
}

for (const theme of ['light', 'dark']) {
  describe(`conference-stats block in the Markdown preview (${theme} theme)`, function () {
    let folder;
    let workbench;

    before(async function () {
      folder = mkdtempSync(join(tmpdir(), 'conference-notes-preview-'));
      cpSync(join(repoRoot, 'examples'), folder, { recursive: true });
      writeFileSync(join(folder, 'trip-report.md'), TRIP_REPORT);
      workbench = await openWorkbench({ folder, theme });
    });
    afterEach(screenshotOnFailure(() => workbench, `preview-${theme}-`));
    after(async function () {
      await workbench?.close();
      if (folder) rmSync(folder, { recursive: true, force: true });
    });

    it('shows the chart and the table of the notes beside the report, with no script', async function () {
      const frame = await openPreviewBesideReport(workbench.page);
      const block = frame.locator('.conference-stats');
      // 4 tracks × 2 conferences in the examples.
      assert.equal(await block.locator('svg .bar').count(), 8);
      assert.deepEqual(await block.locator('table tbody tr td:first-child').allTextContents(), ['Security', 'Keynote', 'Observability', 'Embedded Linux', 'Total']);
      assert.equal(await block.locator('script').count(), 0);
      const text = await block.locator('svg .chart-title').evaluate((node) => node.ownerDocument.defaultView.getComputedStyle(node).fill);
      const luminance = text.match(/\d+/g).slice(0, 3).reduce((sum, value) => sum + Number(value), 0) / 3;
      assert.ok(theme === 'dark' ? luminance > 160 : luminance < 120, `the title's colour ${text} follows the ${theme} theme`);
      await screenshot(workbench.page, `preview-${theme}`);
    });
  });
}
