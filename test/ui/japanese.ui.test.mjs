// The extension under the Japanese display language, in the real workbench: every string of ours that a user sees
// in the Sessions and Agenda views, the Group Sessions By picker and the Track statistics panel is Japanese. VS Code's
// own strings stay English (the language pack the test installs translates nothing of VS Code's), so the check is
// against our own English strings: none of those with a Japanese translation may show. Screenshots of the view and
// the panel go to artifacts/ (docs/images/ja-*.png in the README's Japanese section).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'mocha';
import { repoRoot } from '../../scripts/vscode-server.mjs';
import { expandTreeItem, openViewContainer, openWorkbench, runCommand, screenshot, treeItems, webviewFrame, screenshotOnFailure } from './workbench.mjs';

const examplesDir = join(repoRoot, 'examples');
const readJson = (path) => JSON.parse(readFileSync(join(repoRoot, path), 'utf8'));
const japaneseBundle = readJson('l10n/bundle.l10n.ja.json');
const manifestEnglish = readJson('package.nls.json');
const manifestJapanese = readJson('package.nls.ja.json');

/** Our English strings that have a Japanese translation of their own (a name such as "SVG" stays as it is). */
const translatedEnglish = new Set([
  ...Object.entries(japaneseBundle).filter(([english, japanese]) => english !== japanese).map(([english]) => english),
  ...Object.entries(manifestEnglish).filter(([key, english]) => manifestJapanese[key] !== english).map(([, english]) => english),
].flatMap((text) => text.split('\n')).map((line) => line.trim()).filter((line) => line.length > 0));

function assertNoEnglishOfOurs(texts, where) {
  const english = texts.map((text) => text.trim()).filter((text) => translatedEnglish.has(text));
  assert.deepEqual(english, [], `English strings of ours in ${where}: ${english.join(' | ')}`);
}

const ja = (english) => {
  const japanese = japaneseBundle[english];
  assert.ok(japanese, `"${english}" has a Japanese translation`);
  return japanese;
};

describe('Japanese display language', function () {
  let workbench;

  before(async function () {
    assert.ok(existsSync(join(repoRoot, 'dist/extension.js')), 'dist/ is missing: run `node scripts/build.mjs` first');
    workbench = await openWorkbench({ folder: examplesDir, theme: 'light', displayLanguage: 'ja' });
    await openViewContainer(workbench.page, 'Conference Notes');
  });

  afterEach(screenshotOnFailure(() => workbench));

  after(async function () {
    await workbench?.close();
  });

  it('shows the Sessions and Agenda views, their groups, welcome text and tooltips in Japanese', async function () {
    const { page } = workbench;
    const sidebar = page.locator('.part.sidebar');
    await sidebar.locator('.pane-header').filter({ hasText: manifestJapanese['view.sessions'] }).waitFor();
    await sidebar.locator('.pane-header').filter({ hasText: manifestJapanese['view.agenda'] }).waitFor();
    // Grouped by status, the groups are named by the extension: 参加済み, not attended.
    await runCommand(page, manifestJapanese['command.groupBy']);
    const picker = page.locator('.quick-input-widget');
    const options = picker.locator('.quick-input-list .monaco-list-row');
    await picker.locator('.quick-input-title').filter({ hasText: ja('Group Sessions By') }).waitFor();
    await options.first().waitFor();
    const optionTexts = await options.evaluateAll((rows) => rows.map((row) => row.querySelector('.label-name')?.textContent ?? ''));
    assertNoEnglishOfOurs([await picker.locator('.quick-input-title').textContent() ?? '', ...optionTexts], 'the Group Sessions By picker');
    assert.ok(optionTexts.includes(ja('Status')), `the picker offers ${ja('Status')}: ${optionTexts.join(' | ')}`);
    await options.filter({ hasText: ja('Status') }).first().click();
    const rows = sidebar.locator('.monaco-list-row[role="treeitem"][aria-level="1"]');
    await rows.filter({ hasText: ja('Attended') }).first().waitFor();
    const items = await treeItems(page);
    assertNoEnglishOfOurs(items.flatMap((item) => [item.label, item.description]), 'the Sessions view');
    await screenshot(page, 'ja-sessions');
    const agendaWelcome = sidebar.locator('.welcome-view-content').filter({ hasText: manifestJapanese['viewsWelcome.agenda'].split('\n')[0] });
    await agendaWelcome.waitFor();
    assertNoEnglishOfOurs((await agendaWelcome.innerText()).split('\n'), 'the Agenda view');
    // Back to conferences for the next test's screenshot.
    await runCommand(page, manifestJapanese['command.groupBy']);
    await picker.locator('.quick-input-title').filter({ hasText: ja('Group Sessions By') }).waitFor();
    await options.filter({ hasText: ja('Conference') }).first().click();
    await expandTreeItem(page, 'Open Source Summit Japan 2025');
  });

  it('shows the Track statistics panel in Japanese', async function () {
    const { page } = workbench;
    await runCommand(page, manifestJapanese['command.showTrackStatistics']);
    const frame = await webviewFrame(page, ja('Track Statistics'), 60_000);
    await frame.locator('table tbody tr').first().waitFor();
    const texts = await frame.locator('legend, label, option, button, th, caption, .option-label').evaluateAll((nodes) => nodes.map((node) => node.childNodes.length === 1 || node.tagName === 'OPTION' ? node.textContent ?? '' : Array.from(node.childNodes).filter((child) => child.nodeType === 3).map((child) => child.textContent ?? '').join('')));
    assertNoEnglishOfOurs(texts, 'the Track statistics panel');
    for (const english of ['Conferences', 'Sort', 'Export', 'Total']) {
      assert.ok(texts.some((text) => text.includes(ja(english))), `the panel shows ${ja(english)}`);
    }
    const chartTitle = await frame.locator('svg title').first().textContent();
    assert.ok(chartTitle && !translatedEnglish.has(chartTitle.trim()), `the chart's title is not English of ours: ${chartTitle}`);
    await screenshot(page, 'ja-track-statistics');
  });
});
