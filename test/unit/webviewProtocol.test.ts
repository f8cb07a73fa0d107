// The host's validation of what the statistics webview sends: a webview is untrusted, so every message is
// checked field by field and rebuilt from its known fields before the host acts on it.
import * as assert from 'node:assert/strict';
import { DEFAULT_VIEW_OPTIONS, isStatsViewState, parseWebviewMessage } from '../../src/webview/protocol';

describe('statistics webview protocol', () => {
  it('accepts every well-formed message', () => {
    const messages = [
      { type: 'ready', options: DEFAULT_VIEW_OPTIONS },
      { type: 'optionsChanged', options: { hiddenConferences: ['DevConf 2024'], sort: 'name', valueMode: 'percent', exportPalette: 'dark' } },
      { type: 'openTrack', conference: 'DevConf 2024', track: 'Cloud' },
      { type: 'openTrack', conference: 'DevConf 2024', track: null },
      { type: 'export', format: 'insertIntoReport' },
      { type: 'png', requestId: 3, base64: 'iVBORw0KGgo=' },
      { type: 'pngFailed', requestId: 3, message: 'no canvas' },
      { type: 'error', message: 'TypeError: x is undefined' },
    ];
    for (const message of messages) assert.deepEqual(parseWebviewMessage(message), message);
  });

  it('exports in the current theme’s colours by default, and keeps light or dark when chosen', () => {
    assert.equal(DEFAULT_VIEW_OPTIONS.exportPalette, 'theme');
    for (const exportPalette of ['theme', 'light', 'dark']) {
      assert.equal(isStatsViewState({ options: { ...DEFAULT_VIEW_OPTIONS, exportPalette } }), true, exportPalette);
    }
  });

  it('rejects unknown types, missing or mistyped fields and out-of-range values', () => {
    const invalid: unknown[] = [
      undefined,
      null,
      'ready',
      [],
      { type: 'runScript', code: 'alert(1)' },
      { type: 'ready' },
      { type: 'optionsChanged', options: { ...DEFAULT_VIEW_OPTIONS, sort: 'size' } },
      { type: 'optionsChanged', options: { ...DEFAULT_VIEW_OPTIONS, hiddenConferences: [42] } },
      { type: 'optionsChanged', options: { ...DEFAULT_VIEW_OPTIONS, exportPalette: 'vscode' } },
      { type: 'openTrack', conference: 'DevConf 2024' },
      { type: 'openTrack', conference: ['DevConf 2024'], track: 'Cloud' },
      { type: 'openTrack', conference: 'x'.repeat(10_001), track: 'Cloud' },
      { type: 'export', format: 'exe' },
      { type: 'png', requestId: -1, base64: 'AAAA' },
      { type: 'png', requestId: 1.5, base64: 'AAAA' },
      { type: 'png', requestId: 1, base64: 'not base64!' },
      { type: 'error', message: { toString: 'boom' } },
    ];
    for (const message of invalid) assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message));
  });

  it('drops fields the protocol does not know', () => {
    const parsed = parseWebviewMessage({ type: 'optionsChanged', options: { ...DEFAULT_VIEW_OPTIONS, extra: '<script>' }, also: 1 });
    assert.deepEqual(parsed, { type: 'optionsChanged', options: DEFAULT_VIEW_OPTIONS });
  });

  it('accepts a saved webview state only with valid options', () => {
    assert.equal(isStatsViewState({ options: DEFAULT_VIEW_OPTIONS }), true);
    assert.equal(isStatsViewState({ options: { ...DEFAULT_VIEW_OPTIONS, valueMode: 'ratio' } }), false);
    assert.equal(isStatsViewState({ options: { ...DEFAULT_VIEW_OPTIONS, counted: 'attended' } }), true);
    assert.equal(isStatsViewState({ options: { ...DEFAULT_VIEW_OPTIONS, counted: 'mine' } }), false);
    assert.equal(isStatsViewState({ options: { ...DEFAULT_VIEW_OPTIONS, scope: 'programme' } }), true);
    assert.equal(isStatsViewState({ options: { ...DEFAULT_VIEW_OPTIONS, scope: 'everything' } }), false);
    assert.equal(isStatsViewState(undefined), false);
  });
});
