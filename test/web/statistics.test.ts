// The Track statistics panel from the browser entry: the command opens the webview beside the editor and the
// webview draws the fixture's numbers (the table is what the webview reports after rendering).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { STATS_PANEL_VIEW_TYPE } from '../../src/vscode/stats/statsPanel';
import { FIXTURE_TABLE } from '../suite/fixtureExpectations';
import { activateExtension } from '../suite/helpers';

describe('Web-worker extension host: Track statistics panel', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens the panel and draws the fixture statistics', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('conferenceNotes.showTrackStatistics');
    const panel = api.statsPanel.panel;
    assert.ok(panel, 'the command opened a panel');
    assert.equal(panel.viewType, STATS_PANEL_VIEW_TYPE);
    const render = await api.statsPanel.waitForRender();
    assert.deepEqual(render.table, FIXTURE_TABLE);
    assert.ok(render.bars > 0, `the chart has bars (${render.bars})`);
  });
});
