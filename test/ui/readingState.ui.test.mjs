// The first seconds of the Sessions view on a large workspace, in the real workbench: while the notes are read the
// view says so — not that the workspace has no notes, and without the create buttons of the empty workspace — and
// then shows the sessions. The scan is made slow the way a user's is, by the size of the workspace: many notes,
// generated in a temp folder, so a fast machine still reads for seconds (the scan starts when the view opens).
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import { openViewContainer, openWorkbench, screenshot } from './workbench.mjs';

/** Notes of three sessions each: 25,000 of them take a few seconds to read even on a fast machine. */
const NOTE_COUNT = 25_000;
const NOTES_PER_FOLDER = 500;
const conference = 'Large Workspace Conf 2026';

function writeLargeWorkspace(root) {
  for (let i = 0; i < NOTE_COUNT; i++) {
    const folder = join(root, `day-${String(Math.floor(i / NOTES_PER_FOLDER)).padStart(2, '0')}`);
    if (i % NOTES_PER_FOLDER === 0) mkdirSync(folder);
    const sessions = [1, 2, 3].map((n) => `### Session ${i}.${n}\n\n- speakers: Speaker ${n}\n\nNotes of the talk.\n`).join('\n');
    writeFileSync(join(folder, `note-${i}.md`), `# ${conference}\n\n## Track ${i % 7}\n\n${sessions}`);
  }
}

describe('Sessions view while a large workspace is read', function () {
  let workbench;
  let folder;

  before(async function () {
    folder = mkdtempSync(join(tmpdir(), 'conference-notes-large-'));
    writeLargeWorkspace(folder);
    workbench = await openWorkbench({ folder, theme: 'dark' });
  });

  after(async function () {
    await workbench?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('says that it is reading, not that there are no notes, until the sessions are shown', async function () {
    const { page } = workbench;
    await openViewContainer(page, 'Conference Notes');
    const welcome = page.locator('.part.sidebar .welcome-view-content');
    await welcome.getByText('Reading the notes of this workspace…').waitFor({ timeout: 30_000 });
    assert.equal(await welcome.getByText('No conference notes found in this workspace yet.').count(), 0, 'no empty-workspace text while reading');
    assert.equal(await welcome.getByRole('button', { name: 'New Conference Report' }).count(), 0, 'no create buttons while reading');
    await screenshot(page, 'sessions-reading');
    // Reading a large workspace on a slow machine may take longer than the UI wait of the other tests.
    await page.locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="1"]').filter({ hasText: conference }).waitFor({ timeout: 90_000 });
    await page.locator('.part.sidebar').getByText('Reading the notes of this workspace…').waitFor({ state: 'hidden' });
    assert.equal(await page.locator('.part.sidebar').getByText('No conference notes found in this workspace yet.').filter({ visible: true }).count(), 0);
  });
});
