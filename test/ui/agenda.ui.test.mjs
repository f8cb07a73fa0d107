// The agenda during a conference, in the real workbench: a report whose sessions are on today (on the conference's
// own clock) fills the Agenda view with its days, time slots and sessions, and the status bar says what runs now;
// clicking the status bar item opens the session's note. Screenshots of both go into artifacts/.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'mocha';
import { openViewContainer, openWorkbench, screenshot, screenshotOnFailure } from './workbench.mjs';

const pad = (value) => String(value).padStart(2, '0');
const clock = (date) => `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;

/**
 * A conference on today, whatever the time of the run: its notes name the fixed-offset zone where it is about noon
 * now, so that the session running now and the next one fit in the day.
 */
function conferenceOnToday(now = new Date()) {
  const offsetHours = 12 - now.getUTCHours(); // -11 … +12
  // Etc/GMT zones count the other way round: Etc/GMT-3 is three hours ahead of UTC.
  const timezone = offsetHours === 0 ? 'Etc/GMT' : `Etc/GMT${offsetHours > 0 ? '-' : '+'}${Math.abs(offsetHours)}`;
  const local = (minutes) => new Date(now.getTime() + offsetHours * 3_600_000 + minutes * 60_000);
  const date = local(0).toISOString().slice(0, 10);
  const running = { title: 'Queues at Scale', time: `${clock(local(-15))}–${clock(local(30))}`, room: 'K.1.105' };
  const next = { title: 'Streams Without Tears', time: `${clock(local(45))}–${clock(local(75))}`, room: 'H.2215' };
  const session = ({ title, time, room }) => [`### ${title}`, '', `- date: ${date}`, `- time: ${time}`, `- room: ${room}`, '- status: planned', ''];
  const text = ['---', `timezone: ${timezone}`, '---', '', `# Harbour Summit ${date.slice(0, 4)}`, '', '## Cloud', '', ...session(running), ...session(next)].join('\n');
  return { text, now: running, next };
}

describe('Agenda view and Now / Next during a conference', function () {
  let workbench;
  let folder;
  let conference;

  before(async function () {
    folder = mkdtempSync(join(tmpdir(), 'conference-notes-agenda-'));
    conference = conferenceOnToday();
    writeFileSync(join(folder, 'harbour-summit.md'), conference.text);
    workbench = await openWorkbench({ folder, theme: 'light' });
    await openViewContainer(workbench.page, 'Conference Notes');
  });

  afterEach(screenshotOnFailure(() => workbench, 'agenda-'));

  after(async function () {
    await workbench?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('shows today’s sessions by time in the Agenda view and the one running now in the status bar', async function () {
    const { page } = workbench;
    const agenda = page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header', { hasText: 'Agenda' }) });
    const row = (title) => agenda.locator('.monaco-list-row[role="treeitem"]').filter({ hasText: title }).first();
    // Days and time slots open down to the sessions of today.
    await row(conference.now.title).waitFor();
    await row(conference.next.title).waitFor();
    const rows = await agenda.locator('.monaco-list-row[role="treeitem"]').allInnerTexts();
    const [nowAt, nextAt] = [conference.now.title, conference.next.title].map((title) => rows.findIndex((text) => text.includes(title)));
    assert.ok(nowAt >= 0 && nowAt < nextAt, `in time order: ${rows.join(' | ')}`);
    assert.ok(rows.some((text) => text.includes(conference.now.room)), `the room is shown: ${rows.join(' | ')}`);

    const status = page.locator('.part.statusbar .statusbar-item').filter({ hasText: `Now ${conference.now.time.split('–')[0]}` });
    await status.waitFor();
    // The time it is shown with may be its start or its span.
    const [start, end] = conference.now.time.split('–');
    assert.match(await status.innerText(), new RegExp(`Now ${start}(?:–${end})? ${conference.now.room.replace(/\./g, '\\.')} — ${conference.now.title}`));
    await screenshot(page, 'agenda-now-next');

    await status.click();
    const editor = page.locator('.part.editor .monaco-editor').first();
    await editor.locator('.view-line').filter({ hasText: `### ${conference.now.title}` }).first().waitFor();
  });
});
