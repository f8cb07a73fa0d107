// The Track statistics panel from the browser entry: the command opens the webview beside the editor, and a panel
// built over the running extension's notes loads its script in the browser and is sent the fixture's numbers.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { STATS_PANEL_VIEW_TYPE } from '../../src/vscode/stats/statsPanel';
import { FIXTURE_TABLE } from '../suite/fixtureExpectations';
import { activateExtension, drawnBars, drawnTable, openedStatsPanelTabs, testStatsPanel } from '../suite/helpers';

describe('Web-worker extension host: Track statistics panel', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens the panel and draws the fixture statistics', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('conferenceNotes.showTrackStatistics');
    assert.equal((await openedStatsPanelTabs()).length, 1, 'the command opened a panel');
    const probe = testStatsPanel(api);
    try {
      const panel = probe.controller.show();
      assert.equal(panel.viewType, STATS_PANEL_VIEW_TYPE);
      const update = await probe.nextUpdate();
      assert.deepEqual(drawnTable(update), FIXTURE_TABLE);
      const bars = drawnBars(update);
      assert.ok(bars > 0, `the chart has bars (${bars})`);
    } finally {
      probe.controller.dispose();
    }
  });
});
