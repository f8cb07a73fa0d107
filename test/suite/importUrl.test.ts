// Import Schedule from URL and Refresh Schedule in a real VS Code, against a schedule server the test starts on
// 127.0.0.1 (the extension host is Node): the report remembers its URL and time zone, a refresh re-imports a newer
// version with the user's notes kept and opens the summary of what changed, and a failed download writes nothing.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConferenceNotesApi } from '../../src/vscode/activation';
import type { ImportPrompts } from '../../src/vscode/import/scheduleImport';
import { MISSING_PATH, WEB_PAGE_PATH, startScheduleServer, type ScheduleServer } from '../unit/helpers/scheduleServer';
import { activateExtension, renderTree, waitForIndex, workspaceUri } from './helpers';

const fixtures = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'schedules');
const FOSDEM_PATH = '/2025/schedule/xml';

describe('Schedule import from a URL (extension host)', () => {
  let api: ConferenceNotesApi;
  let server: ScheduleServer;
  const folder = () => workspaceUri('imported-url');
  const report = () => workspaceUri('imported-url', 'FOSDEM-2025.md');
  const read = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

  /** `openSummary`: whether the user asks for the summary document after the import. */
  function answers(url: string, previews: string[], summaries: string[] = [], openSummary = false): ImportPrompts {
    return {
      scheduleFile: async () => assert.fail('no file is asked for'),
      scheduleUrl: async () => url,
      timeZone: async () => assert.fail('frab XML names its own time zone'),
      layout: async () => 'report',
      targetFolder: async () => folder(),
      confirm: async (preview, detail) => {
        previews.push(`${preview}\n${detail}`);
        return true;
      },
      offerSummary: async (countLine) => {
        summaries.push(countLine);
        return openSummary;
      },
      offerFileInstead: async () => assert.fail('only the browser refuses a URL'),
    };
  }

  before(async () => {
    api = await activateExtension();
    server = await startScheduleServer(fixtures);
    server.serve(FOSDEM_PATH, 'fosdem-day.xml', 'application/xml; charset=utf-8');
  });
  after(async () => {
    await server.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder(), { recursive: true, useTrash: false });
  });

  it('imports a frab XML from its URL after a preview; the report names the URL and the time zone', async () => {
    const previews: string[] = [];
    api.scheduleImport.prompts = answers(server.url(FOSDEM_PATH), previews);
    await vscode.commands.executeCommand('conferenceNotes.importScheduleFromUrl');
    assert.equal(previews.length, 1);
    assert.match(previews[0], /^Import FOSDEM 2025: 6 sessions in 3 tracks over 1 days\?/);
    const text = await read(report());
    assert.ok(text.startsWith(`---\nschedule: ${server.url(FOSDEM_PATH)}\ntimezone: Europe/Brussels\n---\n`), text.slice(0, 200));
    await waitForIndex(api, () => api.notes.index.conferenceSessionCount('FOSDEM 2025') === 6);
    const conference = (await renderTree(api)).find((node) => node.label === 'FOSDEM 2025');
    assert.deepEqual(conference?.children?.map((track) => track.label).sort(), ['Containers', 'Keynotes', 'Rust']);
  });

  it('refreshes the open report from its URL, keeps the user’s notes and opens the summary of what changed', async () => {
    const userText = 'My notes: the rootless containers demo worked first time.';
    const original = await read(report());
    const withNotes = original.replace('### Rootless Containers in Production\n', `$&\n${userText}\n`);
    assert.notEqual(withNotes, original);
    await vscode.workspace.fs.writeFile(report(), new TextEncoder().encode(withNotes));
    await vscode.window.showTextDocument(report());
    server.serve(FOSDEM_PATH, 'fosdem-day-v2.xml', 'application/xml');

    const previews: string[] = [];
    const summaries: string[] = [];
    api.scheduleImport.prompts = { ...answers('unused', previews, summaries, true), scheduleUrl: async () => assert.fail('refresh takes the URL from the note') };
    const summariesBefore = new Set(vscode.workspace.textDocuments.filter((document) => document.uri.scheme === 'untitled').map((document) => document.uri.toString()));
    await vscode.commands.executeCommand('conferenceNotes.refreshSchedule');
    assert.match(previews[0], /Updated: FOSDEM-2025\.md/);
    assert.deepEqual(summaries, ['1 added, 1 changed, 1 cancelled, 4 unchanged.']);
    const text = await read(report());
    assert.ok(text.includes(`\n${userText}\n`), 'the user text stays');
    assert.match(text, /### Signing Container Images\n/);
    assert.match(text, /### Containers Lightning Talks\n\n(?:- .*\n)*- status: cancelled\n/);

    // The summary opens as a document once the user asks for it: a new untitled one (the import before this test
    // left its own summary open).
    const deadline = Date.now() + 10_000;
    const isNewSummary = (document: vscode.TextDocument | undefined) => document?.uri.scheme === 'untitled' && !summariesBefore.has(document.uri.toString());
    while (!isNewSummary(vscode.window.activeTextEditor?.document) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const summary = vscode.window.activeTextEditor?.document;
    assert.equal(summary?.languageId, 'markdown');
    const lines = summary?.getText().split('\n') ?? [];
    assert.ok(lines.includes('- Added: Signing Container Images'), summary?.getText());
    assert.ok(lines.includes('- Changed: no_std Everywhere (time: 11:05–11:30 → 11:30–11:55)'), summary?.getText());
    assert.ok(lines.includes('- Cancelled: Containers Lightning Talks'), summary?.getText());
  });

  for (const [name, failingPath] of [['a 404', MISSING_PATH], ['a web page', WEB_PAGE_PATH]] as const) {
    it(`writes nothing when the URL gives ${name}`, async () => {
      const previews: string[] = [];
      api.scheduleImport.prompts = { ...answers(server.url(failingPath), previews), targetFolder: async () => workspaceUri('never-written') };
      const result = await vscode.commands.executeCommand<vscode.Uri | undefined>('conferenceNotes.importScheduleFromUrl');
      assert.equal(result, undefined);
      assert.deepEqual(previews, []);
      await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(workspaceUri('never-written'))));
    });
  }
});
