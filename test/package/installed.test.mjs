// Smoke test of the packaged extension as a user gets it: conference-notes.vsix installed into a fresh extensions
// folder of the real VS Code server with `--install-extension`, the workbench opened on examples/ with no
// development extension, and the installed copy's Sessions view listing the example conferences with their counts.
// The expected conferences come from the command-line twin over the same folder, so editing the examples does not
// break the test.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import { createCleanup, launchChromium, node24Path, repoRoot, serverMainPath, startServer, workbenchUrl } from '../../scripts/vscode-server.mjs';
import { openViewContainer, treeItems, waitForTreeItems } from '../ui/workbench.mjs';
import { readZip, vsixPath } from './vsix.mjs';

const examplesDir = join(repoRoot, 'examples');
const workbenchTimeoutMs = 60_000;

/** Installs `vsix` into the extensions folder of the running `server`, with the server's own CLI. */
function installExtension(server, vsix) {
  const env = { ...process.env, TMPDIR: server.dirs.tmp };
  // NODE_OPTIONS is meant for the toolchain's Node 20 (e.g. tsx loaders), not for Node 24.
  delete env.NODE_OPTIONS;
  const result = spawnSync(node24Path, [
    serverMainPath,
    '--install-extension', vsix,
    '--extensions-dir', server.dirs.extensions,
    '--server-data-dir', server.dirs.serverData,
    '--user-data-dir', server.dirs.userData,
    '--accept-server-license-terms',
  ], { encoding: 'utf8', env, timeout: 60_000 });
  assert.equal(result.status, 0, `--install-extension failed:\n${result.stdout}${result.stderr}`);
}

describe('The installed .vsix in the real VS Code', function () {
  const cleanup = createCleanup();
  let manifest;
  let page;
  let installedDir;

  before(async function () {
    assert.ok(existsSync(vsixPath), 'conference-notes.vsix is missing: run `npm run package` first');
    manifest = JSON.parse(readZip(vsixPath).find((entry) => entry.name === 'extension/package.json').read().toString('utf8'));
    const server = await startServer({ cleanup });
    installExtension(server, vsixPath);
    installedDir = join(server.dirs.extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
    const browser = await launchChromium(cleanup);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // No extensionDevelopmentPath: the only Conference Notes this workbench can run is the installed one.
    await page.goto(workbenchUrl(server, { target: examplesDir }));
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: workbenchTimeoutMs });
  });

  after(async function () {
    await cleanup.run();
  });

  it('is installed from the package into the extensions folder', function () {
    const installed = JSON.parse(readFileSync(join(installedDir, 'package.json'), 'utf8'));
    assert.equal(`${installed.publisher}.${installed.name}@${installed.version}`, `${manifest.publisher}.${manifest.name}@${manifest.version}`);
    const packagedMain = readZip(vsixPath).find((entry) => entry.name === `extension/${manifest.main.replace(/^\.\//, '')}`).read();
    assert.ok(readFileSync(join(installedDir, manifest.main)).equals(packagedMain), 'the installed Node bundle is the packaged one');
  });

  it('lists the example conferences with their session counts in the Sessions view', async function () {
    const stats = JSON.parse(execFileSync(process.execPath, [join(repoRoot, 'dist/cli.js'), 'stats', '--format', 'json', examplesDir], { encoding: 'utf8' }));
    const expected = stats.conferences.map((conference) => ({ label: conference.name, description: String(conference.sessions) }));
    assert.ok(expected.length >= 2, `examples/ holds at least two conferences (found ${expected.length})`);

    await openViewContainer(page, 'Conference Notes');
    await waitForTreeItems(page, expected.map((conference) => conference.label));
    const shown = (await treeItems(page)).filter((item) => item.level === 1).map(({ label, description }) => ({ label, description }));
    assert.deepEqual(
      [...shown].sort((a, b) => a.label.localeCompare(b.label)),
      [...expected].sort((a, b) => a.label.localeCompare(b.label)),
    );
  });
});
