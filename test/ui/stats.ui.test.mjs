// The Track statistics panel as a user sees it in the real workbench: opened with F1 on the examples/
// workspace, its table checked against the counts of the two example reports (written out by hand, so a bug in
// the statistics core fails here), bars and trend points that open a track's sessions, screenshots in the light
// and dark themes, and a workspace of hostile note names that must show up as text.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'mocha';
import { repoRoot } from '../../scripts/vscode-server.mjs';
import { openViewContainer, openWorkbench, runCommand, screenshot, webviewFrame, screenshotOnFailure } from './workbench.mjs';

const examplesDir = join(repoRoot, 'examples');
const PANEL_TITLE = 'Track Statistics';

// Counted by hand from examples/*/report.md: KubeCon EU has 2 keynotes, 2 observability and 2 security
// sessions; OSS Japan 1 keynote, 2 security, 2 embedded Linux and 1 observability session (概要 and まとめ hold
// none). Most sessions first, ties by name; shares of all 12 sessions.
const EXAMPLES_TABLE = [
  ['Track', 'KubeCon + CloudNativeCon Europe 2025', 'Open Source Summit Japan 2025', 'Total', 'Share (%)'],
  ['Security', '2', '2', '4', '33.3%'],
  ['Keynote', '2', '1', '3', '25%'],
  ['Observability', '2', '1', '3', '25%'],
  ['Embedded Linux', '0', '2', '2', '16.7%'],
  ['Total', '6', '6', '12', '100%'],
];
/** The first bar with a track is Security at KubeCon EU; its sessions in note order. */
const FIRST_BAR_SESSIONS = ['Signing Everything: Supply Chain Security in Practice', 'Rootless Containers, Five Years Later'];

/** Opens the panel with F1 and returns its webview frame once the table has rows. */
async function openStatsPanel(page) {
  // The view container appears once the extension host has loaded the extension and its commands.
  await openViewContainer(page, 'Conference Notes');
  await runCommand(page, 'Show Track Statistics');
  const frame = await webviewFrame(page, PANEL_TITLE, 60_000);
  await frame.locator('table tbody tr').first().waitFor();
  return frame;
}

function tableText(frame) {
  return frame.locator('table tr').evaluateAll((rows) => rows.map((row) => Array.from(row.cells, (cell) => cell.textContent)));
}

describe('Track statistics panel on the examples workspace (light theme)', function () {
  let workbench;

  before(async function () {
    assert.ok(existsSync(join(repoRoot, 'dist/webview/statsView.js')), 'dist/ is missing: run `node scripts/build.mjs` first');
    workbench = await openWorkbench({ folder: examplesDir, theme: 'light' });
  });
  afterEach(screenshotOnFailure(() => workbench));
  after(async function () {
    await workbench?.close();
  });

  it('shows the sessions per track of the example notes in its table, and a bar per track and conference', async function () {
    const frame = await openStatsPanel(workbench.page);
    assert.deepEqual(await tableText(frame), EXAMPLES_TABLE);
    assert.equal(await frame.locator('svg[role="img"] .bar').count(), 4 * 2);
    assert.equal(
      await frame.locator('svg[role="img"] > desc').textContent(),
      'Tracks: 4. Conferences: 2. Sessions: 12. KubeCon + CloudNativeCon Europe 2025: 6 sessions, most in Security (2). '
        + 'Open Source Summit Japan 2025: 6 sessions, most in Security (2).',
    );
    await screenshot(workbench.page, 'stats-light');
  });

  it("opens a track's sessions from a clicked bar", async function () {
    const { page } = workbench;
    const frame = await webviewFrame(page, PANEL_TITLE);
    const bar = frame.locator('.bar[data-track]').first();
    assert.deepEqual([await bar.getAttribute('data-track'), await bar.getAttribute('data-conference')], ['Security', 'KubeCon + CloudNativeCon Europe 2025']);

    await bar.click();
    const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await rows.first().waitFor();
    assert.deepEqual(await rows.locator('.label-name').allTextContents(), FIRST_BAR_SESSIONS);
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: 'report.md' }).waitFor();
  });

  it("opens a track's sessions from a point of the trend chart, clicked or with the keyboard", async function () {
    const { page } = workbench;
    // The session opened from a bar took the panel's place in its group: the panel is shown again.
    const frame = await openStatsPanel(page);
    // The label's accessible name includes the chosen option's text, so the control is found by its caption.
    const chartKind = frame.locator('label', { has: frame.locator('.option-label', { hasText: /^Chart$/ }) }).locator('select');
    await chartKind.selectOption('trend');
    try {
      const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      // Embedded Linux is the last line drawn, so its point at OSS Japan lies over Security's (2 sessions each).
      const point = frame.locator('.point[data-track="Embedded Linux"][data-conference="Open Source Summit Japan 2025"]');
      await point.waitFor();
      assert.equal(await point.getAttribute('aria-label'), 'Embedded Linux — Open Source Summit Japan 2025: 2');
      await point.click();
      await rows.first().waitFor();
      assert.deepEqual(await rows.locator('.label-name').allTextContents(), ['Yocto で作る長期サポート製品', 'リアルタイム Linux の現状']);
      await page.keyboard.press('Escape');
      // Closed before the next one opens, so that its rows are not this one's.
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });

      const focused = frame.locator('.point[data-track="Security"][data-conference="KubeCon + CloudNativeCon Europe 2025"]');
      assert.equal(await focused.getAttribute('tabindex'), '0', 'a point with sessions is a tab stop');
      assert.equal(await frame.locator('.point[data-track="Embedded Linux"][data-conference="KubeCon + CloudNativeCon Europe 2025"]').getAttribute('tabindex'), null, 'one of 0 is none');
      await focused.focus();
      await page.keyboard.press('Space');
      await rows.filter({ hasText: FIRST_BAR_SESSIONS[0] }).first().waitFor();
      assert.deepEqual(await rows.locator('.label-name').allTextContents(), FIRST_BAR_SESSIONS);
      await page.keyboard.press('Escape');
    } finally {
      // The panel remembers its options: the other tests see bars.
      await chartKind.selectOption('bars');
    }
  });
});

describe('Track statistics panel on the examples workspace (dark theme)', function () {
  let workbench;

  before(async function () {
    workbench = await openWorkbench({ folder: examplesDir, theme: 'dark' });
  });
  afterEach(screenshotOnFailure(() => workbench));
  after(async function () {
    await workbench?.close();
  });

  it('follows the theme, and a bar opens its sessions with the keyboard', async function () {
    const { page } = workbench;
    const frame = await openStatsPanel(page);
    const [background, text] = await frame.locator('body').evaluate((body) => {
      const style = body.ownerDocument.defaultView.getComputedStyle(body);
      return [style.backgroundColor, style.color];
    });
    const luminance = (rgb) => rgb.match(/\d+/g).slice(0, 3).reduce((sum, value) => sum + Number(value), 0) / 3;
    assert.ok(luminance(background) < 80 && luminance(text) > 160, `dark background ${background} with light text ${text}`);
    await screenshot(page, 'stats-dark');

    await frame.locator('.bar').first().focus();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor();
    await page.keyboard.press('Escape');
  });
});

describe('Track statistics panel with hostile note names', function () {
  const CONFERENCE = '<img src=x onerror=alert(1)>';
  const TRACK = '</svg><script>window.injected = true</script>';
  const SESSION = '<b onmouseover=alert(1)>Bold</b> & "quoted"';
  let folder;
  let workbench;

  before(async function () {
    folder = mkdtempSync(join(tmpdir(), 'conference-notes-hostile-'));
    // Sessions with a speaker each: a report, whatever inference makes of headings that are markup.
    const talk = (title) => `### ${title}\n\n- speakers: Ada Byron\n\n`;
    writeFileSync(join(folder, `${CONFERENCE}.md`), `# ${CONFERENCE}\n\n## ${TRACK}\n\n${talk(SESSION)}${talk('Second session')}`);
    writeFileSync(join(folder, 'other.md'), `---\nconference: "</svg><img src=x onerror=alert(2)>"\n---\n\n## ${TRACK}\n\n${talk('Third session')}`);
    workbench = await openWorkbench({ folder, theme: 'dark' });
  });
  afterEach(screenshotOnFailure(() => workbench));
  after(async function () {
    await workbench?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('shows the names as text and creates no element from them', async function () {
    const frame = await openStatsPanel(workbench.page);
    const dom = await frame.locator('html').evaluate((html) => ({
      images: html.querySelectorAll('img, image').length,
      // VS Code adds its own inline script (id `_vscodeApiScript`) that defines acquireVsCodeApi.
      scripts: Array.from(html.querySelectorAll('script:not(#_vscodeApiScript)'), (script) => script.getAttribute('src')),
      injectedElements: html.querySelectorAll('b, iframe, body svg svg').length,
      injected: 'injected' in html.ownerDocument.defaultView,
      conferences: Array.from(html.querySelectorAll('.bar'), (bar) => bar.getAttribute('data-conference')),
      tracks: Array.from(html.querySelectorAll('.bar'), (bar) => bar.getAttribute('data-track')),
    }));
    assert.equal(dom.images, 0, 'no img element');
    assert.equal(dom.scripts.length, 1, `only the panel's own script: ${dom.scripts.join(', ')}`);
    assert.match(dom.scripts[0], /\/dist\/webview\/statsView\.js$/);
    assert.equal(dom.injectedElements, 0);
    assert.equal(dom.injected, false, 'no injected script ran');
    assert.deepEqual(new Set(dom.conferences), new Set([CONFERENCE, '</svg><img src=x onerror=alert(2)>']));
    assert.deepEqual(new Set(dom.tracks), new Set([TRACK]));

    const table = await tableText(frame);
    assert.ok(table[0].includes(CONFERENCE), `header shows the name literally: ${table[0].join(' | ')}`);
    const [trackRow] = table.slice(1, -1);
    assert.equal(table.length, 3, 'header, one track, total');
    assert.equal(trackRow[0], TRACK);
    assert.deepEqual([...trackRow.slice(1, -2)].sort(), ['1', '2']);
    assert.deepEqual(trackRow.slice(-2), ['3', '100%']);
    assert.equal(await frame.locator('label', { hasText: CONFERENCE }).count(), 1, 'the conference checkbox label shows it literally');
  });
});
