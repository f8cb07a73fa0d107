// Playwright helpers for UI tests on the real VS Code workbench (server + web workbench in chromium, see
// scripts/vscode-server.mjs), with this repository's extension loaded as development extension.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCleanup, launchChromium, repoRoot, startServer, workbenchUrl } from '../../scripts/vscode-server.mjs';
import { writeLanguagePack } from './languagePack.mjs';

export const artifactsDir = join(repoRoot, 'artifacts');

/** The setting value of each theme, and the class the workbench root gets once that theme is applied:
 *  the workbench first paints in a built-in light theme and applies the user's theme only after the
 *  settings arrive from the server, seconds later. */
const themes = {
  light: { setting: 'Default Light Modern', appliedClass: 'vscode-theme-defaults-themes-light_modern-json' },
  dark: { setting: 'Default Dark Modern', appliedClass: 'vscode-theme-defaults-themes-dark_modern-json' },
};
const viewport = { width: 1280, height: 800 };
/** Generous: the first start of a server also compiles its code cache. */
const workbenchTimeoutMs = 60_000;
const uiTimeoutMs = 15_000;

/**
 * Starts a server with the extension at `extensionDevelopmentPath` (this repository by default) loaded as
 * development extension, opens `folder` in chromium and waits for the workbench in the given `theme`
 * ('light' or 'dark'), in `displayLanguage` if given (through a minimal language pack). Resolves with the page and `close()`, which stops browser and server and removes
 * the temp dirs.
 */
export async function openWorkbench({ folder, theme = 'dark', extensionDevelopmentPath = repoRoot, displayLanguage }) {
  if (!themes[theme]) throw new Error(`theme is one of ${Object.keys(themes).join(', ')}, not "${theme}"`);
  const cleanup = createCleanup();
  try {
    const server = await startServer({
      cleanup,
      userSettings: { 'workbench.colorTheme': themes[theme].setting },
      displayLanguage,
      prepare: (dirs) => displayLanguage && writeLanguagePack(dirs, displayLanguage),
    });
    const browser = await launchChromium(cleanup);
    const page = await browser.newPage({ viewport });
    page.setDefaultTimeout(uiTimeoutMs);
    await page.goto(workbenchUrl(server, { target: folder, extensionDevelopmentPaths: [extensionDevelopmentPath] }));
    await page.locator(`.monaco-workbench.${themes[theme].appliedClass} .part.activitybar`).waitFor({ timeout: workbenchTimeoutMs });
    return { page, close: () => cleanup.run() };
  } catch (error) {
    await cleanup.run();
    throw error;
  }
}

/** Clicks the activity-bar entry titled `title` (an extension's view container) unless already open.
 *  The entry appears only once the extension host has read the development extension, hence the wait. */
export async function openViewContainer(page, title) {
  const entry = page.locator(`.part.activitybar .action-item:has(> a.action-label[aria-label="${title}"])`);
  await entry.waitFor({ timeout: workbenchTimeoutMs });
  if ((await entry.getAttribute('aria-selected')) !== 'true') await entry.click();
  await page.locator('.part.sidebar .composite.title').filter({ hasText: title }).waitFor();
}

/** The rows of the tree in the side bar, top to bottom, as shown: label, description, depth (1 = top
 *  level) and whether the row is expanded (undefined for leaves). Only rendered (visible) rows count. */
export async function treeItems(page) {
  return page.locator(treeRowSelector).evaluateAll((rows) => rows
    .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
    .map((row) => ({
      label: row.querySelector('.label-name')?.textContent ?? '',
      description: row.querySelector('.label-description')?.textContent ?? '',
      level: Number(row.getAttribute('aria-level')),
      expanded: row.hasAttribute('aria-expanded') ? row.getAttribute('aria-expanded') === 'true' : undefined,
    })));
}

const treeRowSelector = '.part.sidebar .monaco-list-row[role="treeitem"]';

/** The side-bar tree row at `level` whose label is exactly `label`; `state` adds `[aria-expanded=…]`. */
function treeRow(page, label, level, state = '') {
  const exactLabel = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page.locator(`${treeRowSelector}[aria-level="${level}"]${state}`)
    .filter({ has: page.locator('.label-name', { hasText: exactLabel }) });
}

/** Waits until the side-bar tree shows a row for every label in `labels` at `level`. */
export async function waitForTreeItems(page, labels, level = 1) {
  for (const label of labels) await treeRow(page, label, level).waitFor();
}

/** Expands the tree row labelled `label` at `level` and waits until the tree shows it expanded. */
export async function expandTreeItem(page, label, level = 1) {
  const row = treeRow(page, label, level);
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
  await treeRow(page, label, level, '[aria-expanded="true"]').waitFor();
}

/** Runs a command the way a user does: F1, type its title as shown in the palette, Enter. */
export async function runCommand(page, title) {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
  // The palette lists the commands known when it opens; contributed ones (ours, and built-in extensions' such as
  // the Markdown preview's) appear once the extension host has registered them, so a palette opened too early is
  // closed and opened again.
  const deadline = Date.now() + uiTimeoutMs;
  for (;;) {
    await page.keyboard.press('F1');
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ timeout: 3_000 });
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.keyboard.press('Escape');
    }
  }
  await input.press('Enter');
}

/** The frame of the webview whose document title is `title` (webviews are nested iframes). */
export async function webviewFrame(page, title, timeoutMs = uiTimeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if ((await frame.title().catch(() => '')) === title) return frame;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no webview titled "${title}" within ${timeoutMs} ms`);
}

/** Saves a PNG of the whole workbench as artifacts/<name>.png and returns its path. */
export async function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** An `afterEach` hook that saves a screenshot of the workbench when the test failed (artifacts/failed-<prefix><title>.png). */
export function screenshotOnFailure(getWorkbench, prefix = '') {
  return async function () {
    const workbench = getWorkbench();
    if (this.currentTest?.state === 'failed' && workbench) {
      console.log(`    screenshot: ${await screenshot(workbench.page, `failed-${prefix}${this.currentTest.title.replace(/\W+/g, '-')}`)}`);
    }
  };
}
