// The Track statistics panel as a user sees it in the real workbench: opened with F1 on the examples/
// workspace, its table checked against the command-line twin (same core), bars that open a track's sessions,
// screenshots in the light and dark themes, and a workspace of hostile note names that must show up as text.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'mocha';
import { repoRoot } from '../../scripts/vscode-server.mjs';
import { openViewContainer, openWorkbench, runCommand, screenshot, webviewFrame } from './workbench.mjs';

const examplesDir = join(repoRoot, 'examples');
const cli = join(repoRoot, 'dist/cli.js');
const PANEL_TITLE = 'Track Statistics';

function runCli(...args) {
  return execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
}

/** The CLI's Markdown table as rows of cell text (the panel's table has the same cells). */
function cliTable(folder) {
  return runCli('stats', '--format', 'md', folder)
    .split('\n')
    .filter((line) => line.startsWith('|') && !line.startsWith('| ---'))
    .map((line) => line.slice(2, -2).split(/ (?<!\\)\| /).map((cell) => cell.replace(/\\\|/g, '|')));
}

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

function saveScreenshotOnFailure(getWorkbench) {
  return async function () {
    const workbench = getWorkbench();
    if (this.currentTest?.state === 'failed' && workbench) {
      console.log(`    screenshot: ${await screenshot(workbench.page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`)}`);
    }
  };
}

describe('Track statistics panel on the examples workspace (light theme)', function () {
  let workbench;

  before(async function () {
    assert.ok(existsSync(join(repoRoot, 'dist/webview/statsView.js')), 'dist/ is missing: run `node scripts/build.mjs` first');
    workbench = await openWorkbench({ folder: examplesDir, theme: 'light' });
  });
  afterEach(saveScreenshotOnFailure(() => workbench));
  after(async function () {
    await workbench?.close();
  });

  it('shows the same table as the command line, and a bar per track and conference', async function () {
    const frame = await openStatsPanel(workbench.page);
    const expected = cliTable(examplesDir);
    assert.deepEqual(await tableText(frame), expected);
    const conferences = expected[0].length - 3;
    const tracks = expected.length - 2;
    assert.equal(await frame.locator('svg[role="img"] .bar').count(), tracks * conferences);
    assert.ok((await frame.locator('svg[role="img"] > desc').textContent()).length > 0, 'the chart has a text alternative');
    await screenshot(workbench.page, 'stats-light');
  });

  it("opens a track's sessions from a clicked bar", async function () {
    const { page } = workbench;
    const frame = await webviewFrame(page, PANEL_TITLE);
    const bar = frame.locator('.bar[data-track]').first();
    const conference = await bar.getAttribute('data-conference');
    const track = await bar.getAttribute('data-track');
    const expected = JSON.parse(runCli('sessions', '--format', 'json', examplesDir))
      .sessions.filter((session) => session.conference === conference && session.track === track)
      .map((session) => session.title);
    assert.ok(expected.length > 0, `the first bar (${track}, ${conference}) has sessions`);

    await bar.click();
    const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await rows.first().waitFor();
    assert.deepEqual(await rows.locator('.label-name').allTextContents(), expected);
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: 'report.md' }).waitFor();
  });
});

describe('Track statistics panel on the examples workspace (dark theme)', function () {
  let workbench;

  before(async function () {
    workbench = await openWorkbench({ folder: examplesDir, theme: 'dark' });
  });
  afterEach(saveScreenshotOnFailure(() => workbench));
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
    writeFileSync(join(folder, `${CONFERENCE}.md`), `# ${CONFERENCE}\n\n## ${TRACK}\n\n### ${SESSION}\n\n### Second session\n`);
    writeFileSync(join(folder, 'other.md'), `---\nconference: "</svg><img src=x onerror=alert(2)>"\n---\n\n## ${TRACK}\n\n### Third session\n`);
    workbench = await openWorkbench({ folder, theme: 'dark' });
  });
  afterEach(saveScreenshotOnFailure(() => workbench));
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
